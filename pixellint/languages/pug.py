"""Pug (formerly Jade): Express `views/`, Hexo themes.

Pug is indentation-based, so it is read, not masked: the reader turns a file into the HTML it
stands for, piece by piece (ViewBuilder), keeping the original offset of every piece. What a
tracker linter needs is rendered exactly: elements with their attributes (a `<script` stands at
the first character of the tag name), raw-text blocks (`script.`), piped and inline text, literal
HTML lines, `#[tag]` interpolation, mixin bodies (rendered where they are defined) and code lines
(`- var url = '…'`, masked as template output so tracker URLs in their strings are still seen).
Comments (`//-`, `//`) render nothing and are recorded, so includes inside them never count.

Every scan moves forward: indentation blocks are consumed once, attribute lists are scanned once
with a regex jumping to the next significant character, and the first attribute list left open
until the end of the file switches attribute scanning to one line at a time, so a file full of
`(` stays linear.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from pixellint.languages.base import Include, Kind, Language, Role, Span, View
from pixellint.languages.spans import MARKUP_COMMENTS
from pixellint.languages.view import ViewBuilder

# --- comments and include forms (applied to the original text) ---------------------------------

# `//- note` or `// note` at the start of a line, with every more-indented line under it
PUG_COMMENT = Span(
    "pug_comment",
    "//",
    r"^(?P<pug_indent>[ \t]*)//[^\n]*"
    r"(?:(?:\n[ \t\r]*)*\n(?P=pug_indent)[ \t]+[^\s][^\n]*)*",
    Role.COMMENT,
    18,
)
_NAME = r"([\w./@~-]+)[ \t]*\r?$"
EXTENDS = Include(r"^[ \t]*extends[ \t]+" + _NAME, "extends", "pug", "extends", re.M)
INCLUDE = Include(
    r"^[ \t]*include(?::[\w-]+(?:\([^()\n]*\))?)*[ \t]+" + _NAME, "include", "pug", "include", re.M
)
_Q = r"""["'](?![a-z]+:|//)([^"'\n{}]+)["']"""
# Hexo helpers: != partial('_partial/head', {}, {cache: true}), != js('js/x.js')
HEXO_PARTIAL = Include(
    r"(?:!?=|[#!]\{)[ \t]*partial\(\s*" + _Q, "partial", "hexo-partial", "partial("
)
HEXO_JS = Include(r"(?<![\w.$])(?:next_js|js)\(\s*" + _Q, "script-src", "hexo-js", "js(")

# --- the reader ---------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INDENT = re.compile(r"[ \t]*")
_TAG = re.compile(r"[A-Za-z](?:[\w:-]*\w)?")
_ID = re.compile(r"#([\w-]+)")
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*|-?\d[\w-]*[A-Za-z_][\w-]*)")
_KEYWORD = re.compile(
    r"(?:if|else|unless|each|for|while|case|when|default|block|append|prepend|yield|extends|"
    r"include|mixin|doctype)(?=[ \t(:\r]|$)"
)
_KEYWORD_INITIALS = frozenset("abcdefimpuwy")
_EXPANDED_CASE = re.compile(
    r"(?:when[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s:]+)|default)[ \t]*:[ \t]+(?=\S)"
)
_CALL = re.compile(r"\+[ \t]*[\w-]+")
_CODE_COMMENT = re.compile(r"-[ \t]*(?://|/\*)")
_FILTER = re.compile(r"(?::[\w-]+(?:\([^()\n]*\))?)+")
# text interpolation #{x} and !{x}, one level of braces inside (an object literal)
_INTERPOLATION = re.compile(r"(?<!\\)[#!]\{[^{}\n]*(?:\{[^{}\n]*\}[^{}\n]*)*\}")
_RAW = frozenset({"script", "style"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip

# JavaScript expressions in attribute values, mixin arguments and &attributes(...)
_STRING_END = {q: re.compile(rf"[^{q}\\]*(?:\\.[^{q}\\]*)*{q}", re.S) for q in "'\""}
_TEMPLATE_STOP = re.compile(r"[`\\]|\$\{")
_EXPR_STOP = re.compile(r"""[\s"'`()\[\]{},?:]""")
_SPACE = re.compile(r"[ \t\r\n]*")
_SEPARATORS = re.compile(r"[\s,]*")
_ATTR_KEY = re.compile(r"""[^\s=!,()'"`]+""")
_INLINE_STOP = re.compile(r"#\[|\[|\]")
_GLUE = re.compile(r"[\s+]*")  # what joins literals: 'https://' + 'x.js', `${a}/x.js`
_TRAILING_WORD = re.compile(r"(?<![\w$])(?:typeof|instanceof|in|of|new|void|delete|await)\Z")
_INCOMPLETE = frozenset("+-*/%&|^!~?:<>=.")  # an expression ending in these goes on
_GOES_ON = frozenset("+-*/%&|^?<>=.([")  # a next line or word starting with these continues it
_MAX_DEPTH = 16  # nested template literals and #[tag] interpolations
_MERGE_MAX = 64  # generated text is joined into one piece up to this length

