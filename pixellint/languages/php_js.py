"""JavaScript that PHP code prints: the strings a WordPress plugin or a Drupal module builds its
tracking snippet in.

A theme rarely pastes a tracker as HTML; it builds it in PHP: `wp_add_inline_script('gtag',
"gtag('config', '{$id}');")`, a heredoc `$js = <<<JS ... JS;` handed to `wp_add_inline_script`,
`echo '<script>fbq("init", "' . esc_js($id) . '");</script>';`, a Drupal `html_head` element
`'#tag' => 'script', '#value' => $script`. This module finds those strings in the PHP code of a
file and returns the JavaScript they hold, same length and at the same offsets as the PHP source
(the `scripts` hook of a language), so every call inside is analysed as JavaScript at its exact
position:

- a string's escapes become same-length text with the same meaning (`\\'` -> ` '`, `\\n` -> a
  space and a line break), PHP variables interpolated in it (`$id`, `{$opts['id']}`) become
  `_` identifiers of the same length;
- a concatenation (`'a' . esc_js($id) . 'b'`) is one string: each PHP operand between the
  pieces becomes `_`s, the quotes and dots around it spaces;
- a variable handed to a script sink (`wp_add_inline_script($h, $js)`, `'#value' => $script`)
  is every string assigned (`=`) or appended (`.=`) to it before, in the same function, joined;
- a string holding `<script>` elements is markup: the JavaScript is each element's body (and,
  when the opening tag comes from a function, the text before `</script>`);
- a heredoc or nowdoc that is not markup is JavaScript.

PHP comments never count: the code is tokenised, strings first. Linear in the size of the code.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# --- tokens -------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
     (?P<comment>//[^\n]*|\#(?!\[)[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<heredoc><<<[ \t]*(?P<quote>["']?)(?P<label>[A-Za-z_]\w*)(?P=quote)\r?\n)
    |(?P<single>'(?:[^'\\]|\\.)*(?:'|\Z))
    |(?P<double>"(?:[^"\\]|\\.)*(?:"|\Z))
    |(?P<shell>`(?:[^`\\]|\\.)*(?:`|\Z))
    |(?P<var>\$[A-Za-z_]\w*)
    |(?P<name>\\?[A-Za-z_][\w\\]*(?:::[A-Za-z_]\w*)?)
    |(?P<number>\d[\w.]*)
    |(?P<append>\.=)
    |(?P<op>\.\.\.|===?|!==?|<=>|<=|>=|\?\?=?|\?->|->|::|&&|\|\||[-+*/%&|^]=|<<=?|>>=?)
    |(?P<dot>\.)
    |(?P<arrow>=>)
    |(?P<assign>=)
    |(?P<open>[(\[{])
    |(?P<close>[)\]}])
    |(?P<comma>,)
    |(?P<semi>;)
    |(?P<other>[^\s])
    """,
    re.S | re.X,
)
_STRING_KINDS = ("single", "double", "heredoc", "nowdoc")
# operators and keywords that end an operand of a concatenation at the same nesting level
_SPLIT_OPS = frozenset({"?", ":", "??", "&&", "||", "==", "===", "!=", "!==", "<", ">", "<=", ">="})
_SPLIT_WORDS = frozenset({"echo", "print", "return", "and", "or", "xor", "else", "yield"})
# call -> which argument is JavaScript
SINKS = {
    "wp_add_inline_script": 1,
    "wp_print_inline_script_tag": 0,
    "wp_get_inline_script_tag": 0,
    "drupal_add_js": 0,  # Drupal 7, with 'inline' among its options
}
# calls that return (a form of) one of their arguments -> which one
_WRAPPERS = {
    "sprintf": 0, "vsprintf": 0, "trim": 0, "wp_kses_post": 0, "apply_filters": 1,
    "Markup::create": 0, "\\Drupal\\Core\\Render\\Markup::create": 0,
}  # fmt: skip
_PRINTF_WRAPPERS = frozenset({"sprintf", "vsprintf", "printf", "vprintf"})
_PLACEHOLDER = re.compile(r"%%|%(?:\d+\$)?[-+ 0'#]*\d*(?:\.\d+)?[bcdeEfFgGosuxX]")
_SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>", re.I)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.I)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TYPE = re.compile(r"""\btype\s*=\s*["']?\s*([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE_ATTRIBUTE = re.compile(r"""["']type["']\s*=>\s*["']([^"'\n]*)["']""")
_JS_TYPES = frozenset({
    "", "text/javascript", "application/javascript", "module", "text/ecmascript",
    "application/ecmascript", "text/partytown", "text/x-javascript",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    start: int
    end: int
    body_start: int = 0  # a string's content, without its quotes or heredoc lines
    body_end: int = 0

    @property
    def is_string(self) -> bool:
        return self.kind in _STRING_KINDS


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The tokens of PHP code text[start:end], comments dropped."""
    found: list[_Token] = []
    at = start
    while at < end:
        match = _TOKEN.search(text, at, end)
        if match is None:
            break
        kind = match.lastgroup or "other"
        if kind in ("quote", "label"):
            kind = "heredoc"
        if kind == "heredoc":
            token, at = _heredoc(text, match, end)
            found.append(token)
            continue
        at = match.end()
        if kind == "comment":
            continue
        if kind in ("single", "double"):
            closed = (
                match.end() - match.start() >= 2 and text[match.end() - 1] == text[match.start()]
            )
            found.append(
                _Token(kind, match.start(), match.end(), match.start() + 1,
                       match.end() - (1 if closed else 0))
            )  # fmt: skip
            continue
        found.append(_Token(kind, match.start(), match.end()))
    return found


def _heredoc(text: str, opener: re.Match[str], end: int) -> tuple[_Token, int]:
    """A heredoc (`<<<JS`, `<<<"JS"`) or nowdoc (`<<<'JS'`) and where lexing resumes. The body
    ends before the line holding the closing label (indented or not, PHP 7.3+); unclosed, it runs
    to the end of the code."""
    label = opener.group("label")
    kind = "nowdoc" if opener.group("quote") == "'" else "heredoc"
    closing = re.compile(rf"^[ \t]*{re.escape(label)}\b", re.M).search(text, opener.end(), end)
    if closing is None:
        return _Token(kind, opener.start(), end, opener.end(), end), end
    body_end = closing.start()
    if body_end > opener.end() and text[body_end - 1] == "\n":
        body_end -= 1
        if body_end > opener.end() and text[body_end - 1] == "\r":
            body_end -= 1
    return _Token(kind, opener.start(), closing.end(), opener.end(), body_end), closing.end()


# --- string bodies as JavaScript ------------------------------------------------------------------

_SINGLE_ESCAPE = re.compile(r"\\[\\']")
_AFTER_CLOSING = frozenset(",;:)]}+ \t\r\n.?=")
_DOUBLE_PART = re.compile(
    r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|u\{[0-9A-Fa-f]*\}|.)"
    r"|\{\$|\$\{|\$[A-Za-z_]\w*(?:\[[^\]\n]*\]|->[A-Za-z_]\w*)?",
    re.S,
)
_LINE_ESCAPES = {"n": " \n", "r": " \r"}


def _body_js(text: str, token: _Token) -> str:
    """A string's content as the JavaScript it prints, same length."""
    body = text[token.body_start : token.body_end]
    if token.kind == "nowdoc":
        return body
    if token.kind == "single":
        return _SINGLE_ESCAPE.sub(_escaped_character, body)
    return _interpolated(body)


def _escaped_character(match: re.Match[str]) -> str:
    """`\\'` as the quote, padded with a space on the side outside the JavaScript string it
    delimits: `\\'gtm.start\\'` -> ` 'gtm.start' `, so the string's value stays exact."""
    character = match.group()[1]
    if character in "'\"" and _closes(match.string, match.end()):
        return character + " "
    return " " + character


def _closes(body: str, after: int) -> bool:
    """A quote followed by punctuation or the end closes a string; one followed by text opens."""
    return after >= len(body) or body[after] in _AFTER_CLOSING


def _interpolated(body: str) -> str:
    """A double-quoted or heredoc body: escapes resolved, variables masked, same length."""
    parts: list[str] = []
    last = 0
    at = 0
    while True:
        match = _DOUBLE_PART.search(body, at)
        if match is None:
            break
        parts.append(body[last : match.start()])
        piece = match.group()
        end = match.end()
        if piece in ("{$", "${"):
            end = _closing_brace(body, match.start() + piece.index("{"))
            parts.append("_" * (end - match.start()))
        elif piece.startswith("$"):
            parts.append("_" * len(piece))
        else:
            parts.append(_escape(piece, body, end))
        last = at = end
    parts.append(body[last:])
    return "".join(parts)


def _escape(piece: str, body: str, end: int) -> str:
    """A backslash sequence of a double-quoted string or heredoc, same length."""
    letter = piece[1:2]
    if letter in _LINE_ESCAPES:
        return _LINE_ESCAPES[letter]
    if letter and letter in "tvef":
        return "  "
    if letter == '"' and _closes(body, end):
        return '" '
    if letter and letter in '\\$"':
        return " " + letter
    if len(piece) > 2 or letter.isdigit():  # \x3C, \u{2F}, \074: one character of a string
        return "_" * len(piece)
    return piece  # not an escape in PHP: both characters are printed


def _closing_brace(body: str, start: int) -> int:
    """The offset after the `}` that closes the `{` at `start` (or the end of the body)."""
    depth = 0
    for at in range(start, len(body)):
        char = body[at]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return at + 1
    return len(body)


# --- structure: groups, segments, operands ---------------------------------------------------------


@dataclass(slots=True)
class _Segment:
    """A run of a bracket group's direct children between two terminators (`,` `;` `=>` `=`
    `?` `echo`...): an expression, split by top-level `.` into operands."""

    group: int  # index of the enclosing open bracket, -1 at the top
    argument: int  # commas before it in its group
    before: int  # index of the terminator before it, -1 at the start of its group
    operands: list[tuple[int, int]]  # (first, last) child token indices of each operand


class _Code:
    """One span of PHP code, tokenised, with its bracket groups and expression segments."""

    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.closing = _match_brackets(tokens)
        self.segments: list[_Segment] = []
        self.segment_of: dict[int, int] = {}  # an open bracket -> the segment it is part of
        self.first_argument: dict[int, int] = {}  # an open bracket -> its first segment
        self.script_groups: set[int] = set()  # groups holding '#tag' => 'script'
        self.functions = [
            at
            for at, token in enumerate(tokens)
            if token.kind == "name" and self.source(at).lower() in ("function", "fn")
        ]
        self._split()

    def _split(self) -> None:
        """Segments of every group (iterative: nesting is unbounded)."""
        pending = [(-1, 0, len(self.tokens))]
        while pending:
            group, first, stop = pending.pop()
            segment = _Segment(group, 0, -1, [])
            operand_start = first
            at = first
            while at < stop:
                token = self.tokens[at]
                if token.kind == "open":
                    close = self.closing[at]
                    pending.append((at, at + 1, min(close, stop)))
                    at = close + 1
                    continue
                if token.kind == "dot":
                    segment.operands.append((operand_start, at - 1))
                    operand_start = at + 1
                elif self._terminates(at):
                    self._close(segment, operand_start, at - 1)
                    argument = segment.argument + (token.kind == "comma")
                    segment = _Segment(group, argument, at, [])
                    operand_start = at + 1
                    self._note_script_tag(group, at)
                at += 1
            self._close(segment, operand_start, min(at, stop) - 1)

    def _terminates(self, at: int) -> bool:
        token = self.tokens[at]
        if token.kind in ("comma", "semi", "arrow", "assign", "append", "close"):
            return True
        if token.kind in ("op", "other"):
            return self.source(at) in _SPLIT_OPS
        return token.kind == "name" and self.source(at).lower() in _SPLIT_WORDS

    def _close(self, segment: _Segment, first: int, last: int) -> None:
        if first <= last:
            segment.operands.append((first, last))
        segment.operands = [(a, b) for a, b in segment.operands if a <= b]
        if not segment.operands:
            return
        index = len(self.segments)
        for start, end in segment.operands:
            for at in range(start, end + 1):
                if self.tokens[at].kind == "open":
                    self.segment_of[at] = index
        if segment.group >= 0 and segment.argument == 0:
            self.first_argument.setdefault(segment.group, index)
        self.segments.append(segment)

    def _note_script_tag(self, group: int, arrow: int) -> None:
        """A render array `'#tag' => 'script'` (Drupal's html_head): its '#value' is JavaScript."""
        if self.tokens[arrow].kind != "arrow" or arrow == 0 or arrow + 1 >= len(self.tokens):
            return
        if self.string_value(arrow - 1) != "#tag" or self.string_value(arrow + 1) != "script":
            return
        start = self.tokens[group].start if group >= 0 else 0
        end = self.end_of(group) if group >= 0 else len(self.text)
        kinds = _TYPE_ATTRIBUTE.findall(self.text, start, end)
        if all(
            kind.lower() in _JS_TYPES for kind in kinds
        ):  # not '#attributes' => ['type' => 'application/ld+json']
            self.script_groups.add(group)

    def string_value(self, at: int) -> str | None:
        token = self.tokens[at]
        if token.kind not in ("single", "double"):
            return None
        return self.text[token.body_start : token.body_end].lower()

    def source(self, at: int) -> str:
        token = self.tokens[at]
        return self.text[token.start : token.end]

    def end_of(self, at: int) -> int:
        """The offset after token `at`, or after the group it opens."""
        if self.tokens[at].kind != "open":
            return self.tokens[at].end
        close = self.closing[at]
        return self.tokens[close if close < len(self.tokens) else -1].end

    def single(self, segment: _Segment) -> int | None:
        """The token a one-token segment is (`$js`, `'...'`), else None."""
        if len(segment.operands) == 1 and segment.operands[0][0] == segment.operands[0][1]:
            return segment.operands[0][0]
        return None

    def call_of(self, segment: _Segment) -> tuple[str, int] | None:
        """(function name, open bracket) of a segment that is one call: `sprintf(...)`,
        `new Snippet(...)`."""
        if len(segment.operands) != 1:
            return None
        first, last = segment.operands[0]
        if self.tokens[first].kind == "name" and self.source(first).lower() == "new":
            first += 1
        if first + 1 > last or self.tokens[first].kind != "name":
            return None
        opener = first + 1
        if self.tokens[opener].kind != "open" or self.source(opener) != "(":
            return None
        if self.closing[opener] != last and not (opener == last or last == len(self.tokens) - 1):
            return None
        return self.source(first), opener

    def callee(self, segment: _Segment) -> str | None:
        """The function whose `(` argument list the segment sits in."""
        group = segment.group
        if group <= 0 or self.source(group) != "(" or self.tokens[group - 1].kind != "name":
            return None
        return self.source(group - 1)

    def function_start(self, at: int) -> int:
        """Where the function holding token `at` starts (0 at the top of the code)."""
        index = bisect.bisect_left(self.functions, at) - 1
        return self.functions[index] if index >= 0 else 0


def _match_brackets(tokens: list[_Token]) -> list[int]:
    """For each open bracket, the index of its close (the end when unclosed)."""
    closing = [0] * len(tokens)
    stack: list[int] = []
    for at, token in enumerate(tokens):
        if token.kind == "open":
            stack.append(at)
        elif token.kind == "close" and stack:
            closing[stack.pop()] = at
    for at in stack:
        closing[at] = len(tokens)
    return closing


# --- what is JavaScript ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Piece:
    """One operand of a concatenation: a string (its JavaScript) or PHP code (masked)."""

    start: int
    end: int
    code: str
    string: bool


@dataclass(frozen=True, slots=True)
class _Joined:
    start: int
    end: int
    code: str
    bodies: tuple[tuple[int, int], ...]  # <script> bodies when the string is markup
    markup: bool


class _Finder:
    """Decides which strings of one span of PHP code are JavaScript."""

    def __init__(self, text: str, code: _Code) -> None:
        self.text = text
        self.code = code
        self.used: set[int] = set()  # segments already handed over as JavaScript
        self.consumed: dict[str, int] = {}  # variable -> token index its pieces were used to
        self.found: list[tuple[int, int, str]] = []
        self.joined: dict[int, _Joined] = {}
        for index, segment in enumerate(code.segments):
            pieces = self._pieces(segment)
            if pieces:
                self.joined[index] = _joined(self.text, pieces)
        self.assignments: dict[str, list[tuple[int, int]]] = {}  # var -> (token, segment)
        for index, segment in enumerate(code.segments):
            before = segment.before
            assigned = before > 0 and code.tokens[before].kind in ("assign", "append")
            if assigned and code.tokens[before - 1].kind == "var":
                self.assignments.setdefault(code.source(before - 1), []).append((before, index))
        for found in self.assignments.values():
            found.sort()

    def run(self) -> list[tuple[int, int, str]]:
        code = self.code
        for index, segment in enumerate(code.segments):
            if self._is_sink(segment):
                self._javascript(index)
        for index in sorted(self.joined, key=lambda i: self.joined[i].start):
            if self.joined[index].markup:
                self._variables_in_markup(index)
        for index in sorted(self.joined):
            if index not in self.used:
                self._markup_or_heredoc(index)
        return self.found

    # sinks ---------------------------------------------------------------------------------
    def _is_sink(self, segment: _Segment) -> bool:
        code = self.code
        for _ in range(8):  # a wrapper in a wrapper: sprintf(trim(...)); bounded
            callee = code.callee(segment)
            if callee is None:
                break
            name = callee.lower()
            if name in SINKS and SINKS[name] == segment.argument:
                return name != "drupal_add_js" or self._inline_option(segment.group)
            if _wrapped(code, segment.group) != segment.argument:
                return False
            if segment.group not in code.segment_of:
                return False
            segment = code.segments[code.segment_of[segment.group]]
            if code.call_of(segment) is None:
                return False
        before = segment.before
        return (
            before > 0
            and code.tokens[before].kind == "arrow"
            and code.string_value(before - 1) == "#value"
            and segment.group in code.script_groups
        )

    def _inline_option(self, group: int) -> bool:
        start = self.code.tokens[group].start
        return "inline" in self.text[start : self.code.end_of(group)]

    def _javascript(self, index: int) -> None:
        """A sink's argument: a string, or a variable assembled before (a call wrapping one is
        a sink of its own: its argument segment)."""
        code = self.code
        segment = code.segments[index]
        single = code.single(segment)
        if single is not None and code.tokens[single].kind == "var":
            self._variable(code.source(single), single)
        elif index in self.joined:
            self._emit(index)

    def _emit(self, index: int) -> None:
        joined = self.joined[index]
        self.used.add(index)
        self.found.append((joined.start, joined.end, joined.code))

    def _variable(self, name: str, sink: int) -> None:
        """Every string assigned or appended to `name` in the function before `sink`, joined."""
        code = self.code
        start = max(code.function_start(sink), self.consumed.get(name, 0))
        self.consumed[name] = max(sink, self.consumed.get(name, 0))
        found = self.assignments.get(name, [])
        pieces: list[_Piece] = []
        first = bisect.bisect_left(found, (start, -1))
        for before, index in found[first:]:
            if before >= sink:
                break
            call = code.call_of(code.segments[index])
            if call is not None and _wrapped(code, call[1]) == 0:
                index = code.first_argument.get(call[1], -1)  # sprintf('...', $id)
            if index in self.joined and index not in self.used:
                self.used.add(index)
                pieces.extend(self._pieces(code.segments[index]))
        if pieces:
            joined = _joined(self.text, pieces)
            self.found.append((joined.start, joined.end, joined.code))

    # markup ----------------------------------------------------------------------------------
    def _markup_or_heredoc(self, index: int) -> None:
        joined = self.joined[index]
        if joined.markup:
            for start, end in joined.bodies:
                self.found.append(
                    (joined.start + start, joined.start + end, joined.code[start:end])
                )
            return
        single = self.code.single(self.code.segments[index])
        heredoc = single is not None and self.code.tokens[single].kind in ("heredoc", "nowdoc")
        if heredoc and not joined.code.lstrip().startswith("<"):
            self._emit(index)

    def _variables_in_markup(self, index: int) -> None:
        """`echo '<script>' . $js . '</script>';`: the variable is the script's JavaScript."""
        code = self.code
        joined = self.joined[index]
        for first, last in code.segments[index].operands:
            token = code.tokens[first]
            if first != last or token.kind != "var":
                continue
            offset = token.start - joined.start
            if any(a <= offset < b for a, b in joined.bodies):
                self._variable(code.source(first), first)

    # pieces ----------------------------------------------------------------------------------
    def _pieces(self, segment: _Segment) -> list[_Piece]:
        """The operands of a concatenation from its first string to its last ([] when it has
        no string)."""
        code = self.code
        printf = code.callee(segment) in _PRINTF_WRAPPERS and segment.argument == 0
        pieces: list[_Piece] = []
        for first, last in segment.operands:
            token = code.tokens[first]
            if first == last and token.is_string:
                body = _body_js(self.text, token)
                if printf:
                    body = _PLACEHOLDER.sub(_placeholder, body)
                pieces.append(_Piece(token.body_start, token.body_end, body, True))
            else:
                end = code.end_of(last)
                pieces.append(_Piece(token.start, end, "_" * (end - token.start), False))
        while pieces and not pieces[0].string:
            pieces.pop(0)
        while pieces and not pieces[-1].string:
            pieces.pop()
        return pieces


def _wrapped(code: _Code, group: int) -> int:
    """Which argument of the call opening at `group` it returns a form of: `sprintf( $format,
    ... )`, `Markup::create( $js )`, `new GoogleAnalyticsJavaScriptSnippet( $script )` (-1:
    none)."""
    name = code.source(group - 1)
    if name in _WRAPPERS:
        return _WRAPPERS[name]
    constructed = group >= 2 and code.source(group - 2).lower() == "new"
    return 0 if constructed else -1


def _placeholder(match: re.Match[str]) -> str:
    return " %" if match.group() == "%%" else "_" * len(match.group())


def _joined(text: str, pieces: Sequence[_Piece]) -> _Joined:
    """The pieces as one text from the first to the last: what lies between them (quotes,
    dots, other statements) becomes spaces."""
    start = pieces[0].start
    parts: list[str] = []
    at = start
    for piece in pieces:
        if piece.start < at:
            continue
        parts.append(" " * (piece.start - at))
        parts.append(piece.code)
        at = piece.end
    code = "".join(parts)
    lowered = code.lower()
    markup = "<script" in lowered or "</script" in lowered
    return _Joined(start, at, code, _script_bodies(code) if markup else (), markup)


def _script_bodies(js: str) -> tuple[tuple[int, int], ...]:
    """The bodies of the JavaScript `<script>` elements in markup (and the text before a
    `</script>` that no opening tag precedes: the tag came from a function)."""
    comments = [m.span() for m in _HTML_COMMENT.finditer(js)] if "<!--" in js else []
    starts = [a for a, _ in comments]

    def commented(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < comments[i][1]

    bodies: list[tuple[int, int]] = []
    at = 0
    first_open = _SCRIPT_OPEN.search(js)
    first_close = _SCRIPT_CLOSE.search(js)
    if first_close and (first_open is None or first_close.start() < first_open.start()):
        if js[: first_close.start()].strip() and not commented(first_close.start()):
            bodies.append((0, first_close.start()))
        at = first_close.end()
    while True:
        opener = _SCRIPT_OPEN.search(js, at)
        if opener is None:
            break
        closer = _SCRIPT_CLOSE.search(js, opener.end())
        end = closer.start() if closer else len(js)
        at = closer.end() if closer else len(js)
        if commented(opener.start()) or not _runs(opener.group(1)):
            continue
        if js[opener.end() : end].strip():
            bodies.append((opener.end(), end))
    return tuple(bodies)


def _runs(attributes: str) -> bool:
    """A `<script>` whose body runs: no src, a JavaScript type."""
    if _SRC.search(attributes):
        return False
    kind = _TYPE.search(attributes)
    return kind is None or kind.group(1).lower() in _JS_TYPES


# --- the hook ---------------------------------------------------------------------------------


def comment_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each comment in the PHP code text[start:end] (strings are not comments:
    `'https://...'` holds no `//` comment)."""
    found = []
    at = start
    while at < end:
        match = _TOKEN.search(text, at, end)
        if match is None:
            break
        if match.lastgroup == "heredoc":
            at = _heredoc(text, match, end)[1]
            continue
        if match.lastgroup == "comment":
            found.append(match.span())
        at = match.end()
    return found


def javascript(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, JavaScript) for each piece of JavaScript the PHP code in `spans` prints."""
    found: list[tuple[int, int, str]] = []
    for start, end in spans:
        tokens = _tokens(text, start, end)
        if any(t.is_string for t in tokens):
            found.extend(_Finder(text, _Code(text, tokens)).run())
    return sorted(found)
