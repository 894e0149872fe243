"""Shopify themes: `layout/theme.liquid` wraps `templates/**`, snippets, sections, JSON templates."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Mapping

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_LAYOUT_NONE = re.compile(r"\{%-?\s*layout\s+none\s*-?%\}")
_FOLDERS = {
    "tag-render": "snippets",
    "tag-include": "snippets",
    "tag-section": "sections",
    "tag-layout": "layout",
}


def _resolver(how: str):  # type: ignore[no-untyped-def]
    folder = _FOLDERS[how]

    def resolve(lookup: Lookup, node: Node, name: str) -> str | None:
        if not node.path.endswith(".liquid"):
            return None  # a Jinja or Jekyll .html beside a theme is not Shopify's
        dirs = lookup.under_ancestors(node.path, folder)
        if not dirs:
            return None
        return lookup.find_exact(name, node.path, dirs, ("", ".liquid"))

    return resolve


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if "layout" in text and "{%" in text and _LAYOUT_NONE.search(text):
        yield "layout", "none"
    if path.endswith(".json") and "templates/" in path:
        for section in _json_sections(text):
            yield "section", section


def _json_sections(text: str) -> tuple[str, ...]:
    try:
        data = json.loads(re.sub(r"^\s*/\*.*?\*/", "", text, flags=re.S))
    except ValueError:
        return ()
    sections = data.get("sections", {}) if isinstance(data, dict) else {}
    if not isinstance(sections, dict):
        return ()
    return tuple(
        s["type"]
        for s in sections.values()
        if isinstance(s, dict) and isinstance(s.get("type"), str)
    )


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    parts = node.path.split("/")
    name = parts[-1]
    if "templates" not in parts[:-1] or not name.endswith((".liquid", ".json")):
        return
    at = len(parts) - 1 - parts[::-1].index("templates")
    if len(parts) - at > 3:
        return
    root = "/".join(parts[:at])
    theme = posixpath.join(root, "layout/theme.liquid") if root else "layout/theme.liquid"
    if theme in lookup.files and node.trait("layout") != "none":
        yield theme, "layout"
    for section in node.traits_of("section"):
        target = posixpath.join(root, "sections", section + ".liquid")
        if target in lookup.files:
            yield target, "section"


CONVENTION = Convention(
    "shopify",
    resolvers=tuple((how, _resolver(how)) for how in _FOLDERS),
    wraps=wraps,
    traits=traits,
    data_files=r"(?:^|/)templates/(?:[^/]+/)?[^/]+\.json$",
    description="Shopify themes",
)
