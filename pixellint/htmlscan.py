"""A position-exact HTML tag scanner: finds the elements trackers live in, with absolute offsets.

Not a full HTML5 tokenizer on purpose: it only needs start tags, attributes, raw-text bodies and
comments, at ~100 MB/s, tolerant of template debris (which mask.py has already neutralised).
Stdlib html.parser is the reference it is tested against.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from pixellint.lazyre import lazy

# no '_' in tag names: masked template output (`<script{{ attrs }}>` -> `<script_________>`) must
# not glue itself to the tag name
_NAME = lazy(r"[A-Za-z][A-Za-z0-9:-]*")
# an on* attribute, not `content=` nor `data-on…=`; the literal first keeps the search fast
_ON = re.compile(rb"on(?<![\w:.-]on)[a-z]{3,}\s*=")
_ATTR = lazy(
    r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'`]+)))?""",
)
_TAG_END = lazy(r"""(?:[^>"']|"[^"]*"|'[^']*')*?>""")
_HANDLER = lazy(r"\son[a-z]{3,}\s*=", re.IGNORECASE)
RAW_TEXT = frozenset({"script", "style", "textarea", "xmp", "title", "noembed", "noframes"})
INERT = frozenset({"pre", "code", "template", "xmp", "textarea", "samp", "kbd"})
INTERESTING = frozenset({"script", "img", "iframe", "amp-pixel", "meta", "noscript"})
# the tags a scan stops at: the ones it reports and the ones that change the meaning of the text
# after them (no '_' after the name: masked template output must not glue itself to it)
_WANTED = re.compile(
    r"<(?:!--|!|/?(?i:"
    + "|".join(sorted(RAW_TEXT | INERT | INTERESTING, key=len, reverse=True)).replace("-", r"\-")
    + r")(?![A-Za-z0-9:-]))"
)
MAX_TAG = 65536


@dataclass(slots=True)
class Attr:
    value: str  # raw (not entity-decoded) attribute text
    offset: int  # absolute offset of the value's first character


@dataclass(slots=True)
class Element:
    tag: str
    start: int  # offset of "<"
    tag_end: int  # offset just after ">"
    attrs: dict[str, Attr] = field(default_factory=dict)
    content_start: int = -1
    content_end: int = -1
    in_noscript: bool = False
    inert: bool = False  # inside <pre>/<code>/<template>: shown as text or never run

    def get(self, name: str) -> str | None:
        attr = self.attrs.get(name)
        return attr.value if attr else None


@dataclass(slots=True)
class Scan:
    elements: list[Element]
    handlers: list[tuple[Element, str, Attr]]  # elements with on* attributes


def scan(text: str, *, jsx: bool = False) -> Scan:
    """Elements of `text`. With `jsx` (MDX, HEEx, Astro) a self-closing `<script ... />` has no
    body, as in JSX; in HTML the `/` is ignored and the raw text runs to `</script>`.

    Only the tags that matter are visited: the interesting ones, those that change what the text
    around means (raw text, inert and `<noscript>` sections, comments) and those with an `on*`
    attribute. A page's other tags (nine in ten) are skipped at C speed; a wanted tag name that
    sits inside another tag's quoted attribute (`<div data-x="<script …>">`) is recognised as
    such and skipped with that tag."""
    elements: list[Element] = []
    handlers: list[tuple[Element, str, Attr]] = []
    candidates = _handler_candidates(text)
    next_candidate = 0
    inert_depth = 0
    noscript_depth = 0
    pos = 0
    length = len(text)
    search = _WANTED.search
    while True:
        match = search(text, pos)
        start = match.start() if match else length
        # an on* attribute before the next wanted tag belongs to some other start tag
        while next_candidate < len(candidates) and candidates[next_candidate] < start:
            at = candidates[next_candidate]
            next_candidate += 1
            if at < pos:
                continue
            owner = _enclosing_tag(text, pos, at)
            if owner is None:
                continue
            element, attr_end = owner
            element.inert, element.in_noscript = inert_depth > 0, noscript_depth > 0
            _parse_attrs(text, element.start + 1 + len(element.tag), attr_end, element)
            _collect_handlers(element, handlers)
            pos = element.tag_end
        if match is None:
            break
        if match.start() < pos:  # inside the tag just read for its handlers
            continue
        owner = _enclosing_tag(text, pos, start)
        if owner is not None:  # `<script` inside another tag's quoted attribute value
            element, attr_end = owner
            if _HANDLER.search(text, element.start, attr_end):
                element.inert, element.in_noscript = inert_depth > 0, noscript_depth > 0
                _parse_attrs(text, element.start + 1 + len(element.tag), attr_end, element)
                _collect_handlers(element, handlers)
            pos = element.tag_end
            continue
        token = match.group()
        if token == "<!--":
            pos = _comment_end(text, start)
            continue
        if token == "<!":
            close = text.find(">", start)
            pos = length if close < 0 else close + 1
            continue
        if token.startswith("</"):
            name = token[2:].lower()
            close = text.find(">", start)
            pos = length if close < 0 else close + 1
            if name in INERT and inert_depth:
                inert_depth -= 1
            elif name == "noscript" and noscript_depth:
                noscript_depth -= 1
            continue
        name = token[1:].lower()
        tag_end, attr_text_end = _find_tag_end(text, match.end())
        element = Element(name, start, tag_end)
        element.in_noscript = noscript_depth > 0
        element.inert = inert_depth > 0
        _parse_attrs(text, match.end(), attr_text_end, element)
        self_closing = text[max(start, tag_end - 2) : tag_end] == "/>"
        pos = tag_end
        if name in RAW_TEXT and not (jsx and self_closing):
            element.content_start = tag_end
            close_at = _find_close(text, name, tag_end)
            element.content_end = close_at
            pos = close_at
        if name in INERT and not self_closing and name not in RAW_TEXT:
            inert_depth += 1
        if name == "noscript" and not self_closing:
            noscript_depth += 1
        if name in INTERESTING:
            elements.append(element)
        _collect_handlers(element, handlers)
    return Scan(elements, handlers)


