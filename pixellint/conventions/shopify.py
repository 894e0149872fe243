"""Shopify themes: `layout/theme.liquid` wraps `templates/**`, snippets, sections, JSON templates.

And what a Shopify app adds to every storefront page: a web pixel extension
(`extensions/<name>/shopify.extension.toml` with `type = "web_pixel_extension"`; its code in
`src/index.js|ts`) runs on every page and in checkout, and an app embed block
(`extensions/<name>/blocks/*.liquid` whose schema targets `head` or `body`) is rendered into every
page once the merchant turns it on. A theme layout (`layout/*.liquid`) in the same project gets an
edge to each (kinds `web-pixel`, `app-embed`).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Mapping

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_LAYOUT_NONE = re.compile(r"\{%-?\s*layout\s+none\s*-?%\}")
_WEB_PIXEL = re.compile(r"""^\s*type\s*=\s*["']web_pixel_extension["']""", re.M)
_EMBED_TARGET = re.compile(r'"target"\s*:\s*"(head|body|compliance_head)"')
_SCHEMA = re.compile(r"\{%-?\s*schema\s*-?%\}")
_EXTENSION_TOML = r"(?:^|/)extensions/[^/]+/shopify\.extension\.toml$"
_PIXEL_ENTRIES = ("src/index.js", "src/index.ts", "src/index.jsx", "src/index.tsx")
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
    if path.endswith("shopify.extension.toml") and _WEB_PIXEL.search(text):
        yield "shopify-extension", "web_pixel_extension"
    if "/blocks/" in path and path.endswith(".liquid") and "schema" in text:
        schema = [m.end() for m in _SCHEMA.finditer(text)]
        embed = _EMBED_TARGET.search(text, schema[-1]) if schema else None
        if embed:
            yield "shopify-app-embed", embed.group(1)
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
    if len(parts) >= 2 and parts[-2] == "layout" and parts[-1].endswith(".liquid"):
        yield from _app_code(lookup)
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


_CACHE: list[tuple[Lookup, tuple[tuple[str, str], ...]]] = []


def _app_code(lookup: Lookup) -> tuple[tuple[str, str], ...]:
    """The web pixels and app embeds of the project's apps, once per graph build."""
    if _CACHE and _CACHE[0][0] is lookup:
        return _CACHE[0][1]
    found: list[tuple[str, str]] = []
    for path, noted in sorted(lookup.traits.items()):
        for trait, _ in noted:
            if trait == "shopify-extension":
                folder = posixpath.dirname(path)
                entry = lookup.first(posixpath.join(folder, name) for name in _PIXEL_ENTRIES)
                if entry:
                    found.append((entry, "web-pixel"))
            elif trait == "shopify-app-embed":
                found.append((path, "app-embed"))
    _CACHE[:] = [(lookup, tuple(found))]
    return _CACHE[0][1]


CONVENTION = Convention(
    "shopify",
    resolvers=tuple((how, _resolver(how)) for how in _FOLDERS),
    wraps=wraps,
    traits=traits,
    trait_hints=("{%",),
    trait_paths=r"shopify\.extension\.toml$|/blocks/.*\.liquid$|templates/.*\.json$",
    data_files=r"(?:^|/)templates/(?:[^/]+/)?[^/]+\.json$|" + _EXTENSION_TOML,
    description="Shopify themes, app web pixels and app embed blocks",
)
