"""Eleventy: a layout named by directory data files (`dir/dir.json`, `*.11tydata.json`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_LAYOUT = re.compile(r'"layout"\s*:\s*"([^"]+)"')


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if path.endswith(".json"):
        match = _LAYOUT.search(text)
        if match:
            yield "data-layout", match.group(1)


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    if node.matter("layout") is not None or node.kind not in ("markup", "markdown"):
        return
    layout = _directory_layout(node.path, nodes)
    if layout:
        dirs = ["_includes", "_layouts", *lookup.template_dirs]
        found = lookup.find(layout, node.path, dirs, ("", ".njk", ".html", ".liquid", ".md"))
        if found:
            yield found, "layout"


def _directory_layout(path: str, nodes: Mapping[str, Node]) -> str | None:
    parts = path.split("/")[:-1]
    while parts:
        directory = "/".join(parts)
        for data_file in (
            f"{directory}/{parts[-1]}.json",
            f"{directory}/{parts[-1]}.11tydata.json",
        ):
            node = nodes.get(data_file)
            if node is not None and node.trait("data-layout"):
                return node.trait("data-layout")
        parts.pop()
    return None


CONVENTION = Convention(
    "eleventy",
    wraps=wraps,
    traits=traits,
    data_files=r"(?:^|/)(?:[^/]+\.11tydata\.json|([^/]+)/\1\.json)$",
    description="Eleventy directory data layouts",
)
