"""Apache FreeMarker (Spring MVC and Boot, Keycloak themes, Liferay, Magnolia, OFBiz).

Directives (`<#if>`, `</#list>`, `<#assign>`, `<#macro>`) and user directives (`<@layout.page>`,
`</@layout.page>`) are control; a self-closing user directive (`<@spring.url "/x"/>`) prints
what the macro returns (output); `${...}` and the old `#{...}` print a value (output);
`<#-- -->` never reaches the page (comment).

The square-bracket tag syntax (`[#if]`, `[@m/]`, `[#-- --]`; Magnolia, `[#ftl]`) is a second
language, `freemarker-square`, joined to a template whose first FreeMarker tag is a square one:
a template uses one syntax or the other (with `tag_syntax=auto_detect` the first tag decides), so
`[#if]` in an angle-bracket template stays text, as it does for FreeMarker.

A directive may hold `>` only inside parentheses or strings (`<#if (n > 0)>`), as in FreeMarker
itself; no body runs past the next `<#`, `<@`, `</#` or `</@`, which keeps a file of unclosed
directives linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.jsp import expression
from pixellint.languages.spans import MARKUP_COMMENTS, comment

_OPEN = r"(?!</?[#@])"  # never across the start of the next (user) directive
_LT = r"<(?!/?[#@])"  # a '<' that starts no directive: `<#if a < b>`
_STRINGS = rf"\"(?:{_OPEN}[^\"\\]|\\.)*\"|'(?:{_OPEN}[^'\\]|\\.)*'"
_PLAIN = rf"[^<>\"'()]|{_LT}"
_PARENS = rf"\((?:[^<()\"']|{_LT}|{_STRINGS}|\((?:[^<()\"']|{_LT}|{_STRINGS})*\))*\)"
_BODY = rf"(?:{_PLAIN}|{_STRINGS}|{_PARENS})*"

FTL_COMMENT = Span(
    "ftl_comment", "<#--", comment("<#--", "-->"), Role.COMMENT, 14, closers=("-->",)
)
FTL_DIRECTIVE = Span("ftl_directive", "<#", rf"<#(?!--)[A-Za-z][\w.]*{_BODY}/?>", Role.CONTROL, 46)
FTL_END = Span("ftl_end", "</#", r"</#[A-Za-z][\w.]*\s*>", Role.CONTROL, 46)


def _user_directive_role(source: str) -> Role:
    """`<@spring.url "/x"/>` prints what the macro returns; `<@layout.page>` wraps a body."""
    return Role.OUTPUT if source.endswith("/>") else Role.CONTROL


FTL_USER = Span(
    "ftl_user_directive",
    "<@",
    rf"<@[\w.]*{_BODY}/?>",
    Role.CONTROL,
    47,
    classify=_user_directive_role,
)
FTL_USER_END = Span("ftl_user_end", "</@", r"</@[\w.]*\s*>", Role.CONTROL, 47)
FTL_OUTPUT = Span("ftl_interpolation", "${", expression("$"), Role.OUTPUT, 37)
FTL_NUMERIC = Span("ftl_numeric_interpolation", "#{", expression("#"), Role.OUTPUT, 38)

SPANS = (
    FTL_COMMENT,
    FTL_OUTPUT,
    FTL_NUMERIC,
    FTL_DIRECTIVE,
    FTL_END,
    FTL_USER,
    FTL_USER_END,
)

# --- include forms ---------------------------------------------------------------------------------
# Macro libraries that come with a framework, never with the project: `<#import "/spring.ftl">`
FRAMEWORK_LIBRARIES = frozenset({"spring.ftl", "/spring.ftl"})


def _include_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    name = match.group(2)
    yield name, "include", "dynamic" if "${" in name else "ftl"


INCLUDE = Include(
    r"<#include\s+([\"'])([^\"'\n]+)\1", "include", "ftl", "#include", names=_include_names
)
_CALL = re.compile(r"[<\[]@([A-Za-z_]\w*)\.")


@lru_cache(maxsize=4)
def _namespaces_called(text: str) -> frozenset[str]:
    """Namespaces whose macros the text calls (`<@layout.page>`, `[@layout.page]` -> 'layout'),
    once per text."""
    return frozenset(m.group(1) for m in _CALL.finditer(text))


def _import_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """An imported library counts when one of its macros is called: `<@layout.page>` renders the
    imported file around the page's body (the page is wrapped by it)."""
    name, namespace = match.group(2), match.group(3)
    if name in FRAMEWORK_LIBRARIES or namespace not in _namespaces_called(match.string):
        return
    yield name, "import", "dynamic" if "${" in name else "ftl"


IMPORT = Include(
    r"<#import\s+([\"'])([^\"'\n]+)\1\s+as\s+([A-Za-z_]\w*)",
    "import",
    "ftl",
    "#import",
    names=_import_names,
)

