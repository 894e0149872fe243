"""Gatsby: every page (`src/pages/**`) and page template (`src/templates/**`, the components
`createPage` renders) is rendered with the site's API files, which no import names.

- `gatsby-ssr.*` (`onRenderBody`, `setHeadComponents`, `wrapRootElement`, `wrapPageElement`)
  writes the HTML of every page: kind "ssr-api".
- `gatsby-browser.*` (`onRouteUpdate`, `wrapPageElement`) runs in the browser on every page:
  kind "browser-api".
- `gatsby-config.*` declares the plugins (gatsby-plugin-google-gtag and the like) that inject
  their tags into every page: kind "site-config".
- A local plugin (`plugins/<name>/gatsby-ssr.*`, `gatsby-browser.*`) does the same for the site
  that lists it: kind "plugin".

A folder is a Gatsby site when it holds one of those files or its `package.json` depends on
`gatsby`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from weakref import WeakKeyDictionary

from pixellint.conventions.base import Convention
from pixellint.conventions.spa import SCRIPT_EXTS, depends_on, first_of, join, parent
from pixellint.lookup import Lookup
from pixellint.nodes import Node

PAGE_EXTS = (*SCRIPT_EXTS, ".mdx")
_FOLDERS = ("src/pages/", "src/templates/")
_API_FILES = (("gatsby-ssr", "ssr-api"), ("gatsby-browser", "browser-api"))
_CONFIG_EXTS = (".js", ".ts", ".mjs", ".cjs", ".mts")

_SITES: WeakKeyDictionary[Lookup, dict[str, tuple[tuple[str, str], ...]]] = WeakKeyDictionary()


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    if not path.endswith(PAGE_EXTS):
        return
    for folder in _FOLDERS:
        at = path.rfind(folder)
        if at == 0 or (at > 0 and path[at - 1] == "/"):
            yield from _site_files(path[: max(at - 1, 0)], lookup, nodes)
            return


def _site_files(
    site: str, lookup: Lookup, nodes: Mapping[str, Node]
) -> tuple[tuple[str, str], ...]:
    """What wraps every page of the site in `site` (nothing when it is no Gatsby site)."""
    known = _SITES.setdefault(lookup, {})
    if site not in known:
        found = [
            (api, kind)
            for stem, kind in _API_FILES
            if (api := first_of(lookup, site, (stem,), SCRIPT_EXTS))
        ]
        config = first_of(lookup, site, ("gatsby-config",), _CONFIG_EXTS)
        if config:
            found.append((config, "site-config"))
        if found or depends_on(nodes, site, "gatsby"):
            found += [(api, "plugin") for api in _local_plugins(site, lookup)]
        known[site] = tuple(found)
    return known[site]


def _local_plugins(site: str, lookup: Lookup) -> list[str]:
    """`plugins/<name>/gatsby-ssr.*` and `gatsby-browser.*` of the site."""
    plugins = join(site, "plugins")
    found = []
    for stem, _ in _API_FILES:
        for ext in SCRIPT_EXTS:
            for path in lookup.by_suffix.get(stem + ext, []):
                if parent(parent(path)) == plugins:
                    found.append(path)
    return sorted(found)


CONVENTION = Convention(
    "gatsby",
    wraps=wraps,
    description="Gatsby pages and templates wrapped by gatsby-ssr, gatsby-browser, "
    "gatsby-config and local plugins",
)
