"""Member paths of JavaScript expressions, and the page globals a file reaches by other names.

Vendors' globals are not always written by name. Adobe's Core Components let a site rename the
Adobe Client Data Layer and keep a local called `dataLayer` for it:

    dataLayerName = document.body.getAttribute("data-cmp-data-layer-name") || "adobeDataLayer";
    dataLayer = window[dataLayerName] = window[dataLayerName] || [];
    dataLayer.push({event: "cmp:show"});

and a snippet often keeps a short local for a queue (`var dl = window.dataLayer || []`). A call
is judged by the global it reaches, so these names are resolved before calls are matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from pixellint.jsbind import node_text, string_value

if TYPE_CHECKING:
    from tree_sitter import Node, Query

GLOBAL_OBJECTS = ("window", "self", "globalThis", "top", "parent", "document.defaultView")
_GLOBAL_PREFIXES = tuple(f"{name}." for name in GLOBAL_OBJECTS)
_TYPE_WRAPPERS = ("as_expression", "non_null_expression", "satisfies_expression", "type_assertion")
_DEFAULTING = ("||", "??")

_QUERY = """
(variable_declarator name: (identifier) @name value: (_) @value)
(assignment_expression left: (identifier) @name right: (_) @value)
"""


@dataclass(frozen=True, slots=True)
class LocalNames:
    """Names a file gives to page globals: `defaults` are the string a name falls back to
    (`x || 'adobeDataLayer'`), `aliases` the global a local name is bound to."""

    defaults: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def through_alias(self, path: str) -> str:
        """`dataLayer.push` -> `adobeDataLayer.push` when `dataLayer` is bound to it."""
        root, dot, rest = path.partition(".")
        target = self.aliases.get(root)
        return f"{target}{dot}{rest}" if target else path


NO_NAMES = LocalNames()


def path(node: Node, names: LocalNames = NO_NAMES) -> str | None:
    """`window.fbq` -> 'fbq', `a.b['c']` -> 'a.b.c', `window[name]` -> the string `name` falls
    back to; None for anything else computed."""
    parts: list[str] = []
    current: Node | None = node
    while current is not None:
        kind = current.type
        if kind in ("identifier", "this"):
            parts.append(node_text(current))
            break
        if kind == "member_expression":
            prop = current.child_by_field_name("property")
            if prop is None:
                return None
            parts.append(node_text(prop))
            current = current.child_by_field_name("object")
        elif kind == "subscript_expression":
            current = _subscript(current, parts, names)
            if current is None:
                return None
        elif kind == "parenthesized_expression" and current.named_child_count == 1:
            current = current.named_children[0]
        elif kind in _TYPE_WRAPPERS and current.named_child_count:
            # TypeScript: (window as any).fbq, fbq!(), <any>window, x satisfies T
            current = current.named_children[-1 if kind == "type_assertion" else 0]
        else:
            return None
    if not parts:
        return None
    joined = ".".join(reversed(parts))
    for prefix in _GLOBAL_PREFIXES:
        if joined.startswith(prefix):
            return joined[len(prefix) :]
    return joined


def _subscript(node: Node, parts: list[str], names: LocalNames) -> Node | None:
    index = node.child_by_field_name("index")
    obj = node.child_by_field_name("object")
    value = string_value(index) if index is not None else None
    if (
        value is None
        and index is not None
        and index.type == "identifier"
        and obj is not None
        and node_text(obj) in GLOBAL_OBJECTS  # only a page global is looked up by a variable
    ):
        value = names.defaults.get(node_text(index))
    if value is None or not value.replace("_", "a").replace("$", "a").isalnum():
        return None
    parts.append(value)
    return obj


def local_names(text: str, root: Node, language: Any, roots: frozenset[str]) -> LocalNames:
    """The defaults and aliases of one file; empty (and no query run) when the text binds no
    name to a page global."""
    if _binds_a_global(roots).search(text) is None:
        return NO_NAMES
    import tree_sitter

    bound: list[tuple[str, Node]] = []
    defaults: dict[str, str] = {}
    for _, captures in tree_sitter.QueryCursor(_query(language)).matches(root):
        name, value = node_text(captures["name"][0]), captures["value"][0]
        fallback = _fallback_string(value)
        if fallback is not None:
            defaults.setdefault(name, fallback)
        bound.append((name, value))
    names = LocalNames(defaults)
    aliases: dict[str, set[str]] = {}
    for name, value in bound:
        target = _global_reached(value, names)
        if target is not None and target.split(".", 1)[0] in roots and target != name:
            aliases.setdefault(name, set()).add(target)
    # a name bound to two different globals is ambiguous: keep neither
    return LocalNames(defaults, {n: t.pop() for n, t in aliases.items() if len(t) == 1})


def _fallback_string(value: Node) -> str | None:
    """'adobeDataLayer' of `x || 'adobeDataLayer'` (or of the plain string)."""
    literal = string_value(value)
    if literal is not None:
        return literal
    operator = value.child_by_field_name("operator")
    if value.type == "binary_expression" and operator is not None and operator.type in _DEFAULTING:
        return string_value(value.child_by_field_name("right"))
    return None


def _global_reached(value: Node, names: LocalNames) -> str | None:
    """The page global an initialiser reads or writes, written with its object
    (`window.dataLayer || []`, `window[n] = window[n] || []`); None otherwise."""
    current: Node | None = value
    for _ in range(8):
        if current is None:
            return None
        kind = current.type
        if kind == "assignment_expression":
            current = current.child_by_field_name("left")
        elif kind == "binary_expression":
            operator = current.child_by_field_name("operator")
            if operator is None or operator.type not in _DEFAULTING:
                return None
            current = current.child_by_field_name("left")
        elif kind == "parenthesized_expression" and current.named_child_count == 1:
            current = current.named_children[0]
        elif kind in ("member_expression", "subscript_expression"):
            obj = current.child_by_field_name("object")
            if obj is None or node_text(obj) not in GLOBAL_OBJECTS:
                return None
            return path(current, names)
        else:
            return None
    return None


@lru_cache(maxsize=16)
def _binds_a_global(roots: frozenset[str]) -> re.Pattern[str]:
    """`= window[` or `= window.<vendor root>`: the only texts worth the query."""
    objects = "|".join(re.escape(o) for o in GLOBAL_OBJECTS)
    names = "|".join(re.escape(r) for r in sorted(roots, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"=\s*(?:{objects})\s*(?:\[|\.\s*(?:{names})\b)")


@cache
def _query(language: Any) -> Query:
    import tree_sitter

    return tree_sitter.Query(language, _QUERY)
