"""JavaScript facts from a real AST (tree-sitter): calls, URL strings and global assignments.

Knows nothing of trackers: the caller says which call paths, globals and URLs interest it.
Offsets are character offsets into the analysed text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from pixellint import jsattrs, jsbind, jspath
from pixellint.jsbind import node_text as _text
from pixellint.jsbind import string_value as _string_value
from pixellint.jsbind import unescape as _unescape

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Query

_MAX_ARG_NODES = 400
_EVERYWHERE = (0, 1 << 62)
_FORWARDS = re.compile(rb"\barguments\b|dataLayer")
_MAX_STUB = 300  # a vendor's queue stub is one short line
_QUERY = """
(call_expression function: (_) @callee arguments: (arguments) @args) @call
(new_expression constructor: (_) @callee) @call
(string) @string
(template_string) @string
(binary_expression) @binary
(assignment_expression left: (_) @lhs) @assign
(variable_declarator name: (identifier) @lhs) @assign
(import_statement source: (string) @import)
(function_declaration name: (identifier) @local) @binding
(formal_parameters (identifier) @local) @binding
(import_specifier alias: (identifier) @local) @binding
(import_specifier name: (identifier) @local !alias) @binding
(import_clause (identifier) @local) @binding
(variable_declarator name: (identifier) @local value: [(arrow_function) (function_expression)]) @binding
(variable_declarator name: (identifier) @local value: [(call_expression) (new_expression)]) @binding
(class_declaration name: (_) @local) @binding
"""


# A bare global this short (`ga`, `hj`, `FS`, `qp`, `fbq`) is also what a minifier names things;
# called without a command string first (`ga('send', …)`, `fbq('track', …)`) it is not the vendor
_MINIFIED_NAME = 3


@dataclass(frozen=True, slots=True)
class Interest:
    """What the caller wants reported."""

    calls: frozenset[str]
    globals: frozenset[str]
    is_url: Callable[[str], bool]  # true when a string could match a tracker URL
    packages: frozenset[str] = frozenset()  # SDK packages: their imports and bindings are followed
    url_at: Callable[[str], int] | None = None  # where in a string the tracker URL starts
    data_only: frozenset[str] = frozenset()  # globals that count only when assigned a literal
    # attributes that name a vendor's script element (`data-website-id`), in lower case: an object
    # or JSX element with a `src` and one of them is reported ("attributes", pixellint.jsattrs)
    attributes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class JsHit:
    kind: str  # "url", "call", "global", "package" (an SDK import), "sdk" (use of its binding) or
    # "attributes" (a script element written as a value, named by a vendor's attribute)
    value: str  # the URL text, the call path, the global name or the package
    start: int
    end: int
    unit: int  # start offset of the top-level statement around it
    arg0: str | None = None
    nargs: int = 0
    keys: frozenset[str] = frozenset()  # object keys and string values in the arguments
    args_span: tuple[int, int] = (0, 0)
    in_error: bool = False
    scope: int = -1  # start offset of the innermost function around it (-1: top level)
    export: str = ""  # sdk: what the binding is (jsbind.DEFAULT, NAMESPACE, INSTANCE or a name)
    method: str = ""  # sdk: the call path after the binding ('initialize', 'people.set'), or ''
    label: str = ""  # sdk: the call or element as written ('ReactGA.initialize', '<GTM>');
    # call: the path as written when a local name stands for the global (`dl.push`)


@dataclass(frozen=True, slots=True)
class JsResult:
    hits: tuple[JsHit, ...]
    has_error: bool
    # (top-level statement's start, name the module exports it as): `export function ga(...)`
    exported: tuple[tuple[int, str], ...] = ()
    # (exported name, package, export) for SDK bindings a module hands on: `export { posthog }`
    handed_on: tuple[tuple[str, str, str], ...] = ()


_RANGES = (
    "(ERROR) @error [(function_expression) (arrow_function) (function_declaration)"
    " (method_definition) (generator_function) (generator_function_declaration)] @function"
)
# TypeScript wraps parameters: (required_parameter pattern: (identifier))
_TS_PARAMETERS = "(formal_parameters (required_parameter pattern: (identifier) @local)) @binding"


@cache
def _language(grammar: str) -> Any:
    import tree_sitter

    if grammar == "javascript":
        import tree_sitter_javascript

        return tree_sitter.Language(tree_sitter_javascript.language())
    import tree_sitter_typescript

    if grammar == "tsx":
        return tree_sitter.Language(tree_sitter_typescript.language_tsx())
    if grammar == "typescript":
        return tree_sitter.Language(tree_sitter_typescript.language_typescript())
    raise ValueError(f"unknown grammar {grammar!r}")


@cache
def _ranges_query(grammar: str) -> Query:
    """Parse errors, and functions: a call inside a callback is an occurrence of its own."""
    import tree_sitter

    return tree_sitter.Query(_language(grammar), _RANGES)


@cache
def _parser_and_query(grammar: str) -> tuple[Parser, Query]:
    import tree_sitter

    language = _language(grammar)
    query = _QUERY
    if grammar != "javascript":
        query = query.replace("(formal_parameters (identifier) @local) @binding", _TS_PARAMETERS)
    return tree_sitter.Parser(language), tree_sitter.Query(language, query)


_MEMO_LIMIT = 32_768  # characters: a snippet, not a bundle


def analyse(text: str, interest: Interest, grammar: str = "javascript") -> JsResult:
    """Facts about `text` parsed with `grammar` ('javascript', 'typescript' or 'tsx').

    A built site repeats its head scripts on every page (the same tag manager snippet ten
    thousand times), so the facts of a short script are remembered by its text: results are
    immutable and their offsets are relative to the text."""
    if len(text) <= _MEMO_LIMIT:
        return _remembered(text, interest, grammar)
    return _analyse(text, interest, grammar)


@lru_cache(maxsize=512)
def _remembered(text: str, interest: Interest, grammar: str) -> JsResult:
    return _analyse(text, interest, grammar)


def _analyse(text: str, interest: Interest, grammar: str) -> JsResult:
    import tree_sitter

    parser, query = _parser_and_query(grammar)
    data = text.encode("utf-8", errors="surrogatepass")
    tree = parser.parse(data)
    to_char = _offset_converter(text, data)
    hits: list[JsHit] = []
    seen: set[tuple[str, int]] = set()
    shadowed: list[tuple[str, int, int]] = []
    roots = _roots(interest.calls)
    names = jspath.local_names(text, tree.root_node, _language(grammar), roots)
    bound: dict[str, jsbind.Binding] = {}
    if _mentions_package(text, interest.packages):
        bound, imports = jsbind.bindings(tree.root_node, _language(grammar), interest.packages)
        hits.extend(_import_hit(i, to_char) for i in imports)
        if bound and grammar != "typescript":
            hits.extend(_element_hits(tree.root_node, grammar, bound, to_char))
        seen.update((h.kind, h.start) for h in hits)
    for _, captures in tree_sitter.QueryCursor(query).matches(tree.root_node):
        if "binding" in captures:
            _note_local_binding(captures, roots, interest.packages, shadowed)
            continue
        for hit in _hits_of(captures, interest, to_char, bound, names):
            if (hit.kind, hit.start) not in seen:
                seen.add((hit.kind, hit.start))
                hits.append(hit)
    if interest.attributes and any(a in text for a in interest.attributes):
        hits.extend(_carrier_hits(tree.root_node, grammar, interest.attributes, to_char))
    if shadowed:  # `function ga(e,t){…}` in a bundle: calls of ga() are that function, not Google's
        hits = [h for h in hits if not (h.kind == "call" and _shadowed(h, shadowed))]
    errors: list[tuple[int, int]] = []
    functions: list[tuple[int, int]] = []
    if hits:
        for _, captured in tree_sitter.QueryCursor(_ranges_query(grammar)).matches(tree.root_node):
            for name, nodes in captured.items():
                target = errors if name == "error" else functions
                target.extend((n.start_byte, n.end_byte) for n in nodes)
    hits = _place(hits, tree.root_node, to_char, errors, functions)
    hits.sort(key=lambda h: h.start)
    if not hits and not bound:
        return JsResult((), tree.root_node.has_error)
    exported, handed_on = _exports(tree.root_node, to_char, bound, interest.packages)
    return JsResult(tuple(hits), tree.root_node.has_error, exported, handed_on)


def _exports(
    root: Node,
    to_char: Callable[[int], int],
    bound: dict[str, jsbind.Binding],
    packages: frozenset[str],
) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[str, str, str], ...]]:
    """What the module exports, by top-level statement: a wrapper such as `export const
    trackGoal = (name) => plausible(name)` makes every caller of `trackGoal` a tracker call."""
    declared: dict[str, int] = {}  # top-level local name -> its statement
    exported: list[tuple[int, str]] = []
    aliases: list[tuple[str, str]] = []  # (local, exported)
    handed_on: list[tuple[str, str, str]] = []
    for statement in root.named_children:
        start = to_char(statement.start_byte)
        declaration = statement
        if statement.type == "export_statement":
            source = statement.child_by_field_name("source")
            package = jsbind.known(jsbind.string_value(source), packages) if source else ""
            if package:  # export { default as posthog } from 'posthog-js'
                for local, name in _export_clause(statement):
                    handed_on.append((name, package, local))
                continue
            is_default = any(child.type == "default" for child in statement.children)
            declaration = statement.child_by_field_name("declaration") or statement
            names = _declared_names(declaration)
            for name in names:
                exported.append((start, "default" if is_default else name))
            value = statement.child_by_field_name("value")
            if is_default and value is not None and value.type == "identifier":
                aliases.append((_text(value), "default"))
            aliases.extend(_export_clause(statement))
            if names:
                continue
        for name in _declared_names(declaration):
            declared[name] = start
    for local, name in aliases:
        if local in declared:
            exported.append((declared[local], name))
        if local in bound:
            handed_on.append((name, bound[local].package, bound[local].export))
    for _, name in exported:  # export const analytics = AnalyticsBrowser.load(...)
        if name in bound:
            handed_on.append((name, bound[name].package, bound[name].export))
    return tuple(sorted(set(exported))), tuple(sorted(set(handed_on)))


def _declared_names(node: Node) -> list[str]:
    """Functions and values a statement declares (a class is constructed, not called with the
    data: its instances' methods are not followed)."""
    if node.type in ("function_declaration", "generator_function_declaration"):
        name = node.child_by_field_name("name")
        return [_text(name)] if name is not None else []
    if node.type in ("lexical_declaration", "variable_declaration"):
        names = []
        for declarator in node.named_children:
            name = (
                declarator.child_by_field_name("name")
                if declarator.type == "variable_declarator"
                else None
            )
            if name is not None and name.type == "identifier":
                names.append(_text(name))
        return names
    return []


def _export_clause(statement: Node) -> list[tuple[str, str]]:
    """(local, exported) pairs of `export { a, b as c }`."""
    pairs = []
    for clause in statement.named_children:
        if clause.type != "export_clause":
            continue
        for specifier in clause.named_children:
            if specifier.type != "export_specifier":
                continue
            name = specifier.child_by_field_name("name")
            alias = specifier.child_by_field_name("alias")
            if name is not None:
                pairs.append((_text(name), _text(alias if alias is not None else name)))
    return pairs


def _note_local_binding(
    captures: dict[str, list[Node]],
    roots: frozenset[str],
    packages: frozenset[str],
    shadowed: list[tuple[str, int, int]],
) -> None:
    """A function or parameter named like a tracker (or like the object of a tracker's method:
    Angular's `analytics: AnalyticsService`) is the site's own, within the function it belongs
    to; a function declaration shadows it everywhere, unless it is the vendor's queue stub
    (`function gtag(){dataLayer.push(arguments)}`), which forwards its arguments."""
    name = _text(captures["local"][0])
    if name not in roots:
        return
    binding = captures["binding"][0]
    if binding.type in ("import_specifier", "import_clause"):
        # `import { ga } from '@lib/helpers'`: the site's own function; a vendor SDK's binding
        # (`import ReactGA from 'react-ga4'`) is reported as the package import
        if not jsbind.known(_import_source(binding), packages):
            shadowed.append((name, *_EVERYWHERE))
        return
    if binding.type == "class_declaration" or (
        binding.type == "variable_declarator" and _made_by_a_call(binding)
    ):
        # `class Intercom {…}`, `var drift = makeDrift()`: the site's own object; an SDK made by
        # its package (`const analytics = AnalyticsBrowser.load(…)`) is followed by jsbind
        shadowed.append((name, *_EVERYWHERE))
        return
    if binding.type in ("function_declaration", "variable_declarator"):
        # `const ga = (name) => console.log(name)` is the site's own; a stub that queues its
        # arguments for the vendor (`const gtag = (...a) => dataLayer.push(a)`) is the vendor's
        text = binding.text or b""
        stub = (
            b"arguments" in text
            if binding.type == "function_declaration"
            else (len(text) < _MAX_STUB and _FORWARDS.search(text) is not None)
        )
        if not stub and not _reaches_global(text, name):
            shadowed.append((name, *_EVERYWHERE))
        return
    scope = binding.parent or binding
    shadowed.append((name, scope.start_byte, scope.end_byte))


def _reaches_global(text: bytes, name: str) -> bool:
    """`const plausible = (e, d) => { const p = (window as any).plausible; p(e, d) }`: the
    site's function of the vendor's name hands over to the vendor's global, so its calls are the
    vendor's."""
    return _global_access(name).search(text) is not None


@lru_cache(maxsize=256)
def _global_access(name: str) -> re.Pattern[bytes]:
    objects = "|".join(re.escape(o) for o in jspath.GLOBAL_OBJECTS)
    quoted = re.escape(name)
    return re.compile(
        rf"\b(?:{objects})\b(?:\s+as\s+\w+\))?\s*(?:\.\s*{quoted}\b|\[\s*['\"]{quoted}['\"])".encode()
    )


def _made_by_a_call(declarator: Node) -> bool:
    value = declarator.child_by_field_name("value")
    return value is not None and value.type in ("call_expression", "new_expression")


def _import_source(node: Node) -> str:
    current: Node | None = node
    while current is not None and current.type != "import_statement":
        current = current.parent
    source = current.child_by_field_name("source") if current is not None else None
    return _string_value(source) or ""


def _mentions_package(text: str, packages: frozenset[str]) -> bool:
    return bool(packages) and _quoted(packages).search(text) is not None


@lru_cache(maxsize=64)
def _quoted(packages: frozenset[str]) -> re.Pattern[str]:
    """One scan for any of `packages` opened by a quote (a module specifier)."""
    names = "|".join(re.escape(p) for p in sorted(packages, key=len, reverse=True))
    return re.compile(f"[\"'`](?:{names})")


def _import_hit(found: jsbind.Import, to_char: Callable[[int], int]) -> JsHit:
    source = found.node.child_by_field_name("source") or found.node  # located at the package name
    hit = _hit("package", found.package, source, to_char, keys=found.exports)
    return replace(hit, label=f"import from {found.package}")


_ELEMENTS = """
(jsx_opening_element name: (_) @name) @element
(jsx_self_closing_element name: (_) @name) @element
"""


@cache
def _elements_query(grammar: str) -> Query:
    import tree_sitter

    return tree_sitter.Query(_language(grammar), _ELEMENTS)


def _element_hits(
    root: Node, grammar: str, bound: dict[str, jsbind.Binding], to_char: Callable[[int], int]
) -> Iterator[JsHit]:
    """`<GoogleTagManager gtmId="GTM-…"/>` where the element is an SDK binding."""
    import tree_sitter

    for _, captures in tree_sitter.QueryCursor(_elements_query(grammar)).matches(root):
        name = _text(captures["name"][0])
        binding = bound.get(name.split(".", 1)[0])
        if binding is None:
            continue
        element = captures["element"][0]
        keys = _attributes(element)
        hit = _hit("sdk", binding.package, element, to_char, keys=frozenset(keys))
        method = name.split(".", 1)[1] if "." in name else ""
        yield replace(hit, export=binding.export, method=method, label=f"<{name}>")


def _attributes(element: Node) -> set[str]:
    """Attribute names and the strings in their values (`gtmId`, `GTM-ABC123`)."""
    found: set[str] = set()
    for attribute in element.named_children:
        if attribute.type != "jsx_attribute":
            continue
        for part in attribute.named_children:
            if part.type == "property_identifier":
                found.add(_text(part))
            else:
                found.update(_keys_and_strings([part]))
    return found


def _shadowed(hit: JsHit, shadowed: list[tuple[str, int, int]]) -> bool:
    root = hit.value.split(".", 1)[0]
    return any(root == name and start <= hit.unit < end for name, start, end in shadowed)


@cache
def _roots(calls: frozenset[str]) -> frozenset[str]:
    return frozenset(call.split(".", 1)[0] for call in calls)


def _offset_converter(text: str, data: bytes) -> Callable[[int], int]:
    if len(data) == len(text):
        return lambda offset: offset
    cache_: dict[int, int] = {}

    def convert(offset: int) -> int:
        if offset not in cache_:
            cache_[offset] = len(data[:offset].decode("utf-8", errors="ignore"))
        return cache_[offset]

    return convert


def _hits_of(
    captures: dict[str, list[Node]],
    interest: Interest,
    to_char: Callable[[int], int],
    bound: dict[str, jsbind.Binding],
    names: jspath.LocalNames,
) -> Iterator[JsHit]:
    if "import" in captures:
        return  # SDK imports come from jsbind, which knows what they bind
    elif "call" in captures:
        yield from _call_hits(captures, interest, to_char, bound, names)
    elif "string" in captures:
        node = captures["string"][0]
        parent = node.parent
        if parent is not None and parent.type == "binary_expression":
            return  # folded with its neighbours below
        for value in _string_pieces(node):
            if interest.is_url(value):
                yield _url_in_string(value, node, to_char, interest.url_at)
        if _runs_as_script(node):
            yield _code_hit(node, to_char)
    elif "binary" in captures:
        node = captures["binary"][0]
        parent = node.parent
        if parent is not None and parent.type == "binary_expression":
            return
        for value in _concat_pieces(node):
            if interest.is_url(value):
                yield _hit("url", value, node, to_char)
    elif "assign" in captures:
        yield from _assignment_hits(
            captures["assign"][0], captures["lhs"][0], interest, to_char, names
        )


def _assignment_hits(
    assign: Node,
    lhs: Node,
    interest: Interest,
    to_char: Callable[[int], int],
    names: jspath.LocalNames,
) -> Iterator[JsHit]:
    """`_hjSettings = {…}`, `utag_data.page_type = …` (a property of a vendor's data object),
    and `dataLayer = [{…}]` (a shared global, only when data is handed over)."""
    path = jspath.path(lhs, names)
    if not path:
        return
    label = ""
    if path not in interest.globals:
        root, last = path.split(".", 1)[0], path.rsplit(".", 1)[-1]
        if root in interest.globals and root not in interest.data_only:
            path = root
        elif last in interest.globals and last.startswith("_") and len(last) > 5:
            # a snippet's `h._hjSettings = …` where `h` is its window parameter: a vendor's own
            # underscored global is recognised on any object
            path, label = last, "member"
        else:
            return
    if path in interest.data_only and not _hands_over_data(assign):
        return
    if _is_module_binding(assign):
        return  # `const digitalData = require('./digital-data')`: a module's own name
    hit = _hit("global", path, assign, to_char)
    yield replace(hit, label=label) if label else hit


def _is_module_binding(assign: Node) -> bool:
    """A `const`/`let` inside a function or block, or a name bound to `require(…)`/`import(…)`:
    a local or a module's own name, no global of the page that a vendor's tag reads."""
    if assign.type != "variable_declarator":
        return False
    declaration = assign.parent
    scope = declaration.parent if declaration is not None else None
    lexical = declaration is not None and declaration.type == "lexical_declaration"
    if lexical and scope is not None and scope.type != "program":
        return True
    value = assign.child_by_field_name("value")
    while value is not None and value.type == "await_expression" and value.named_child_count:
        value = value.named_children[0]
    if value is None or value.type != "call_expression":
        return False
    callee = value.child_by_field_name("function")
    return (
        callee is not None
        and callee.type in ("import", "identifier")
        and (jsbind.node_text(callee) in ("require", "import"))
    )


def _hands_over_data(assign: Node) -> bool:
    value = assign.child_by_field_name(
        "right" if assign.type == "assignment_expression" else "value"
    )
    return (
        value is not None
        and value.type in ("array", "object")
        and any(child.is_named and child.type != "comment" for child in value.children)
    )


def _call_hits(
    captures: dict[str, list[Node]],
    interest: Interest,
    to_char: Callable[[int], int],
    bound: dict[str, jsbind.Binding],
    names: jspath.LocalNames,
) -> Iterator[JsHit]:
    callee = captures["callee"][0]
    call = captures["call"][0]
    if bound:
        sdk = _sdk_call(callee, call, captures.get("args", [None])[0], bound, to_char)
        if sdk is not None:
            yield sdk
            return
    if callee.type == "member_expression" and _text(callee).endswith(".join"):
        array = callee.child_by_field_name("object")
        if array is not None and array.type == "array":
            joined = "".join(_string_value(n) or "\0" for n in array.named_children)
            for value in joined.split("\0"):
                if interest.is_url(value):
                    yield _hit("url", value, call, to_char)
        return
    path = "import" if callee.type == "import" else jspath.path(callee, names)
    if path is None:
        return
    written, path = path, names.through_alias(path)
    if path in ("require", "import"):
        args_node = captures.get("args", [None])[0]
        first = (
            args_node.named_children[0]
            if args_node is not None and args_node.named_child_count
            else None
        )
        package = jsbind.known(_string_value(first), interest.packages)
        if package:
            yield _hit("package", package, call, to_char, keys=frozenset({jsbind.NAMESPACE}))
        return
    if path in interest.calls:
        args_node = captures.get("args", [None])[0]
        args = _arguments(path, args_node)
        if args is None:
            return
        arg0 = _string_value(args[0]) if args else None
        if arg0 is None and len(path) <= _MINIFIED_NAME:
            return  # `ga(e, r)` in a bundle: vendors' short globals always take a command first
        keys = _keys_and_strings(args)
        span = (to_char(args_node.start_byte), to_char(args_node.end_byte)) if args_node else (0, 0)
        hit = _hit("call", path, call, to_char, arg0, len(args), frozenset(keys), span)
        yield replace(hit, label=written) if written != path else hit


def _sdk_call(
    callee: Node,
    call: Node,
    args_node: Node | None,
    bound: dict[str, jsbind.Binding],
    to_char: Callable[[int], int],
) -> JsHit | None:
    """A call on an SDK binding (`ReactGA.initialize(...)`, `sendGAEvent(...)`,
    `new AnalyticsBrowser()`), or a call handing one over (`app.use(VueGtag, {...})`)."""
    path = jspath.path(callee)
    args = [n for n in args_node.named_children if n.type != "comment"] if args_node else []
    binding: jsbind.Binding | None = None
    method = ""
    if path is not None:
        root, _, method = path.partition(".")
        binding = bound.get(root)
    if binding is None:
        handed = next((a for a in args if a.type == "identifier" and _text(a) in bound), None)
        if handed is None:
            return None
        binding, method = bound[_text(handed)], ""
        path = f"{path or 'call'}({_text(handed)})"
    keys = _keys_and_strings(args)
    span = (to_char(args_node.start_byte), to_char(args_node.end_byte)) if args_node else (0, 0)
    arg0 = _string_value(args[0]) if args else None
    hit = _hit("sdk", binding.package, call, to_char, arg0, len(args), frozenset(keys), span)
    return replace(hit, export=binding.export, method=method, label=path or "")


_SCRIPT_ELEMENTS = frozenset({"Script", "script"})  # next/script and a JSX <script>
_SCRIPT_PROPERTIES = frozenset({"innerHTML", "text", "textContent", "innerText", "__html"})


def _url_in_string(
    value: str, node: Node, to_char: Callable[[int], int], url_at: Callable[[str], int] | None
) -> JsHit:
    """The URL where it is written: a snippet in a long template literal is located at its own
    line, not at the backtick lines above it."""
    hit = _hit("url", value, node, to_char)
    text = _text(node)
    at = text.find(value)
    if at < 0 or url_at is None or "\n" not in text:
        return hit
    start = to_char(node.start_byte) + at + max(0, url_at(value))
    return replace(hit, start=start)


def _runs_as_script(node: Node) -> bool:
    """A string whose text the page runs as a script: the body of `<Script>{`...`}</Script>`
    (next/script), `dangerouslySetInnerHTML={{ __html: '...' }}`, `script.innerHTML = '...'`."""
    text = node.text or b""
    if b"(" not in text and b"=" not in text:  # neither a call nor an assignment: not code
        return False
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "jsx_expression":
        element = parent.parent
        opening = element.child_by_field_name("open_tag") if element is not None else None
        name = opening.child_by_field_name("name") if opening is not None else None
        return name is not None and _text(name) in _SCRIPT_ELEMENTS
    if parent.type == "pair":
        key = parent.child_by_field_name("key")
        return (
            key is not None
            and _text(key) in _SCRIPT_PROPERTIES
            and parent.child_by_field_name("value") == node
        )
    if parent.type == "assignment_expression":
        left = parent.child_by_field_name("left")
        prop = (
            left.child_by_field_name("property")
            if left is not None and left.type == "member_expression"
            else None
        )
        return prop is not None and _text(prop) in _SCRIPT_PROPERTIES
    return False


def _code_hit(node: Node, to_char: Callable[[int], int]) -> JsHit:
    """The string's text as same-length code: `${...}` and escapes blanked, so offsets inside
    map one to one onto the file (the caller analyses it as JavaScript)."""
    raw = _text(node)
    body = raw[1:-1]
    if node.type == "template_string":
        body = _blank_substitutions(body)
    body = _ESCAPE.sub(_same_length_escape, body)
    start = to_char(node.start_byte) + 1
    return JsHit("code", body, start, start + len(body), node.start_byte)


_ESCAPE = re.compile(r"\\(.)", re.S)


def _same_length_escape(match: re.Match[str]) -> str:
    """`\\n` -> space + newline, `\\'` -> space + quote, others -> two spaces: offsets stay."""
    char = match.group(1)
    if char == "n":
        return " \n"
    return " " + (char if char in "'\"`" else " ")


def _blank_substitutions(body: str) -> str:
    """`${ expr }` -> `_______`: a same-length identifier, so `gtag('config', '${id}')` stays a call."""
    out = []
    at = 0
    while (opening := body.find("${", at)) >= 0:
        depth, end = 0, opening + 2
        while end < len(body):
            char = body[end]
            if char == "{":
                depth += 1
            elif char == "}":
                if depth == 0:
                    break
                depth -= 1
            end += 1
        out.append(body[at:opening])
        out.append("_" * (min(end, len(body) - 1) - opening + 1))
        at = end + 1
    out.append(body[at:])
    return "".join(out)[: len(body)].ljust(len(body))


def _arguments(path: str, args_node: Node | None) -> list[Node] | None:
    """Argument nodes; a queue push of one array (`_hsq.push(['identify', …])`) is unwrapped."""
    if args_node is None:
        return []
    args = [n for n in args_node.named_children if n.type != "comment"]
    if path.endswith(".push") and len(args) == 1:
        only = args[0]
        if only.type == "identifier" and only.text == b"arguments":
            return None  # queue plumbing inside a stub, e.g. function gtag(){dataLayer.push(arguments)}
        if only.type == "array":
            return [n for n in only.named_children if n.type != "comment"]
    return args


def _carrier_hits(
    root: Node, grammar: str, attributes: frozenset[str], to_char: Callable[[int], int]
) -> Iterator[JsHit]:
    """`{src: process.env.UMAMI_URL, 'data-website-id': id}`: the attribute is the value, the
    `src` as written the label, its literal value (if it is one) arg0."""
    language = _language(grammar)
    for found in jsattrs.carriers(root, language, grammar != "typescript", attributes):
        start, end = to_char(found.start), to_char(found.end)
        yield JsHit("attributes", found.attribute, start, end, found.start, found.literal,
                    label=found.src)  # fmt: skip


def _hit(
    kind: str,
    value: str,
    node: Node,
    to_char: Callable[[int], int],
    arg0: str | None = None,
    nargs: int = 0,
    keys: frozenset[str] = frozenset(),
    args_span: tuple[int, int] = (0, 0),
) -> JsHit:
    # unit and in_error are filled in by _place: walking up .parent is O(depth) per step in
    # tree-sitter, quadratic on deeply nested code
    return JsHit(
        kind,
        value,
        to_char(node.start_byte),
        to_char(node.end_byte),
        node.start_byte,
        arg0,
        nargs,
        keys,
        args_span,
    )


def _place(
    hits: list[JsHit],
    root: Node,
    to_char: Callable[[int], int],
    errors: list[tuple[int, int]],
    functions: list[tuple[int, int]],
) -> list[JsHit]:
    """Set each hit's top-level statement, innermost function, and whether it sits in a parse error."""
    starts = [child.start_byte for child in root.children]
    placed = []
    for hit in hits:
        byte = hit.unit
        index = bisect.bisect_right(starts, byte) - 1
        unit = to_char(starts[index]) if index >= 0 else to_char(byte)
        in_error = any(start <= byte < end for start, end in errors)
        around = [start for start, end in functions if start < byte < end]
        scope = to_char(max(around)) if around else -1
        placed.append(replace(hit, unit=unit, in_error=in_error, scope=scope))
    return placed


def _string_pieces(node: Node) -> list[str]:
    if node.type == "string":
        return [_string_value(node) or ""]
    if node.type == "template_string":
        pieces: list[str] = []
        current = ""
        for child in node.children:
            if child.type in ("string_fragment", "escape_sequence"):
                current += _unescape(_text(child))
            elif child.type == "template_substitution":
                pieces.append(current)
                current = ""
        pieces.append(current)
        return pieces
    return []


def _concat_pieces(node: Node) -> list[str]:
    """Fold 'https://connect.' + 'facebook.net/…' + x into its literal runs."""
    leaves: list[Node] = []
    stack = [node]
    while stack and len(leaves) < 200:
        current = stack.pop()
        operator = current.child_by_field_name("operator")
        if current.type == "binary_expression" and operator is not None and operator.type == "+":
            right = current.child_by_field_name("right")
            left = current.child_by_field_name("left")
            stack.extend(n for n in (right, left) if n is not None)
        elif current.type == "parenthesized_expression" and current.named_child_count == 1:
            stack.append(current.named_children[0])
        else:
            leaves.append(current)
    pieces: list[str] = []
    current_run = ""
    for leaf in leaves:
        literal = _string_pieces(leaf)
        if len(literal) == 1:
            current_run += literal[0]
            continue
        if literal:
            current_run += literal[0]
            pieces.append(current_run)
            pieces.extend(literal[1:-1])
            current_run = literal[-1]
        else:
            pieces.append(current_run)
            current_run = ""
    pieces.append(current_run)
    return [p for p in pieces if p]


def _keys_and_strings(args: list[Node]) -> set[str]:
    found: set[str] = set()
    stack: list[Any] = list(args)
    budget = _MAX_ARG_NODES
    while stack and budget:
        budget -= 1
        node = stack.pop()
        kind = node.type
        if kind == "pair":
            key = node.child_by_field_name("key")
            if key is not None:
                found.add(_string_value(key) or _text(key))
        elif kind == "shorthand_property_identifier":
            found.add(_text(node))
        elif kind == "string":
            value = _string_value(node)
            if value is not None and len(value) < 64:
                found.add(value)
            continue
        elif kind in ("function_expression", "arrow_function", "function"):
            continue
        stack.extend(node.named_children)
    return found
