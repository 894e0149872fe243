"""Jekyll (and Eleventy's `_includes`): front matter layouts, `_includes`, `include_relative`."""

from __future__ import annotations

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

LAYOUT_EXTS = ("", ".html", ".njk", ".liquid", ".md", ".hbs", ".11ty.js", ".pug", ".ejs")


def front_matter_layout(lookup: Lookup, node: Node, name: str) -> str | None:
    dirs = lookup.under_ancestors(node.path, "_layouts", "_includes", "layouts")
    return lookup.find(name, node.path, dirs + lookup.template_dirs, LAYOUT_EXTS)


def include(lookup: Lookup, node: Node, name: str) -> str | None:
    dirs = lookup.under_ancestors(node.path, "_includes")
    if not dirs:
        return None
    return lookup.find_exact(name, node.path, dirs, ("", ".html", ".liquid"))


def include_relative(lookup: Lookup, node: Node, name: str) -> str | None:
    return lookup.find("./" + name, node.path, [])


CONVENTION = Convention(
    "jekyll",
    resolvers=(
        ("front-matter-layout", front_matter_layout),
        ("tag-include", include),
        ("tag-include_relative", include_relative),
    ),
    description="Jekyll layouts and includes",
)
