"""Drupal themes: node/block/field templates sit in page.html.twig, which sits in html.html.twig."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_IN_PAGE = ("node", "block", "field", "region", "views-view", "paragraph", "taxonomy-term", "user")


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    name = node.path.rsplit("/", 1)[-1]
    if not name.endswith(".html.twig"):
        return
    base = name.split(".")[0]
    here = posixpath.dirname(node.path)
    if base.startswith(_IN_PAGE):
        page = lookup.find("page.html.twig", node.path, [here], ("",))
        if page:
            yield page, "page"
    if base.startswith("page"):
        wrapper = lookup.find("html.html.twig", node.path, [here], ("",))
        if wrapper:
            yield wrapper, "html"


CONVENTION = Convention("drupal", wraps=wraps, description="Drupal theme template nesting")
