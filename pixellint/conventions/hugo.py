"""Hugo: partials, shortcodes, `define "main"` inside `baseof.html`, content pages rendered by
layouts."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_DEFINE_MAIN = re.compile(r"\{\{-?\s*define\s+\"main\"")


def _layout_roots(lookup: Lookup) -> list[str]:
    return sorted(
        d for d in lookup.dirs if d.rsplit("/", 1)[-1] == "layouts" and not d.startswith("_")
    )


def _resolver(sub: str, exts: tuple[str, ...] = ("",)):  # type: ignore[no-untyped-def]
    """Names under `layouts/<sub>` (and Hugo 0.146's `layouts/_<sub>`) of the project and its
    themes. `_internal/...` is a template Hugo embeds: no file, except a built-in shortcode that
    the project overrides with its own `layouts/shortcodes/<name>.html`."""

    def resolve(lookup: Lookup, node: Node, name: str) -> str | None:
        builtin = name.startswith("_internal/")
        if builtin:
            if not sub or not name.startswith(f"_internal/{sub}/"):
                return None  # Hugo's embedded templates; google_analytics is detected as a tracker
            name = name[len(f"_internal/{sub}/") :]
        up = lookup.ancestors_dirs(node.path)
        roots = [d for d in up if d.endswith("layouts") or d == ""] + _layout_roots(lookup)
        dirs = [posixpath.join(r, sub) if sub else r for r in roots] + [
            posixpath.join(r, f"_{sub or 'partials'}") for r in roots
        ]
        if builtin:
            return lookup.find_exact(name, node.path, dirs, exts)
        return lookup.find(name, node.path, dirs, exts)

    return resolve


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if "define" in text and _DEFINE_MAIN.search(text):
        yield "defines", "main"


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    if node.trait("defines") == "main" and "layouts/" in path:
        here = posixpath.dirname(path)
        baseof = lookup.first(
            (
                f"{here}/baseof.html",
                posixpath.join(path[: path.index("layouts/") + 7], "_default/baseof.html"),
            )
        )
        if baseof:
            yield baseof, "baseof"
    if node.kind == "markdown" and (path.startswith("content/") or "/content/" in path):
        yield from _content_layout(node, lookup)


def _content_layout(node: Node, lookup: Lookup) -> Iterable[tuple[str, str]]:
    path = node.path
    root = path[: path.index("content/")]
    rel = path[len(root) + len("content/") :]
    section = rel.split("/")[0] if "/" in rel else ""
    is_list = posixpath.basename(rel).startswith("_index.")
    kind = "list" if is_list else "single"
    layout = node.matter("layout")
    type_ = node.matter("type") or section
    names = (
        ([f"{type_}/{layout}.html"] if layout else [])
        + ([f"{type_}/{kind}.html"] if type_ else [])
        + [f"_default/{kind}.html"]
    )
    if is_list and rel.count("/") == 0:
        names.insert(0, "index.html")
    roots = [posixpath.join(root, "layouts"), *_layout_roots(lookup)]
    found = lookup.first(posixpath.join(r, name) for r in roots for name in names)
    if found:
        yield found, "layout"


CONVENTION = Convention(
    "hugo",
    resolvers=(
        ("hugo-partial", _resolver("partials")),
        ("hugo-template", _resolver("")),
        ("hugo-shortcode", _resolver("shortcodes", (".html", ""))),
    ),
    wraps=wraps,
    traits=traits,
    trait_hints=("define",),
    description="Hugo layouts, partials, baseof and content pages",
)
