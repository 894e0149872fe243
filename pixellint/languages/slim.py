"""Slim (Rails views): read line by line into the HTML it renders.

Tags with `#id.class` shortcuts, attributes (`src="…"`, `src=url`, `async=true`, wrapped in
`[…]`, `(…)` or `{…}`, over several lines when wrapped), inline children (`li: a href="…"`),
text after a tag and `|`/`'` text blocks, `<` inline HTML, the `javascript:` engine (its body
copied exactly, `#{}` masked; `javascript [nonce=x]:` too), `css:`/`sass:`/`scss:` as style,
`ruby:`/`coffee:` as code, `markdown:` and the like as text; `/` code comments, `/!` HTML
comments and `/[if IE]` (with their nested blocks) are never part of the page; `=`/`==`/`-` Ruby
(continued by a trailing `,` or `\\`) is masked, its string literals still read for tracker
URLs. Follows Slim::Parser (slim 5) line by line.
"""

from __future__ import annotations

import re

from pixellint.languages.base import Kind, Language, View
from pixellint.languages.ruby_lines import (
    RENDER,
    RENDER_TEMPLATE,
    RUBY_LINE_COMMENT,
    Element,
    LineReader,
    block_comment,
    skip,
)
from pixellint.languages.spans import MARKUP_COMMENTS

_PAIRS = {"(": ")", "[": "]", "{": "}"}
_TEXT = re.compile(r"([|'])([<>]{1,2}(?: |$)| ?)")
_OUTPUT = re.compile(r"=(=?)([<>']*)")
_ENGINES = "asciidoc|markdown|textile|rdoc|coffee|sass|scss|javascript|css|ruby"
# Slim's pattern (`javascript:`, `javascript [nonce=x]:`: attributes up to the last colon) with a
# word boundary after the engine name (a tag `css-grid:` is no engine); `(.*)` alone, not Slim's
# `\s*(.*)`, which backtracks quadratically on a line without a colon
_EMBEDDED = re.compile(rf"({_ENGINES})(?![\w-])(.*):\s*")
_DOCTYPE = re.compile(r"doctype\b")
_TAG = re.compile(r"[#.]|\*(?=\S)|(\w(?:[\w:-]*\w)?)")
_SHORTCUT = re.compile(r"([#.]+)((?:[\w-]|/\d|:[\w-])*)")
_WHITESPACE_MARKS = re.compile(r"[<>']*")
_DELIMITER = re.compile(r"\s*([(\[{])")
_NAME = r"""[^\0\s"'><\/=()\[\]{}]+"""
_SPLAT = re.compile(r"\s*\*(?=\S)")
_QUOTED = re.compile(rf"\s*({_NAME})\s*=(=?)\s*([\"'])")
_CODE = re.compile(rf"\s*({_NAME})\s*=(=?)\s*")
_BOOLEAN = {c: re.compile(rf"\s*({_NAME})(?=\s|{re.escape(c)}|$)") for c in _PAIRS.values()}
_CLOSER = {c: re.compile(rf"\s*{re.escape(c)}") for c in _PAIRS.values()}
_BLANK = re.compile(r"\s*$")
_INLINE = re.compile(r"\s*:\s*")
_TAG_OUTPUT = re.compile(r"\s*=(=?)(['<>]*)")
_CLOSED = re.compile(r"\s*/")
_QUOTED_RUN = {q: re.compile(rf"[^{q}{{}}]+") for q in "\"'"}
_CODE_RUN = {c: re.compile(rf"[^\s()\[\]{{}},\\{re.escape(c)}]+") for c in ("", *_PAIRS.values())}
_NESTED_RUN = {o: re.compile(rf"[^{re.escape(o + c)},\\]+") for o, c in _PAIRS.items()}
_STYLE_ENGINES = frozenset({"css", "sass", "scss"})
_CODE_ENGINES = frozenset({"ruby", "coffee"})


