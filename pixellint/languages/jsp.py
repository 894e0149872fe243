"""JSP (Spring MVC, Struts, plain servlet apps): `<% %>` scripting, EL, JSTL and custom actions,
tag files. The `${...}` expression pattern here is shared with FreeMarker and HTL.

What JSP sends to the browser is the HTML around its holes: scriptlets and directives print
nothing (control/code), expressions and EL print a value (output), and custom actions such as
`<c:if>` are markup that the container strips. Masking the actions matters inside `<script>`,
where `<c:if test="${user != null}">` would otherwise break the JavaScript parse.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.spans import C_CODE_COMMENTS, MARKUP_COMMENTS, between, comment

# --- `${...}` expressions: JSP EL, FreeMarker interpolations, HTL -------------------------------
# Strings and up to two levels of nested braces (`${ {"a": 1}["a"] }`). Every alternative starts
# with its own character and no alternative may start `${`, so a failed attempt stops at the next
# opener: a file full of unclosed `${` stays linear.
_PLAIN = r"(?:(?!\$\{)[^{}'\"])"
_SQ = r"'(?:(?!\$\{)[^'\\\n]|\\.)*'"
_DQ = r'"(?:(?!\$\{)[^"\\\n]|\\.)*"'
_INNER = rf"\{{(?:{_PLAIN}|{_SQ}|{_DQ})*\}}"
_BODY = rf"(?:{_PLAIN}|{_SQ}|{_DQ}|\{{(?:{_PLAIN}|{_SQ}|{_DQ}|{_INNER})*\}})*"


def expression(sigil: str) -> str:
    """`<sigil>{ ... }` not escaped with a backslash (`\\${x}` prints `${x}` in JSP and HTL)."""
    return rf"(?<!\\){re.escape(sigil)}\{{{_BODY}\}}"


# --- JSP syntax -----------------------------------------------------------------------------------
def _scripting_role(source: str) -> Role:
    if source.startswith("<%--"):
        return Role.COMMENT  # an unclosed comment, taken by the scripting form
    if source.startswith("<%@"):
        return Role.CONTROL
    return Role.OUTPUT if source.startswith("<%=") else Role.CODE


JSP_COMMENT = Span(
    "jsp_comment", "<%--", comment("<%--", "--%>"), Role.COMMENT, 17, closers=(r"--%>",)
)
# <%@ directive %>, <%= expression %>, <%! declaration %>, <% scriptlet %>
JSP_SCRIPTING = Span(
    "jsp_scripting",
    "<%",
    between("<%", "%>", to_end=True),
    Role.CODE,
    42,
    classify=_scripting_role,
    closers=(r"%>",),
)
# JSP documents (.jspx): <jsp:scriptlet>, <jsp:declaration>, <jsp:expression> elements
JSP_XML_SCRIPTING = Span(
    "jsp_xml_scripting",
    "<jsp:",
    r"<jsp:(?:scriptlet|declaration|expression)\b[^<>]*>(?:(?!</?jsp:).)*"
    r"</jsp:(?:scriptlet|declaration|expression)\s*>",
    Role.CODE,
    43,
    classify=lambda s: Role.OUTPUT if s.startswith("<jsp:expression") else Role.CODE,
)
EL_OUTPUT = Span("el_output", "${", expression("$"), Role.OUTPUT, 35)
EL_DEFERRED = Span("el_deferred", "#{", expression("#"), Role.OUTPUT, 36)

# Actions that print a value when they do not store it in a `var`: masked as output, so
# `'<c:out value="${user.email}"/>'` stays a JavaScript string and its expression is seen.
_PRINTING = frozenset(
    {"out", "url", "message", "formatdate", "formatnumber", "eval", "escapebody", "property",
     "write", "authentication", "theme", "text"}
)  # fmt: skip
_ACTION_NAME = re.compile(r"<([\w-]+):([\w.-]+)")
_VAR = re.compile(r"\svar\s*=")


def _action_role(source: str) -> Role:
    match = _ACTION_NAME.match(source)
    if match is None:  # a closing tag: </c:if>
        return Role.CONTROL
    local = match.group(2).lower()
    return Role.OUTPUT if local in _PRINTING and not _VAR.search(source) else Role.CONTROL


# <prefix:name attr="..."> and </prefix:name>: JSTL (c, fmt, fn, sql, x), Spring (spring, form,
# sec), tag files (t, tags) and any other tag library. Quoted values may hold `>` (`${a > b}`)
# but never `<`, so an attempt ends at the next tag.
JSP_ACTION = Span(
    "jsp_action",
    "<",
    r"</?[A-Za-z][\w-]*:[A-Za-z][\w.-]*(?=[\s/>])(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*>",
    Role.CONTROL,
    45,
    classify=_action_role,
)

SPANS = (
    JSP_COMMENT,
    EL_OUTPUT,
    EL_DEFERRED,
    JSP_SCRIPTING,
    JSP_XML_SCRIPTING,
    JSP_ACTION,
)

# --- include forms ---------------------------------------------------------------------------------
_VALUE = r"""\s*=\s*["']([^"'\n]+)["']"""
_ATTRS = r"(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*?"  # other attributes before the one we want
_DYNAMIC = ("${", "#{", "<%")
Names = Callable[[re.Match[str]], Iterable[tuple[str, str, str]]]


def _file_names(kind: str, how: str = "jsp") -> Names:
    """Names from group 1: a runtime expression is dynamic, another web app's URL is no file."""

    def names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
        name = match.group(1).strip()
        if any(marker in name for marker in _DYNAMIC):
            yield name, kind, "dynamic"
        elif not re.match(r"^(?:[a-z][\w+.-]*:|//)", name, re.I):
            yield name, kind, how

    return names


