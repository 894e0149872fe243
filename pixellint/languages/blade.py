"""Blade (Laravel): `{{ }}`/`{!! !!}` echoes, `{{-- --}}` comments, `@directive(...)` tags,
`@php` blocks, `@include`/`@extends` and `<x-component>` includes.

Blade compiles any registered `@name`, and packages register their own (`@role`, `@livewire`),
so a directive is recognised by shape: a known name with optional arguments, or any other name
immediately followed by arguments, or an `@end...` closer. CSS at-rules (`@media (...)`) and
Alpine/Vue event attributes (`@click="..."`) are left alone, as Blade leaves them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.spans import MARKUP_COMMENTS, PHP, PHP_CODE_COMMENTS, between, comment

# --- balanced arguments ----------------------------------------------------------------------


def nested(opener: str, closer: str, atoms: tuple[str, ...], plain: str, depth: int = 4) -> str:
    """`opener ... closer` (regexes) with pairs nested up to `depth` levels, e.g. `(a(b(c)))`.

    `atoms` consume what may hold a stray closer (string literals, comments); `plain` is a
    character class of everything else. Each alternative starts with its own character and all
    groups are atomic or possessive, so a failed attempt never backtracks: linear in what it
    read, and the depth limit bounds how far an unclosed opener reads past other openers."""
    body = "|".join((*atoms, f"{plain}+"))
    pattern = f"{opener}(?>{body})*+{closer}"
    for _ in range(depth - 1):
        pattern = f"{opener}(?>{body}|{pattern})*+{closer}"
    return pattern


# one line each: a quote left open in an argument list fails the arguments at the line's end
# instead of pairing with a quote far below (the directive's name is still masked)
_PHP_STRINGS = (r"'(?:[^'\\\n]|\\.)*+'", r'"(?:[^"\\\n]|\\.)*+"')
ARGS = nested(r"\(", r"\)", _PHP_STRINGS, r"""[^()'"]""")

# --- directives ------------------------------------------------------------------------------

# What prints a value where it stands (inside `<script>` it must stay a JS expression).
_OUTPUT = frozenset({
    "json", "js", "lang", "choice", "csrf", "method", "class", "style", "checked", "selected",
    "disabled", "readonly", "required", "vite", "viteReactRefresh", "yield", "stack", "dump",
    "dd", "livewire", "livewireStyles", "livewireScripts", "livewireScriptConfig", "inertia",
    "inertiaHead", "routes", "entangle", "this", "parent", "show", "honeypot",
})  # fmt: skip
_CODE = frozenset({"php", "unset", "use", "inject"})
_CONTROL = frozenset({
    "if", "elseif", "else", "unless", "isset", "empty", "auth", "guest", "production", "env",
    "hasSection", "sectionMissing", "hasstack", "switch", "case", "break", "default", "for",
    "foreach", "forelse", "while", "continue", "once", "push", "pushOnce", "pushIf", "prepend",
    "prependOnce", "section", "stop", "append", "overwrite", "can", "cannot", "canany",
    "elsecan", "elsecannot", "elsecanany", "error", "props", "aware", "slot", "component",
    "componentFirst", "extends", "extendsFirst", "include", "includeIf", "includeWhen",
    "includeUnless", "includeFirst", "includeIsolated", "each", "fragment", "session",
    "context", "verbatim", "persist", "teleport", "volt", "elseauth",
    "elseguest", "elseenv", "elseproduction",
})  # fmt: skip
KNOWN = _OUTPUT | _CODE | _CONTROL
# CSS at-rules: `@media (max-width: 600px)` has the shape of a directive; Blade leaves it as text.
_CSS_AT_RULES = (
    "media", "import", "supports", "container", "font-face", "keyframes", "page", "layer",
    "property", "charset", "namespace", "counter-style", "font-feature-values", "document",
    "scope", "starting-style", "viewport",
)  # fmt: skip


_Trie = dict[str, "_Trie"]


def trie(words: Iterable[str]) -> str:
    """An alternation of `words` as a prefix tree (`i(?:f|nclude(?:If)?)`): the regex engine
    tries alternatives one by one, so a flat list of 100 names costs 100 tries at every `@`."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(tree)


def _trie_regex(node: _Trie) -> str:
    branches = [
        re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    optional = "" in node
    if len(branches) == 1 and not optional:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")


_KNOWN_ALTERNATION = trie(KNOWN)
_NOT_CSS = "(?!(?:" + "|".join(re.escape(r) for r in _CSS_AT_RULES) + r")\b)"
_DIRECTIVE = (
    r"(?<![\w@])@(?:"
    rf"(?:{_KNOWN_ALTERNATION})\b(?:[ \t]*{ARGS})?"  # a known name: @csrf, @if ($x)
    rf"|end[A-Za-z_]\w*"  # closers, including custom directives' (@endhasPermission)
    rf"|{_NOT_CSS}[A-Za-z_]\w*[ \t]*{ARGS}"  # a custom directive with arguments
    r")"
)
_DIRECTIVE_NAME = re.compile(r"@(\w+)")


def _directive_role(source: str) -> Role:
    match = _DIRECTIVE_NAME.match(source)
    name = match.group(1) if match else ""
    if name in _OUTPUT:
        return Role.OUTPUT
    return Role.CODE if name in _CODE else Role.CONTROL


# PHP that is only whitespace and comments never runs: a `@php` block like that is a comment
# (no tracker URL in it is code). Atomic and possessive: one pass.
_ONLY_COMMENTS = re.compile(r"(?>\s+|//[^\n]*|#(?!\[)[^\n]*|/\*.*?\*/)*+", re.DOTALL)


def _php_block_role(source: str) -> Role:
    body = source[len("@php") : -len("@endphp")]
    return Role.COMMENT if _ONLY_COMMENTS.fullmatch(body) else Role.CODE


# --- spans, in the order they are tried at one position ----------------------------------------

COMMENT = Span(
    "blade_comment", "{{", comment(r"\{\{--", r"--\}\}"), Role.COMMENT, 1, closers=(r"--\}\}",)
)
# `@{{ x }}` and `@{!! x !!}` print the braces for a JavaScript framework: only the `@` goes.
ESCAPED_ECHO = Span("blade_escaped_echo", "@", r"@(?=\{\{|\{!!)", Role.CONTROL, 2)
# `@@if` prints `@if`: the first `@` goes, the rest is text (and not a directive).
ESCAPED_DIRECTIVE = Span("blade_escaped_directive", "@", r"@(?=@[A-Za-z_])", Role.CONTROL, 3)
ECHO = Span("blade_echo", "{{", between(r"(?<!@)\{\{", r"\}\}"), Role.OUTPUT, 4)
RAW_ECHO = Span("blade_raw_echo", "{!!", between(r"(?<!@)\{!!", r"!!\}"), Role.OUTPUT, 5)
PHP_BLOCK = Span(
    "blade_php_block",
    "@",
    between(r"(?<![\w@])@php\b(?![ \t]*\()", r"@endphp\b"),
    Role.CODE,
    6,
    classify=_php_block_role,
)
DIRECTIVE = Span("blade_directive", "@", _DIRECTIVE, Role.CONTROL, 7, classify=_directive_role)
SPANS = (COMMENT, ESCAPED_ECHO, ESCAPED_DIRECTIVE, ECHO, RAW_ECHO, PHP_BLOCK, DIRECTIVE, PHP)

# --- include forms ---------------------------------------------------------------------------

_VIEW_ARGUMENT = {  # which arguments name views
    "extends": (0,), "include": (0,), "includeIf": (0,), "includeIsolated": (0,),
    "component": (0,), "livewire": (0,), "includeWhen": (1,), "includeUnless": (1,),
    "each": (0, 3), "includeFirst": (0,), "extendsFirst": (0,), "componentFirst": (0,),
}  # fmt: skip
_KIND = {"extendsFirst": "extends", "componentFirst": "component", "livewire": "livewire"}
_HOW = {"livewire": "livewire"}
_SINGLE = re.compile(r"""\A\s*'((?:[^'\\]|\\.)*)'\s*\Z""")
_DOUBLE = re.compile(r"""\A\s*"([^"\\$]*)"\s*\Z""")
_QUOTED = re.compile(r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)\"""")
_SUBSCRIPT = re.compile(r"(?<=[\w\]])\[[^\[\]\n]*\]")
_INTERPOLATION = re.compile(r"\{?\$\w+(?:->\w+|\[[^\]]*\])*\}?")
_LITERAL_IN_ARRAY = re.compile(r"""'([^'\\\n]+)'|"([^"\\$\n]+)\"""")


