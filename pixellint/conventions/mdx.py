"""MDX sites (Docusaurus, Next.js): an ESM import of a component is followed to its file, and a
Docusaurus site's config and theme Root wrap every page.

Relative specifiers resolve beside the page; `@site/...` (Docusaurus) from the site folder, the
nearest folder above the page that has it; `@/...` and `~/...` (the usual Next.js and Vite
aliases) from that folder or its `src/`. Extensions are tried as bundlers do, then `index` files.
Package imports (`react-ga4`, `@theme/Tabs`) are not project files: the JavaScript analysis
reads them as SDK imports.

Docusaurus renders every Markdown and MDX page of a site (the folder holding
`docusaurus.config.*`) with the `scripts` and `headTags` of that config and inside the swizzled
`src/theme/Root` component, if any: both are where analytics are usually added, so each page is
wrapped by them.
"""

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
_ALIASES = (("@site/", ("",)), ("@/", ("", "src/")), ("~/", ("", "src/")))


def _first(lookup: Lookup, base: str) -> str | None:
    return lookup.first(posixpath.normpath(base + ext) for ext in EXTS)


def resolve(lookup: Lookup, node: Node, name: str) -> str | None:
    name = name.split("?")[0]
    if name.startswith(("./", "../")):
        return _first(lookup, posixpath.join(posixpath.dirname(node.path), name))
    for prefix, subs in _ALIASES:
        if not name.startswith(prefix):
            continue
        rest = name[len(prefix) :]
        for directory in lookup.ancestors_dirs(node.path):
            for sub in subs:
                found = _first(lookup, posixpath.join(directory, sub + rest))
                if found:
                    return found
    return None


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
    resolvers=(("mdx-import", resolve),),
    wraps=wraps,
    description="MDX component imports, Docusaurus site config and theme Root",
)