_EMIT, _COPY, _HOLES, _OUTPUT = range(4)
_Op = tuple[int, int, int, str]  # (kind, start or anchor, end, generated text)
_Segment = tuple[bool, int, int]  # (is string-literal content, start, end)
_Scan = Callable[[int, int], int]  # (offset of "(", limit) -> offset after ")"


class _Unclosed(Exception):
    """An attribute list, argument list or string runs past where it may end."""


class _Reader:
    """One pass over the lines of a file. `ops` is the HTML being built, handed to a ViewBuilder
    at the end: an attribute list or inline tag that turns out unclosed is undone by truncating
    it back to where it started."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends = _lines(text)
        self.ops: list[_Op] = []
        self.floor = 0  # ops below this index are never merged into (a group being tried)
        self.comments: list[tuple[int, int]] = []
        self.frames: list[tuple[int, str | None]] = []  # (indent, tag to close) of open elements
        self.one_line_attrs = False  # set once an attribute list ran to the end of the file

    # --- lines ----------------------------------------------------------------------------
    def run(self) -> View:
        text, starts, ends = self.text, self.starts, self.ends
        i = 0
        while i < len(starts):
            start, end = starts[i], ends[i]
            content = _skip(_INDENT, text, start, end)
            if content == end:  # a blank line (line breaks are never inside a line)
                i += 1
                continue
            if self.frames:
                self._close(content - start, start)
            i = self._line(i, content, content - start)
        self._close(-1, len(text))
        return self._build()

    def _line(self, i: int, at: int, indent: int) -> int:
        """Render line `i` (content from `at`); return the next line to read."""
        text, end = self.text, self.ends[i]
        char = text[at]
        if text.startswith("//", at):
            return self._comment(i, at, indent)
        if char == "<":
            self._text(at, end, tags=True)
        elif char == "|":
            self._text(at + 1, end, tags=not self._in_raw())
        elif char == "-":
            return self._code(i, at, indent)
        elif char == "=" or text.startswith("!=", at):
            self._output(at + (1 if char == "=" else 2), end)
        elif char == ":":
            return self._filter(i, at, indent)
        elif char in _KEYWORD_INITIALS and _KEYWORD.match(text, at, end):
            return self._keyword(i, at, indent)
        elif char == "+" or _starts_element(text, at, end):
            return self._chain(i, at, indent)
        else:
            self._text(at, end, tags=True)
        self._emit("\n", end)
        return i + 1

    def _close(self, indent: int, anchor: int) -> None:
        """Close the elements a line at `indent` is no longer inside."""
        frames = self.frames
        while frames and frames[-1][0] >= indent:
            tag = frames.pop()[1]
            if tag:
                self._emit(f"</{tag}>", anchor)

    def _block(self, i: int, indent: int) -> tuple[int, int, int]:
        """The lines under line `i` (more indented, blank lines included): (next line to read,
        start of the first, end of the last non-blank one), -1 when there are none."""
        text, starts, ends = self.text, self.starts, self.ends
        first = last = -1
        j = i + 1
        while j < len(starts):
            content = _skip(_INDENT, text, starts[j], ends[j])
            if content < ends[j]:
                if content - starts[j] <= indent:
                    break
                first = starts[j] if first < 0 else first
                last = ends[j]
            j += 1
        return j, first, last

    def _line_of(self, offset: int) -> int:
        """The line an offset is on (an attribute list may end lines after it started)."""
        return bisect.bisect_right(self.starts, offset) - 1

    def _in_raw(self) -> bool:
        """Inside script/style: piped text is code, where `#[` means nothing."""
        return bool(self.frames) and self.frames[-1][1] in _RAW

    # --- line forms -----------------------------------------------------------------------
    def _comment(self, i: int, at: int, indent: int) -> int:
        """`//-` and `//` with the block under them: never rendered (a buffered `//` comment
        is an HTML comment, inert either way); recorded so includes inside it do not count."""
        j, _first, last = self._block(i, indent)
        self.comments.append((at, max(last, self.ends[i])))
        return j

    def _code(self, i: int, at: int, indent: int) -> int:
        """`- code` (its children are markup) or a `-` line with a block of code under it."""
        end = self.ends[i]
        if _CODE_COMMENT.match(self.text, at, end):
            return i + 1  # `- // note`: a JavaScript comment, never run
        if not _blank(self.text, at + 1, end):
            self._output(at + 1, end)
            self._emit("\n", end)
            return i + 1
        j, first, last = self._block(i, indent)
        if first >= 0:
            self._output(first, last)
            self._emit("\n", last)
        return j

    def _filter(self, i: int, at: int, indent: int) -> int:
        """`:markdown`, `:babel`, `:cdata-js`: the filtered text is rendered as written."""
        end = self.ends[i]
        match = _FILTER.match(self.text, at, end)
        after = match.end() if match else at + 1
        if after < end:
            self._copy(after, end)
        j, first, last = self._block(i, indent)
        if first >= 0:
            self._copy(first, last)
        self._emit("\n", end)
        return j

    def _keyword(self, i: int, at: int, indent: int) -> int:
        """Control lines print nothing; their children render. `when 'x': p y` and
        `default: p y` expand into the element after the colon."""
        expanded = _EXPANDED_CASE.match(self.text, at, self.ends[i])
        if expanded and _starts_element(self.text, expanded.end(), self.ends[i]):
            return self._chain(i, expanded.end(), indent)
        return i + 1

    # --- elements -------------------------------------------------------------------------
    def _chain(self, i: int, at: int, indent: int) -> int:
        """An element or mixin call and what follows it on its line: `li: a(href=x) Home`."""
        text = self.text
        while True:
            if text[at] == "+":
                at, i = self._call(at, i)
                name = None
            else:
                at, i, name = self._head(at, i)
            end = self.ends[i]
            if name is None:  # a mixin call: its block is the lines under it
                expansion = _expansion(text, at, end)
                if expansion < 0:
                    return i + 1
                at = expansion
                continue
            lowered = name.lower()
            if at >= end:  # the common case: nothing after the head
                self._emit(">", at)
                self.frames.append((indent, None if lowered in _VOID else name))
                return i + 1
            if text[at] == "/":
                self._emit("/>", at)
                self.frames.append((indent, None))
                return i + 1
            self._emit(">", at)
            self.frames.append((indent, None if lowered in _VOID else name))
            expansion = _expansion(text, at, end)
            if expansion < 0:
                return self._content(i, at, indent, lowered in _RAW)
            at = expansion

    def _content(self, i: int, at: int, indent: int, raw: bool) -> int:
        """What follows an element's head on its line: `.` (a text block), `= expr`, or text."""
        text, end = self.text, self.ends[i]
        char = text[at]
        if char == "." and _blank(text, at + 1, end):
            return self._text_block(i, indent, raw)
        if char == "=" or text.startswith("!=", at):
            self._output(at + (1 if char == "=" else 2), end)
        elif char in " \t":
            self._text(at + 1, end, tags=not raw)
        elif not _blank(text, at, end):
            self._text(at, end, tags=not raw)
        self._emit("\n", end)
        return i + 1

    def _text_block(self, i: int, indent: int, raw: bool) -> int:
        """`script.` / `p.`: the lines under the tag are its text, copied exactly."""
        j, first, last = self._block(i, indent)
        if first >= 0:
            self._text(first, last, tags=not raw)
            self._emit("\n", last)
        return j

    def _head(self, at: int, i: int, bound: int = -1) -> tuple[int, int, str]:
        """`tag#id.class(attrs)&attributes(x)`: emits `<tag attrs`; returns where the head ends,
        the line it ends on and the tag name. With a `bound` (an inline `#[tag]`), attribute
        lists end there instead of spanning lines."""
        text = self.text
        end = self.ends[i] if bound < 0 else bound
        match = _TAG.match(text, at, end)
        name = match.group() if match else "div"
        self._emit("<" + name, at, tag=True)  # a `<script` stands at the `s` of `script(`
        at = match.end() if match else at
        ids: list[tuple[int, int]] = []
        classes: list[tuple[int, int]] = []
        while at < end:
            char = text[at]
            if char == "#" and (shorthand := _ID.match(text, at, end)):
                ids.append(shorthand.span(1))
                at = shorthand.end()
            elif char == "." and (shorthand := _CLASS.match(text, at, end)):
                classes.append(shorthand.span(1))
                at = shorthand.end()
            elif char == "(":
                at = self._group(at, end, self._attrs, multiline=bound < 0)
            elif text.startswith("&attributes(", at):
                self._emit(" ", at)
                at = self._group(at + 11, end, self._masked_group, multiline=bound < 0)
            else:
                break
            if at > end:
                i = self._line_of(at - 1)
                end = self.ends[i]
        if ids:
            self._shorthand("id", ids)
        if classes:
            self._shorthand("class", classes)
        return at, i, name

    def _call(self, at: int, i: int) -> tuple[int, int]:
        """`+name(args)(attrs)`: a mixin call prints nothing itself (its body is rendered where
        it is defined); its arguments are template values, read for tracker URLs."""
        text = self.text
        end = self.ends[i]
        match = _CALL.match(text, at, end)
        at = match.end() if match else at + 1
        while at < end and text[at] == "(":
            at = self._group(at, end, self._masked_group, multiline=True)
            if at > end:
                i = self._line_of(at - 1)
                end = self.ends[i]
        return at, i

    def _group(self, at: int, line_end: int, scan: _Scan, *, multiline: bool) -> int:
        """Scan the bracketed group at `at` with `scan`, which appends ops and returns the
        offset after `)`; a group never closed ends with its line. The first group left open
        until the end of the file makes every later group end with its line, which keeps a file
        full of `(` linear."""
        mark, floor = len(self.ops), self.floor
        whole = multiline and not self.one_line_attrs
        self.floor = mark
        try:
            for limit in (len(self.text), line_end) if whole else (line_end,):
                try:
                    return scan(at, limit)
                except _Unclosed:
                    del self.ops[mark:]
                    self.one_line_attrs = self.one_line_attrs or limit != line_end
            return line_end
        finally:
            self.floor = floor

    def _attrs(self, at: int, limit: int) -> int:
        """`(a='x', b=expr c d="y")`, commas optional, spanning lines; returns after `)`."""
        text = self.text
        i = at + 1
        while True:
            i = _skip(_SEPARATORS, text, i, limit)
            if i >= limit:
                raise _Unclosed
            if text[i] == ")":
                return i + 1
            key_start, key_end, i = self._attr_key(i, limit)
            if key_start == key_end:
                i += 1  # a stray character: skip it
                continue
            after = _skip(_SPACE, text, i, limit)
            operator = 2 if text.startswith("!=", after) else int(text.startswith("=", after))
            if not operator:
                self._emit(" " + text[key_start:key_end], key_start)
                continue
            value = _skip(_SPACE, text, after + operator, limit)
            i, segments = self._expression(value, limit, "attr", 0)
            self._attribute(key_start, key_end, value, segments)

    def _attr_key(self, i: int, limit: int) -> tuple[int, int, int]:
        """(start, end, next offset) of an attribute name, bare or quoted ('(click)')."""
        text = self.text
        if text[i] in "'\"":
            match = _STRING_END[text[i]].match(text, i + 1, limit)
            if match is None:
                raise _Unclosed
            return i + 1, match.end() - 1, match.end()
        match = _ATTR_KEY.match(text, i, limit)
        end = match.end() if match else i
        return i, end, end

    def _attribute(
        self, key_start: int, key_end: int, value: int, segments: list[_Segment]
    ) -> None:
        """` key="value"`: string-literal contents copied exactly, the rest of the expression
        masked as a template value, and the `+` joining literals dropped, so a URL built as
        'https://www.googletagmanager.com/gtag/js?id=' + id is still a URL."""
        text = self.text
        pieces = [
            (literal, start, end)
            for literal, start, end in segments
            if start < end and (literal or not _GLUE.fullmatch(text, start, end))
        ]
        written = "".join(text[start:end] for _, start, end in pieces)
        quote = "'" if '"' in written and "'" not in written else '"'
        self._emit(f" {text[key_start:key_end]}={quote}", key_start)
        for literal, start, end in pieces:
            (self._copy if literal else self._output)(start, end)
        self._emit(quote, value)

    def _masked_group(self, at: int, limit: int) -> int:
        """`(args)` of a mixin call or `&attributes(...)`: masked, read for tracker URLs."""
        end, _segments = self._expression(at + 1, limit, ")", 0)
        self._output(at + 1, end)
        return end + 1

    def _shorthand(self, name: str, values: list[tuple[int, int]]) -> None:
        """`#id` and `.a.b` as ` id="id"` and ` class="a b"`."""
        self._emit(f' {name}="', values[0][0])
        for n, (start, end) in enumerate(values):
            if n:
                self._emit(" ", start)
            self._copy(start, end)
        self._emit('"', values[-1][1])

    # --- JavaScript expressions -----------------------------------------------------------
    def _expression(self, at: int, limit: int, stop: str, depth: int) -> tuple[int, list[_Segment]]:
        """Scan an expression up to `stop` (")", "]", "}" at depth 0, or "attr": a `,`, a `)` or
        a space that ends an attribute value); returns the offset of the stop and the pieces:
        string-literal contents (template literals without their `${}`) and code."""
        text = self.text
        segments: list[_Segment] = []
        nesting: list[str] = []
        code = i = at
        ternary = 0
        last = ""
        while True:
            match = _EXPR_STOP.search(text, i, limit)
            if match is None:
                raise _Unclosed
            if match.start() > i and not nesting:
                last = text[match.start() - 1]
            i = match.start()
            char = text[i]
            if char in "'\"`":
                segments.append((False, code, i))
                i = self._string(i, limit, depth, segments)
                code = i
                last = char
                continue
            if char in "([{":
                nesting.append(char)
            elif char in ")]}":
                if nesting:
                    nesting.pop()
                elif char == stop or (stop == "attr" and char == ")"):
                    break
            elif not nesting and stop == "attr" and char == ",":
                break
            elif not nesting and char in " \t\r\n":  # what _SPACE skips: it always moves on
                after = _skip(_SPACE, text, i, limit)
                if after >= limit:
                    raise _Unclosed
                if stop == "attr" and not self._goes_on(at, i, after, last, ternary):
                    break
                i = after
                continue
            elif not nesting and char == "?" and text[i + 1 : i + 2] not in ("?", "."):
                ternary += 1
            elif not nesting and char == ":" and ternary:
                ternary -= 1
            if not nesting or char in "([{":
                last = char
            i += 1
        segments.append((False, code, i))
        return i, segments

    def _goes_on(self, at: int, space: int, after: int, last: str, ternary: int) -> bool:
        """Does the attribute value go on past the space at `space`? Yes when it is incomplete
        (ends in an operator) or the next word is an operator: `x ? a : 'b'`, `'/x?v=' + h`."""
        following = self.text[after]
        if following in ",)":
            return False
        if last in _INCOMPLETE or _TRAILING_WORD.search(self.text, max(at, space - 10), space):
            return True
        if following in "'\"`":
            return False
        if following == ":":
            return ternary > 0
        return following in _GOES_ON

    def _string(self, at: int, limit: int, depth: int, segments: list[_Segment]) -> int:
        """A quoted or template literal at `at`: appends its contents; returns the offset after."""
        text = self.text
        quote = text[at]
        if quote != "`":
            match = _STRING_END[quote].match(text, at + 1, limit)
            if match is None:
                raise _Unclosed
            segments.append((True, at + 1, match.end() - 1))
            return match.end()
        start = i = at + 1
        while True:
            match = _TEMPLATE_STOP.search(text, i, limit)
            if match is None:
                raise _Unclosed
            i = match.start()
            if match.group() == "\\":
                i += 2
                continue
            segments.append((True, start, i))
            if match.group() == "`":
                return i + 1
            if depth >= _MAX_DEPTH:
                raise _Unclosed
            end, inner = self._expression(i + 2, limit, "}", depth + 1)
            segments.extend(inner)
            start = i = end + 1

    # --- text -----------------------------------------------------------------------------
    def _text(self, start: int, end: int, *, tags: bool, depth: int = 0) -> None:
        """Text with `#{}`/`!{}` masked and, unless raw (script, style), `#[tag ...]` rendered."""
        text = self.text
        at = start
        found = text.find("#[", at, end) if tags else -1
        while found >= 0:
            mark, floor = len(self.ops), self.floor
            self.floor = mark
            self._holes(at, found)
            try:
                at = self._inline(found + 2, end, depth)
            except _Unclosed:
                del self.ops[mark:]
                break  # the rest is text; not searched again, which keeps this linear
            finally:
                self.floor = floor
            found = text.find("#[", at, end)
        self._holes(at, end)

    def _inline(self, at: int, limit: int, depth: int) -> int:
        """`#[a(href=x) text]`, `#[=expr]`: rendered; returns the offset after `]`."""
        text = self.text
        if depth >= _MAX_DEPTH or at >= limit:
            raise _Unclosed
        if text[at] == "=" or text.startswith("!=", at):
            value = at + (1 if text[at] == "=" else 2)
            end, _segments = self._expression(value, limit, "]", depth + 1)
            self._output(value, end)
            return end + 1
        if not _starts_element(text, at, limit):
            raise _Unclosed
        at, _line, name = self._head(at, self._line_of(at), bound=limit)
        self._emit(">", at)
        at = self._inline_body(at, limit, depth, raw=name.lower() in _RAW)
        if name.lower() not in _VOID:
            self._emit(f"</{name}>", at - 1)
        return at

    def _inline_body(self, at: int, limit: int, depth: int, *, raw: bool) -> int:
        """What follows an inline tag's head up to its `]`: `/`, `= expr`, or text."""
        text = self.text
        if text.startswith("/", at):
            at += 1
        if text.startswith(("=", "!="), at):
            value = at + (1 if text[at] == "=" else 2)
            end, _segments = self._expression(value, limit, "]", depth + 1)
            self._output(value, end)
            return end + 1
        if text.startswith(" ", at):
            at += 1
        nesting = 0
        start = i = at
        while True:
            match = _INLINE_STOP.search(text, i, limit)
            if match is None:
                raise _Unclosed
            i = match.start()
            if match.group() == "#[" and not raw:
                self._holes(start, i)
                start = i = self._inline(i + 2, limit, depth + 1)
            elif match.group() == "]" and not nesting:
                self._holes(start, i)
                return i + 1
            else:  # a bracket in the text, or `#[` in a raw element's text
                nesting += -1 if match.group() == "]" else 1
                i = match.end()

    # --- ops ------------------------------------------------------------------------------
    def _emit(self, generated: str, anchor: int, *, tag: bool = False) -> None:
        """Generated text standing for the original at `anchor`; joined to generated text just
        before it (one piece for `"></a></li>`) unless it starts a tag, which keeps its own
        anchor, or the previous piece belongs to what a group being tried may undo."""
        ops = self.ops
        if not tag and ops and ops[-1][0] == _EMIT and len(ops) > self.floor:
            previous = ops[-1]
            if len(previous[3]) < _MERGE_MAX:  # bounded: joining never grows quadratically
                ops[-1] = (_EMIT, previous[1], previous[2], previous[3] + generated)
                return
        ops.append((_EMIT, anchor, anchor, generated))

    def _copy(self, start: int, end: int) -> None:
        if start < end:
            self.ops.append((_COPY, start, end, ""))

    def _holes(self, start: int, end: int) -> None:
        """Text where `#{}`/`!{}` may be (and so needs masking only if a `{` is in it)."""
        if start < end:
            kind = _HOLES if self.text.find("{", start, end) >= 0 else _COPY
            self.ops.append((kind, start, end, ""))

    def _output(self, start: int, end: int) -> None:
        if start < end:
            self.ops.append((_OUTPUT, start, end, ""))

    def _build(self) -> View:
        """Hand the ops to a ViewBuilder: it keeps the offsets and masks `#{}` holes."""
        builder = ViewBuilder(self.text)
        for kind, start, end, generated in self.ops:
            if kind == _EMIT:
                builder.emit(generated, start)
            elif kind == _COPY:
                builder.copy(start, end)
            elif kind == _HOLES:
                builder.copy(start, end, _INTERPOLATION)
            else:
                builder.output(start, end)
        for start, end in self.comments:
            builder.comment(start, end)
        return builder.build()


