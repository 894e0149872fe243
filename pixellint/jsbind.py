"""Which local names in a module are bound to a tracker SDK package, and as what.

`import ReactGA from 'react-ga4'` binds `ReactGA` to the package's default export; `import * as
FullStory from '@fullstory/browser'` to its namespace; `import { GoogleTagManager as GTM } from
'@next/third-parties/google'` to one named export; `const mixpanel = require('mixpanel-browser')`,
`const { default: ReactPixel } = await import('react-facebook-pixel')` and the callback parameter
of `import('react-facebook-pixel').then((ReactPixel) => ...)` likewise. A name assigned the
result of a call on a binding (`const analytics = AnalyticsBrowser.load({...})`) is the same SDK.
Knows nothing of trackers: the caller says which packages interest it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node, Query

DEFAULT = "default"
NAMESPACE = "*"
INSTANCE = "instance"
WHOLE = (DEFAULT, NAMESPACE, INSTANCE)  # bindings of the whole SDK, not of one named export

_QUERY = """
(import_statement source: (string) @source) @import
(variable_declarator name: (_) @name value: (_) @value) @declarator
(call_expression
  function: (member_expression property: (property_identifier) @then)
  arguments: (arguments . [(arrow_function) (function_expression)] @callback)) @chain
"""


@dataclass(frozen=True, slots=True)
class Binding:
    package: str
    export: str  # DEFAULT, NAMESPACE, INSTANCE or the exported name


@dataclass(frozen=True, slots=True)
class Import:
    """One import of an SDK package: where it is and which exports it binds."""

    package: str
    exports: frozenset[str]
    node: Node


@cache
def _query(language: object) -> Query:
    import tree_sitter

    return tree_sitter.Query(language, _QUERY)  # type: ignore[arg-type]


def package_of(specifier: str | None) -> str:
    """'@amplitude/analytics-browser/lib/x' -> '@amplitude/analytics-browser'; 'logrocket/x' ->
    'logrocket'; a package whose subpath is its API (`@next/third-parties/google`) is matched by
    the caller against the whole specifier first."""
    if not specifier:
        return ""
    parts = specifier.split("/")
    return "/".join(parts[:2]) if specifier.startswith("@") else parts[0]


def known(specifier: str | None, packages: frozenset[str]) -> str:
    if not specifier:
        return ""
    if specifier in packages:
        return specifier
    package = package_of(specifier)
    return package if package in packages else ""


def bindings(
    root: Node, language: object, packages: frozenset[str]
) -> tuple[dict[str, Binding], list[Import]]:
    """Local names bound to SDK packages, and the import statements (type-only ones left out)."""
    import tree_sitter

    bound: dict[str, Binding] = {}
    imports: list[Import] = []
    declarators: list[tuple[Node, Node]] = []
    chains: list[tuple[Node, Node]] = []
    for _, captures in tree_sitter.QueryCursor(_query(language)).matches(root):
        if "import" in captures:
            found = _from_import(captures["import"][0], captures["source"][0], packages, bound)
            if found is not None:
                imports.append(found)
        elif "declarator" in captures:
            declarators.append((captures["name"][0], captures["value"][0]))
        elif "chain" in captures and node_text(captures["then"][0]) == "then":
            chains.append((captures["chain"][0], captures["callback"][0]))
    for _ in range(
        2
    ):  # a second round binds instances of instances (`x = sdk.init(); y = x.get()`)
        for name, value in declarators:
            _from_declarator(name, value, packages, bound)
    for chain, callback in chains:
        _from_then(chain, callback, packages, bound)
    return bound, imports


def _from_import(
    statement: Node, source: Node, packages: frozenset[str], bound: dict[str, Binding]
) -> Import | None:
    package = known(string_value(source), packages)
    if not package or _is_type_only(statement):
        return None
    exports: set[str] = set()
    clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
    if clause is None:  # `import 'posthog-js'`: a side-effect import of the whole SDK
        return Import(package, frozenset({NAMESPACE}), statement)
    for part in clause.named_children:
        if part.type == "identifier":
            bound[node_text(part)] = Binding(package, DEFAULT)
            exports.add(DEFAULT)
        elif part.type == "namespace_import":
            name = next((c for c in part.named_children if c.type == "identifier"), None)
            if name is not None:
                bound[node_text(name)] = Binding(package, NAMESPACE)
                exports.add(NAMESPACE)
        elif part.type == "named_imports":
            for specifier in part.named_children:
                if specifier.type != "import_specifier" or _has_type_keyword(specifier):
                    continue
                names = [c for c in specifier.named_children if c.type == "identifier"]
                if names:
                    exported = node_text(names[0])
                    bound[node_text(names[-1])] = Binding(package, exported)
                    exports.add(exported)
    return Import(package, frozenset(exports), statement) if exports else None


def _is_type_only(statement: Node) -> bool:
    """`import type {...} from 'x'`, or every specifier marked `type`: nothing runs."""
    if any(child.type == "type" for child in statement.children):
        return True
    clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
    if clause is None or len(clause.named_children) != 1:
        return False
    only = clause.named_children[0]
    if only.type != "named_imports":
        return False
    specifiers = [s for s in only.named_children if s.type == "import_specifier"]
    return bool(specifiers) and all(_has_type_keyword(s) for s in specifiers)


def _has_type_keyword(specifier: Node) -> bool:
    return any(child.type == "type" for child in specifier.children)


def _from_declarator(
    name: Node, value: Node, packages: frozenset[str], bound: dict[str, Binding]
) -> None:
    """`x = require('sdk')`, `{ a, b: c } = require('sdk')`, `x = (await import('sdk')).default`,
    `x = sdk.init(...)` / `new Sdk(...)` (an instance of a bound SDK)."""
    value, via_default = _unwrap(value)
    package = _module_of(value, packages)
    if package:
        export = DEFAULT if via_default else NAMESPACE
        if name.type == "identifier":
            bound[node_text(name)] = Binding(package, export)
        elif name.type == "object_pattern":
            for key, local in _pattern_names(name):
                bound[local] = Binding(package, key)
        return
    if name.type != "identifier" or value.type not in ("call_expression", "new_expression"):
        return
    callee = value.child_by_field_name("function") or value.child_by_field_name("constructor")
    root = _root_identifier(callee)
    if root is not None and root in bound:
        bound.setdefault(node_text(name), Binding(bound[root].package, INSTANCE))


def _from_then(
    chain: Node, callback: Node, packages: frozenset[str], bound: dict[str, Binding]
) -> None:
    """`import('sdk').then((m) => m.default).then((Sdk) => Sdk.init())`: every callback of a
    `.then` chain that starts at an SDK import gets the SDK as its first parameter."""
    current: Node | None = chain
    while current is not None and current.type == "call_expression":
        callee = current.child_by_field_name("function")
        if callee is None:
            return
        if callee.type == "import":
            break
        if callee.type != "member_expression":
            return
        current = callee.child_by_field_name("object")
    else:
        return
    if current is None or not _module_of(current, packages):
        return
    package = _module_of(current, packages)
    parameters = callback.child_by_field_name("parameters") or callback.child_by_field_name(
        "parameter"
    )
    if parameters is None:
        return
    first = parameters if parameters.type == "identifier" else _first_parameter(parameters)
    if first is None:
        return
    if first.type == "identifier":
        bound[node_text(first)] = Binding(package, DEFAULT)
    elif first.type == "object_pattern":
        for key, local in _pattern_names(first):
            bound[local] = Binding(package, key)


def _first_parameter(parameters: Node) -> Node | None:
    for child in parameters.named_children:
        if child.type in ("required_parameter", "optional_parameter"):
            return child.child_by_field_name("pattern")
        return child
    return None


def _unwrap(value: Node) -> tuple[Node, bool]:
    """Strip `await`, parentheses, TypeScript casts and a trailing `.default`."""
    via_default = False
    while True:
        wrappers = ("await_expression", "parenthesized_expression", "as_expression")
        if value.type in (*wrappers, "satisfies_expression", "non_null_expression"):
            if not value.named_child_count:
                return value, via_default
            value = value.named_children[0]
        elif value.type == "member_expression":
            prop = value.child_by_field_name("property")
            obj = value.child_by_field_name("object")
            if prop is None or obj is None or node_text(prop) != "default":
                return value, via_default
            value, via_default = obj, True
        else:
            return value, via_default


def _module_of(node: Node, packages: frozenset[str]) -> str:
    """The SDK package of `require('x')` / `import('x')`, or ''."""
    if node.type != "call_expression":
        return ""
    callee = node.child_by_field_name("function")
    if callee is None or not (
        callee.type == "import" or (callee.type == "identifier" and node_text(callee) == "require")
    ):
        return ""
    arguments = node.child_by_field_name("arguments")
    first = (
        arguments.named_children[0]
        if arguments is not None and arguments.named_child_count
        else None
    )
    return known(string_value(first), packages)


def _pattern_names(pattern: Node) -> list[tuple[str, str]]:
    """(exported key, local name) of `{ a, b: c, default: D }`."""
    names = []
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            names.append((node_text(child), node_text(child)))
        elif child.type == "pair_pattern":
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if key is not None and value is not None and value.type == "identifier":
                names.append((node_text(key), node_text(value)))
    return names


def _root_identifier(node: Node | None) -> str | None:
    while node is not None:
        if node.type == "identifier":
            return node_text(node)
        if node.type == "member_expression":
            node = node.child_by_field_name("object")
        elif node.type in ("parenthesized_expression", "await_expression", "non_null_expression"):
            node = node.named_children[0] if node.named_child_count else None
        else:
            return None
    return None


def string_value(node: Node | None) -> str | None:
    """The value of a string literal node (or of a template literal with no substitution),
    escapes resolved; None for anything else."""
    if node is None:
        return None
    if node.type == "template_string" and not any(
        child.type == "template_substitution" for child in node.children
    ):
        return unescape(node_text(node)[1:-1])
    if node.type != "string":
        return None
    return unescape(node_text(node)[1:-1])


def unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    return re.sub(r"\\(.)", r"\1", raw.replace("\\u002F", "/").replace("\\x2F", "/"))


def node_text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")
