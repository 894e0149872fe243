"""A file prepared for analysis: decoded text, the HTML it stands for, its masked twin, front
matter and positions. Which syntax a file has comes from its language (pixellint.languages)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

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
    front_matter: dict[str, str] = field(default_factory=dict)
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
        doc.front_matter = parse_front_matter(fm.group(2), fm.group(1) == "+++")
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


_FM_LINE = lazy(r"""^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$""")


def parse_front_matter(body: str, toml: bool) -> dict[str, str]:
    """Top-level scalar keys of YAML or TOML front matter; enough for layout and markers."""
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
