"""HAML (Rails views): read line by line into the HTML it renders.

`%script{src: "…"}`, `%script(src="…")`, `.class`/`#id` shorthand, nested content, the
`:javascript` filter (its body copied exactly, `#{}` masked), `:plain`/`:markdown`/unknown filters
as text, `:css` as style, `:ruby`/`:coffee` as code, `:escaped` as inert text; `-#` silent comments
and `/` HTML comments (with their nested blocks; `/[if IE]` too) are never part of the page
(`/![if !IE]` is: its block is what other browsers run);
`=`/`!=`/`&=`/`~`/`-` Ruby (continued by a trailing comma or ` |`) is masked, its string literals
still read for tracker URLs. Follows Haml::Parser (haml 6/7) line by line.
"""

from __future__ import annotations

import re

from pixellint.languages.base import Kind, Language, View
from pixellint.languages.ruby_lines import (
    ERB_HOLES,
    RENDER,
    RENDER_TEMPLATE,
    RUBY_LINE_COMMENT,
    Element,
    LineReader,
    block_comment,
    scan_ruby,
    skip,
)
from pixellint.languages.spans import MARKUP_COMMENTS

_TAG = re.compile(r"%([-:\w]+)([-:\w.#@]*)")
_DIV = re.compile(r"[-:\w.#@]+")
_SHORTHAND = re.compile(r"([#.])([-:\w@]+)")
_BAD_SHORTHAND = re.compile(r"[.#](?:[.#]|$)")
_ACTION = re.compile(r"(<>|><|[><])?([=/~&!])?[ \t]*")
_FILTER = re.compile(r":(\w+)")
_NEW_NAME = re.compile(r"\s*([-:@#\w.]+)\s*")
_NEW_EQUALS = re.compile(r"=\s*")
_NEW_VARIABLE = re.compile(r"(?:@@?|\$)?\w+")
_SPACE = re.compile(r"\s*")
# keys of an attribute hash: `src:`, `"data-x":`, `:src =>`, `"src" =>`
_KEY = re.compile(
    r"""\s*(?:([A-Za-z_][\w-]*[?!]?|"[^"\n]*"|'[^'\n]*'):(?!:)\s*"""
    r"""|:([A-Za-z_][\w-]*[?!]?|"[^"\n]*"|'[^'\n]*')\s*=>\s*"""
    r"""|("[^"\n]*"|'[^'\n]*')\s*=>\s*)"""
)
# `foo.each do | x |` is no multiline: HAML's `do\s*\|\s*[^|]*\s+\|$`, rewritten so that it
# cannot backtrack (HAML's takes cubic time on a long run of spaces)
_BLOCK_WITH_SPACES = re.compile(r"do\s*\|[^|]*\s\|$")
_CHAR_LITERAL_COMMA = re.compile(r"\W\?,$|\?\\,$")
_SCRIPT_FILTERS = frozenset({"javascript"})
_STYLE_FILTERS = frozenset({"css", "sass", "scss", "less", "stylus"})
_CODE_FILTERS = frozenset({"ruby", "coffee", "coffeescript"})


