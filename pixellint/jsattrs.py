"""Script elements written as JavaScript values, found by the attributes they carry.

A site that loads Umami or Plausible from its own configuration often writes the element as a
value, not as markup: a head entry in a framework config (`script: [{src: process.env.UMAMI_URL,
'data-website-id': id}]`, `useHead`), or a JSX element (`<Script data-domain={cfg.domain}
src={cfg.server + '/js/script.js'} />`). The vendor's own attribute names whose script it is;
the caller decides what a `src` that is not a literal means.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from pixellint.jsbind import node_text, string_value

if TYPE_CHECKING:
    from tree_sitter import Node, Query

_QUERY = """
(object) @object
(jsx_opening_element) @element
(jsx_self_closing_element) @element
"""
_JSX_QUERY = "(object) @object"  # the TypeScript grammar has no JSX nodes


@dataclass(frozen=True, slots=True)
class Carrier:
    """A value that stands for a script element holding `attribute`."""

    start: int  # byte offsets of the object or element
    end: int
    attribute: str
    src: str  # the `src` value as written
    literal: str | None  # its value when it is a plain string


def carriers(
    root: Node, language: Any, with_jsx: bool, attributes: frozenset[str]
) -> Iterator[Carrier]:
    """Objects and JSX elements with a `src` and one of `attributes` (names in lower case)."""
    import tree_sitter

    query = _query(language, with_jsx)
    for _, captures in tree_sitter.QueryCursor(query).matches(root):
        node = (captures.get("object") or captures["element"])[0]
        fields = _object_fields(node) if node.type == "object" else _jsx_fields(node)
        if "src" not in fields:
            continue
        named = next((name for name in fields if name.lower() in attributes), None)
        if named is None:
            continue
        src = fields["src"]
        yield Carrier(node.start_byte, node.end_byte, named.lower(), node_text(src), _literal(src))


def _object_fields(node: Node) -> dict[str, Node]:
    fields: dict[str, Node] = {}
    for pair in node.named_children:
        if pair.type != "pair":
            continue
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if key is None or value is None:
            continue
        name = string_value(key) if key.type == "string" else node_text(key)
        if name:
            fields[name] = value
    return fields


def _jsx_fields(node: Node) -> dict[str, Node]:
    fields: dict[str, Node] = {}
    for attribute in node.named_children:
        if attribute.type != "jsx_attribute" or not attribute.named_child_count:
            continue
        name, *rest = attribute.named_children
        if rest:
            value = rest[0]
            if value.type == "jsx_expression" and value.named_child_count:
                value = value.named_children[0]
            fields[node_text(name)] = value
    return fields


def _literal(node: Node) -> str | None:
    return string_value(node)


@cache
def _query(language: Any, with_jsx: bool) -> Query:
    import tree_sitter

    return tree_sitter.Query(language, _QUERY if with_jsx else _JSX_QUERY)
