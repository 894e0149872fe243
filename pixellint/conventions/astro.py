"""Astro: what wraps a page that no import or front matter names.

Most Astro wrapping is already explicit: an `.astro` page imports its layout (an import edge),
and a Markdown or MDX page in `src/pages/` names it in front matter (`layout:
../layouts/Post.astro`), which the front-matter layout resolver follows like Jekyll's. Astro
integrations (`@astrojs/partytown`, `@astrojs/sitemap`) add no tracker of their own.

Starlight (`@astrojs/starlight`) is the exception: it renders every document of
`src/content/docs/**` with no layout named anywhere, and its `head` option in `astro.config.*`
(`head: [{ tag: 'script', attrs: { src: 'https://www.googletagmanager.com/gtag/js?...' } }]`)
adds tags to every one of those pages, which is where Starlight sites put analytics: each
document is wrapped by the config (kind "site-config").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from weakref import WeakKeyDictionary

from pixellint.conventions.base import Convention
from pixellint.conventions.spa import depends_on, first_of
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_DOCS = "src/content/docs/"
_DOC_EXTS = (".md", ".mdx", ".mdoc")
_CONFIG_EXTS = (".mjs", ".js", ".ts", ".mts", ".cjs")

_CONFIGS: WeakKeyDictionary[Lookup, dict[str, str | None]] = WeakKeyDictionary()


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    if not path.endswith(_DOC_EXTS):
        return
    at = path.rfind(_DOCS)
    if at < 0 or (at > 0 and path[at - 1] != "/"):
        return
    config = _starlight_config(path[: max(at - 1, 0)], lookup, nodes)
    if config:
        yield config, "site-config"


def _starlight_config(project: str, lookup: Lookup, nodes: Mapping[str, Node]) -> str | None:
    """The `astro.config.*` of `project` when it builds a Starlight site, once per folder."""
    known = _CONFIGS.setdefault(lookup, {})
    if project not in known:
        starlight = depends_on(nodes, project, "@astrojs/starlight")
        config = first_of(lookup, project, ("astro.config",), _CONFIG_EXTS)
        known[project] = config if starlight else None
    return known[project]


CONVENTION = Convention(
    "astro",
    wraps=wraps,
    description="Starlight documents wrapped by astro.config (its head tags); Astro layouts are "
    "imports and front matter",
)
