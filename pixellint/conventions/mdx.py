"""Docusaurus sites: every Markdown and MDX page of a site (the folder holding
`docusaurus.config.*`), and the React pages of its `src/pages/`, render with the `scripts` and
`headTags` of that config and inside the swizzled `src/theme/Root` and `src/theme/Layout`, if
any: that is where analytics are usually added, so each page is wrapped by them. MDX imports are
resolved by the ES module convention (pixellint.conventions.esm)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

EXTS = (
    "",
    ".js",
    ".jsx",
    ".ts",
    ".tsx",
    ".mdx",
    ".md",
    "/index.js",
    "/index.jsx",
    "/index.ts",
    "/index.tsx",
)
_CONFIGS = tuple(f"docusaurus.config.{e}" for e in ("js", "ts", "mjs", "cjs", "mts"))
_ROOTS = tuple(f"src/theme/Root{e}" for e in EXTS if e.startswith(("/", ".j", ".t")))
_LAYOUTS = tuple(f"src/theme/Layout{e}" for e in EXTS if e.startswith(("/", ".j", ".t")))
_PAGES = "src/pages/"
_REACT_PAGE_EXTS = (".js", ".jsx", ".ts", ".tsx")


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    """A Docusaurus page sits in its site's config (scripts, headTags), theme Root and theme
    Layout: every Markdown/MDX page of the site, and the React pages of its `src/pages/`
    (less what the pages plugin excludes: `_` names, tests)."""
    if node.language in ("mdx", "markdown"):
        sites = lookup.ancestors_dirs(node.path)
    elif _is_react_page(node.path):
        sites = [node.path[: max(node.path.rfind(_PAGES) - 1, 0)]]
    else:
        return
    for directory in sites:
        config = _present(lookup, directory, _CONFIGS)
        if config is None:
            continue
        yield config, "site-config"
        for names, kind in ((_ROOTS, "theme-root"), (_LAYOUTS, "theme-layout")):
            found = _present(lookup, directory, names)
            if found:
                yield found, kind
        return


def _is_react_page(path: str) -> bool:
    at = path.rfind(_PAGES)
    if at < 0 or (at > 0 and path[at - 1] != "/") or not path.endswith(_REACT_PAGE_EXTS):
        return False
    rel = path[at + len(_PAGES) :]
    return not (
        rel.startswith("_")
        or "/_" in rel
        or "__tests__/" in rel
        or ".test." in rel.rsplit("/", 1)[-1]
    )


def _present(lookup: Lookup, directory: str, names: tuple[str, ...]) -> str | None:
    return lookup.first(posixpath.join(directory, name) if directory else name for name in names)


CONVENTION = Convention(
    "mdx",
    wraps=wraps,
    description="Docusaurus: site config, theme Root and Layout wrap every page",
)
