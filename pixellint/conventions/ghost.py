"""Handlebars sites (Ghost themes, Express hbs): `partials/` and Ghost's `{{!< default}}` layout."""

from __future__ import annotations

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node


def partial(lookup: Lookup, node: Node, name: str) -> str | None:
    dirs = lookup.under_ancestors(node.path, "partials", "views/partials")
    return lookup.find(name, node.path, dirs, (".hbs", ".handlebars", ".mustache", ".html", ""))


def layout(lookup: Lookup, node: Node, name: str) -> str | None:
    return lookup.find(name, node.path, lookup.ancestors_dirs(node.path), (".hbs", ".handlebars"))


CONVENTION = Convention(
    "ghost", resolvers=(("partial", partial), ("ghost-layout", layout)), description="Ghost themes"
)
