"""A file prepared for analysis: decoded text, the HTML it stands for, its masked twin, front
matter and positions. Which syntax a file has comes from its language (pixellint.languages)."""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeAlias

from pixellint.languages import registry
from pixellint.languages.base import Kind, Language, Role
from pixellint.lazyre import lazy
from pixellint.mask import Region, apply_mask, blank, blank_all, template_regions
from pixellint.source import LineIndex, MappedLines

_FRONT_MATTER = lazy(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)(?:\r?\n)\1[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FENCE = lazy(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\2[`~]*[ \t]*\r?$|\Z)", re.M | re.S)
_CODE_SPAN = lazy(r"(`+)[^`\n].*?\1", re.S)
_HIGHLIGHT = lazy(
    r"\{%-?\s*highlight\b.*?%\}.*?\{%-?\s*endhighlight\s*-?%\}|"
    r"\{\{<\s*highlight\b.*?>\}\}.*?\{\{<\s*/highlight\s*>\}\}",
    re.S,
)


@dataclass
class Document:
    """`source`, `masked` and `regions` are in analysed offsets: the file's own text for HTML with
    holes, the generated HTML for Pug, HAML and Slim. `lines` turns analysed offsets into the
    original file's line and column; `text_lines` does the same for offsets into `text`."""

    path: str  # POSIX, relative to the project root
    text: str  # decoded original
    language: Language
    source: str = ""
    masked: str = ""
    regions: list[Region] = field(default_factory=list)
    front_matter: dict[str, str] = field(default_factory=dict)  # top-level scalars
    front_matter_span: tuple[int, int] = (0, 0)  # the front matter's body, offsets into text
    front_matter_toml: bool = False
    template_comments: list[tuple[int, int]] = field(default_factory=list)  # offsets into text
    code_blocks: list[tuple[int, int]] = field(default_factory=list)  # Markdown fences and spans
    text_lines: LineIndex = field(init=False)
    lines: LineIndex | MappedLines = field(init=False)

    def __post_init__(self) -> None:
        self.text_lines = LineIndex(self.text)
        self.lines = self.text_lines
        self.source = self.source or self.text

    @property
    def kind(self) -> Kind:
        return self.language.kind

    def front_entry(self, key: str) -> FrontEntry | None:
        """Top-level `key` of the front matter, in any case, with its value read as data."""
        start, end = self.front_matter_span
        if start == end:
            return None
        entry = read_front_entry(self.text[start:end], self.front_matter_toml, key)
        return entry and FrontEntry(entry.value, entry.start + start, entry.end + start)

    def in_code_block(self, offset: int) -> bool:
        """Inside a Markdown code fence or span: shown as text, never run nor a marker."""
        blocks = self.code_blocks
        index = bisect.bisect_right(blocks, (offset, len(self.text) + 1)) - 1
        return index >= 0 and blocks[index][0] <= offset < blocks[index][1]


def language_of(path: str) -> Language | None:
    return registry.by_path(path)


def prepare(path: str, text: str, language: Language) -> Document:
    language = registry.for_text(language, text)
    doc = Document(path, text, language)
    if language.kind in (Kind.CODE, Kind.DATA):
        doc.masked = text
        return doc
    if language.reader is not None:
        view = language.reader(text)
        doc.source, doc.masked = view.source, view.masked
        doc.regions = [Region(start, end, role) for start, end, role in view.regions]
        doc.lines = MappedLines(doc.text_lines, view.pieces)
        doc.template_comments = list(view.comments)
        return doc
    masked = text
    fm = _FRONT_MATTER.match(text) if language.kind is not Kind.SCRIPT else None
    if fm:
        doc.front_matter_toml = fm.group(1) == "+++"
        doc.front_matter = parse_front_matter(fm.group(2), doc.front_matter_toml)
        doc.front_matter_span = fm.span(2)
        masked = blank(masked, 0, fm.end())
    if language.kind is Kind.MARKDOWN:
        for pattern in (_FENCE, _CODE_SPAN):  # spans are looked for once fences are blank
            spans = [m.span() for m in pattern.finditer(masked)]
            masked = blank_all(masked, spans)
            doc.code_blocks.extend(spans)
        doc.code_blocks.sort()
    if "highlight" in masked:
        masked = blank_all(masked, [m.span() for m in _HIGHLIGHT.finditer(masked)])
    doc.regions = template_regions(masked, language)
    doc.masked = apply_mask(masked, doc.regions)
    doc.template_comments = [(r.start, r.end) for r in doc.regions if r.kind is Role.COMMENT]
    return doc


# --- front matter --------------------------------------------------------------------------------
# YAML is read by a small reader of the shapes front matter uses (no YAML dependency); TOML with
# tomllib, and by the same reader when it is not valid. Neither may raise on any input.

FrontValue: TypeAlias = str | bool | list["FrontValue"] | dict[str, "FrontValue"]
_MAX_DEPTH = 16  # deeper nesting is read as text: no front matter needs more, no stack overflows
_FM_LINE = lazy(r"""^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$""")
_FM_KEY = lazy(r"""(["']?)([A-Za-z_][\w-]*)\1[ \t]*[:=][ \t]*(.*)""", re.S)
_DOUBLE_QUOTED = lazy(r'"((?:[^"\\\n]|\\.)*)"')
_SINGLE_QUOTED = lazy(r"'((?:[^'\n]|'')*)'")
_PLAIN_VALUE = lazy(r"[^,\[\]{}\n#]*")
_PLAIN_KEY = lazy(r"[^,\[\]{}\n#:=]*")
_TOML_HEADER = lazy(r"^[ \t]*\[", re.M)


@dataclass(frozen=True, slots=True)
class FrontEntry:
    """A top-level front matter key: its value as data and where the key is written."""

    value: FrontValue  # str, bool, or lists and mappings of them; other TOML scalars as text
    start: int  # offsets of the key's name
    end: int


class _Unreadable(Exception):
    """A flow value that is not well formed: it is kept as text."""


def parse_front_matter(body: str, toml: bool) -> dict[str, str]:
    """Top-level scalar keys of YAML or TOML front matter; enough for layout and markers."""
    data = _toml(body) if toml else None
    if data is not None:
        return {
            key: str(value).lower() if isinstance(value, bool) else str(value)
            for key, value in data.items()
            if not isinstance(value, (dict, list))
        }
    values: dict[str, str] = {}
    for line in body.splitlines():
        if not line or line[0] in " \t#-[":
            continue
        match = _FM_LINE.match(line)
        if match:
            value = match.group(2).split(" #")[0].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            values[match.group(1)] = value
    return values


def read_front_entry(body: str, toml: bool, key: str) -> FrontEntry | None:
    """Top-level `key` (any case) of a front matter body, nested forms included: YAML block and
    flow mappings and lists, TOML tables, inline tables and dotted keys."""
    key = key.lower()
    data = _toml(body) if toml else None
    if data is None:
        return _line_entry(body, key)
    name = next((k for k in data if k.lower() == key), None)
    if name is None:
        return None
    start, end = _toml_key(body, name)
    return FrontEntry(_plain(data[name], 0), start, end)


@lru_cache(maxsize=16)
def _toml(body: str) -> dict[str, object] | None:
    try:
        return tomllib.loads(body)
    except (ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        return None


def _plain(value: object, depth: int) -> FrontValue:
    """TOML data as FrontValue: dates and numbers become text."""
    if isinstance(value, (str, bool)):
        return value
    if depth >= _MAX_DEPTH:
        return ""
    if isinstance(value, list):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    return str(value)


def _toml_key(body: str, name: str) -> tuple[int, int]:
    """Where top-level key `name` is written: before the first table, or as a table header."""
    quoted = f"""(["']?){re.escape(name)}\\1"""
    header = _TOML_HEADER.search(body)
    top = body[: header.start()] if header else body
    found = re.search(rf"^[ \t]*{quoted}[ \t]*[.=]", top, re.M) or re.search(
        rf"^[ \t]*\[\[?[ \t]*{quoted}[ \t]*[.\]]", body, re.M
    )
    if found is None:
        return 0, 0
    start = found.end(1)
    return start, start + len(name)


def _line_entry(body: str, key: str) -> FrontEntry | None:
    lines = body.splitlines(keepends=True)
    offset = 0
    for index, line in enumerate(lines):
        match = _FM_KEY.match(line) if line[:1] not in " \t#-[" else None
        if match and match.group(2).lower() == key:
            rest = match.group(3).strip()
            if rest and not rest.startswith("#"):
                value = _inline(rest)
            else:
                value = _block(_indented(lines, index + 1), 0)
            return FrontEntry(value, offset + match.start(2), offset + match.end(2))
        offset += len(line)
    return None


def _indented(lines: list[str], start: int) -> list[str]:
    """The lines from `start` that are indented, blank or comments: a key's block value."""
    block = []
    for line in lines[start:]:
        if line.strip() and line[0] not in " \t" and not line.startswith("#"):
            break
        if line.strip() and not line.lstrip().startswith("#"):
            block.append(line.rstrip("\r\n"))
    return block


def _block(lines: list[str], depth: int) -> FrontValue:
    """A YAML block mapping or sequence, from its indented, non-blank lines."""
    if not lines or depth >= _MAX_DEPTH:
        return ""
    indent = len(lines[0]) - len(lines[0].lstrip(" \t"))
    items: list[tuple[str, list[str]]] = []  # each line at `indent`, with the deeper lines under it
    for line in lines:
        if len(line) - len(line.lstrip(" \t")) <= indent or not items:
            items.append((line.strip(), []))
        else:
            items[-1][1].append(line)
    if items[0][0] == "-" or items[0][0].startswith(("- ", "-\t")):
        return [
            _inline(head[1:].strip()) if head[1:].strip() else _block(under, depth + 1)
            for head, under in items
            if head.startswith("-")
        ]
    mapping: dict[str, FrontValue] = {}
    for head, under in items:
        match = _FM_KEY.match(head)
        if match:
            rest = match.group(3).strip()
            inline = rest and not rest.startswith("#")
            mapping[match.group(2)] = _inline(rest) if inline else _block(under, depth + 1)
    return mapping


def _inline(text: str) -> FrontValue:
    """A value written on the key's line: a flow mapping or list, a quoted or plain scalar."""
    if text[:1] in "[{\"'":
        try:
            value, end = _flow(text, 0, 0)
            rest = text[end:].strip()
            if not rest or rest.startswith("#"):
                return value
        except _Unreadable:
            pass
        if text[:1] in "[{":
            return text
    return _scalar(re.split(r"[ \t]#", text, maxsplit=1)[0].strip())


def _scalar(text: str) -> FrontValue:
    lowered = text.lower()
    return lowered == "true" if lowered in ("true", "false") else text


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _flow(text: str, i: int, depth: int) -> tuple[FrontValue, int]:
    """The flow value at `i` ([a, b], {k: v} or TOML {k = v}) and the offset after it."""
    i = _skip(text, i)
    if depth >= _MAX_DEPTH or i >= len(text):
        raise _Unreadable
    opener = text[i]
    if opener not in "[{":
        return _flow_scalar(text, i, key=False)
    close = "]" if opener == "[" else "}"
    items: list[FrontValue] = []
    mapping: dict[str, FrontValue] = {}
    i = _skip(text, i + 1)
    while i < len(text) and text[i] != close:
        if opener == "[":
            value, i = _flow(text, i, depth + 1)
            items.append(value)
        else:
            name, i = _flow_scalar(text, i, key=True)
            i = _skip(text, i)
            value = ""
            if i < len(text) and text[i] in ":=":
                value, i = _flow(text, i + 1, depth + 1)
            mapping[str(name)] = value
        i = _skip(text, i)
        if i < len(text) and text[i] == ",":
            i = _skip(text, i + 1)
        elif i >= len(text) or text[i] != close:
            raise _Unreadable
    if i >= len(text):
        raise _Unreadable
    return (items if opener == "[" else mapping), i + 1


def _flow_scalar(text: str, i: int, *, key: bool) -> tuple[FrontValue, int]:
    if text[i] in "\"'":
        quoted = (_DOUBLE_QUOTED if text[i] == '"' else _SINGLE_QUOTED).match(text, i)
        if quoted is None:
            raise _Unreadable
        body = quoted.group(1)
        return (
            body.replace('\\"', '"') if text[i] == '"' else body.replace("''", "'")
        ), quoted.end()
    plain = (_PLAIN_KEY if key else _PLAIN_VALUE).match(text, i)
    assert plain is not None  # both patterns match the empty string
    value = plain.group().strip()
    return (value if key else _scalar(value)), plain.end()
