"""What HAML and Slim share: Ruby-flavoured, indentation-based templates read line by line into
the HTML they render, every piece mapped back to its exact original offset.

Neither language is HTML with holes, so each has a reader that builds a View: generated tags
(`<script`, ` src="`, `>`) anchored where the original element starts, attribute values, text and
script bodies copied character for character, Ruby masked as template output. Ruby expressions
are read the same way in both: their string literals stay visible (a tracker URL in
`src: "https://…"` is still a URL in the page), the rest is masked, and `#{…}` is masked
wherever it sits. Nothing here runs the code it reads; every scan moves forward only, so a
file is read in linear time whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add

from pixellint.htmlscan import INERT, INTERESTING, RAW_TEXT
from pixellint.languages.base import Include, Role, Span, View
from pixellint.languages.view import ViewBuilder

# `#{expr}` with one level of nested braces (`#{h[:a].map { |x| x }}`, Slim's `#{{raw}}`); a
# `\#{` is an escape. Tempered: an unclosed one stops at the next brace or line break.
INTERPOLATION = re.compile(r"(?<!\\)#\{[^{}\n]*(?:\{[^{}\n]*\}[^{}\n]*)*\}")
# inside a string literal copied into a generated attribute value: interpolation, escapes, and the
# quote that would end the value early
LITERAL_HOLES = re.compile(INTERPOLATION.pattern + r'|\\.|"')
_SINGLE_QUOTED_HOLES = re.compile(INTERPOLATION.pattern + r"|\\.|'")
# ERB in a HAML `:erb` filter, tempered at the next `<%`
ERB_HOLES = re.compile(INTERPOLATION.pattern + r"|<%(?:[^%<]|%(?!>)|<(?!%))*%>")

# the elements a detector looks at (htmlscan): scripts, beacons, noscript, inert and raw text
SHOWN = INTERESTING | INERT | RAW_TEXT
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
})  # fmt: skip

# `= render 'shared/analytics'`, `!= render partial: "x"`, Slim `== render("x")`, `#{render 'x'}`,
# located at the first character of the construct; only output forms: what `- render` returns
# is thrown away
RENDER = Include(
    r"""(?:[!&]?==?|~|#\{)[ \t]*render\b[ \t(]*(?:partial:[ \t]*|:partial[ \t]*=>[ \t]*)?["']([^"'\n{}#]+)["']""",
    "render",
    "rails",
    "render",
)


# `= render template: "layouts/application"` (a controller's layout nested in the application's)
RENDER_TEMPLATE = Include(
    r"""(?:[!&]?==?|~|#\{)[ \t]*render\b[ \t(]*(?:template:[ \t]*|:template[ \t]*=>[ \t]*)["']([^"'\n{}#]+)["']""",
    "render",
    "rails-template",
    "template",
)


def block_comment(name: str, marker: str) -> Span:
    """A comment line starting with `marker` with its nested block (deeper lines, and blank lines
    followed by deeper ones): where markers and suppressions are read; the suppression's line is
    the comment's last line, so the element right after the block is the one it covers."""
    indent = f"(?P<{name}>[ \\t]*)"
    pattern = f"^{indent}{marker}[^\\n]*(?:\\n(?:[ \\t]*\\r?\\n)*(?P={name})[ \\t]+[^\\n]*)*"
    return Span(name, marker.replace("\\", ""), pattern, Role.COMMENT, 5)


# `- # note` (and HAML's `-#`) on one line: a Ruby comment
RUBY_LINE_COMMENT = Span("ruby_line_comment", "-", r"^[ \t]*-[ \t]*#(?!\{)[^\n]*", Role.COMMENT, 6)


# `onclick: `, `:onclick => `, `"onclick" => ` right before a string literal's opening quote
_HANDLER_KEY = re.compile(
    r"""(?<![\w:])(on[a-zA-Z]{3,}):[ \t]*$|:(on[a-zA-Z]{3,})[ \t]*=>[ \t]*$"""
    r"""|["'](on[a-zA-Z]{3,})["'][ \t]*(?:=>|:)[ \t]*$"""
)


_HANDLER_HINT = re.compile(r"""(?<!\w)on[a-zA-Z]{3,}["']?[ \t]*(?::(?!:)|=>)""")
_RUBY_COMMENT = re.compile(r"[ \t]*#(?!\{)")


