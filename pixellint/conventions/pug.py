"""Pug's own name resolution for `include` and `extends`.

A name is relative to the including file; a leading `/` means the project's `basedir` (Express
sets it to `views/`, hexo-renderer-pug to the theme's `layout/`). A name without an extension gets
`.pug` (`.jade` first in a `.jade` file); a name with one (`include analytics.html`,
`include ../scripts/ga.js`) is taken as written: Pug inlines that file.
"""

from __future__ import annotations

import posixpath

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

BASEDIR_NAMES = ("views", "layout")


def extensions(name: str, source: str) -> tuple[str, ...]:
    """The extensions Pug would try for `name` written in `source`."""
    if posixpath.splitext(posixpath.basename(name))[1]:
        return ("",)
    return (".jade", ".pug") if source.endswith(".jade") else (".pug", ".jade")


def basedirs(lookup: Lookup, source: str) -> list[str]:
    """Where `/name` may be rooted: the nearest `views/` or `layout/` above the file, then the
    configured template dirs, then the project root."""
    found = [d for d in lookup.ancestors_dirs(source) if posixpath.basename(d) in BASEDIR_NAMES]
    return [*found[:1], *lookup.template_dirs, ""]


def resolve(lookup: Lookup, node: Node, name: str) -> str | None:
    name = name.strip()
    exts = extensions(name, node.path)
    if name.startswith("/"):
        return lookup.find(name.lstrip("/"), node.path, basedirs(lookup, node.path), exts)
    local = name if name.startswith(("./", "../")) else "./" + name
    return lookup.find(local, node.path, [], exts)


CONVENTION = Convention("pug", resolvers=(("pug", resolve),), description="Pug include and extends")
