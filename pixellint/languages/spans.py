"""Span forms shared by several languages: `{{ }}` is Jinja's, Liquid's, Handlebars' and Go's.

Each body is "tempered": it never runs past the next opener of its own kind, so an unclosed tag
costs the distance to the next opener, and a file full of openers stays linear. A comment is the
exception, as its engine reads it: it ends at the first closer, whatever openers it holds (up to
a bounded number of them, which keeps it linear; see `comment`).
"""

from __future__ import annotations

import re

from pixellint.languages.base import Role, Span


def between(opener: str, closer: str, *, to_end: bool = False) -> str:
    """A tempered `opener ... closer` pattern (both regexes)."""
    end = f"(?:{closer}|\\Z)" if to_end else closer
    return f"{opener}(?:(?!{opener}|{closer}).)*{end}"


# how many openers of its own kind a comment may hold before it is no longer read as one
_INNER_OPENERS = 16


def comment(opener: str, closer: str, *, stop: str = "", mark: str = "") -> str:
    """A comment `opener ... closer` (regexes) that ends at the first closer, as every template
    engine ends one: an opener inside it is text (`{# {# a #}` is one comment, and a block
    commented out around a smaller comment ends at that comment's closer).

    `stop` is where the body ends when that is not `closer` itself (Go's comment ends at the
    first `*/`, which must then be followed by `}}`); `mark` is what counts as an opener inside
    (a prefix of `opener`). Still linear: the body is possessive and may hold at most
    `_INNER_OPENERS` openers, so a failed attempt reads past a bounded number of openers, never
    to the end of a file full of them. An unclosed comment is no comment."""
    mark = mark or opener
    body = f"(?:(?!{mark}|{stop or closer}).)*+"
    return f"{opener}{body}(?:{mark}{body}){{0,{_INNER_OPENERS}}}+{closer}"


def nesting_comment(opener: str, closer: str, *, mark: str = "", depth: int = 4) -> str:
    """A block comment whose engine nests it (Liquid's `{% comment %}` blocks, Hugo's comment
    shortcode): each inner opener needs its own closer, up to `depth` levels, and a comment that
    is not balanced ends at the first closer. Possessive and atomic throughout: linear."""
    mark = mark or opener
    plain = f"(?:(?!{mark}|{closer}).)"
    pattern = f"{opener}{plain}*+{closer}"
    for _ in range(depth - 1):
        pattern = f"{opener}(?>{plain}++|{pattern})*+{closer}"
    return f"{pattern}|{comment(opener, closer, mark=mark)}"


# --- host-language comments (markers and suppressions; never masked: HTML comments are text) ---
HTML_COMMENT = Span(
    "html_comment", "<!--", r"<!--.*?(?:-->|\Z)", Role.COMMENT, 10, closers=("-->",)
)
JS_BLOCK_COMMENT = Span(
    "js_block_comment", "/*", r"/\*.*?(?:\*/|\Z)", Role.COMMENT, 80, closers=(r"\*/",)
)
JS_LINE_COMMENT = Span("js_line_comment", "//", r"(?<![:\"'\\])//[^\n]*", Role.COMMENT, 81)
HASH_COMMENT = Span("hash_comment", "#", r"^[ \t]*#[^\n]*", Role.COMMENT, 82)
SCRIPT_COMMENTS = (JS_BLOCK_COMMENT, JS_LINE_COMMENT)
MARKUP_COMMENTS = (HTML_COMMENT, JS_BLOCK_COMMENT, JS_LINE_COMMENT)

# --- brace templates: Jinja, Django, Nunjucks, Twig, Liquid, Handlebars, Go ---------------------
# `{{!-- --}}` and `{{! }}`, with whitespace control (`{{~!-- --~}}`); `{{!<` is Ghost's layout
HBS_COMMENT = Span(
    "hbs_comment",
    "{{",
    comment(r"\{\{~?!--", r"--~?\}\}") + "|" + comment(r"\{\{~?!(?!<)", r"~?\}\}", stop=r"\}\}"),
    Role.COMMENT,
    20,
    closers=(r"--~?\}\}", r"~?\}\}"),
)
# Go ends a comment at the first `*/`, which must be followed by the action's end
GO_COMMENT = Span(
    "go_comment",
    "{{",
    comment(r"\{\{-?\s*/\*", r"\*/\s*-?\}\}", stop=r"\*/"),
    Role.COMMENT,
    21,
    closers=(r"\*/\s*-?\}\}",),
)
JINJA_COMMENT = Span(
    "jinja_comment", "{#", comment(r"\{#", r"#\}"), Role.COMMENT, 22, closers=(r"#\}",)
)
# {% comment %} and Django's {% comment "a note" %} (the note may hold a `%`); Liquid's inline
# {% # note %}. Liquid nests comment blocks; Django ends one at the first endcomment (and refuses
# a template with one endcomment too many, so the nested reading never hides what Django shows).
_COMMENT_TAG = r"""\{%-?\s*comment\b(?:\s*"[^"\n]*"|\s*'[^'\n]*')?[^%]*?-?%\}"""
LIQUID_COMMENT = Span(
    "liquid_comment",
    "{%",
    nesting_comment(_COMMENT_TAG, r"\{%-?\s*endcomment\s*-?%\}", mark=r"\{%-?\s*comment\b")
    + r"|\{%-?\s*#[^%]*%\}",
    Role.COMMENT,
    23,
    closers=(r"-?%\}",),
)
LIQUID_RAW = Span("liquid_raw", "{%", r"\{%-?\s*(?:raw|verbatim)\s*-?%\}", Role.CONTROL, 24)

