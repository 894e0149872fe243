"""Java web applications (JSP): names are relative to the including file, or, with a leading '/',
to the web application root: the directory that holds `WEB-INF` (`src/main/webapp/`,
`WebContent/`, `web/`, ...). Tag files named by a `tagdir` taglib live there too."""

from __future__ import annotations

import posixpath

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

# where Maven, Gradle, Eclipse WTP, NetBeans and Spring Boot (jar packaging) keep the web root
WEBAPP_DIRS = (
    "src/main/webapp",
    "WebContent",
    "webapp",
    "web",
    "WebRoot",
    "src/main/resources/META-INF/resources",
)
# Spring Boot serves these classpath folders at '/' as well
STATIC_DIRS = (
    "src/main/resources/static",
    "src/main/resources/public",
    "src/main/resources/resources",
    "src/main/resources/META-INF/resources",
)
TAG_EXTS = (".tag", ".tagx")


def webapp_roots(lookup: Lookup, source: str) -> list[str]:
    """Web roots of the module `source` belongs to, nearest first: every ancestor directory that
    holds a `WEB-INF`, then the conventional web root folders of each ancestor."""
    roots = [posixpath.dirname(d) for d in lookup.under_ancestors(source, "WEB-INF")]
    roots += [d for d in lookup.under_ancestors(source, *WEBAPP_DIRS) if d not in roots]
    return roots


def resolve_in(
    lookup: Lookup, source: str, name: str, exts: tuple[str, ...], roots: list[str]
) -> str | None:
    """`name` relative to `source`, or under one of `roots` when it starts with '/'; then a tail of
    it under `roots` (a web folder deployed under a prefix); then the same path anywhere, nearest
    first (a module whose web root is not recognised)."""
    name = name.strip().split("?")[0].split("#")[0]
    if not name or name == "/":
        return None
    if name.startswith("/"):
        found = lookup.find_exact(name.lstrip("/"), source, roots or [""], exts)
    else:
        found = lookup.find_exact(
            "./" + name if not name.startswith(".") else name, source, [], exts
        )
        found = found or lookup.find_exact(name, source, roots, exts)
    return (
        found
        or _deployed_elsewhere(lookup, name, exts, roots)
        or lookup.find(name.lstrip("/"), source, [], exts)
    )


def _deployed_elsewhere(
    lookup: Lookup, name: str, exts: tuple[str, ...], roots: list[str]
) -> str | None:
    """A module whose web folder is deployed under a prefix names its files with that prefix:
    OpenMRS modules' `omod/src/main/webapp/template/x.jsp` is `/WEB-INF/view/module/<id>/template/
    x.jsp`. The longest tail of the name (two segments at least) found under one of `roots`."""
    parts = name.strip("/").split("/")
    tails = ("/".join(parts[start:]) for start in range(1, len(parts) - 1))
    return lookup.first(
        posixpath.join(root, tail + ext) if root else tail + ext
        for tail in tails
        for root in roots
        for ext in exts
    )


def jsp(lookup: Lookup, node: Node, name: str) -> str | None:
    """`<%@ include file>`, `<jsp:include page>`, `<c:import url>` and context-path scripts."""
    roots = webapp_roots(lookup, node.path)
    if name.endswith((".js", ".mjs")):
        roots += lookup.under_ancestors(node.path, *STATIC_DIRS)
    return resolve_in(lookup, node.path, name, ("",), roots)


def tag_file(lookup: Lookup, node: Node, name: str) -> str | None:
    """`<t:layout>` with `tagdir="/WEB-INF/tags"` -> `/WEB-INF/tags/layout.tag` (or `.tagx`)."""
    return resolve_in(lookup, node.path, name, TAG_EXTS, webapp_roots(lookup, node.path))


CONVENTION = Convention(
    "java-web",
    resolvers=(("jsp", jsp), ("jsp-tag", tag_file)),
    description="Java web apps: JSP includes and tag files from the WEB-INF web root",
)
