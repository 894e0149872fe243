"""Phoenix templates: HEEx (`.heex`), LiveView LEEx (`.leex`) and EEx (`.eex`).

EEx tags (`<%= %>`, `<% %>`, `<%# %>`, `<%!-- --%>`) are lexically first: they are found before
any HTML, inside `<script>` bodies and HTML comments too. HEEx adds `{expr}` interpolation in
attribute values (`src={@url}`), as root attributes (`<div {@rest}>`) and in text, but never in
`<script>`/`<style>` bodies nor inside an element marked `phx-no-curly-interpolation`; that needs
to know where a tag is, which a span regex cannot, so this module reads the file itself and
masks it same-length (a `View` whose one piece is the whole file: every offset is its own).

Function components (`<.analytics />`, `<Layouts.app>`) are followed by the Phoenix convention
(pixellint.conventions.phoenix), which matches the calls noted by `component_calls` against the
definitions noted in `.ex` files (pixellint.languages.elixir).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from pixellint.languages.base import Include, Kind, Language, Role, Span, View
from pixellint.languages.spans import (
    HASH_CODE_COMMENTS,
    HTML_COMMENT,
    JS_BLOCK_COMMENT,
    JS_LINE_COMMENT,
    between,
)
from pixellint.mask import blank_all, mask_spans

# --- comment forms, for markers and suppressions (comments.py) -----------------------------------
HEEX_COMMENT = Span(
    "heex_comment",
    "<%!--",
    between("<%!--", "--%>", to_end=True),
    Role.COMMENT,
    18,
    closers=(r"--%>",),
)
EEX_COMMENT = Span(
    "eex_comment", "<%#", between("<%#", "%>", to_end=True), Role.COMMENT, 19, closers=(r"%>",)
)
COMMENTS = (HTML_COMMENT, JS_BLOCK_COMMENT, JS_LINE_COMMENT)

# --- EEx tags -----------------------------------------------------------------------------------
# `<%%` is EEx's escape for a literal `<%`; every other `<%` opens a tag that ends at the first
# `%>` (EEx itself does not look inside Elixir strings for it). An unclosed tag runs to the end.
_EEX_CLOSERS = (
    ("<%!--", "--%>", Role.COMMENT),
    ("<%#", "%>", Role.COMMENT),
    ("<%=", "%>", Role.OUTPUT),
)

# --- the HTML structure HEEx interpolation depends on --------------------------------------------
_TEXT_TOKEN = re.compile(r"<!--|<(/?)([A-Za-z.:][\w.:-]*)|\{")
# what matters inside a start tag: quotes (skipped whole), braces, its end, and a `<` that cannot
# be inside a tag (a broken tag ends there)
_TAG_STOP = re.compile(r"""[{"'<>]""")
_BLANKS = frozenset(" \t\r\n")
_NOT_NAME = frozenset(" \t\r\n\"'<>/={}")
_RAW_BODY = frozenset({"script", "style"})
_SPECIAL_ATTRS = frozenset({":if", ":for", ":let", ":key"})  # print nothing: masked as control
_NO_CURLY = "phx-no-curly-interpolation"
_BRACE = re.compile(r"\\[{}]|[{}]")
_SHORT = 256  # an expression this short is matched by bounded searches
_LONG_TAG = 4096  # a start tag this short is read with one search when it has no brace
# markup inside a `{...}` means the braces are not an HEEx expression (EEx text, a stray brace):
# such braces are left alone rather than hide a tag
_MARKUP = re.compile(r"<[A-Za-z/!]")


def eex_regions(text: str) -> list[tuple[int, int, Role]]:
    """EEx tags in `text` as (start, end, role). Linear: every search starts where the previous
    tag ended."""
    found: list[tuple[int, int, Role]] = []
    at = text.find("<%")
    while at >= 0:
        if text.startswith("<%%", at):
            at = text.find("<%", at + 3)
            continue
        closer, role = "%>", Role.CODE
        for opener, close, kind in _EEX_CLOSERS:
            if text.startswith(opener, at):
                closer, role = close, kind
                break
        close_at = text.find(closer, at + 2)
        end = len(text) if close_at < 0 else close_at + len(closer)
        found.append((at, end, role))
        at = text.find("<%", end)
    return found


class _Masker:
    """One pass over a template (or one `~H` sigil body) with its EEx tags already blanked."""

    def __init__(self, work: str, curly: bool) -> None:
        self.work = work  # the text with EEx tags masked: their contents cannot confuse the scan
        self.curly = curly
        self.regions: list[tuple[int, int, Role]] = []
        self._pairs: dict[int, int] | None = None
        self._markup: list[int] | None = None

    def run(self) -> list[tuple[int, int, Role]]:
        work, pos = self.work, 0
        while True:
            match = _TEXT_TOKEN.search(work, pos)
            if match is None:
                return self.regions
            token = match.group()
            if token == "<!--":
                close = work.find("-->", match.end())
                pos = len(work) if close < 0 else close + 3
            elif token == "{":
                pos = self._expression(match.start(), Role.OUTPUT, match.start())
            elif match.group(1):
                pos = match.end()
            else:
                pos = self._element(match.group(2), match.end())

    def _element(self, name: str, pos: int) -> int:
        """Masks the start tag's `{...}` values; returns where scanning goes on (past a raw body)."""
        pos, closed, no_curly = self._start_tag(pos)
        lowered = name.lower()
        if closed or pos >= len(self.work):
            return pos
        if lowered in _RAW_BODY:
            return _find_close(self.work, lowered, pos)
        if no_curly:
            return _skip_element(self.work, name, pos)
        return pos

    def _start_tag(self, pos: int) -> tuple[int, bool, bool]:
        """(offset after the tag, self-closing, has phx-no-curly-interpolation). Steps from one
        quote, brace or bracket to the next: quoted values are skipped whole, a `{` is a value
        when `=` precedes it (`src={...}`, `:if={...}`) and a root attribute otherwise."""
        work, start = self.work, pos
        close = work.find(">", pos, pos + _LONG_TAG)
        if close >= 0:  # the common case: no brace, and no quote that could hide the '>'
            attrs = work[pos:close]
            if (
                "{" not in attrs
                and "<" not in attrs
                and not (attrs.count('"') | attrs.count("'")) & 1
            ):
                return close + 1, attrs.endswith("/"), _NO_CURLY in attrs
        while True:
            stop = _TAG_STOP.search(work, pos)
            if stop is None:
                return len(work), False, _NO_CURLY in work[start:]
            at, char = stop.start(), stop.group()
            if char == ">":
                return at + 1, at > start and work[at - 1] == "/", _NO_CURLY in work[start:at]
            if char == "<":  # no '<' in a tag: a broken tag ends here
                return at, False, _NO_CURLY in work[start:at]
            if char != "{":
                close = work.find(char, at + 1)
                pos = at + 1 if close < 0 else close + 1
                continue
            name_start, name = _attribute_before(work, start, at)
            special = name in _SPECIAL_ATTRS
            role = Role.CONTROL if special else Role.OUTPUT
            pos = self._expression(at, role, name_start if special else at)

    def _expression(self, brace: int, role: Role, start: int) -> int:
        """Masks `{...}` opened at `brace` (from `start`, to cover `:if=`) and returns the offset
        after it; an unbalanced brace, or one holding markup, is plain text."""
        if not self.curly:
            return brace + 1
        end = self._match(brace)
        if end is None or self._holds_markup(brace, end):
            return brace + 1
        self.regions.append((start, end, role))
        return end

    def _match(self, brace: int) -> int | None:
        """The offset after the `}` matching `brace`: HEEx counts braces and nothing else
        (escaped `\\{` `\\}` aside). A short flat expression is found with two bounded
        searches; anything else from the pairs of the whole text, computed once."""
        work = self.work
        close = work.find("}", brace + 1, brace + _SHORT)
        if close >= 0 and work.find("{", brace + 1, close) < 0 and work[close - 1] != "\\":
            return close + 1
        return self._pairs_of().get(brace)

    def _pairs_of(self) -> dict[int, int]:
        """Each `{` offset -> the offset after its matching `}`, by one stack pass."""
        if self._pairs is None:
            pairs: dict[int, int] = {}
            stack: list[int] = []
            for match in _BRACE.finditer(self.work):
                brace = match.group()
                if brace == "{":
                    stack.append(match.start())
                elif brace == "}" and stack:
                    pairs[stack.pop()] = match.end()
            self._pairs = pairs
        return self._pairs

    def _holds_markup(self, start: int, end: int) -> bool:
        if end - start <= _SHORT:
            return _MARKUP.search(self.work, start, end) is not None
        if self._markup is None:
            self._markup = [m.start() for m in _MARKUP.finditer(self.work)]
        index = bisect.bisect_left(self._markup, start)
        return index < len(self._markup) and self._markup[index] < end


def _attribute_before(work: str, start: int, brace: int) -> tuple[int, str]:
    """(start, name) of the `name=` before a `{` at `brace`, or (-1, "") for a root attribute
    (`{@rest}`). Looks back over blanks, one `=` and one name."""
    at = brace - 1
    while at >= start and work[at] in _BLANKS:
        at -= 1
    if at < start or work[at] != "=":
        return -1, ""
    at -= 1
    while at >= start and work[at] in _BLANKS:
        at -= 1
    end = at + 1
    while at >= start and work[at] not in _NOT_NAME:
        at -= 1
    return at + 1, work[at + 1 : end]


_CLOSE = {name: re.compile("</" + name, re.IGNORECASE) for name in _RAW_BODY}


def _find_close(work: str, name: str, pos: int) -> int:
    """Where `</name` starts (any case), or the end: the body of a raw element is not HTML."""
    found = _CLOSE[name].search(work, pos)
    return found.start() if found else len(work)


def _skip_element(work: str, name: str, pos: int) -> int:
    """The offset after the end tag that closes `<name ...>` (same-name elements nest)."""
    tags = re.compile(r"<(/?)" + re.escape(name) + r"(?=[\s/>])")
    depth = 1
    for match in tags.finditer(work, pos):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.start()
    return len(work)


def mask_template(
    text: str, base: int = 0, *, curly: bool = True
) -> tuple[str, list[tuple[int, int, Role]]]:
    """`text` masked same-length, and its template regions (offsets shifted by `base`)."""
    eex = eex_regions(text)
    work = mask_spans(text, eex)
    heex = _Masker(work, curly).run() if curly and "{" in work else []
    work = mask_spans(work, heex)
    regions = sorted([*eex, *heex])
    if base:
        regions = [(start + base, end + base, role) for start, end, role in regions]
    return work, regions


def read(text: str) -> View:
    """A HEEx/EEx file as a View of itself, one exact piece. Its source is what the template
    renders: the text less its template comments (a commented-out `<script src>` is no edge)."""
    masked, regions = mask_template(text)
    comments = tuple((start, end) for start, end, role in regions if role is Role.COMMENT)
    return View(
        blank_all(text, comments), masked, ((0, 0, len(text), True),), tuple(regions), comments
    )


# --- include forms --------------------------------------------------------------------------------
_RENDER = r"""<%=\s*render\s*\(?\s*(?:([A-Z][\w.]*)\s*,\s*)?"([^"\n]+\.html)\""""


def _render_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """Phoenix.View (Phoenix <= 1.6): `render "form.html"`, `render SharedView, "x.html"`."""
    view = match.group(1)
    yield (f"{view}:{match.group(2)}" if view else match.group(2)), "render", "phoenix-render"


RENDER = Include(_RENDER, "render", "phoenix-render", "render", names=_render_names)
# the app bundle the root layout loads: `src={~p"/assets/app.js"}`,
# `Routes.static_path(@conn, "/js/app.js")`; resolved to its source under assets/
ASSET = Include(r"""~p"(/[^"\s{}#]+\.m?js)\"""", "script-src", "phoenix-asset", '~p"')
STATIC_ASSET = Include(
    r"""static_path\(\s*@?\w+\s*,\s*"(/[^"\s{}#]+\.m?js)\"""",
    "script-src",
    "phoenix-asset",
    "static_path(",
)
INCLUDES = (RENDER, ASSET, STATIC_ASSET)

# --- function component calls, noted on the node for the Phoenix convention ----------------------
_CALL = re.compile(
    r"<(\.[a-z_]\w*[?!]?|[A-Z]\w*(?:\.[A-Z]\w*)*\.[a-z_]\w*[?!]?)(?=[\s/>])"
    r"|\blive_render\(\s*@?\w+\s*,\s*([A-Z][\w.]*)"
    r"|\bmodule=\{\s*([A-Z][\w.]*)\s*\}"
)
_NOT_CALLED = re.compile(r"<%!--.*?(?:--%>|\Z)|<%#.*?(?:%>|\Z)|<!--.*?(?:-->|\Z)", re.S)


def component_calls(text: str, start: int = 0, end: int | None = None) -> Iterable[tuple[str, str]]:
    """("calls", ".name" | "Module.name") and ("live-module", "Module") for each function
    component, `live_render` and `<.live_component module={...}>` in text[start:end] that is not
    inside a template or HTML comment (HEEx does not render tags in an HTML comment)."""
    end = len(text) if end is None else end
    skip = (
        [(m.start(), m.end()) for m in _NOT_CALLED.finditer(text, start, end)]
        if text.find("<!", start, end) >= 0 or text.find("<%", start, end) >= 0
        else []
    )
    starts = [s for s, _ in skip]
    for match in _CALL.finditer(text, start, end):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and match.start() < skip[index][1]:
            continue
        if match.group(1):
            yield "calls", match.group(1)
        else:
            yield "live-module", match.group(2) or match.group(3)


LANGUAGE = Language(
    "heex",
    Kind.MARKUP,
    (".heex", ".html.heex", ".leex", ".html.leex", ".eex", ".html.eex"),
    spans=(HEEX_COMMENT, EEX_COMMENT),  # read by `reader`; listed for markers and suppressions
    comments=COMMENTS,
    includes=INCLUDES,
    reader=read,
    description="Phoenix HEEx, LEEx and EEx templates",
    jsx=True,
    code_comments=HASH_CODE_COMMENTS,
)