class _Reader(LineReader):
    """Each handler returns the index of the next line to read."""

    def _line(self, i: int) -> int:
        text, lines = self.text, self.lines
        at, end = lines.content[i], lines.end[i]
        first = text[at]
        if first == "/":
            return self._comment(i)
        if first in "|'":
            return self._text_block(i)
        if first == "<":  # inline HTML; what is nested under it is Slim
            self.markup.text(at, lines.next[i])
            return i + 1
        if first == "-":
            return self._ruby(i, at + 1, printed=False)
        if first == "=":
            found = _OUTPUT.match(text, at, end)
            return self._ruby(i, found.end() if found else at + 1)
        embedded = _EMBEDDED.match(text, at, end)
        if embedded:
            return self._embedded(i, embedded)
        if _DOCTYPE.match(text, at, end):
            return i + 1
        if _TAG.match(text, at, end):
            return self._tag(i)
        return i + 1  # Slim refuses the line

    # text, Ruby, comments --------------------------------------------------------------------
    def _comment(self, i: int) -> int:
        """`/`, `/!` and `/[if IE]` with everything nested under them: a code comment is never
        rendered, an HTML comment is rendered inside `<!-- -->`, which no browser runs."""
        lines = self.lines
        after = lines.block_end(i, lines.width[i])
        self.markup.comment(lines.content[i], lines.end[after - 1])
        return after

    def _text_block(self, i: int) -> int:
        """`| text` or `' text`, and the deeper lines under it: text as it is."""
        lines = self.lines
        found = _TEXT.match(self.text, lines.content[i], lines.end[i])
        start = found.end() if found else lines.content[i] + 1
        return self._text_lines(i, start, lines.width[i])

    def _text_lines(self, i: int, start: int, width: int) -> int:
        lines = self.lines
        after = lines.block_end(i, width)
        self.markup.text(start, lines.next[after - 1])
        return after

    def _ruby(self, i: int, at: int, printed: bool = True) -> int:
        """`- code`, `= output`, `== raw output`: masked to the end of its last broken line."""
        return self._ruby_lines(at, self._broken_end(i), printed)

    def _broken_end(self, i: int) -> int:
        """A line ending in `,` or `\\` goes on on the next line."""
        lines = self.lines
        while i + 1 < lines.count and lines.last_char(i) in (",", "\\"):
            i += 1
        return i

    def _embedded(self, i: int, found: re.Match[str]) -> int:
        """`javascript:` and the other engines: the text on the line and the deeper lines."""
        lines, markup, engine = self.lines, self.markup, found.group(1)
        after = lines.block_end(i, lines.width[i])
        start, end = found.end(), lines.next[after - 1]
        if engine == "javascript" or engine in _STYLE_ENGINES:
            tag = "script" if engine == "javascript" else "style"
            element = markup.start_tag(tag, found.start())
            if found.group(2):
                self._attributes(found.start(2), i, found.end(2))
            markup.end_start_tag(lines.end[i])
            markup.text(start, end)
            markup.close(element)
        elif engine in _CODE_ENGINES:
            markup.code(start, end)
        else:
            markup.text(start, end)
        return after

    # tags ------------------------------------------------------------------------------------
    def _tag(self, i: int) -> int:
        """A tag line, with `tag: child` chains; the innermost element holds the nested lines."""
        text, lines, markup = self.text, self.lines, self.markup
        width, pos = lines.width[i], lines.content[i]
        opened: list[Element] = []
        while True:
            found = _TAG.match(text, pos, lines.end[i])
            if found is None:
                break
            element = markup.start_tag(found.group(1) or "div", pos)
            if found.group(1):
                pos = found.end()
            pos = self._shortcuts(pos, lines.end[i])
            pos = skip(_WHITESPACE_MARKS, text, pos, lines.end[i])
            pos, i = self._attributes(pos, i)
            markup.end_start_tag(min(pos, lines.end[i]))
            end = lines.end[i]
            inline = _INLINE.match(text, pos, end)
            if inline:
                opened.append(element)
                pos = inline.end()
                embedded = _EMBEDDED.match(text, pos, end)
                if embedded:
                    i = self._embedded(i, embedded) - 1
                    break
                continue
            i = self._tag_content(i, width, pos, element, opened)
            break
        for element in opened:
            markup.keep_open(width, element)
        return i + 1

    def _tag_content(
        self, i: int, width: int, pos: int, element: Element, opened: list[Element]
    ) -> int:
        """`= output`, `/` (closed), nothing (the nested lines are the content), or text (the
        nested lines are text too). Returns the last line read."""
        text, lines, markup = self.text, self.lines, self.markup
        end = lines.end[i]
        output = _TAG_OUTPUT.match(text, pos, end)
        if output:
            opened.append(element)
            last = self._broken_end(i)
            markup.output(output.end(), lines.end[last])
            return last
        if _CLOSED.match(text, pos, end):
            return i
        opened.append(element)
        if pos >= end or _BLANK.match(text, pos, end):
            return i
        start = pos + 1 if text[pos] == " " else pos
        return self._text_lines(i, start, width) - 1

    def _shortcuts(self, pos: int, end: int) -> int:
        classes, ident = [], ""
        found = _SHORTCUT.match(self.text, pos, end)
        while found and found.end() > pos:
            for kind in found.group(1):
                if kind == ".":
                    classes.append(found.group(2))
                else:
                    ident = found.group(2)
            pos = found.end()
            found = _SHORTCUT.match(self.text, pos, end)
        if ident:
            self.markup.static_attribute("id", ident)
        if classes:
            self.markup.static_attribute("class", " ".join(classes))
        return pos

    def _attributes(self, pos: int, i: int, limit: int = -1) -> tuple[int, int]:
        """Attributes after a tag, optionally wrapped; a wrapped list may go on over lines.
        Returns where the line goes on and its index."""
        text, lines = self.text, self.lines
        end = lines.end[i] if limit < 0 else limit
        closer = ""
        wrapper = _DELIMITER.match(text, pos, end)
        if wrapper:
            closer, pos = _PAIRS[wrapper.group(1)], wrapper.end()
        while True:
            splat = _SPLAT.match(text, pos, end)
            quoted = None if splat else _QUOTED.match(text, pos, end)
            code = None if splat or quoted else _CODE.match(text, pos, end)
            if splat:
                pos, i = self._ruby_code(splat.end(), i, closer)
            elif quoted:
                pos, i = self._quoted(quoted, i)
            elif code:
                pos, i = self._code_value(code, i, closer)
            elif not closer:
                break
            elif boolean := _BOOLEAN[closer].match(text, pos, end):
                self.markup.boolean_attribute(boolean.group(1), boolean.start(1))
                pos = boolean.end()
            elif ending := _CLOSER[closer].match(text, pos, end):
                pos = ending.end()
                break
            elif _BLANK.match(text, pos, end) and limit < 0 and i + 1 < lines.count:
                i += 1  # the wrapped list goes on on the next line
                pos = lines.start[i]
            else:
                break
            end = lines.end[i] if limit < 0 else limit
        return pos, i

    def _quoted(self, found: re.Match[str], i: int) -> tuple[int, int]:
        """`name="value"`: ends at the quote where the braces of `#{}` balance, maybe lines on."""
        text, quote = self.text, found.group(3)
        pos, count, size = found.end(), 0, len(text)
        run = _QUOTED_RUN[quote]
        while pos < size:
            skipped = run.match(text, pos)
            if skipped:
                pos = skipped.end()
                if pos >= size:
                    break
            char = text[pos]
            if char == quote and count == 0:
                break
            if char == "{":
                count += 1
            elif char == "}":
                count = max(0, count - 1)
            pos += 1
        self.markup.literal_attribute(found.group(1), found.start(1), found.end(), pos)
        return min(pos + 1, size), self.lines.line_of(min(pos, size - 1), i)

    def _code_value(self, found: re.Match[str], i: int, closer: str) -> tuple[int, int]:
        name, start = found.group(1), found.end()
        end, i = self._ruby_code(start, i, closer)
        value = self.text[start:end]
        if value == "true":
            self.markup.boolean_attribute(name, found.start(1))
        elif value not in ("false", "nil") and end > start:
            self.markup.expression_attribute(name, found.start(1), start, end)
        return end, i

    def _ruby_code(self, pos: int, i: int, closer: str) -> tuple[int, int]:
        """A Ruby attribute value as Slim reads it: to white space or the wrapper's closer at
        bracket depth 0 (only the first kind of bracket is counted, as Slim does); a line that
        ends in `,` or `\\` goes on."""
        text, lines = self.text, self.lines
        end, count, opener = lines.end[i], 0, ""
        while pos < end:
            run = (_NESTED_RUN[opener] if count else _CODE_RUN[closer]).match(text, pos, end)
            if run:
                pos = run.end()
                if pos >= end:
                    break
            char = text[pos]
            if count == 0 and (char.isspace() or char == closer):
                break
            if char in ",\\" and pos + 1 == end and i + 1 < lines.count:
                i += 1
                pos, end = lines.content[i], lines.end[i]
                continue
            if count:
                count += 1 if char == opener else -1 if char == _PAIRS[opener] else 0
            elif char in _PAIRS:
                count, opener = 1, char
            pos += 1
        return pos, i


def read(text: str) -> View:
    """The HTML a Slim template renders, every piece mapped to its original offset."""
    return _Reader(text).read()


LANGUAGE = Language(
    "slim",
    Kind.MARKUP,
    (".html.slim", ".slim"),
    spans=(block_comment("slim_comment", "/"), RUBY_LINE_COMMENT),
    comments=MARKUP_COMMENTS,
    includes=(RENDER, RENDER_TEMPLATE),
    reader=read,
    description="Slim (Rails views)",
)
