"""Span forms shared by several languages: `{{ }}` is Jinja's, Liquid's, Handlebars' and Go's.

Each body is "tempered": it never runs past the next opener of its own kind, so an unclosed tag
costs the distance to the next opener, and a file full of openers stays linear.
"""

from __future__ import annotations

import re

from pixellint.languages.base import Role, Span


def between(opener: str, closer: str, *, to_end: bool = False) -> str:
    """A tempered `opener ... closer` pattern (both regexes)."""
    end = f"(?:{closer}|\\Z)" if to_end else closer
    return f"{opener}(?:(?!{opener}|{closer}).)*{end}"


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
HBS_COMMENT = Span(
    "hbs_comment",
    "{{",
    between(r"\{\{!--", r"--\}\}") + r"|\{\{!(?!<)[^}]*\}\}",
    Role.COMMENT,
    20,
    closers=(r"--\}\}", r"\}\}"),
)
GO_COMMENT = Span(
    "go_comment",
    "{{",
    r"\{\{-?\s*/\*(?:(?!\{\{-?\s*/\*|\*/).)*\*/\s*-?\}\}",
    Role.COMMENT,
    21,
    closers=(r"\*/\s*-?\}\}",),
)
JINJA_COMMENT = Span(
    "jinja_comment", "{#", between(r"\{#", r"#\}"), Role.COMMENT, 22, closers=(r"#\}",)
)
# {% comment %} and Django's {% comment "a note" %}; Liquid's inline {% # note %}
LIQUID_COMMENT = Span(
    "liquid_comment",
    "{%",
    between(r"\{%-?\s*comment\b[^%]*?-?%\}", r"\{%-?\s*endcomment\s*-?%\}") + r"|\{%-?\s*#[^%]*%\}",
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


PHP = Span(
    "php", "<?", r"<\?(?:php\b|=)?(?:(?!<\?|\?>).)*(?:\?>|\Z)", Role.CODE, 40, classify=_php_role
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
ERB_COMMENT = Span("erb_comment", "<%#", between("<%#", "%>"), Role.COMMENT, 19, closers=(r"-?%>",))


# --- comments inside server code (PHP, ERB, JSP...): strings first, so `//` in a URL is no comment
_STRINGS = r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
C_CODE_COMMENTS = _STRINGS + r"|(?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))"
PHP_CODE_COMMENTS = _STRINGS + r"|(?P<comment>//[^\n]*|#(?!\[)[^\n]*|/\*.*?(?:\*/|\Z))"
RUBY_CODE_COMMENTS = _STRINGS + r"|(?P<comment>#(?!\{)[^\n]*|^=begin\b.*?(?:^=end\b|\Z))"
HASH_CODE_COMMENTS = _STRINGS + r"|(?P<comment>#(?!\{)[^\n]*)"
