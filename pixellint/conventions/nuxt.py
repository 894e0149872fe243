"""Nuxt (2, 3 and 4): what renders around a page that no import names.

A page `pages/**/*.vue` renders inside `app.vue` (kind "app"), its layout (`layouts/default.vue`,
or the one `definePageMeta({ layout: 'x' })` names, none for `layout: false`; Nuxt 2 writes
`layout: 'x'` in the component options), and the parent routes of nested routing
(`pages/settings.vue` holds `pages/settings/**` in its `<NuxtPage>`). Every page, `app.vue` and
`error.vue` (shown instead of app.vue at a failing URL) also get `nuxt.config.*` (kind
"site-config": `app.head` scripts and modules live there) and the plugins Nuxt registers on its
own: the files at the top of `plugins/` and `plugins/*/index.*`.

Layout names are the kebab-cased path under `layouts/` (`layouts/desktop/Default.vue` is
`desktop-default`); a layout that is not a literal (`layout: isMobile ? 'mobile' : 'default'`
names both; a computed one, every layout).

Components are auto-imported: a `.vue` file of a Nuxt project that renders `<BaseButton>` (or
`<base-button>`, `<LazyBaseButton>`) uses `components/base/Button.vue` or
`components/BaseButton.vue`, the path under `components/` PascalCased with a repeated prefix
dropped, or the bare file name (Nuxt 2, `pathPrefix: false`); kind "component".

The source folder is the folder of `nuxt.config.*`, or its `app/` (Nuxt 4) or `src/` when the
page is there. Nuxt 2 registers only the plugins its config lists; its `plugins/` files are
taken as registered all the same (the config cannot be read without running it).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from weakref import WeakKeyDictionary

from pixellint.conventions.base import Convention
from pixellint.conventions.spa import files_in, first_of, join, parent
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_CONFIG_EXTS = (".ts", ".js", ".mjs", ".mts", ".cjs")
_PLUGIN_EXTS = (".ts", ".js", ".mjs", ".mts")
_SOURCE_DIRS = ("app", "src")  # Nuxt 4's default srcDir, and the usual custom one
_PAGE_META = re.compile(r"\bdefinePageMeta\s*\(")
_OPTIONS = re.compile(r"\bexport\s+default\b")
_OBJECT_START = re.compile(r"[\s\w.$]*(?:\(\s*)?\{")  # `{`, `defineComponent({`, `Vue.extend({`
_LAYOUT_KEY = re.compile(r"layout\s*:\s*")
_STRING = re.compile(r"""(['"`])([\w./-]+)\1""")
_LAYOUT_TAG = re.compile(r"<NuxtLayout\b([^>]*)")
_BOUND_NAME = re.compile(r"(?:^|\s)(?::|v-bind:)name\s*=")
_STATIC_NAME = re.compile(r"""(?:^|\s)name\s*=\s*["']([\w-]+)""")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_EVERY = "*"  # a layout value that is no literal: every layout may be used
# `<TheHeader`, `<the-header`: a component, not an HTML element (those have no capital or dash)
_COMPONENT_TAG = re.compile(r"<([A-Z][\w.]*|[a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?=[\s/>])")
_BUILT_IN = frozenset(
    ("NuxtPage", "NuxtLayout", "NuxtLink", "NuxtLoadingIndicator", "NuxtErrorBoundary",
     "ClientOnly", "NuxtIsland", "NuxtImg", "NuxtPicture", "Transition", "KeepAlive",
     "RouterView", "RouterLink", "Suspense", "Teleport", "Component")
)  # fmt: skip
_COMPONENT_EXTS = (".vue", ".ts", ".js", ".tsx", ".jsx")

_LAYOUTS: WeakKeyDictionary[Lookup, dict[str, dict[str, str]]] = WeakKeyDictionary()
_EVERYWHERE: WeakKeyDictionary[Lookup, dict[str, tuple[tuple[str, str], ...]]] = WeakKeyDictionary()
_COMPONENTS: WeakKeyDictionary[Lookup, dict[str, dict[str, str]]] = WeakKeyDictionary()
_SOURCES: WeakKeyDictionary[Lookup, dict[str, str | None]] = WeakKeyDictionary()


# --- what a page says about its layout ----------------------------------------------------------
def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    """('nuxt-layout', name | 'false' | '*') from `definePageMeta` or Nuxt 2 component options;
    for `error.vue`, the layout its own `<NuxtLayout>` renders; ('vue-tag', PascalName) for
    each component tag its template renders."""
    if not path.endswith(".vue"):
        return
    yield from _component_tags(text)
    yield from _layout_traits(path, text)


def _component_tags(text: str) -> Iterable[tuple[str, str]]:
    start, end = text.find("<template"), text.rfind("</template>")
    if start < 0 or end < start:
        return
    names = (_pascal(m.group(1)) for m in _COMPONENT_TAG.finditer(text, start, end))
    for name in dict.fromkeys(names):
        if name not in _BUILT_IN:
            yield "vue-tag", name


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_.]", name) if part)


def _layout_traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if path.rsplit("/", 1)[-1] == "error.vue":
        host = _LAYOUT_TAG.search(text)
        if host:
            yield "nuxt-layout", _hosted_layout(host.group(1))
        return
    if "layout" not in text:
        return
    opener = _PAGE_META.search(text) or _OPTIONS.search(text)
    if opener is None:
        return
    value = _layout_value(text, opener.end())
    if value is None:
        return
    if value.strip() == "false":
        yield "nuxt-layout", "false"
        return
    names = [m.group(2) for m in _STRING.finditer(value)]
    for name in names or [_EVERY]:
        yield "nuxt-layout", name


def _hosted_layout(attributes: str) -> str:
    """The layout a `<NuxtLayout>` tag renders: its `name`, every layout when the name is
    bound to an expression, else the default."""
    if _BOUND_NAME.search(attributes):
        return _EVERY
    named = _STATIC_NAME.search(attributes)
    return named.group(1) if named else "default"


def _layout_value(text: str, start: int) -> str | None:
    """The expression after the `layout:` key at the top level of the object literal that opens
    right after `start` (`definePageMeta({`, `export default {`, `defineComponent({`), up to the
    next `,` or closing bracket at its own depth."""
    brace = _OBJECT_START.match(text, start)
    if brace is None:
        return None
    depth = 0
    at = brace.end() - 1
    end = min(len(text), at + 20_000)
    while at < end:
        char = text[at]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth <= 0:
                return None
        elif depth == 1 and char == "l" and not (text[at - 1].isalnum() or text[at - 1] in "_$."):
            key = _LAYOUT_KEY.match(text, at)
            if key:
                return _expression(text, key.end(), end)
        elif char in "'\"`":
            close = text.find(char, at + 1)
            at = end if close < 0 else close
        at += 1
    return None


def _expression(text: str, start: int, end: int) -> str:
    depth = 0
    at = start
    while at < end:
        char = text[at]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif char == "," and depth == 0:
            break
        at += 1
    return text[start:at]


# --- wrapping -----------------------------------------------------------------------------------
def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    if not path.endswith(".vue"):
        return
    tags = node.traits_of("vue-tag")
    if tags:
        source = _source_of(parent(path), lookup)
        if source is not None:
            components = _components(source, lookup)
            for tag in tags:
                found = components.get(tag) or components.get(tag.removeprefix("Lazy"))
                if found and found != path:
                    yield found, "component"
    yield from _page_wraps(node, lookup, nodes)


def _page_wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    name = path.rsplit("/", 1)[-1]
    parts = path.split("/")
    if name in ("app.vue", "error.vue"):
        source = parent(path)
        if _project(source, lookup) is not None:
            names = node.traits_of("nuxt-layout") if name == "error.vue" else []
            for layout in _layouts_for(names, source, lookup):  # inside its own <NuxtLayout>
                yield layout, "layout"
            yield from _everywhere(source, lookup)
        return
    for at in range(len(parts) - 2, -1, -1):
        if parts[at] != "pages":
            continue
        source = "/".join(parts[:at])
        if _project(source, lookup) is None:
            continue
        app = join(source, "app.vue")
        if app in lookup.files:
            yield app, "app"
        routes = list(_parent_routes(path, join(source, "pages"), lookup))
        if path[: -len(".vue")] not in lookup.dirs:  # a parent route takes its child's layout
            for layout in _layouts_for(_layout_names(node, routes, nodes), source, lookup):
                yield layout, "layout"
        for route in routes:
            yield route, "parent-route"
        yield from _everywhere(source, lookup)
        return


def _project(source: str, lookup: Lookup) -> str | None:
    """The `nuxt.config.*` of the project whose source folder is `source`."""
    config = first_of(lookup, source, ("nuxt.config",), _CONFIG_EXTS)
    if config is None and posixpath.basename(source) in _SOURCE_DIRS:
        config = first_of(lookup, parent(source), ("nuxt.config",), _CONFIG_EXTS)
    return config


def _source_of(folder: str, lookup: Lookup) -> str | None:
    """The Nuxt source folder `folder` is in (the nearest with a config of its own or above
    it), or None outside a Nuxt project; once per run and folder."""
    known = _SOURCES.setdefault(lookup, {})
    if folder not in known:
        here = _project(folder, lookup)
        if here is not None:
            known[folder] = folder
        else:
            above = parent(folder)
            known[folder] = _source_of(above, lookup) if above != folder else None
    return known[folder]


def _components(source: str, lookup: Lookup) -> dict[str, str]:
    """Component name -> file for the `components/` folder of `source` (and of its `app/` or
    `src/`), once per run: path-prefixed names first, bare file names after."""
    known = _COMPONENTS.setdefault(lookup, {})
    if source not in known:
        folders = [join(source, "components")] + [
            join(join(source, sub), "components") for sub in _SOURCE_DIRS
        ]
        table: dict[str, str] = {}
        bare: dict[str, str] = {}
        for folder in folders:
            prefix = folder + "/"
            for path in sorted(p for p in lookup.files if p.startswith(prefix)):
                if not path.endswith(_COMPONENT_EXTS) or path.endswith(".d.ts"):
                    continue
                parts = path[len(prefix) :].split("/")
                stem = parts[-1].split(".")[0]  # `Foo.client.vue` is `Foo`
                words = [_pascal(p) for p in parts[:-1]]
                if stem != "index" or not words:
                    words.append(_pascal(stem))
                table.setdefault(_join_prefixed(words), path)
                bare.setdefault(words[-1], path)
        known[source] = {**bare, **table}
    return known[source]


def _join_prefixed(words: list[str]) -> str:
    """`base/BaseButton` is `BaseButton`: a segment that repeats the path so far is not doubled."""
    name = ""
    for word in words:
        name = word if word.startswith(name) and name else name + word
    return name


def _everywhere(source: str, lookup: Lookup) -> tuple[tuple[str, str], ...]:
    """The config and the auto-registered plugins, once per run and source folder."""
    known = _EVERYWHERE.setdefault(lookup, {})
    if source not in known:
        found = []
        config = _project(source, lookup)
        if config:
            found.append((config, "site-config"))
        plugins = join(source, "plugins")
        for plugin in files_in(lookup, plugins):
            if plugin.endswith(_PLUGIN_EXTS) and not plugin.endswith(".d.ts"):
                found.append((plugin, "plugin"))
        for folder in sorted({parent(f) for f in lookup.files if parent(parent(f)) == plugins}):
            index = first_of(lookup, folder, ("index",), _PLUGIN_EXTS)
            if index:
                found.append((index, "plugin"))
        known[source] = tuple(found)
    return known[source]


def _layout_names(node: Node, routes: list[str], nodes: Mapping[str, Node]) -> list[str]:
    """The layout of a page's URL: Vue Router merges the meta of the matched routes, so the
    page's own `layout`, else its nearest parent route's, else the default."""
    for found in (node, *(nodes.get(route) for route in routes)):
        names = found.traits_of("nuxt-layout") if found is not None else []
        if names:
            return names
    return ["default"]


def _layouts_for(names: list[str], source: str, lookup: Lookup) -> list[str]:
    if not names or "false" in names:
        return []
    layouts = _layouts(source, lookup)
    if _EVERY in names:
        return sorted(layouts.values())
    found = [layouts.get(_kebab(name)) for name in names]
    return [f for f in found if f]


def _layouts(source: str, lookup: Lookup) -> dict[str, str]:
    """Layout name -> file for the `layouts/` folder of `source`, once per run and folder."""
    known = _LAYOUTS.setdefault(lookup, {})
    if source not in known:
        folder = join(source, "layouts") + "/"
        table: dict[str, str] = {}
        for path in sorted(p for p in lookup.files if p.startswith(folder) and p.endswith(".vue")):
            rel = path[len(folder) : -len(".vue")]
            if rel.endswith("/index"):
                rel = rel[: -len("/index")]
            table.setdefault(_kebab(rel.replace("/", "-")), path)
        known[source] = table
    return known[source]


def _kebab(name: str) -> str:
    return _CAMEL.sub(r"\1-\2", name).lower()


def _parent_routes(path: str, pages: str, lookup: Lookup) -> Iterable[str]:
    """`pages/a.vue` and `pages/a/b.vue` hold `pages/a/b/c.vue` (nested routes), nearest first."""
    folder = parent(path)
    while folder.startswith(pages + "/"):
        route = folder + ".vue"
        if route in lookup.files and route != path:
            yield route
        folder = parent(folder)


CONVENTION = Convention(
    "nuxt",
    wraps=wraps,
    traits=traits,
    description="Nuxt app.vue, layouts, nested routes, nuxt.config and auto-registered plugins",
)
