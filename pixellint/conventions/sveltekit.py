"""SvelteKit: a page renders inside the layouts of its route folders, in the `src/app.html` shell,
with the client hooks loaded.

- `src/routes/**/+page.svelte` (and `+error.svelte`, the page shown at a failing URL) is wrapped
  by the `+layout.svelte` of its folder and of every folder above it up to `src/routes`.
- `+page@x.svelte` resets the hierarchy: it renders in the layout of the folder above named `x`
  and the layouts above that one (`+page@.svelte`: the root layout only); a `+layout@x.svelte`
  resets its own parents the same way. The root layout wraps every page.
- `src/app.html` is the HTML every page is rendered into (`%sveltekit.head%`), and
  `src/hooks.client.(js|ts)` and the universal `src/hooks.(js|ts)` run in the browser on every
  page.

A folder is a SvelteKit project when it holds a `svelte.config.*` or its `package.json` depends
on `@sveltejs/kit`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Mapping
from weakref import WeakKeyDictionary

from pixellint.conventions.base import Convention
from pixellint.conventions.spa import depends_on, files_in, first_of, join, parent
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_ROUTES = "src/routes"
_CONFIG_EXTS = (".js", ".mjs", ".cjs", ".ts")
_HOOKS = (("hooks.client", "hooks"), ("hooks", "hooks"))

_PROJECTS: WeakKeyDictionary[Lookup, dict[str, bool]] = WeakKeyDictionary()


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    name = path.rsplit("/", 1)[-1]
    if not name.endswith(".svelte") or not name.startswith(("+page", "+error")):
        return
    routes = _routes_dir(path, lookup, nodes)
    if routes is None:
        return
    reset = _reset(name)
    folder = parent(path)
    if reset is not None:
        folder = _named_folder(folder, reset, routes)
    for layout in _layouts(folder, routes, lookup):
        yield layout, "layout"
    source = parent(routes)
    shell = join(source, "app.html")
    if shell in lookup.files:
        yield shell, "app-html"
    for stem, kind in _HOOKS:
        hooks = first_of(lookup, source, (stem,), (".js", ".ts"))
        if hooks:
            yield hooks, kind


def _routes_dir(path: str, lookup: Lookup, nodes: Mapping[str, Node]) -> str | None:
    """The `src/routes` folder of the SvelteKit project holding `path`, the nearest one."""
    at = path.rfind(_ROUTES + "/")
    while at >= 0:
        if at == 0 or path[at - 1] == "/":
            project = path[: max(at - 1, 0)]
            if _is_kit_project(project, lookup, nodes):
                return path[: at + len(_ROUTES)]
        at = path.rfind(_ROUTES + "/", 0, at)
    return None


def _is_kit_project(directory: str, lookup: Lookup, nodes: Mapping[str, Node]) -> bool:
    known = _PROJECTS.setdefault(lookup, {})
    if directory not in known:
        config = first_of(lookup, directory, ("svelte.config",), _CONFIG_EXTS)
        known[directory] = config is not None or depends_on(nodes, directory, "@sveltejs/kit")
    return known[directory]


def _reset(name: str) -> str | None:
    """`+page@x.svelte` -> 'x', `+page@.svelte` -> '' (the root), `+page.svelte` -> None."""
    stem = name[: -len(".svelte")]
    return stem.split("@", 1)[1] if "@" in stem else None


def _named_folder(start: str, segment: str, routes: str) -> str:
    """The folder at or above `start` whose name is `segment` ('' is `src/routes`); `start`
    itself when none is (SvelteKit refuses such a name at build time)."""
    if segment:
        folder = start
        while folder.startswith(routes + "/"):
            if posixpath.basename(folder) == segment:
                return folder
            folder = parent(folder)
        return start
    return routes


def _layouts(folder: str, routes: str, lookup: Lookup) -> Iterator[str]:
    """The layouts from `folder` up, following `+layout@x` resets; each folder is seen once."""
    seen: set[str] = set()
    while folder not in seen and (folder == routes or folder.startswith(routes + "/")):
        seen.add(folder)
        layout = _layout_in(folder, lookup)
        if layout is not None:
            yield layout
            reset = _reset(layout.rsplit("/", 1)[-1])
            if reset is not None and folder != routes:
                folder = _named_folder(parent(folder), reset, routes)
                continue
        if folder == routes:
            return
        folder = parent(folder)


def _layout_in(folder: str, lookup: Lookup) -> str | None:
    plain = join(folder, "+layout.svelte")
    if plain in lookup.files:
        return plain
    return next(
        (
            f
            for f in files_in(lookup, folder)
            if f.rsplit("/", 1)[-1].startswith("+layout@") and f.endswith(".svelte")
        ),
        None,
    )


CONVENTION = Convention(
    "sveltekit",
    wraps=wraps,
    description="SvelteKit +layout nesting and resets, src/app.html, client hooks",
)
