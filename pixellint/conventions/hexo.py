"""Hexo themes: partial('x') from the theme's layout/, js('x') from its source/; the theme's
layout.ejs wraps every page template, and a content page without a layout is rendered by the
theme's page (or, under _posts, post) template."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping

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


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    directory, name = posixpath.split(node.path)
    if _is_theme_layout_dir(lookup, directory) and not name.startswith("layout."):
        wrapper = _template(lookup, directory, "layout")
        if wrapper:
            yield wrapper, "layout"
    elif node.kind == "markdown" and node.matter("layout") is None:
        yield from _default_layout(node, lookup)


def _is_theme_layout_dir(lookup: Lookup, directory: str) -> bool:
    """A Hexo theme's `layout/`: under `themes/` or an npm `hexo-theme-*`, or beside the
    `_partial/` folder Hexo themes keep their partials in."""
    if posixpath.basename(directory) != "layout":
        return False
    where = f"/{directory}"
    return (
        "/themes/" in where
        or "/hexo-theme-" in where
        or any(f"{directory}/{sub}" in lookup.dirs for sub in ("_partial", "_partials"))
    )


def _template(lookup: Lookup, layout_dir: str, name: str) -> str | None:
    """`<theme>/layout/<name>.<ext>`, in any engine Hexo renders."""
    return next(
        (
            f"{layout_dir}/{name}{e}"
            for e in THEME_EXTS[1:]
            if f"{layout_dir}/{name}{e}" in lookup.files
        ),
        None,
    )


def _default_layout(node: Node, lookup: Lookup) -> Iterable[tuple[str, str]]:
    """A page under `source/` of a Hexo site (one with exactly one `themes/<name>/layout/`)."""
    parts = node.path.split("/")
    if "source" not in parts[:-1]:
        return
    root = "/".join(parts[: parts.index("source")])
    themes = posixpath.join(root, "themes")
    if themes not in lookup.dirs:
        return
    layouts = [
        d
        for d in lookup.dirs
        if posixpath.dirname(posixpath.dirname(d)) == themes and d.endswith("/layout")
    ]
    if len(layouts) != 1:
        return
    found = _template(lookup, layouts[0], "post" if "_posts" in parts else "page")
    if found:
        yield found, "layout"


CONVENTION = Convention(
    "hexo",
    resolvers=(("hexo-js", js), ("hexo-partial", partial)),
    wraps=wraps,
    description="Hexo themes",
)
