"""Razor: ASP.NET MVC views and Razor Pages (`.cshtml`), Blazor components (`.razor`).

Razor switches between markup and C# at `@`: `@* *@` comments, `@{ }` code blocks, `@( )`
explicit and `@Model.X` implicit expressions, `@if (...) {` block heads (their body is markup
and stays visible), directive lines (`@model`, `@inject`, `@page`), `@code { }`. An `@` after a
letter or digit is an e-mail address, `@@` an escaped `@`, as Razor itself decides.

The closing `}` of a block head is left as text: telling it from a JavaScript `}` needs Razor's
own parser. Outside `<script>` it is harmless text; inside, the script may need the token
fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.blade import nested
from pixellint.languages.spans import C_CODE_COMMENTS, MARKUP_COMMENTS, comment

# --- C# inside balanced brackets ---------------------------------------------------------------

_CS_STRINGS = (
    r'"(?:[^"\\\n]|\\.)*+"',  # "regular"
    r'@"(?:[^"]|"")*+"',  # @"verbatim, ""quoted"" and multi-line"
    r"'(?:[^'\\\n]|\\.)*+'",  # 'c'
)
# a comment stops at the next `/*`, so a file of unclosed `/*` is read once, not once per opener
_CS_COMMENTS = (r"//[^\n]*+", r"/\*(?:[^*/]|\*(?!/)|/(?!\*))*+\*/")
# a quote or slash that opens nothing (an apostrophe in markup inside a code block) is a character;
# `@{` never occurs inside C# (Razor rejects it), so an unclosed bracket stops reading there
_STRAYS = r"""@(?!\{)|["'/]"""
BRACES = nested(r"\{", r"\}", (*_CS_STRINGS, *_CS_COMMENTS, _STRAYS), r"""[^{}@"'/]""", depth=5)
# A code block holding a `<script>` element as markup is not masked whole: its `@{` goes and the
# rest (C# statements as harmless text, the script as script) stays visible.
_NO_SCRIPT = r"<(?![sS][cC][rR][iI][pP][tT]\b)"
CODE_BLOCK_BRACES = nested(
    r"\{", r"\}", (*_CS_STRINGS, *_CS_COMMENTS, _STRAYS, _NO_SCRIPT), r"""[^{}@"'/<]""", depth=5
)
PARENS = nested(r"\(", r"\)", (*_CS_STRINGS, _STRAYS), r"""[^()@"'/]""", depth=5)
BRACKETS = nested(r"\[", r"\]", (*_CS_STRINGS, _STRAYS), r"""[^\[\]@"'/]""", depth=4)

# C# that is only whitespace and comments never runs: such a code block is a comment (an include
# or tracker URL commented out in it is not code). Atomic and possessive: one pass.
_ONLY_COMMENTS = re.compile(r"(?>\s+|//[^\n]*|/\*.*?\*/)*+", re.DOTALL)


def _code_role(source: str) -> Role:
    """`@{ ... }`, `@code { ... }`: a comment when the braces hold nothing but comments; the
    lone `@{` of an unbalanced block is code."""
    open_brace = source.find("{")
    if not source.endswith("}") or open_brace < 0 or open_brace == len(source) - 1:
        return Role.CODE
    return (
        Role.COMMENT
        if _ONLY_COMMENTS.fullmatch(source, open_brace + 1, len(source) - 1)
        else Role.CODE
    )


# --- spans ---------------------------------------------------------------------------------------
# Every `@` form has the opener "@": one str.find pass over the text finds them all.

_TRANSITION = r"(?<![^\W_])@"  # not after a letter or digit: `info@clinic.org` is text
_KEYWORDS = ("if", "foreach", "for", "while", "switch", "lock", "using")
_DIRECTIVES = (
    "model", "inject", "using", "page", "layout", "inherits", "implements", "namespace",
    "attribute", "typeparam", "rendermode", "addTagHelper", "removeTagHelper", "tagHelperPrefix",
    "preservewhitespace",
)  # fmt: skip
_OPEN_BRACE = r"(?:\s*\{)?"  # the `{` of a block may sit on the next line

COMMENT = Span("razor_comment", "@", comment(r"@\*", r"\*@"), Role.COMMENT, 1, closers=(r"\*@",))
ESCAPED_AT = Span("razor_escaped_at", "@", "@@", Role.CONTROL, 2)  # `@@media` prints `@media`
CODE_BLOCK = Span(
    "razor_code_block", "@", "@" + CODE_BLOCK_BRACES + "|@\\{", Role.CODE, 3, classify=_code_role
)
CODE_DIRECTIVE = Span(  # Blazor `@code { }`, MVC `@functions { }`: C# members
    "razor_code_directive",
    "@",
    _TRANSITION + r"(?:code|functions)\b\s*(?:" + BRACES + "|\\{)",
    Role.CODE,
    4,
    classify=_code_role,
)
EXPLICIT = Span("razor_explicit", "@", "@" + PARENS, Role.OUTPUT, 5)
BLOCK_HEAD = Span(
    "razor_block_head",
    "@",
    _TRANSITION
    + "(?:"
    + rf"(?:{'|'.join(_KEYWORDS)})\b[ \t]*{PARENS}{_OPEN_BRACE}"
    + rf"|(?:do|try)\b{_OPEN_BRACE}"
    + rf"|section[ \t]+\w+{_OPEN_BRACE}"
    + rf"|helper[ \t]+\w+[ \t]*{PARENS}{_OPEN_BRACE}"
    + ")",
    Role.CONTROL,
    6,
)
DIRECTIVE = Span(
    "razor_directive",
    "@",
    _TRANSITION + rf"(?:{'|'.join(_DIRECTIVES)})\b[^\r\n]*",
    Role.CONTROL,
    7,
)
LINE_TRANSITION = Span("razor_line", "@", "@:", Role.CONTROL, 8)  # `@:` the rest is markup
IMPLICIT = Span(  # @Model.GaId, @ViewData["Title"], @await Html.PartialAsync("_X"), @onclick
    "razor_implicit",
    "@",
    _TRANSITION
    + r"(?:await[ \t]+)?[A-Za-z_]\w*+"
    + rf"(?:\??\.[A-Za-z_]\w*+|\??{BRACKETS}|{PARENS})*+",
    Role.OUTPUT,
    9,
)
TEXT_OPEN = Span("razor_text_open", "<text>", "<text>", Role.CONTROL, 10)  # markup in C#
TEXT_CLOSE = Span("razor_text_close", "</text>", "</text>", Role.CONTROL, 11)
SPANS = (
    COMMENT,
    ESCAPED_AT,
    CODE_BLOCK,
    CODE_DIRECTIVE,
    EXPLICIT,
    BLOCK_HEAD,
    DIRECTIVE,
    LINE_TRANSITION,
    IMPLICIT,
    TEXT_OPEN,
    TEXT_CLOSE,
)

# --- include forms -------------------------------------------------------------------------------
# Patterns start with their literal (a lookbehind after it, not before), so the regex engine
# can skip to the literal instead of trying every position of the file.

_LITERAL = re.compile(r'"([^"\\\n]+)"')
_NAMEOF = re.compile(r"@\(?nameof\((?:[\w.]*\.)?(\w+)\)\)?")


def _partial_name(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """`name="_Analytics"`, or unquoted `name=TagManager/TagManager /`; `name="@section.Type"` is
    computed at run time, `name="@nameof(Video)"` is the constant "Video"."""
    name = next(group for group in match.groups() if group).strip()
    if match.group(3):
        name = name.rstrip("/")  # `name=_Analytics/>`
    constant = _NAMEOF.fullmatch(name)  # `name="@nameof(TriviaSection)"` is "TriviaSection"
    if constant:
        name = constant.group(1)
    yield name, "partial", "dynamic" if name.startswith("@") else "aspnet-view"


PARTIAL_TAG = Include(
    r"""<partial\b(?>[^<>"']|"[^<"]*"|'[^<']*')*?\bname\s*=\s*"""
    r"""(?:"([^"\n]+)"|'([^'\n]+)'|([^\s"'<>=`]+))""",
    "partial",
    "aspnet-view",
    "<partial",
    names=_partial_name,
)
HTML_PARTIAL = Include(
    r'Html\.(?<![\w.]Html\.)(?:Render)?Partial(?:Async)?\(\s*"([^"\n]+)"',
    "partial",
    "aspnet-view",
    "Partial",
)


def _layout_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """`Layout = "_Layout";`, also `Layout = embedded ? "_Embed" : "_Layout";` (either can
    apply); `Layout = null;` names nothing. Blazor's `<LayoutView Layout="@typeof(X)">` lays
    out the router's not-found content, never a page: no edge."""
    for name in _LITERAL.findall(match.group(1))[:4]:
        if not name.startswith("@") and "(" not in name:
            yield name, "layout", "aspnet-view"


LAYOUT = Include(
    r"Layout(?<![\w.]Layout)\s*=(?!=)\s*([^;\r\n]*)",
    "layout",
    "aspnet-view",
    "Layout",
    names=_layout_names,
)


def pascal(kebab: str) -> str:
    """`google-analytics` -> `GoogleAnalytics`: a `<vc:...>` tag names a view component class."""
    return "".join(part[:1].upper() + part[1:] for part in kebab.split("-"))


def _view_component(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    name = next(group for group in match.groups() if group)
    if name.endswith("ViewComponent") and name != "ViewComponent":
        name = name[: -len("ViewComponent")]
    yield name, "component", "aspnet-component"


VIEW_COMPONENT = Include(
    r"Component\.InvokeAsync(?<![\w.]Component\.InvokeAsync)(?:<(?:[\w.]*\.)?(\w+)>\(|\(\s*(?:"
    r'"(\w+)"|(?:nameof|typeof)\((?:[\w.]*\.)?(\w+)\)))',
    "component",
    "aspnet-component",
    "Component.InvokeAsync",
    names=_view_component,
)
VC_TAG = Include(
    r"<vc:([\w-]+)",
    "component",
    "aspnet-component",
    "<vc:",
    names=lambda match: [(pascal(match.group(1)), "component", "aspnet-component")],
)

# Blazor: `<AnalyticsScripts />` renders AnalyticsScripts.razor; the framework's own components
# and child-content parameters (`<ChildContent>`, `<Authorized>`) are no files of the project.
FRAMEWORK_COMPONENTS = frozenset({
    "Router", "RouteView", "AuthorizeRouteView", "Found", "NotFound", "Navigating", "LayoutView",
    "PageTitle", "HeadContent", "HeadOutlet", "NavLink", "AuthorizeView", "Authorized",
    "NotAuthorized", "Authorizing", "CascadingAuthenticationState", "CascadingValue", "EditForm",
    "DataAnnotationsValidator", "ValidationSummary", "ValidationMessage", "InputText",
    "InputTextArea", "InputNumber", "InputSelect", "InputCheckbox", "InputDate", "InputFile",
    "InputRadio", "InputRadioGroup", "FocusOnNavigate", "ErrorBoundary", "ChildContent",
    "ErrorContent", "Virtualize", "ItemContent", "Placeholder", "EmptyContent", "DynamicComponent",
    "SectionOutlet", "SectionContent", "QuickGrid", "PropertyColumn", "TemplateColumn",
    "Paginator", "AntiforgeryToken", "ImportMap", "ReconnectModal", "Body", "LayoutComponentBase",
})  # fmt: skip
_HTML_ELEMENTS = frozenset({
    "html", "head", "body", "title", "meta", "link", "script", "style", "div", "span", "p", "a",
    "img", "iframe", "form", "input", "button", "table", "tr", "td", "th", "ul", "ol", "li",
    "nav", "main", "header", "footer", "section", "article", "aside", "svg",
})  # fmt: skip


def _component_element(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    name = match.group(1)
    if name in FRAMEWORK_COMPONENTS or name.lower() in _HTML_ELEMENTS:
        return
    if name.endswith(("Template", "Content")):  # a RenderFragment parameter of the parent
        return
    yield name, "component", "blazor"


COMPONENT_ELEMENT = Include(  # not after a word: `IOptions<Settings>` is a C# generic
    r"<(?<![\w.]<)([A-Z][A-Za-z0-9]*+)(?=[\s/>])",
    "component",
    "blazor",
    "<",
    names=_component_element,
)
BLAZOR_LAYOUT = Include(
    r"^[ \t]*@layout[ \t]+(?:[\w.]*\.)?(\w+)", "layout", "blazor", "@layout", re.MULTILINE
)
# `<component type="typeof(App)" render-mode="ServerPrerendered" />` in Blazor Server's _Host
ROOT_COMPONENT = Include(
    r"""<component\b(?>[^<>"']|"[^<"]*"|'[^<']*')*?\btype\s*=\s*["']@?typeof\((?:[\w.]*\.)?(\w+)\)""",
    "component",
    "blazor",
    "<component",
)
RENDER_COMPONENT = Include(
    r"Html\.RenderComponentAsync(?<![\w.]Html\.RenderComponentAsync)<(?:[\w.]*\.)?(\w+)>",
    "component",
    "blazor",
    "RenderComponent",
)
INCLUDES = (
    PARTIAL_TAG,
    HTML_PARTIAL,
    LAYOUT,
    VIEW_COMPONENT,
    VC_TAG,
    COMPONENT_ELEMENT,
    BLAZOR_LAYOUT,
    ROOT_COMPONENT,
    RENDER_COMPONENT,
)

# --- JavaScript interop --------------------------------------------------------------------------

_INVOKE = re.compile(
    r'\.Invoke(?:Void)?Async(?:<[^<>()\n]{0,80}>)?(\()\s*"([A-Za-z_$][\w$.]*)"\s*(,|\))'
)
_RECEIVER = re.compile(r"(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*\Z")
_ANONYMOUS_OBJECT = re.compile(r"\bnew(\s*)\{")
_MEMBER_INIT = re.compile(r"([{,]\s*)(@?)([A-Za-z_]\w*)(\s*)=(?![=>])")
_STRING_PREFIX = re.compile(r'[$@]{1,2}(?=")')
_ARGUMENTS = re.compile(PARENS, re.DOTALL)


def interop_scripts(text: str) -> list[tuple[int, int, str]]:
    """Blazor's JavaScript interop calls as the JavaScript they run, same length and offsets:
    `JS.InvokeVoidAsync("gtag", "config", id)` -> `gtag(              "config", id)`, so the
    call is analysed as written in a script (position: the start of the receiver).

    Returns (start, end, code): the `scripts` hook analyses `code` in place of the C#."""
    found = []
    for match in _INVOKE.finditer(text):
        if _in_comment(text, match.start()):
            continue
        receiver = _RECEIVER.search(text, max(0, match.start() - 200), match.start())
        arguments = _ARGUMENTS.match(text, match.start(1))
        if receiver is None or arguments is None:
            continue
        start, end = receiver.start(), arguments.end()
        rest = match.end() if match.group(3) == "," else match.start(3)
        head = match.group(2) + "("
        code = head + " " * (rest - start - len(head)) + _as_javascript(text[rest:end])
        found.append((start, end, code))
    return found


def _in_comment(text: str, offset: int) -> bool:
    """Inside a C# `//` or `/* */` comment or a Razor `@* *@` comment (a commented-out call)."""
    line = text[text.rfind("\n", 0, offset) + 1 : offset]
    slashes = line.find("//")
    if slashes >= 0 and line.count('"', 0, slashes) % 2 == 0:
        return True
    for opener, closer in (("/*", "*/"), ("@*", "*@")):
        opened = text.rfind(opener, 0, offset)
        if opened >= 0 and text.find(closer, opened + 2, offset) < 0:
            return True
    return False


def _as_javascript(arguments: str) -> str:
    """C# argument syntax that JavaScript lacks, rewritten in place: `new { email = x }` ->
    `    { email : x }` (`@event`, C#'s escaped keyword, -> ` event`), `$"..."`/`@"..."` ->
    `"..."`."""
    arguments = _ANONYMOUS_OBJECT.sub(lambda m: "   " + m.group(1) + "{", arguments)
    arguments = _MEMBER_INIT.sub(
        lambda m: f"{m.group(1)}{' ' * len(m.group(2))}{m.group(3)}{m.group(4)}:", arguments
    )
    return _STRING_PREFIX.sub(lambda m: " " * len(m.group()), arguments)


LANGUAGE = Language(
    "razor",
    Kind.MARKUP,
    (".cshtml", ".razor"),
    spans=SPANS,
    comments=MARKUP_COMMENTS,
    includes=INCLUDES,
    scripts=interop_scripts,
    description="Razor (ASP.NET MVC, Razor Pages, Blazor)",
    code_comments=C_CODE_COMMENTS,
)