def _handler_candidates(text: str) -> list[int]:
    """Where an `on*=` attribute may be, in any case: one C-speed pass over an ASCII-lowered
    copy of the same length (any other character becomes `?`, which no attribute name holds)."""
    data = text.encode("ascii") if text.isascii() else text.encode("ascii", "replace")
    return [m.start() for m in _ON.finditer(data.lower())]


def _enclosing_tag(text: str, pos: int, at: int) -> tuple[Element, int] | None:
    """The start tag (after `pos`) whose attributes hold offset `at`, with the offset of its
    `>`; None when `at` is outside every tag."""
    opener = text.rfind("<", pos, at)
    if opener < 0:
        return None
    name = _NAME.match(text, opener + 1)
    if name is None:
        return None
    tag_end, attr_end = _find_tag_end(text, name.end())
    if tag_end <= at:
        return None
    return Element(name.group().lower(), opener, tag_end), attr_end


def _collect_handlers(element: Element, handlers: list[tuple[Element, str, Attr]]) -> None:
    for attr_name, attr in element.attrs.items():
        if attr_name.startswith("on") and len(attr_name) > 3 and attr.value.strip():
            handlers.append((element, attr_name, attr))


def _comment_end(text: str, start: int) -> int:
    if text.startswith("<!-->", start):
        return start + 5
    if text.startswith("<!--->", start):
        return start + 6
    close = text.find("-->", start + 4)
    return len(text) if close < 0 else close + 3


def _find_tag_end(text: str, pos: int) -> tuple[int, int]:
    """Return (offset after '>', offset of '>'), respecting quoted attribute values."""
    close = text.find(">", pos)
    if close >= 0 and '"' not in text[pos:close] and "'" not in text[pos:close]:
        return close + 1, close  # the common case: no quoted value that could hide a '>'
    match = _TAG_END.match(text, pos, min(len(text), pos + MAX_TAG))
    if match:
        return match.end(), match.end() - 1
    close = text.find(">", pos)
    if close < 0:
        return len(text), len(text)
    return close + 1, close


def _find_close(text: str, name: str, pos: int) -> int:
    needle = "</" + name
    low = text.find(needle, pos)
    if low < 0:
        # case-insensitive fallback, rare: </SCRIPT>
        found = re.compile(re.escape(needle), re.IGNORECASE).search(text, pos)
        return found.start() if found else len(text)
    return low


def _parse_attrs(text: str, pos: int, end: int, element: Element) -> None:
    for match in _ATTR.finditer(text, pos, end):
        name = match.group(1).lower()
        if name in element.attrs:
            continue
        for group in (2, 3, 4):
            value = match.group(group)
            if value is not None:
                element.attrs[name] = Attr(value, match.start(group))
                break
        else:
            element.attrs[name] = Attr("", match.end())


_ENTITY = lazy(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")


def unescape_with_map(raw: str) -> tuple[str, list[int]]:
    """Decode character references, keeping for each output char its offset in `raw`."""
    if "&" not in raw:
        return raw, list(range(len(raw) + 1))
    out: list[str] = []
    offsets: list[int] = []
    last = 0
    for match in _ENTITY.finditer(raw):
        for i in range(last, match.start()):
            out.append(raw[i])
            offsets.append(i)
        decoded = html.unescape(match.group())
        for ch in decoded:
            out.append(ch)
            offsets.append(match.start())
        last = match.end()
    for i in range(last, len(raw)):
        out.append(raw[i])
        offsets.append(i)
    offsets.append(len(raw))
    return "".join(out), offsets
