"""Docusaurus sites: every Markdown and MDX page of a site (the folder holding
`docusaurus.config.*`), and the React pages of its `src/pages/`, render with the `scripts` and
`headTags` of that config and inside the swizzled `src/theme/Root` and `src/theme/Layout`, if
any: that is where analytics are usually added, so each page is wrapped by them. MDX imports are
resolved by the ES module convention (pixellint.conventions.esm).

The config is read for what it adds to every page besides plugins (pixellint.declared reads
those): `scripts` served from the site itself (`{src: '/js/clarity.js'}` is
`static/js/clarity.js`) and `clientModules`, modules bundled into every page; the config node
gets an edge to each, so a page reaches them through its site config. Content may live outside
the site folder (`docs: {path: '../docs'}` in a monorepo): the `path` of each content plugin
counts as the site's too."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from weakref import WeakKeyDictionary

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
_ARRAY = {
    "docusaurus-script": re.compile(r"\bscripts\s*:\s*\["),
    "docusaurus-client-module": re.compile(r"\bclientModules\s*:\s*\["),
}
_CONTENT_PATH = re.compile(r"""\bpath\s*:\s*(["'`])(\.{1,2}/[^"'`\n]*|[\w-]+)\1""")
_CONTENT: WeakKeyDictionary[Lookup, tuple[object, dict[str, str]]] = WeakKeyDictionary()
# a string element of the array, or the `src` of an object element
_ELEMENT = re.compile(r"""(?:\bsrc\s*:\s*|(?:^|[\[,(])\s*)(["'`])([^"'`\n]+)\1""")
_TOKEN = re.compile(r"""//[^\n]*|/\*.*?\*/|(["'`])(?:\\.|(?!\1)[^\\\n])*\1|[\[\]]""", re.S)
_REACT_PAGE_EXTS = (".js", ".jsx", ".ts", ".tsx")


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if path.rsplit("/", 1)[-1] not in _CONFIGS:
        return
    for trait, opener in _ARRAY.items():
        for match in opener.finditer(text):
            block = _array(text, match.end() - 1)
            for element in _ELEMENT.finditer(block):
                yield trait, element.group(2)
    for match in _CONTENT_PATH.finditer(text):
        yield "docusaurus-content", match.group(2)


def _content_dirs(lookup: Lookup) -> dict[str, str]:
    """Content folder -> the site config that declares it, rebuilt when the traits are."""
    cached = _CONTENT.get(lookup)
    if cached is not None and cached[0] is lookup.traits:
        return cached[1]
    found: dict[str, str] = {}
    for config, traits in lookup.traits.items():
        if config.rsplit("/", 1)[-1] in _CONFIGS:
            site = posixpath.dirname(config)
            for name, value in traits:
                if name == "docusaurus-content":
                    folder = posixpath.normpath(posixpath.join(site, value))
                    if not folder.startswith(".."):
                        found.setdefault("" if folder == "." else folder, config)
    _CONTENT[lookup] = (lookup.traits, found)
    return found


def _array(text: str, start: int) -> str:
    """The array literal opening at `start`, comments blanked, up to its closing bracket."""
    depth, pieces, at = 0, [], start
    for token in _TOKEN.finditer(text, start):
        pieces.append(text[at : token.start()])
        at = token.end()
        value = token.group()
        if value == "[":
            depth += 1
        elif value == "]":
            depth -= 1
            if depth == 0:
                return "".join(pieces) + "]"
        if value.startswith(("//", "/*")):
            value = " "
        pieces.append(value)
    return "".join(pieces)


def _config_edges(node: Node, lookup: Lookup) -> Iterable[tuple[str, str]]:
    """A site's first-party scripts (served from `static/`) and client modules."""
    site = posixpath.dirname(node.path)
    for src in node.traits_of("docusaurus-script"):
        if src.startswith("/") and not src.startswith("//"):
            found = _present(lookup, site, ("static" + src.split("?")[0],))
            if found:
                yield found, "script"
    for module in node.traits_of("docusaurus-client-module"):
        if module.startswith(("./", "../")):
            base = posixpath.normpath(posixpath.join(site, module))
            found = lookup.first(base + ext for ext in EXTS)
            if found:
                yield found, "client-module"


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    """A Docusaurus page sits in its site's config (scripts, headTags), theme Root and theme
    Layout: every Markdown/MDX page of the site, and the React pages of its `src/pages/`
    (less what the pages plugin excludes: `_` names, tests)."""
    if node.path.rsplit("/", 1)[-1] in _CONFIGS:
        yield from _config_edges(node, lookup)
        return
    if node.language in ("mdx", "markdown"):
        sites = lookup.ancestors_dirs(node.path)
        content = _content_dirs(lookup)
        elsewhere = next((content[d] for d in sites if d in content), None)
        if elsewhere and not any(_present(lookup, d, _CONFIGS) for d in sites):
            sites = [posixpath.dirname(elsewhere)]
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
    traits=traits,
    description="Docusaurus: site config (its scripts and client modules), theme Root and Layout wrap every page",
)