def _lines(text: str) -> tuple[list[int], list[int]]:
    """Start and end (before the line break) of every line; CRLF and lone CR are breaks, as
    in Pug itself. A byte order mark is not indentation."""
    starts = [1 if text.startswith("\ufeff") else 0]
    ends: list[int] = []
    if "\r" in text:
        for match in _LINE_BREAK.finditer(text):
            ends.append(match.start())
            starts.append(match.end())
    else:
        at = text.find("\n")
        while at >= 0:
            ends.append(at)
            starts.append(at + 1)
            at = text.find("\n", at + 1)
    ends.append(len(text))
    return starts, ends


def _skip(pattern: re.Pattern[str], text: str, at: int, end: int) -> int:
    """The end of the run of `pattern` (which may be empty) at `at`."""
    match = pattern.match(text, at, end)
    return match.end() if match else at


def _blank(text: str, at: int, end: int) -> bool:
    return _skip(_INDENT, text, at, end) >= end


def _starts_element(text: str, at: int, end: int) -> bool:
    """A tag name, or `#id` / `.class` (an implied div)."""
    if _TAG.match(text, at, end):
        return True
    return bool(_ID.match(text, at, end) or _CLASS.match(text, at, end))


def _expansion(text: str, at: int, end: int) -> int:
    """Where the element after `: ` starts (`li: a Home`), or -1."""
    if not text.startswith(":", at):
        return -1
    after = _skip(_INDENT, text, at + 1, end)
    if after == at + 1 or after >= end:
        return -1
    return after if text[after] == "+" or _starts_element(text, after, end) else -1


def read(text: str) -> View:
    """The HTML a Pug file stands for, with exact positions (see the module docstring)."""
    return _Reader(text).run()


LANGUAGE = Language(
    "pug",
    Kind.MARKUP,
    (".pug", ".jade"),
    comments=(PUG_COMMENT, *MARKUP_COMMENTS),
    includes=(EXTENDS, INCLUDE, HEXO_PARTIAL, HEXO_JS),
    reader=read,
    description="Pug and Jade (Express views, Hexo themes)",
)