class Lines:
    """The lines of a file: where each starts, where its text starts (after the indentation),
    where it ends (before the line break), where the next begins, and its indentation width
    (a tab reaches the next multiple of four, as in Slim). CRLF, CR and LF all end a line."""

    _BREAK = re.compile(r"(\r\n|\r|\n)")

    def __init__(self, text: str) -> None:
        """Built with str.split and list comprehensions (C loops), not a Python loop per line."""
        self.text = text
        bom = 1 if text.startswith("\ufeff") else 0
        if "\r" in text:
            parts = self._BREAK.split(text[bom:])
            rows, breaks = parts[0::2], [len(b) for b in parts[1::2]]
        else:
            rows = text[bom:].split("\n")
            breaks = [1] * (len(rows) - 1)
        if rows[-1]:
            breaks.append(0)  # the last line has no line break
        else:
            rows.pop()  # the text ends with a line break (or is empty)
        lengths = list(map(len, rows))
        indents = [n - len(row.lstrip(" \t")) for row, n in zip(rows, lengths, strict=True)]
        self.next: list[int] = list(accumulate(map(add, lengths, breaks), initial=bom))
        self.start: list[int] = self.next[:-1]
        del self.next[0]
        self.content: list[int] = list(map(add, self.start, indents))
        self.end: list[int] = list(map(add, self.start, lengths))
        self.width: list[int] = indents
        if "\t" in text:
            self.width = [_width(row[:n]) for row, n in zip(rows, indents, strict=True)]
        self.count = len(rows)

    def blank(self, i: int) -> bool:
        return self.content[i] == self.end[i]

    def block_end(self, i: int, width: int) -> int:
        """The index after the block nested under line `i`: the lines deeper than `width`, with
        blank lines between them (blank lines after the block are not part of it)."""
        after = i + 1
        j = i + 1
        while j < self.count:
            if self.content[j] != self.end[j]:
                if self.width[j] <= width:
                    break
                after = j + 1
            j += 1
        return after

    def last_char(self, i: int) -> str:
        """The last character of line `i` that is not white space ("" for a blank line)."""
        text, end, content = self.text, self.end[i], self.content[i]
        while end > content and text[end - 1] in " \t":
            end -= 1
        return text[end - 1] if end > content else ""

    def opens_block(self, i: int) -> bool:
        """Is the next non-blank line deeper than line `i`?"""
        width = self.width[i]
        j = i + 1
        while j < self.count and self.content[j] == self.end[j]:
            j += 1
        return j < self.count and self.width[j] > width

    def line_of(self, offset: int, hint: int) -> int:
        """The line holding `offset`, searching forward from line `hint` (scans only move on)."""
        while hint + 1 < self.count and self.next[hint] <= offset:
            hint += 1
        return hint


