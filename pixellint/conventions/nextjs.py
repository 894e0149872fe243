"""Next.js: which files wrap a page with no import saying so.

- App Router (`app/` or `src/app/`): a `page` (and a `not-found` page) renders inside every
  `layout` and `template` of its folder and of each folder above it up to `app/`. Route groups
  `(group)`, dynamic segments `[id]`, catch-alls `[...slug]`, parallel routes `@slot` and
  intercepting routes `(.)x` are folders like any other; a root layout inside a route group
  wraps that group only, which is what walking the folders gives.
- Pages Router (`pages/` or `src/pages/`): every page, `_error` and the 404/500 pages included,
  renders inside `pages/_app` and `pages/_document`; `pages/api/**` are server routes, not pages.
- `instrumentation-client.(js|ts)` at the project root or in `src/` (Next.js 15.3) runs before
  every page becomes interactive, whichever router serves it.

A folder is a Next.js project when it holds a `next.config.*` or its `package.json` depends on
`next`; an `app/` or `pages/` folder of any other project is left alone. `src/app` and
`src/pages` are ignored by Next.js when `app`/`pages` exist at the root, and so here.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from weakref import WeakKeyDictionary

from pixellint.conventions.base import Convention
from pixellint.conventions.spa import SCRIPT_EXTS, depends_on, first_of, join, parent
from pixellint.lookup import Lookup
from pixellint.nodes import Node

PAGE_EXTS = (*SCRIPT_EXTS, ".mdx")
_APP_PAGES = ("page", "not-found")  # route files a visitor gets at a URL of their own
_APP_WRAPPERS = (("layout", "layout"), ("template", "template"))  # (file stem, edge kind)
_PAGES_WRAPPERS = (("_app", "app"), ("_document", "document"))
_NOT_PAGES = ("_app", "_document", "_middleware")
_CONFIG_EXTS = (".js", ".mjs", ".cjs", ".ts", ".mts")

_PROJECTS: WeakKeyDictionary[Lookup, dict[str, bool]] = WeakKeyDictionary()


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    stem, ext = posixpath.splitext(path.rsplit("/", 1)[-1])
    if ext not in PAGE_EXTS:
        return
    parts = path.split("/")
    if stem in _APP_PAGES and "app" in parts[:-1]:
        router = _router_dir(parts, "app", lookup, nodes)
        if router:
            yield from _app_wrappers(path, router, lookup)
            yield from _instrumentation(router, lookup)
            return
    if "pages" in parts[:-1] and stem not in _NOT_PAGES:
        router = _router_dir(parts, "pages", lookup, nodes)
        if router and not path[len(router) + 1 :].startswith("api/"):
            for wrapper, kind in _PAGES_WRAPPERS:
                found = first_of(lookup, router, (wrapper,), SCRIPT_EXTS)
                if found:
                    yield found, kind
            yield from _instrumentation(router, lookup)


def _router_dir(
    parts: list[str], name: str, lookup: Lookup, nodes: Mapping[str, Node]
) -> str | None:
    """The `app` or `pages` folder of a Next.js project that holds the file: the deepest one
    (`app/app/page.tsx` is the route /app of the root project)."""
    for at in range(len(parts) - 2, -1, -1):
        if parts[at] != name:
            continue
        in_src = at > 0 and parts[at - 1] == "src"
        project = "/".join(parts[: at - 1 if in_src else at])
        if not is_next_project(project, lookup, nodes):
            continue
        if in_src and join(project, name) in lookup.dirs:
            return None  # Next.js ignores src/app when app/ exists at the root
        return "/".join(parts[: at + 1])
    return None


def is_next_project(directory: str, lookup: Lookup, nodes: Mapping[str, Node]) -> bool:
    """A `next.config.*` or a `next` dependency in `directory`; answered once per folder."""
    known = _PROJECTS.setdefault(lookup, {})
    if directory not in known:
        config = first_of(lookup, directory, ("next.config",), _CONFIG_EXTS)
        known[directory] = config is not None or depends_on(nodes, directory, "next")
    return known[directory]


def _app_wrappers(path: str, router: str, lookup: Lookup) -> Iterable[tuple[str, str]]:
    """Layouts and templates from the page's folder up to `app/`, nearest first."""
    folder = parent(path)
    while True:
        for stem, kind in _APP_WRAPPERS:
            found = first_of(lookup, folder, (stem,), SCRIPT_EXTS)
            if found:
                yield found, kind
        if folder == router or not folder.startswith(router):
            return
        folder = parent(folder)


def _instrumentation(router: str, lookup: Lookup) -> Iterable[tuple[str, str]]:
    """`instrumentation-client` at the project root or in its `src/`."""
    project = parent(router)
    if posixpath.basename(project) == "src":
        project = parent(project)
    for folder in (project, join(project, "src")):
        found = first_of(lookup, folder, ("instrumentation-client",), SCRIPT_EXTS)
        if found:
            yield found, "client-instrumentation"
            return


CONVENTION = Convention(
    "nextjs",
    wraps=wraps,
    description="Next.js App Router layouts and templates, Pages Router _app and _document, "
    "instrumentation-client",
)
