"""Names any template engine uses: relative paths, template roots, first-party script files."""

from __future__ import annotations

import re

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

TEMPLATE_EXTS = ("", ".html", ".twig", ".html.twig", ".njk", ".jinja", ".j2", ".liquid")
SCRIPT_DIRS = (
    "static",
    "public",
    "assets",
    "source",
    "src",
    "_site",
    "wwwroot",
    "webapp",
    "priv/static",
)


def template(lookup: Lookup, node: Node, name: str) -> str | None:
    dirs = lookup.template_dirs + lookup.template_roots + lookup.ancestors_dirs(node.path)
    return lookup.find(re.sub(r"^@[\w-]+/", "", name), node.path, dirs, TEMPLATE_EXTS)


def script(lookup: Lookup, node: Node, name: str) -> str | None:
    source = node.path
    if name.startswith("/"):
        dirs = ["", *lookup.site_roots, *SCRIPT_DIRS]
        return lookup.find(name.lstrip("/"), source, dirs) or lookup.find(
            name.lstrip("/"), source, []
        )
    return lookup.find(name, source, ["", *lookup.site_roots])


def relative_first(exts: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """A resolver for engines whose names are relative to the including file (EJS, PHP)."""

    def resolve(lookup: Lookup, node: Node, name: str) -> str | None:
        local = name if name.startswith(("./", "../")) else "./" + name.lstrip("/")
        return lookup.find(local, node.path, [], exts) or lookup.find(
            name.lstrip("/"), node.path, lookup.ancestors_dirs(node.path), exts
        )

    return resolve


_ALIASES = (("@/", "src"), ("~/", "src"), ("~/", ""), ("$lib/", "src/lib"))


def component(lookup: Lookup, node: Node, name: str) -> str | None:
    """An imported component file: relative to the importer, or under an alias of the source
    root (`@/` and `~/` for Vite, Vue CLI and Nuxt; `$lib/` for SvelteKit)."""
    if name.startswith(("./", "../")):
        return lookup.find_exact(name, node.path, [])
    for alias, sub in _ALIASES:
        if name.startswith(alias):
            rest = name[len(alias) :]
            dirs = (
                lookup.under_ancestors(node.path, sub) if sub else lookup.ancestors_dirs(node.path)
            )
            found = lookup.find_exact(rest, node.path, dirs)
            if found:
                return found
    return None


def ssi_virtual(lookup: Lookup, node: Node, name: str) -> str | None:
    """`<!--#include virtual>` names a URL path: from the site root when it starts with '/'."""
    if name.startswith("/"):
        return lookup.find(name.lstrip("/"), node.path, ["", *lookup.site_roots])
    return lookup.find_exact("./" + name, node.path, [])


def ssi_file(lookup: Lookup, node: Node, name: str) -> str | None:
    """`<!--#include file>` is a path relative to the including file, never absolute."""
    return lookup.find_exact("./" + name, node.path, [])


CONVENTION = Convention(
    "generic",
    resolvers=(
        ("template", template),
        ("tag", template),
        ("script", script),
        ("ejs", relative_first((".ejs", ""))),
        ("php", relative_first(("",))),
        ("component", component),
        ("ssi-virtual", ssi_virtual),
        ("ssi-file", ssi_file),
    ),
    description="relative names, template roots, first-party <script src>, server-side includes",
)
