"""Rails: `render 'shared/x'` -> `_x.html.erb|haml|slim`; layouts wrap every view."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

VIEW_EXTS = (
    ".html.erb", ".erb", ".html.haml", ".haml", ".html.slim", ".slim", ".text.erb", ".js.erb",
    ".turbo_stream.erb", "",
)  # fmt: skip
LAYOUT_EXTS = (".html.erb", ".erb", ".html.haml", ".haml", ".html.slim", ".slim")


def views_root(source: str) -> str:
    index = source.find("app/views/")
    return source[: index + len("app/views")] if index >= 0 else posixpath.dirname(source)


def render(lookup: Lookup, node: Node, name: str) -> str | None:
    folder, base = posixpath.split(name)
    views = views_root(node.path)
    if folder:
        return lookup.find(posixpath.join(folder, "_" + base), node.path, [views], VIEW_EXTS)
    return lookup.find("_" + base, node.path, [posixpath.dirname(node.path)], VIEW_EXTS)


def template(lookup: Lookup, node: Node, name: str) -> str | None:
    """`render template: "layouts/application"`: a view by its path under app/views."""
    return lookup.find(name, node.path, [views_root(node.path)], VIEW_EXTS)


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    name = path.rsplit("/", 1)[-1]
    if "app/views/" not in path or "/layouts/" in path or name.startswith("_"):
        return
    views = views_root(path)
    controller = posixpath.dirname(path)[len(views) + 1 :].split("/")[0]
    for layout in (f"{views}/layouts/{controller}", f"{views}/layouts/application"):
        found = lookup.first(layout + e for e in LAYOUT_EXTS)
        if found:
            yield found, "layout"
            return


CONVENTION = Convention(
    "rails",
    resolvers=(("rails", render), ("rails-template", template)),
    wraps=wraps,
    description="Rails partials and layouts",
)
