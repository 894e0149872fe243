"""WordPress themes: get_header()/get_template_part() names, wp_head()/wp_footer() hooks that
run everything functions.php enqueues."""

from __future__ import annotations

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node


def resolve(lookup: Lookup, node: Node, name: str) -> str | None:
    up = lookup.ancestors_dirs(node.path)
    for option in name.split("|"):
        found = lookup.find(option, node.path, up, (".php",))
        if found:
            return found
    return None


CONVENTION = Convention("wordpress", resolvers=(("wp", resolve),), description="WordPress themes")