_CONTROL_WORDS = re.compile(
    r"^[{]{2,3}-?~?\s*(?:[#/^>]|else\b|if\b|end\b|range\b|with\b|define\b|block\b|template\b|"
    r"partial\b|partialCached\b|return\b|try\b|\$\w+\s*:=|inline\b)"
)


def _brace_role(source: str) -> Role:
    return Role.CONTROL if _CONTROL_WORDS.match(source) else Role.OUTPUT


BRACE_OUTPUT = Span(
    "brace_output",
    "{{",
    r"\{\{\{(?:(?!\{\{|\}\}\}).)*\}\}\}|" + between(r"\{\{", r"\}\}"),
    Role.OUTPUT,
    30,
    classify=_brace_role,
)
BRACE_CONTROL = Span("brace_control", "{%", between(r"\{%", r"%\}"), Role.CONTROL, 31)

# --- server code in angle brackets: PHP, ERB, EJS, JSP ------------------------------------------
_PHP_OUTPUT = re.compile(r"^<\?(?:=|php\s+(?:echo|print)\b)")


def _php_role(source: str) -> Role:
    return Role.OUTPUT if _PHP_OUTPUT.match(source) and source.count(";") <= 1 else Role.CODE


# PHP code ends at the first `?>` that is not in a string, a heredoc or a `/* */` comment (a `//`
# or `#` comment ends at `?>` too: the rest of its line is HTML). Every token is atomic and the
# loop possessive, and every character is some token's, so the match never backtracks: one pass.
# An unclosed string, comment or heredoc runs to the end of the file, as it does in PHP.
_HEREDOC = (
    r"<<<[ \t]*(?P<php_quote>[\"']?)(?P<php_label>[A-Za-z_]\w*)(?P=php_quote)\r?\n"
    r"(?:(?!(?<=\n)[ \t]*(?P=php_label)\b).)*+"
)
_PHP_CODE = (
    r"(?>[^'\"`/#?<]++"
    r"|'(?:[^'\\]|\\.)*+(?:'|\Z)"
    r'|"(?:[^"\\]|\\.)*+(?:"|\Z)'
    r"|`(?:[^`\\]|\\.)*+(?:`|\Z)"
    r"|/\*(?:(?!\*/).)*+(?:\*/|\Z)"
    r"|(?://|\#(?!\[))(?:(?!\?>)[^\n])*+"
    rf"|{_HEREDOC}"
    r"|[/#<]|\?(?!>))*+"
)
PHP = Span(
    "php", "<?", r"<\?(?:php\b|=)?" + _PHP_CODE + r"(?:\?>|\Z)", Role.CODE, 40, classify=_php_role
)


def _erb_role(source: str) -> Role:
    if source.startswith(("<%#", "<%--", "<%!--")):
        return Role.COMMENT
    return Role.OUTPUT if source.startswith(("<%=", "<%-")) else Role.CODE


ERB = Span(
    "erb",
    "<%",
    between("<%", "%>", to_end=True),
    Role.CODE,
    41,
    classify=_erb_role,
    closers=(r"-?%>",),
)
ERB_COMMENT = Span("erb_comment", "<%#", comment("<%#", "%>"), Role.COMMENT, 19, closers=(r"-?%>",))


# --- comments inside server code (PHP, ERB, JSP...): strings first, so `//` in a URL is no comment
_STRINGS = r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
C_CODE_COMMENTS = _STRINGS + r"|(?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))"
# PHP strings span lines, and a heredoc runs to its closing label (as php_js reads them)
_PHP_STRINGS = (
    r"""(?P<string>'(?:[^'\\]|\\.)*+(?:'|\Z)|"(?:[^"\\]|\\.)*+(?:"|\Z)|`(?:[^`\\]|\\.)*+(?:`|\Z)"""
    r"""|<<<[ \t]*(?P<quote>["']?)(?P<label>[A-Za-z_]\w*)(?P=quote)\r?\n"""
    r""".*?(?:^[ \t]*(?P=label)\b|\Z))"""
)
PHP_CODE_COMMENTS = _PHP_STRINGS + r"|(?P<comment>//[^\n]*|#(?!\[)[^\n]*|/\*.*?(?:\*/|\Z))"
RUBY_CODE_COMMENTS = _STRINGS + r"|(?P<comment>#(?!\{)[^\n]*|^=begin\b.*?(?:^=end\b|\Z))"
HASH_CODE_COMMENTS = _STRINGS + r"|(?P<comment>#(?!\{)[^\n]*)"