def split_arguments(arguments: str) -> list[str]:
    """Top-level comma-separated arguments of a PHP call (strings and brackets respected)."""
    parts: list[str] = []
    depth, start, quote, index = 0, 0, "", 0
    while index < len(arguments):
        char = arguments[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(arguments[start:index])
            start = index + 1
        index += 1
    parts.append(arguments[start:])
    return [p.strip() for p in parts]


def view_name_glob(expression: str) -> str | None:
    """`'settings.fields.' . $type` or `"partials.$name"` -> 'settings/fields/*.blade.php': a
    computed view name can be any view it names. None when a function computes the name (its
    string arguments are not pieces of the name) or when nothing literal is left."""
    expression = _SUBSCRIPT.sub("", expression)  # `$field['type']` is one variable
    glob = ""
    last = 0
    for match in _QUOTED.finditer(expression):
        between_pieces = expression[last : match.start()]
        if "(" in between_pieces:
            return None
        glob += "*" if between_pieces.strip(" .\t\r\n") else ""
        single, double = match.groups()
        glob += single if single is not None else _INTERPOLATION.sub("*", double)
        last = match.end()
    rest = expression[last:]
    if "(" in rest:
        return None
    glob += "*" if rest.strip(" .\t\r\n") else ""
    glob = re.sub(r"\*+", "*", glob.replace(".", "/"))
    if "*" not in glob or not re.search(r"[A-Za-z0-9_-]{2}", glob):
        return None
    return glob + ".blade.php"


def _names_in(argument: str) -> Iterator[tuple[str, str]]:
    """(name, how) for one argument: a literal view name, every name in an array literal, a
    glob for a concatenation, or the expression itself when it is computed."""
    while argument.startswith("(") and argument.endswith(")"):
        argument = argument[1:-1].strip()
    literal = _SINGLE.match(argument) or _DOUBLE.match(argument)
    if literal:
        yield literal.group(1), ""
    elif argument.startswith("["):
        for single, double in _LITERAL_IN_ARRAY.findall(argument):
            yield single or double, ""
    elif argument.startswith("raw|") or not argument:
        return
    else:
        glob = view_name_glob(argument)
        yield (glob, "glob") if glob else (argument[:60], "dynamic")


def _directive_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    directive, arguments = match.group(1), match.group(2)[1:-1]
    parts = split_arguments(arguments)
    kind = _KIND.get(directive, directive)
    for index in _VIEW_ARGUMENT[directive]:
        if index >= len(parts) or (index > 0 and parts[index].strip("'\"").startswith("raw|")):
            continue
        for name, how in _names_in(parts[index]):
            if name.endswith("::class"):
                how = "dynamic"  # @livewire(Counter::class): a PHP class, not a view name
            yield name, kind, how or _HOW.get(directive, "laravel")


DIRECTIVE_INCLUDE = Include(
    r"@(?<![\w@]@)("
    + "|".join(sorted(_VIEW_ARGUMENT, key=len, reverse=True))
    + r")\b[ \t]*("
    + ARGS
    + ")",
    "include",
    "laravel",
    "@",
    names=_directive_names,
)
# a tag's attributes end at `>`, or at the next `<` when the tag is unclosed (read once, not once
# per unclosed tag)
_TAG_ATTRIBUTES = r"""((?>"[^<"]*"|'[^<']*'|[^'"<>])*+)"""
# Blade UI Kit icon sets (`<x-heroicon-o-trash />`, `<x-fab-github />`) are package components:
# SVG, never a file of the project, never a tracker.
_ICON_SET = re.compile(
    r"(?:heroicon-[osmc]|fas|far|fab|bi|tabler|lucide|phosphor|ri|mdi|carbon|ionicon|zondicon"
    r"|codicon|si|iconoir|eos|gmdi|fluentui)-"
)


def _component_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    name = match.group(1)
    if not _ICON_SET.match(name):
        yield name, "component", "blade-component"


COMPONENT_TAG = Include(
    r"<x-(?!slot\b|dynamic-component\b)([\w.:-]+)",
    "component",
    "blade-component",
    "<x-",
    names=_component_names,
)
_COMPONENT_ATTR = re.compile(r"""(?<![\w:-])(:?)component\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _dynamic_component(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """`component="name"` is a literal; `:component="$expr"` a PHP expression (resolved only when
    it is a string literal)."""
    attribute = _COMPONENT_ATTR.search(match.group(1))
    if attribute is None:
        return
    bound, value = attribute.group(1), attribute.group(2) or attribute.group(3) or ""
    literal = _SINGLE.match(value) if bound else re.match(r"\A\s*([\w.:-]+)\s*\Z", value)
    if literal:
        yield literal.group(1), "component", "blade-component"
    else:
        yield value.strip()[:60], "component", "dynamic"


DYNAMIC_COMPONENT = Include(
    r"<x-dynamic-component\b" + _TAG_ATTRIBUTES,
    "component",
    "blade-component",
    "<x-dynamic-component",
    names=_dynamic_component,
)
LIVEWIRE_TAG = Include(r"<livewire:([\w.:-]+)", "livewire", "livewire", "<livewire:")
_SCRIPT_ENTRY = re.compile(r"""['"]([^'"\n]+\.(?:js|mjs|ts|jsx|tsx))['"]""")
# `@vite(['resources/css/app.css', 'resources/js/app.js'])` emits a <script> for each entry
VITE = Include(
    r"@vite\b(?<![\w@]@vite)[ \t]*(" + ARGS + ")",
    "script-src",
    "script",
    "@vite",
    names=lambda match: [
        (n, "script-src", "script") for n in _SCRIPT_ENTRY.findall(match.group(1))
    ],
)
INCLUDES = (DIRECTIVE_INCLUDE, COMPONENT_TAG, DYNAMIC_COMPONENT, LIVEWIRE_TAG, VITE)

LANGUAGE = Language(
    "blade",
    Kind.MARKUP,
    (".blade.php",),
    spans=SPANS,
    comments=MARKUP_COMMENTS,
    includes=INCLUDES,
    description="Blade (Laravel)",
    code_comments=PHP_CODE_COMMENTS,
)
