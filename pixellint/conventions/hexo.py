"""Hexo themes: partial('x') from the theme's layout/, js('x') from its source/."""

from __future__ import annotations

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

THEME_EXTS = ("", ".ejs", ".njk", ".swig", ".pug", ".html", ".jsx")


def js(lookup: Lookup, node: Node, name: str) -> str | None:
    dirs = lookup.under_ancestors(node.path, "source/js", "source")
    return lookup.find(name, node.path, dirs, ("", ".js"))


def partial(lookup: Lookup, node: Node, name: str) -> str | None:
    dirs = lookup.under_ancestors(node.path, "layout")
    return lookup.find(name, node.path, dirs, THEME_EXTS)


CONVENTION = Convention(
    "hexo", resolvers=(("hexo-js", js), ("hexo-partial", partial)), description="Hexo themes"
)