class _Reader(LineReader):
    """Each handler returns the index of the next line to read."""

    def _line(self, i: int) -> int:
        text, at = self.text, self.lines.content[i]
        first, second = text[at], text[at + 1 : at + 2]
        if first == "%":
            return self._tag(i)
        if first == "." or (first == "#" and second not in ("{", "@", "$", "")):
            return self._tag(i)
        if first == "/":  # `/![if !IE]` reveals its block to every browser but IE
            return i + 1 if text.startswith("/![", at) else self._comment(i)
        if first == "-":
            return self._comment(i) if second == "#" else self._script(i, at + 1, printed=False)
        if first == ":" and _FILTER.match(text, at):
            return self._filter(i)
        if first in "=~&!":
            return self._prefixed(i, at)
        if first == "\\":
            at += 1
        return self._plain(i, at)

    # text and Ruby ---------------------------------------------------------------------------
    def _plain(self, i: int, at: int) -> int:
        self.markup.text(at, self.lines.next[i])
        return i + 1

    def _prefixed(self, i: int, at: int) -> int:
        """`=`, `~`, `&=`, `!=`, `==` (interpolated text), `& text`, `!!!` (doctype), `! text`."""
        text = self.text
        if text.startswith("!!!", at):
            return i + 1
        if text[at] in "&!":
            after = text[at + 1 : at + 2]
            if after == " " or text.startswith("#{", at + 1):
                return self._plain(i, at + 1)
            if after not in ("=", "~"):
                return self._plain(i, at)  # `!function(){…}`: the whole line is text
            at += 1
        if text.startswith("==", at):
            return self._plain(i, at + 2)
        return self._script(i, at + 1)

    def _script(self, i: int, at: int, printed: bool = True) -> int:
        """Ruby run (`-`) or printed (`=`): masked to the end of its last continued line."""
        return self._ruby_lines(at, self._ruby_end(i), printed)

    def _ruby_end(self, i: int) -> int:
        """The last line of Ruby starting on line `i`: continued by a trailing comma, or by a
        trailing ` |` on every line (HAML's multiline)."""
        lines = self.lines
        piped = self._piped(i)
        while i + 1 < lines.count:
            if piped:
                j = self._next_nonblank(i)
                if j < 0 or not self._piped(j):
                    break
            elif lines.last_char(i) != "," or self._char_literal_comma(i):
                break
            j = self._next_nonblank(i)
            if j < 0:
                break
            i = j
        return i

    def _char_literal_comma(self, i: int) -> bool:
        """`?,` is a character literal, not a comma that continues the line (`x?,` is one)."""
        end = _rstrip(self.text, self.lines.content[i], self.lines.end[i])
        return _CHAR_LITERAL_COMMA.search(self.text, max(0, end - 3), end) is not None

    def _piped(self, i: int) -> bool:
        if self.lines.last_char(i) != "|":
            return False
        line = self.text[self.lines.content[i] : self.lines.end[i]].rstrip()
        return line.endswith(" |") and not _BLOCK_WITH_SPACES.search(line)

    def _next_nonblank(self, i: int) -> int:
        i += 1
        while i < self.lines.count and self.lines.blank(i):
            i += 1
        return i if i < self.lines.count else -1

    # comments and filters --------------------------------------------------------------------
    def _comment(self, i: int) -> int:
        """`-#` and `/` (also `/[if IE]`) with everything nested under them: never in the page
        (a `/` block is rendered inside `<!-- -->`, which no browser runs)."""
        lines = self.lines
        after = lines.block_end(i, lines.width[i])
        self.markup.comment(lines.content[i], lines.end[after - 1])
        return after

    def _filter(self, i: int) -> int:
        lines, markup = self.lines, self.markup
        at = lines.content[i]
        found = _FILTER.match(self.text, at)
        name = found.group(1).lower() if found else ""
        after = lines.block_end(i, lines.width[i])
        if after == i + 1:
            return after
        start, end = lines.start[i + 1], lines.next[after - 1]
        if name in _SCRIPT_FILTERS or name in _STYLE_FILTERS:
            tag = "script" if name in _SCRIPT_FILTERS else "style"
            element = markup.start_tag(tag, at)
            markup.end_start_tag(lines.end[i])
            markup.text(start, end)
            markup.close(element)
        elif name in _CODE_FILTERS:
            markup.code(start, end)
        elif name == "erb":
            markup.text(start, end, ERB_HOLES)
        elif name != "escaped":  # escaped text is shown, never run
            markup.text(start, end)
        return after

    # elements --------------------------------------------------------------------------------
    def _tag(self, i: int) -> int:
        text, lines, markup = self.text, self.lines, self.markup
        at = lines.content[i]
        if text[at] == "%":
            found = _TAG.match(text, at)
            if found is None:
                return self._plain(i, at)
            name, shorthand, pos = found.group(1), found.group(2), found.end()
        else:
            found = _DIV.match(text, at)
            if found is None or _BAD_SHORTHAND.search(found.group()):
                return self._plain(i, at)
            name, shorthand, pos = "div", found.group(), found.end()
        element = markup.start_tag(name, at)
        self._shorthand(shorthand)
        pos, last, ok = self._attribute_lists(pos, i)
        markup.end_start_tag(min(pos, lines.end[last]))
        if not ok:  # HAML refuses the line: nothing of it is rendered
            markup.close(element)
            return last + 1
        return self._content(i, last, element, pos)

    def _shorthand(self, shorthand: str) -> None:
        classes, ident = [], ""
        for kind, value in _SHORTHAND.findall(shorthand):
            if kind == ".":
                classes.append(value)
            else:
                ident = value
        if ident:
            self.markup.static_attribute("id", ident)
        if classes:
            self.markup.static_attribute("class", " ".join(classes))

    def _attribute_lists(self, pos: int, i: int) -> tuple[int, int, bool]:
        """`{…}`, `(…)` and `[…]` after the tag, each at most once, in any order; the first two
        may run over several lines. Returns where the line goes on, its line, and success."""
        text, lines = self.text, self.lines
        seen = ""
        while pos < lines.end[i] and text[pos] in "{([" and text[pos] not in seen:
            seen += text[pos]
            if text[pos] == "{":
                pos, ok = self._hash(pos)
            elif text[pos] == "(":
                pos, ok = self._html_attributes(pos)
            else:
                ruby = scan_ruby(text, pos + 1, lines.end[i], "]")
                pos, ok = ruby.end + 1, ruby.closed
            i = lines.line_of(min(pos, len(text) - 1), i)
            if not ok:
                return pos, i, False
        return pos, i, True

    def _hash(self, pos: int) -> tuple[int, bool]:
        """A Ruby attribute hash (`{src: "…", :async => true}`); HAML reads on to the line that
        balances it."""
        ruby = scan_ruby(self.text, pos + 1, len(self.text), "}")
        if not ruby.closed:
            return len(self.text), False
        self._entries(pos + 1, ruby.end, ruby.commas, "")
        return ruby.end + 1, True

    def _entries(self, start: int, end: int, commas: list[int], prefix: str) -> None:
        text = self.text
        starts, ends = [start, *(c + 1 for c in commas)], [*commas, end]
        for entry_start, entry_end in zip(starts, ends, strict=True):
            key = _KEY.match(text, entry_start, entry_end)
            if key is None:
                continue  # `**attrs`, a helper's hash: nothing known about it
            raw = key.group(1) or key.group(2) or key.group(3)
            anchor = skip(_SPACE, text, entry_start, entry_end)
            self._value(
                prefix + raw.strip("\"'"),
                anchor,
                key.end(),
                _rstrip(text, key.end(), entry_end),
                prefix,
            )

    def _value(self, name: str, anchor: int, start: int, end: int, prefix: str) -> None:
        text, markup = self.text, self.markup
        word = text[start:end]
        if word == "true":
            markup.boolean_attribute(name, anchor)
        elif word in ("false", "nil") or start >= end:
            return
        elif text[start] == "{" and not prefix:  # data: {…} -> data-…
            inner = scan_ruby(text, start + 1, end, "}")
            if inner.closed:
                self._entries(start + 1, inner.end, inner.commas, name.replace("_", "-") + "-")
        else:
            markup.expression_attribute(name, anchor, start, end)

    def _html_attributes(self, pos: int) -> tuple[int, bool]:
        """`(src="…" async type=kind)`: names, quoted values (`#{}` inside), variables."""
        text, markup, size = self.text, self.markup, len(self.text)
        pos += 1
        while pos < size:
            pos = skip(_SPACE, text, pos, size)
            if text.startswith(")", pos):
                return pos + 1, True
            found = _NEW_NAME.match(text, pos)
            if found is None:
                return pos, False
            name, anchor, pos = found.group(1), found.start(1), found.end()
            equals = _NEW_EQUALS.match(text, pos)
            if equals is None:
                markup.boolean_attribute(name, anchor)
                continue
            pos = equals.end()
            if text[pos : pos + 1] in ("'", '"'):
                literal = scan_ruby(text, pos, size, one=True)
                if not literal.closed:
                    return size, False
                markup.literal_attribute(name, anchor, pos + 1, literal.end - 1)
                pos = literal.end
                continue
            variable = _NEW_VARIABLE.match(text, pos)
            if variable is None:
                return pos, False
            markup.expression_attribute(name, anchor, pos, variable.end())
            pos = variable.end()
        return size, False

    def _content(self, i: int, last: int, element: Element, pos: int) -> int:
        """What follows the attributes: `/` (self-closing), `= ruby`, ` text`, or nothing; then
        the nested lines are the element's content."""
        text, lines, markup = self.text, self.lines, self.markup
        end = lines.end[last]
        action = _ACTION.match(text, pos, end)
        kind = action.group(2) if action else None
        value = action.end() if action else pos
        if kind == "/":
            return last + 1
        if kind in ("&", "!") and text[value : value + 1] in ("=", "~"):
            kind, value = "=", value + 1
        if kind in ("=", "~") and text.startswith("=", value):
            kind, value = None, value + 1  # `%p== text #{x}`: interpolated text
        if kind in ("=", "~"):
            last = self._ruby_end(last)
            markup.output(value, lines.end[last])
        elif text[value:end].strip():
            markup.text(value, end)
        if lines.opens_block(last):
            markup.keep_open(lines.width[i], element)
        else:
            markup.close(element)
        return last + 1


def _rstrip(text: str, start: int, end: int) -> int:
    """`end` moved back over trailing white space, not before `start` (no copy of the text)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def read(text: str) -> View:
    """The HTML a HAML template renders, every piece mapped to its original offset."""
    return _Reader(text).read()


LANGUAGE = Language(
    "haml",
    Kind.MARKUP,
    (".html.haml", ".haml"),
    spans=(
        block_comment("haml_silent_comment", "-#"),
        block_comment("haml_html_comment", "/"),
        RUBY_LINE_COMMENT,
    ),
    comments=MARKUP_COMMENTS,
    includes=(RENDER, RENDER_TEMPLATE),
    reader=read,
    description="HAML (Rails views)",
)