DIRECTIVE_INCLUDE = Include(
    r"<%@\s*include\s" + _ATTRS + r"\bfile" + _VALUE,
    "include",
    "jsp",
    "include",
    names=_file_names("include"),
)
XML_DIRECTIVE_INCLUDE = Include(
    r"<jsp:directive\.include\s" + _ATTRS + r"\bfile" + _VALUE,
    "include",
    "jsp",
    "jsp:directive",
    names=_file_names("include"),
)
JSP_INCLUDE = Include(
    r"<jsp:include\s" + _ATTRS + r"\bpage" + _VALUE,
    "jsp:include",
    "jsp",
    "jsp:include",
    names=_file_names("jsp:include"),
)
JSTL_IMPORT = Include(
    r"<c:import\s" + _ATTRS + r"\burl" + _VALUE,
    "c:import",
    "jsp",
    "c:import",
    names=_file_names("c:import"),
)
# `<script src="${pageContext.request.contextPath}/resources/js/app.js">` and
# `<script src="<c:url value='/resources/js/app.js'/>">`: the core reads a plain `src`, a quoted
# .js inside a template value, or the literal before one; the path after the context path is
# JSP's own idiom, named here.
CONTEXT_SCRIPT = Include(
    r"<script\b" + _ATTRS + r"\bsrc\s*=\s*[\"']\s*"
    r"(?:\$\{[^{}\"'<>\n]{1,200}\}|<[\w-]+:url\s+value\s*=\s*[\"']|<%=[^%\"'\n]{1,200}%>)\s*"
    r"(/[\w./@-]+\.m?js)\b",
    "script-src",
    "jsp",
    "src",
)

# --- tag files: <%@ taglib prefix="t" tagdir="/WEB-INF/tags" %> + <t:layout> -> layout.tag -------
_TAGLIB = re.compile(
    r"<%@\s*taglib\b((?:[^%<]|%(?!>))*)%>|\bxmlns:([\w-]+)\s*=\s*[\"']urn:jsptagdir:([^\"'\n]+)[\"']"
)
_PREFIX = re.compile(r"\bprefix\s*=\s*[\"']([\w-]+)[\"']")
_DIR = re.compile(r"\btagdir\s*=\s*[\"']([^\"'\n]+)[\"']")
_USE = re.compile(r"<([\w-]+):([\w.-]+)")


@lru_cache(maxsize=4)
def _tag_uses(text: str) -> dict[tuple[str, str], tuple[int, str]]:
    """(prefix, tag) -> (offset of its first use, tag directory) for prefixes bound to a tag
    directory in this file; once per text, whatever the number of custom tags in it."""
    dirs: dict[str, str] = {}
    for m in _TAGLIB.finditer(text):
        if m.group(2):
            dirs[m.group(2)] = m.group(3).rstrip("/")
            continue
        prefix, folder = _PREFIX.search(m.group(1)), _DIR.search(m.group(1))
        if prefix and folder:
            dirs[prefix.group(1)] = folder.group(1).rstrip("/")
    found: dict[tuple[str, str], tuple[int, str]] = {}
    if dirs:
        for m in _USE.finditer(text):
            key = (m.group(1), m.group(2))
            if m.group(1) in dirs and key not in found:
                found[key] = (m.start(), dirs[m.group(1)])
    return found


def _tag_file(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """`<t:layout>` names `/WEB-INF/tags/layout.tag`: the tag file wraps the page's body."""
    use = _tag_uses(match.string).get((match.group(1), match.group(2)))
    if use is not None and use[0] == match.start():
        yield f"{use[1]}/{match.group(2)}", "tag", "jsp-tag"


TAG_FILE = Include(r"<([\w-]+):([\w.-]+)", "tag", "jsp-tag", "tagdir", names=_tag_file)

INCLUDES = (
    DIRECTIVE_INCLUDE,
    XML_DIRECTIVE_INCLUDE,
    JSP_INCLUDE,
    JSTL_IMPORT,
    CONTEXT_SCRIPT,
    TAG_FILE,
)

LANGUAGE = Language(
    "jsp",
    Kind.MARKUP,
    (".jsp", ".jspf", ".jspx", ".tag", ".tagf", ".tagx"),
    spans=SPANS,
    comments=MARKUP_COMMENTS,
    includes=INCLUDES,
    description="JSP pages, fragments, documents and tag files (JSTL, Spring, EL)",
    code_comments=C_CODE_COMMENTS,
)