def _width(indent: str) -> int:
    if "\t" not in indent:
        return len(indent)
    width = 0
    for char in indent:
        width = (width // 4 + 1) * 4 if char == "\t" else width + 1
    return width


@dataclass(slots=True)
class Ruby:
    """What a forward scan of Ruby code found: where it stopped (the closer, or the limit),
    the top-level commas, and the bodies of its string literals (those not inside `#{}`)."""

    end: int
    closed: bool
    commas: list[int] = field(default_factory=list)
    literals: list[tuple[int, int]] = field(default_factory=list)


_CODE_RUN = re.compile(r"""[^"'()\[\]{},#\\]+""")
_DQ_RUN = re.compile(r'[^"\\#]+')
_SQ_RUN = re.compile(r"[^'\\]+")


def scan_ruby(text: str, pos: int, limit: int, closer: str = "", one: bool = False) -> Ruby:
    """Scan Ruby from `pos` to the `closer` bracket at depth 0 (or to `limit`), aware of strings
    and of `#{}` inside double-quoted ones; `one` stops after the first string literal. Each
    character is visited once, so an unclosed hash costs the distance to `limit`, no more."""
    found = Ruby(limit, False)
    depth = 0
    outer: list[tuple[int, int]] = []  # (bracket depth, literal start) around each open `#{`
    quote = ""
    body = pos
    while pos < limit:
        run = (_DQ_RUN if quote == '"' else _SQ_RUN if quote else _CODE_RUN).match(text, pos, limit)
        if run:
            pos = run.end()
            if pos >= limit:
                break
        char = text[pos]
        if quote:
            if char == "\\":
                pos += 2
                continue
            if char == "#":
                if text.startswith("{", pos + 1):
                    outer.append((depth, body))
                    depth, quote = 0, ""
                    pos += 1
                pos += 1
                continue
            quote = ""
            if not outer:
                found.literals.append((body, pos))
                if one:
                    found.end, found.closed = pos + 1, True
                    return found
        elif char in "\"'":
            quote, body = char, pos + 1
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            if depth:
                depth -= 1
            elif outer and char == "}":
                (depth, body), quote = outer.pop(), '"'
            elif closer and char == closer:
                found.end, found.closed = pos, True
                return found
        elif char == ",":
            if not depth and not outer:
                found.commas.append(pos)
        elif char == "#":  # a comment, to the end of the line
            newline = text.find("\n", pos, limit)
            pos = limit if newline < 0 else newline
            continue
        else:  # a backslash: skip what it escapes
            pos += 1
        pos += 1
    if quote and not outer:
        found.literals.append((body, limit))
    return found


@dataclass(slots=True)
class Element:
    """An element being written; `shown` is False while a tag no detector looks at (`div`,
    `span`…) has not shown an event handler: such a tag is left out of the view."""

    name: str
    anchor: int  # where the element starts in the original (`%` of `%script`, `s` of `script`)
    shown: bool
    end: int = -1  # where its start tag ends in the original (after the attributes)


class Markup:
    """The HTML a template renders, built while it is read. Elements stay open while the lines
    under them are deeper than theirs and close when the indentation drops back.

    Only what a detector can act on is written as tags: scripts, beacons, `noscript`, elements
    whose content is inert or raw text, and any element with an `on…` handler; other tags are
    left out (their text is kept), which makes the view several times smaller. Generated text
    with one anchor is written as one piece."""

    def __init__(self, text: str) -> None:
        self.source = text
        self.out = ViewBuilder(text)
        self._open: list[tuple[int, Element]] = []  # (indent width, element)
        self._element = Element("", 0, False)
        self._pending: list[str] = []
        self._pending_anchor = -1

    def _emit(self, generated: str, anchor: int) -> None:
        if anchor != self._pending_anchor:
            self._flush()
            self._pending_anchor = anchor
        self._pending.append(generated)

    def _flush(self) -> None:
        if self._pending:
            self.out.emit("".join(self._pending), self._pending_anchor)
            self._pending.clear()
        self._pending_anchor = -1

    # elements --------------------------------------------------------------------------------
    def start_tag(self, name: str, anchor: int) -> Element:
        self._element = Element(name, anchor, name.lower() in SHOWN)
        if self._element.shown:
            self._emit("<" + name, anchor)
        return self._element

    def end_start_tag(self, end: int) -> None:
        """The start tag ends at `end` in the original: `>` stands for it, and so does the end
        tag of an element that ends there."""
        self._element.end = end
        if self._element.shown:
            self._emit(">", end)

    def keep_open(self, width: int, element: Element) -> None:
        """The element's content is on the lines under it: close it when they end."""
        if element.shown and element.name not in VOID:
            self._open.append((width, element))

    def close(self, element: Element) -> None:
        if element.shown and element.name not in VOID:
            self._emit(f"</{element.name}>", element.end)

    def close_to(self, width: int) -> None:
        """A line at `width`: every element opened at that width or deeper has ended."""
        while self._open and self._open[-1][0] >= width:
            self.close(self._open.pop()[1])

    # attributes ------------------------------------------------------------------------------
    def _shows(self, name: str) -> bool:
        element = self._element
        if not element.shown and name[:2].lower() == "on":
            element.shown = True
            self._emit("<" + element.name, element.anchor)
        return element.shown

    def static_attribute(self, name: str, value: str) -> None:
        """`.class` / `#id` shorthand: a literal the template spells out."""
        if self._element.shown:
            self._emit(f' {name}="{value}"', self._element.anchor)

    def boolean_attribute(self, name: str, anchor: int) -> None:
        if self._shows(name):
            self._emit(f" {name}", anchor)

    def literal_attribute(self, name: str, anchor: int, start: int, end: int) -> None:
        """A quoted value: copied exactly, `#{}` masked."""
        if self._shows(name):
            quote, holes = self._quote([(start, end)])
            self._emit(f" {name}={quote}", anchor)
            self.text(start, end, holes)
            self._emit(quote, end)

    def _quote(self, literals: list[tuple[int, int]]) -> tuple[str, re.Pattern[str]]:
        """The quote for a generated value: `'` around `fbq("track")`, so that its JavaScript
        stays as written; otherwise `"` (and a `"` inside is masked)."""
        text = self.source
        if any(text.find('"', s, e) >= 0 for s, e in literals) and not any(
            text.find("'", s, e) >= 0 for s, e in literals
        ):
            return "'", _SINGLE_QUOTED_HOLES
        return '"', LITERAL_HOLES

    def expression_attribute(self, name: str, anchor: int, start: int, end: int) -> None:
        """A Ruby expression as the value (`src: url`, `src=asset_url("x.js")`): its string
        literals copied (quotes dropped) and the code between them masked; code around them
        (`asset_url(`…`)`) is left out, so that a URL literal stays a whole URL."""
        if not self._shows(name):
            return
        literals = scan_ruby(self.source, start, end).literals
        quote, holes = self._quote(literals)
        self._emit(f" {name}={quote}", anchor)
        if not literals:
            self.code(start, end)
        at = -1
        for body_start, body_end in literals:
            if at >= 0:
                self.code(at, body_start - 1)
            self.text(body_start, body_end, holes)
            at = body_end + 1
        self._emit(quote, literals[-1][1] if literals else end)

    # content ---------------------------------------------------------------------------------
    def text(self, start: int, end: int, holes: re.Pattern[str] = INTERPOLATION) -> None:
        """Text the template prints as it is (HTML included), interpolation masked."""
        if end > start:
            self._flush()
            self.out.copy(start, end, holes)

    def code(self, start: int, end: int) -> None:
        """Ruby code or output (`- x`, `= y`): masked; tracker URLs in it are still found."""
        if end > start:
            self._flush()
            self.out.output(start, end)

    def output(self, start: int, end: int) -> None:
        """Printed Ruby (`= link_to "Book", path, onclick: "fbq('track', 'Lead')"`): masked,
        except that a helper's `onclick:`-style option with a string value renders an element
        with that handler, so its JavaScript is written as one (copied exactly)."""
        text, at = self.source, start
        if _HANDLER_HINT.search(text, start, end):
            for body_start, body_end in scan_ruby(text, start, end).literals:
                key = _HANDLER_KEY.search(text, max(at, body_start - 40), body_start - 1)
                if key is None:
                    continue
                name = next(g for g in key.groups() if g).lower()
                quote, holes = self._quote([(body_start, body_end)])
                self.code(at, body_start - 1)
                self._emit(f"<a {name}={quote}", key.start())
                self.text(body_start, body_end, holes)
                self._emit(f"{quote}></a>", body_end)
                at = body_end + 1
        self.code(at, end)

    def comment(self, start: int, end: int) -> None:
        self.out.comment(start, end)

    def build(self) -> View:
        self.close_to(-1)
        self._flush()
        return self.out.build()


def skip(pattern: re.Pattern[str], text: str, pos: int, end: int) -> int:
    """Where `pattern` (one that may match nothing) stops matching from `pos`."""
    found = pattern.match(text, pos, end)
    return found.end() if found else pos


def is_ruby_comment(text: str, start: int, end: int) -> bool:
    """`- # note`: a Ruby comment rather than code (`#{` would be interpolation)."""
    return _RUBY_COMMENT.match(text, start, end) is not None


class LineReader:
    """One pass over the lines of an indentation language; `line` reads the construct that starts
    at line i and returns the index of the next line to read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = Lines(text)
        self.markup = Markup(text)

    def read(self) -> View:
        lines, i = self.lines, 0
        while i < lines.count:
            if lines.blank(i):
                i += 1
                continue
            self.markup.close_to(lines.width[i])
            i = self._line(i)
        return self.markup.build()

    def _line(self, i: int) -> int:
        raise NotImplementedError

    def _ruby_lines(self, at: int, last: int, printed: bool) -> int:
        """Ruby from `at` to the end of line `last`: a comment, printed output or code."""
        end = self.lines.end[last]
        if is_ruby_comment(self.text, at, end):
            self.markup.comment(at, end)
        elif printed:
            self.markup.output(at, end)
        else:
            self.markup.code(at, end)
        return last + 1
