"""Thymeleaf (Spring Boot): natural templates, so its syntax sits in `.html` files and is claimed
by content (`xmlns:th`, `th:*` / `data-th-*` attributes, the Layout Dialect's `layout:decorate`).

A Thymeleaf page is valid HTML before processing; what changes at render time is masked so the
analysed text is what the browser gets:
- `<!--/* ... */-->` parser-level comments are removed (comment); `<!--/*/ ... /*/-->`
  prototype-only comment markers are removed but their content is rendered (control);
- `th:src` becomes `src`: the `th:` prefix is masked, so the tag reads as rendered;
- `[[${...}]]` / `[(${...})]` inline expressions print a value (output); in
  `th:inline="javascript"` scripts `/*[[${x}]]*/ 'default'` prints the value in place of the
  comment and its default literal (output, so the JavaScript still parses);
- `/*[+ ... +]*/` JavaScript added when processed (markers masked, content kept) and
  `/*[- ... -]*/` JavaScript removed when processed (comment).
Other `th:*` attributes are left as they are: HTML and JavaScript analysis never read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.spans import comment

# --- spans -----------------------------------------------------------------------------------------
# `<!--/* ... */-->`, shared with HTL (same syntax, same meaning: never sent to the browser)
SLASH_STAR_COMMENT = Span(
    "slash_star_html_comment",
    "<!--/*",
    comment(r"<!--/\*(?!/)", r"\*/-->"),
    Role.COMMENT,
    12,
    closers=(r"\*/-->",),
)
PROTOTYPE_OPEN = Span("th_prototype_open", "<!--/*/", r"<!--/\*/", Role.CONTROL, 11)
PROTOTYPE_CLOSE = Span("th_prototype_close", "/*/", r"/\*/-->", Role.CONTROL, 13)

_EXPR = r"(?=\s*[$*#@~]\{)"  # an inlined expression starts with ${, *{, #{, @{ or ~{
_DEFAULT = (  # the prototype value a natural JavaScript template puts after the comment
    r"""(?:[ \t]*(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\[[^\[\]\n]*\]|\{[^{}\n]*\}"""
    r"""|[\w$.+-]+))?"""
)
JS_INLINED = Span(
    "th_js_inlined",
    "/*[",
    r"/\*\[\[" + _EXPR + r"(?:(?!/\*\[|\]\]\*/).)*\]\]\*/" + _DEFAULT
    + r"|/\*\[\(" + _EXPR + r"(?:(?!/\*\[|\)\]\*/).)*\)\]\*/" + _DEFAULT,
    Role.OUTPUT,
    26,
)  # fmt: skip
JS_ADDED = Span("th_js_added", "/*[+", r"/\*\[\+", Role.CONTROL, 27)
JS_ADDED_END = Span("th_js_added_end", "+]*/", r"\+\]\*/", Role.CONTROL, 28)
JS_REMOVED = Span(
    "th_js_removed", "/*[-", comment(r"/\*\[-", r"-\]\*/"), Role.COMMENT, 25, closers=(r"-\]\*/",)
)
INLINE_ESCAPED = Span(
    "th_inline", "[[", r"\[\[" + _EXPR + r"(?:(?!\[\[|\]\]).)*\]\]", Role.OUTPUT, 29
)
INLINE_UNESCAPED = Span(
    "th_inline_unescaped", "[(", r"\[\(" + _EXPR + r"(?:(?!\[\(|\)\]).)*\)\]", Role.OUTPUT, 29
)
# `th:src="@{...}"` renders as `src="..."`: mask the prefix, keep the attribute
TH_SRC = Span("th_src_prefix", "th:", r"(?<![\w:-])th:(?=src\s*=)", Role.CONTROL, 32)
DATA_TH_SRC = Span(
    "data_th_src_prefix", "data-th-", r"(?<![\w:-])data-th-(?=src\s*=)", Role.CONTROL, 32
)

SPANS = (
    PROTOTYPE_OPEN,
    SLASH_STAR_COMMENT,
    PROTOTYPE_CLOSE,
    JS_REMOVED,
    JS_INLINED,
    JS_ADDED,
    JS_ADDED_END,
    INLINE_ESCAPED,
    INLINE_UNESCAPED,
    TH_SRC,
    DATA_TH_SRC,
)

# --- fragment expressions ----------------------------------------------------------------------------
_OLD_STYLE = re.compile(r"^\s*([^\s:$*#@~{}()?'\"]+)\s*(?:::.*)?$", re.S)
_QUOTED = re.compile(r"^'([^'$]*)'$")
_SELF = ("", "this")
_DEPTH = {"{": 1, "}": -1}


def fragment_expressions(value: str) -> list[str]:
    """The bodies of the `~{...}` in `value`, outermost only, braces balanced (a selector may
    pass arguments: `~{fragments/analytics :: gtag(${gaId})}`)."""
    bodies = []
    at = value.find("~{")
    while at >= 0:
        depth, end = 0, at + 1
        while end < len(value):
            depth += _DEPTH.get(value[end], 0)
            if depth == 0:
                break
            end += 1
        bodies.append(value[at + 2 : end])
        at = value.find("~{", end)
    return bodies


def template_names(value: str) -> list[str]:
    """Template names in a fragment expression: `~{fragments/analytics :: gtag}`,
    `~{layouts/main}`, `${cond} ? ~{a :: b} : ~{}`, the old `fragments/header :: header`;
    `~{:: x}` and `~{this :: x}` are the same template (nothing); `~{${name}}` is dynamic
    (returned as written, so it is reported as unresolved)."""
    if "~{" in value:
        found = [body.split("::")[0].strip() for body in fragment_expressions(value)]
    else:
        old = _OLD_STYLE.match(value)
        found = [old.group(1)] if old else ([value.strip()] if "${" in value else [])
    names = []
    for name in found:
        quoted = _QUOTED.match(name)
        name = quoted.group(1).strip() if quoted else name
        if name not in _SELF:
            names.append(name)
    return names


def _fragment_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    kind = match.group(1).replace("data-th-", "th:")
    for name in template_names(match.group(2)[1:-1]):
        yield name, kind, "dynamic" if _is_dynamic(name) else "thymeleaf"


def _is_dynamic(name: str) -> bool:
    return any(c in name for c in "${}|+'\"()")


_QUOTED_VALUE = r"\s*=\s*(\"[^\"<]*\"|'[^'<]*')"
FRAGMENT = Include(
    r"(?<![\w:-])((?:th:|data-th-)(?:replace|insert|include|substituteby)|layout:(?:replace|insert|include))"
    + _QUOTED_VALUE,
    "th:replace",
    "thymeleaf",
    "th",
    names=_fragment_names,
)


def _layout_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    for name in template_names(match.group(1)[1:-1]):
        yield name, "layout:decorate", "dynamic" if _is_dynamic(name) else "thymeleaf"


# the Layout Dialect: the page names the layout that decorates it (an edge page -> layout)
DECORATE = Include(
    r"(?<![\w:-])(?:layout|data-layout)[:-]decorat(?:e|or)" + _QUOTED_VALUE,
    "layout:decorate",
    "thymeleaf",
    "decorat",
    names=_layout_names,
)
# `th:src="@{/js/analytics.js}"`: a first-party script the core does not see in a plain `src`
SCRIPT_SRC = Include(
    r"(?<![\w:-])(?:th:|data-th-)src\s*=\s*[\"']\s*@\{\s*(/?[\w./@-]+\.m?js)\s*(?:\([^()\"']*\))?\s*\}",
    "script-src",
    "spring-static",
    "src",
)

_CLAIM = re.compile(
    r"\bxmlns:th\s*=|(?<![\w:-])(?:th:|data-th-)[a-z]+\s*=|<th:block\b|(?<![\w:-])layout:decorat"
)


# one scan per hint on every .html file: `th:` covers th:* and xmlns:th files that use it
HINTS = ("th:", "data-th-", "layout:")


def uses_thymeleaf(text: str) -> bool:
    return any(hint in text for hint in HINTS) and bool(_CLAIM.search(text))


LANGUAGE = Language(
    "thymeleaf",
    Kind.MARKUP,
    spans=SPANS,
    includes=(FRAGMENT, DECORATE, SCRIPT_SRC),
    embeds_in=("html",),
    analyse_text=uses_thymeleaf,
    hints=HINTS,
    description="Thymeleaf templates in .html files (Spring Boot), Layout Dialect",
)
