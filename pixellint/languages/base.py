"""What a template language is, as data: its files, its spans, its comments and its include forms.

A language module builds one `Language`; `all_languages.py` lists them; `registry.py` derives every
table the rest of pixellint needs (file walk, masking, comments, suppressions, graph edges, the
pre-commit filter) from that list, so knowledge of a language lives in exactly one module.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property


class Kind(enum.StrEnum):
    """How a file is analysed."""

    MARKUP = "markup"  # HTML with template holes, or a language read into HTML
    SCRIPT = "script"  # a JavaScript or TypeScript module
    MARKDOWN = "markdown"  # Markdown: code fences and spans are text, never code
    CODE = "code"  # server-side code: tracker URLs in its string literals
    DATA = "data"  # read only for the graph (Shopify JSON templates, Eleventy data files)


class Role(enum.StrEnum):
    """What a span of template syntax is, which decides how it is masked."""

    COMMENT = "comment"  # never runs: masked with spaces, holds markers and suppressions
    OUTPUT = "output"  # prints a value: masked with '_' (a valid JS identifier character)
    CONTROL = "control"  # a tag that prints nothing: masked with spaces
    CODE = "code"  # server code (PHP, ERB): masked with spaces, its strings are read for URLs


@dataclass(frozen=True)
class Span:
    """One form of template syntax, matched where `opener` occurs.

    `pattern` must be tempered (never run past the next opener of its kind) so that a file full
    of openers stays linear; `closers` are regexes of what ends a comment form (trimmed off a
    suppression's reason)."""

    name: str
    opener: str
    pattern: str
    role: Role
    priority: int  # tried in this order where two spans start at the same place
    classify: Callable[[str], Role] | None = None
    closers: tuple[str, ...] = ()

    def role_of(self, source: str) -> Role:
        return self.classify(source) if self.classify else self.role


@dataclass(frozen=True)
class Include:
    """One include/extends/layout/partial form. `how` names the resolver that finds the file
    (see conventions); `names` turns a match into (name, kind, how) when group 1 is not enough."""

    pattern: str
    kind: str  # shown to users in chains: include, extends, layout, partial, render, ...
    how: str
    hint: str  # a literal the text must contain before the pattern is tried
    flags: int = 0
    names: Callable[[re.Match[str]], Iterable[tuple[str, str, str]]] | None = None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    def references(self, match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
        """(name, edge kind, resolver) for each file the match refers to."""
        if self.names is not None:
            return self.names(match)
        return [(match.group(1), self.kind, self.how)]


@dataclass(frozen=True)
class View:
    """What a language that is not HTML with holes (Pug, HAML, Slim) stands for: the HTML it
    renders to, with template values already masked, and where each piece came from.

    `pieces` are (view offset, original offset, length, exact): an exact piece is copied
    character for character (script bodies, attribute values), so positions inside it are exact;
    an inexact piece (generated `<script>` brackets) maps to its original offset."""

    source: str  # the generated HTML, template expressions left as written
    masked: str  # the same, template expressions masked (same length as source)
    pieces: tuple[tuple[int, int, int, bool], ...]
    regions: tuple[tuple[int, int, Role], ...] = ()  # template spans, in view offsets
    comments: tuple[tuple[int, int], ...] = ()  # template comments, in original offsets


@dataclass(frozen=True)
class Language:
    """One template or source language. Everything about it that pixellint uses is here."""

    name: str
    kind: Kind
    extensions: tuple[str, ...] = ()  # lower case, with the dot; double ones count ('.blade.php')
    spans: tuple[Span, ...] = ()  # template syntax masked before HTML and JS analysis
    comments: tuple[Span, ...] = ()  # host-language comments (HTML, JS, '#'): markers, suppressions
    includes: tuple[Include, ...] = ()
    # a language whose syntax can sit inside another's files (`{% %}` in .html, `th:` in .html)
    embeds_in: tuple[str, ...] = ()  # names of host languages
    analyse_text: Callable[[str], bool] | None = None  # does this text use my syntax?
    hints: tuple[str, ...] = ()  # literals one of which a text using my syntax contains (cheap)
    reader: Callable[[str], View] | None = None  # for syntaxes that are not HTML with holes
    # JavaScript outside <script> elements: (start, end) of code in the file, or (start, end,
    # code) where `code` is the same-length JavaScript a construct runs (Blazor's JS interop)
    scripts: Callable[[str], Sequence[tuple[int, int] | tuple[int, int, str]]] | None = None
    grammar: str = "javascript"  # tree-sitter grammar for Kind.SCRIPT files and scripts
    jsx: bool = False  # elements close JSX-style: a self-closing <script ... /> has no body
    # comments of the server code in CODE spans (PHP's `//`, Ruby's `#`): a URL there never runs;
    # a regex with a `string` group tried first and a `comment` group (see spans.py)
    code_comments: str = ""
    description: str = ""

    @property
    def template_comments(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.role is Role.COMMENT)
