"""JavaScript facts from a real AST (tree-sitter): calls, URL strings and global assignments.

Knows nothing of trackers: the caller says which call paths, globals and URLs interest it.
Offsets are character offsets into the analysed text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Query

_GLOBAL_PREFIXES = ("window.", "self.", "globalThis.", "top.", "parent.", "document.defaultView.")
_MAX_ARG_NODES = 400
_TYPE_WRAPPERS = ("as_expression", "non_null_expression", "satisfies_expression", "type_assertion")
_EVERYWHERE = (0, 1 << 62)
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
"""


@dataclass(frozen=True, slots=True)
class Interest:
    """What the caller wants reported."""

    calls: frozenset[str]
    globals: frozenset[str]
    is_url: Callable[[str], bool]  # true when a string could match a tracker URL
    packages: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class JsHit:
    kind: str  # "url", "call" or "global"
    value: str  # the URL text, the call path or the global name
    start: int
    end: int
    unit: int  # start offset of the top-level statement around it
    arg0: str | None = None
    nargs: int = 0
    keys: frozenset[str] = frozenset()  # object keys and string values in the arguments
    args_span: tuple[int, int] = (0, 0)
    in_error: bool = False
    scope: int = -1  # start offset of the innermost function around it (-1: top level)


@dataclass(frozen=True, slots=True)
class JsResult:
    hits: tuple[JsHit, ...]
    has_error: bool


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


def analyse(text: str, interest: Interest, grammar: str = "javascript") -> JsResult:
    """Facts about `text` parsed with `grammar` ('javascript', 'typescript' or 'tsx')."""
    import tree_sitter

    parser, query = _parser_and_query(grammar)
    data = text.encode("utf-8", errors="surrogatepass")
    tree = parser.parse(data)
    to_char = _offset_converter(text, data)
    hits: list[JsHit] = []
    seen: set[tuple[str, int]] = set()
    shadowed: list[tuple[str, int, int]] = []
    roots = _roots(interest.calls)
    for _, captures in tree_sitter.QueryCursor(query).matches(tree.root_node):
        if "binding" in captures:
            _note_local_binding(captures, roots, interest.packages, shadowed)
            continue
        for hit in _hits_of(captures, interest, to_char):
            if (hit.kind, hit.start) not in seen:
                seen.add((hit.kind, hit.start))
                hits.append(hit)
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
    return JsResult(tuple(hits), tree.root_node.has_error)


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
        if _import_source(binding) not in packages:
            shadowed.append((name, *_EVERYWHERE))
        return
    if binding.type == "function_declaration":
        if b"arguments" not in (binding.text or b""):
            shadowed.append((name, *_EVERYWHERE))
        return
    scope = binding.parent or binding
    shadowed.append((name, scope.start_byte, scope.end_byte))


def _import_source(node: Node) -> str:
    current: Node | None = node
    while current is not None and current.type != "import_statement":
        current = current.parent
    source = current.child_by_field_name("source") if current is not None else None
    return _package(_string_value(source))


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
    captures: dict[str, list[Node]], interest: Interest, to_char: Callable[[int], int]
) -> Iterator[JsHit]:
    if "import" in captures:
        node = captures["import"][0]
        package = _package(_string_value(node))
        if package in interest.packages:
            yield _hit("package", package, node, to_char)
    elif "call" in captures:
        yield from _call_hits(captures, interest, to_char)
    elif "string" in captures:
        node = captures["string"][0]
        parent = node.parent
        if parent is not None and parent.type == "binary_expression":
            return  # folded with its neighbours below
        for value in _string_pieces(node):
            if interest.is_url(value):
                yield _hit("url", value, node, to_char)
    elif "binary" in captures:
        node = captures["binary"][0]
        parent = node.parent
        if parent is not None and parent.type == "binary_expression":
            return
        for value in _concat_pieces(node):
            if interest.is_url(value):
                yield _hit("url", value, node, to_char)
    elif "assign" in captures:
        path = _path(captures["lhs"][0])
        if path and path in interest.globals:
            yield _hit("global", path, captures["assign"][0], to_char)


def _call_hits(
    captures: dict[str, list[Node]], interest: Interest, to_char: Callable[[int], int]
) -> Iterator[JsHit]:
    callee = captures["callee"][0]
    call = captures["call"][0]
    if callee.type == "member_expression" and _text(callee).endswith(".join"):
        array = callee.child_by_field_name("object")
        if array is not None and array.type == "array":
            joined = "".join(_string_value(n) or "\0" for n in array.named_children)
            for value in joined.split("\0"):
                if interest.is_url(value):
                    yield _hit("url", value, call, to_char)
        return
    path = "import" if callee.type == "import" else _path(callee)
    if path is None:
        return
    if path in ("require", "import"):
        args_node = captures.get("args", [None])[0]
        first = (
            args_node.named_children[0]
            if args_node is not None and args_node.named_child_count
            else None
        )
        package = _package(_string_value(first))
        if package in interest.packages:
            yield _hit("package", package, call, to_char)
        return
    if path in interest.calls:
        args_node = captures.get("args", [None])[0]
        args = _arguments(path, args_node)
        if args is None:
            return
        keys = _keys_and_strings(args)
        arg0 = _string_value(args[0]) if args else None
        span = (to_char(args_node.start_byte), to_char(args_node.end_byte)) if args_node else (0, 0)
        yield _hit("call", path, call, to_char, arg0, len(args), frozenset(keys), span)


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


def _package(specifier: str | None) -> str:
    """'@amplitude/analytics-browser/lib/x' -> '@amplitude/analytics-browser'; 'logrocket/x' -> 'logrocket'."""
    if not specifier:
        return ""
    parts = specifier.split("/")
    return "/".join(parts[:2]) if specifier.startswith("@") else parts[0]


def _path(node: Node) -> str | None:
    """`window.fbq` -> 'fbq', `a.b['c']` -> 'a.b.c'; None for anything computed."""
    parts: list[str] = []
    current: Node | None = node
    while current is not None:
        kind = current.type
        if kind in ("identifier", "this"):
            parts.append(_text(current))
            break
        if kind == "member_expression":
            prop = current.child_by_field_name("property")
            if prop is None:
                return None
            parts.append(_text(prop))
            current = current.child_by_field_name("object")
        elif kind == "subscript_expression":
            index = current.child_by_field_name("index")
            value = _string_value(index) if index is not None else None
            if value is None or not value.replace("_", "a").replace("$", "a").isalnum():
                return None
            parts.append(value)
            current = current.child_by_field_name("object")
        elif kind == "parenthesized_expression" and current.named_child_count == 1:
            current = current.named_children[0]
        elif kind in _TYPE_WRAPPERS and current.named_child_count:
            # TypeScript: (window as any).fbq, fbq!(), <any>window, x satisfies T
            current = current.named_children[-1 if kind == "type_assertion" else 0]
        else:
            return None
    if not parts:
        return None
    path = ".".join(reversed(parts))
    for prefix in _GLOBAL_PREFIXES:
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")


def _string_value(node: Node | None) -> str | None:
    if node is None or node.type != "string":
        return None
    return _unescape(_text(node)[1:-1])


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    return re.sub(r"\\(.)", r"\1", raw.replace("\\u002F", "/").replace("\\x2F", "/"))


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