_CLAIM = re.compile(
    r"<#--|<#(?:if|list|include|import|assign|macro|ftl)\b|</#(?:if|list|macro)>|<@[A-Za-z_][\w.]*[\s/>]"
)
HINTS = ("<#", "<@")


def uses_freemarker(text: str) -> bool:
    return any(hint in text for hint in HINTS) and bool(_CLAIM.search(text))


LANGUAGE = Language(
    "freemarker",
    Kind.MARKUP,
    (".ftl", ".ftlh", ".ftlx"),
    spans=SPANS,
    comments=MARKUP_COMMENTS,
    includes=(INCLUDE, IMPORT),
    embeds_in=("html",),
    analyse_text=uses_freemarker,
    hints=HINTS,
    description="FreeMarker (Spring, Keycloak themes); also FreeMarker syntax in .html files",
)


# --- square-bracket tag syntax ---------------------------------------------------------------------------
# `[#if list[0]?has_content]`: brackets nest (sequence indexes, hash lookups); no body runs past the
# next `[#`, `[@`, `[/#` or `[/@`.
_SQ_OPEN = r"(?!\[/?[#@])"
_SQ_STRINGS = rf"\"(?:{_SQ_OPEN}[^\"\\]|\\.)*\"|'(?:{_SQ_OPEN}[^'\\]|\\.)*'"
_SQ_INNER = rf"\[(?:[^\[\]\"']|{_SQ_STRINGS})*\]"
_SQ_NESTED = rf"\[(?!/?[#@])(?:[^\[\]\"']|{_SQ_STRINGS}|{_SQ_INNER})*\]"
_SQ_PARENS = rf"\((?:[^()\[\]\"']|{_SQ_STRINGS}|{_SQ_NESTED})*\)"
_SQ_BODY = rf"(?:[^\[\]\"'()]|{_SQ_STRINGS}|{_SQ_NESTED}|{_SQ_PARENS})*"

SQ_COMMENT = Span(
    "ftl_square_comment", "[#--", comment(r"\[#--", r"--\]"), Role.COMMENT, 14, closers=(r"--\]",)
)
SQ_DIRECTIVE = Span(
    "ftl_square_directive", "[#", rf"\[#(?!--)[A-Za-z][\w.]*{_SQ_BODY}/?\]", Role.CONTROL, 46
)
SQ_END = Span("ftl_square_end", "[/#", r"\[/#[A-Za-z][\w.]*\s*\]", Role.CONTROL, 46)
SQ_USER = Span(
    "ftl_square_user_directive",
    "[@",
    rf"\[@[\w.]*{_SQ_BODY}/?\]",
    Role.CONTROL,
    47,
    classify=lambda source: Role.OUTPUT if source.endswith("/]") else Role.CONTROL,
)
SQ_USER_END = Span("ftl_square_user_end", "[/@", r"\[/@[\w.]*\s*\]", Role.CONTROL, 47)

SQ_INCLUDE = Include(
    r"\[#include\s+([\"'])([^\"'\n]+)\1", "include", "ftl", "[#include", names=_include_names
)
SQ_IMPORT = Include(
    r"\[#import\s+([\"'])([^\"'\n]+)\1\s+as\s+([A-Za-z_]\w*)",
    "import",
    "ftl",
    "[#import",
    names=_import_names,
)

_NAMES = (
    "ftl|if|else|elseif|list|items|sep|break|continue|switch|case|on|default|assign|global|local|"
    "macro|nested|return|function|include|import|attempt|recover|compress|escape|noescape|"
    "autoesc|noautoesc|outputformat|setting|t|lt|rt|nt|visit|recurse|fallback|stop|flush|noparse"
)
_FIRST_TAG = re.compile(
    rf"(\[#--|\[/?#(?:{_NAMES})\b|\[/?@[A-Za-z_])|<#--|</?#(?:{_NAMES})\b|</?@[A-Za-z_]"
)
SQUARE_HINTS = ("[#", "[@")


def uses_square_syntax(text: str) -> bool:
    """The first FreeMarker tag of the template is a square one (`tag_syntax=auto_detect`)."""
    if not any(hint in text for hint in SQUARE_HINTS):
        return False
    first = _FIRST_TAG.search(text)
    return first is not None and first.group(1) is not None


SQUARE = Language(
    "freemarker-square",
    Kind.MARKUP,
    spans=(SQ_COMMENT, SQ_DIRECTIVE, SQ_END, SQ_USER, SQ_USER_END),
    comments=MARKUP_COMMENTS,
    includes=(SQ_INCLUDE, SQ_IMPORT),
    embeds_in=("freemarker",),
    analyse_text=uses_square_syntax,
    hints=SQUARE_HINTS,
    description="FreeMarker's square-bracket tag syntax ([#if], [@macro/]; Magnolia)",
)
