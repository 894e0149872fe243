"""Phoenix: the root layout wraps the app layout, which wraps controller templates and LiveViews;
function components (`<.analytics />`, `<Layouts.app>`) are followed to the module defining them.

Layouts: `lib/<app>_web/components/layouts/` (Phoenix 1.7+) or `lib/<app>_web/templates/layout/`
(<= 1.6), whichever is nearest above the page. `root` wraps every other layout, `app` (or, for a
LiveView, the older `live`) wraps the pages: templates of `controllers/*_html/`, of `templates/<x>/`
and of `live/`, and LiveView modules (`use ..., :live_view`). A LiveView module without its own
`render/1` renders the template beside it, which is then part of that page.

Components: `.ex` modules note the modules they define, their `def name(assigns)` components and
`embed_templates` patterns; templates and sigils note the components they call. A local call
`<.name>` means the calling module's own component (the module embedding the template), else
the nearest module defining `name`; a remote call `<Alias.name>` means a module whose name ends
with `Alias`. The graph is made of files, so a call reaches every tracker of the module file it
resolves to; a call to an inert component (one that renders no script, image, frame or link
element, handler, raw HTML or URL, and calls none that might) is therefore no edge, or every
page using `<.button>` would reach the pixel component beside it in core_components.ex.
"""

from __future__ import annotations

import bisect
import functools
import posixpath
import re
from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase

from pixellint.conventions.base import Convention
from pixellint.languages import elixir, heex
from pixellint.lookup import Lookup, distance
from pixellint.nodes import Node

TEMPLATE_EXTS = (".html.heex", ".heex", ".html.leex", ".leex", ".html.eex", ".eex")
_LAYOUT_DIRS = ("components/layouts", "templates/layout")
_LANGUAGES = ("heex", "elixir")

_DEFMODULE = re.compile(r"\bdefmodule\s+([A-Z][\w.]*)")
_DEF = re.compile(r"\b(defp?)\s+([a-z_]\w*[?!]?)\s*\(([^()\n]*)\)")
_EMBED = re.compile(r"""\bembed_templates\s*\(?\s*"([^"\n]+)\"""")
_ONE_LINER = re.compile(r",\s*do:")
_LIVE_CALLBACK = re.compile(r"\bdef\s+(?:mount|render|handle_params|handle_event|update)\b")
_ACTIVE = re.compile(
    r"<(?:script|img|iframe|noscript|amp-pixel|link|embed|object)\b|\bon[a-z]{3,}\s*=|\braw\(|://",
    re.IGNORECASE,
)
# Phoenix.Component's own function components: never a file of the project
_BUILTIN = frozenset(
    {"link", "live_title", "form", "inputs_for", "focus_wrap", "dynamic_tag", "live_component",
     "live_file_input", "live_img_preview", "async_result", "intersperse", "portal"}
)  # fmt: skip
_USE_LIVE = re.compile(
    r"\buse\s+(?:[A-Z][\w.]*\s*,\s*:live_(view|component)\b|Phoenix\.Live(View|Component)\b)"
)


# --- traits -----------------------------------------------------------------------------------
def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    """Definitions of `.ex` modules and the component calls of templates and sigils."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".ex"):
        yield from _module_traits(text)
        calls = [
            c for s, e in elixir.template_ranges(text) for c in heex.component_calls(text, s, e)
        ]
        yield from dict.fromkeys(calls)
    elif name.endswith((".heex", ".leex", ".eex")):
        yield from dict.fromkeys(heex.component_calls(text))


def _module_traits(text: str) -> Iterable[tuple[str, str]]:
    """What an Elixir module defines, read from its code (never from docs, strings or sigils)."""
    code = elixir.code_ranges(text)
    starts = [start for start, _ in code]

    def in_code(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < code[index][1]

    for match in _DEFMODULE.finditer(text):
        if in_code(match.start()):
            yield "module", match.group(1)
    defs = [m for m in _DEF.finditer(text) if in_code(m.start())] if "def" in text else []
    components = [m for m in defs if _takes_assigns(m.group(3))]
    for match in components:
        yield ("defines" if match.group(1) == "def" else "defines-private"), match.group(2)
    for name in sorted(_inert(text, defs, {m.group(2) for m in components})):
        yield "inert", name
    for match in _EMBED.finditer(text):
        if in_code(match.start()):
            yield "embeds", match.group(1)
    for match in _USE_LIVE.finditer(text):
        # `use MyAppWeb, :live_view` is a LiveView; a bare `use Phoenix.LiveView` also sits in
        # the web module's `quote` blocks, so there it takes a callback to count
        if in_code(match.start()) and (match.group(1) or _LIVE_CALLBACK.search(text)):
            yield "live", (match.group(1) or match.group(2)).lower()
            break


def _takes_assigns(args: str) -> bool:
    args = args.strip()
    return args == "assigns" or args.endswith("= assigns")


def _inert(text: str, defs: list[re.Match[str]], components: set[str]) -> set[str]:
    """Components that render nothing able to load or run code (no script, image, frame or link
    element, no event handler, no raw HTML, no URL) and call no component that might: a call to
    one of them cannot bring a tracker, so it is no edge. The declarations before a `def`
    (`attr :src, default: "https://..."`) count for it; anything active outside the components
    (a module attribute above them, a helper function) makes none of them inert."""
    if not defs:
        return set()
    ignored = [(s, e) for s, e, kind in elixir.segments(text) if kind in ("doc", "comment")]
    marks = [m.start() for m in _ACTIVE.finditer(text) if not _inside(ignored, m.start())]
    starts = [m.start() for m in defs]
    ends = [_def_end(text, m, nxt) for m, nxt in zip(defs, [*starts[1:], len(text)], strict=True)]
    if _any_between(marks, 0, starts[0]) or _any_between(marks, max(ends), len(text)):
        return set()  # a module attribute or the like: any component may print it
    active: set[str] = set()
    for index, match in enumerate(defs):
        name = match.group(2)
        if name not in components:
            if _any_between(marks, starts[index], ends[index]):
                return set()  # a helper building markup: any component may print it
        elif _any_between(marks, ends[index - 1] if index else starts[index], ends[index]):
            active.add(name)
    calls = _calls_by_component(text, defs, starts, ends)
    changed = True
    while changed:
        changed = False
        for name, called in calls.items():
            if name not in active and any(_may_bring(c, components, active) for c in called):
                active.add(name)
                changed = True
    return components - active


def _def_end(text: str, match: re.Match[str], next_start: int) -> int:
    """Where a `def` ends: its `end` at the `def`'s indentation (as `mix format` writes it), or
    the next `def` for a `do:` one-liner or anything unusual."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    indent = text[line_start : match.start()]
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    if indent.strip() or _ONE_LINER.search(text, match.end(), line_end):
        return next_start
    found = _closing(indent).search(text, match.end(), next_start + len(indent) + 5)
    return found.end() if found else next_start


@functools.cache
def _closing(indent: str) -> re.Pattern[str]:
    return re.compile("\n" + re.escape(indent) + r"end\b")


def _calls_by_component(
    text: str, defs: list[re.Match[str]], starts: list[int], ends: list[int]
) -> dict[str, set[str]]:
    """The component calls in each component's sigils ("calls:.name", "live-module:Mod")."""
    calls: dict[str, set[str]] = {}
    for start, end in elixir.template_ranges(text):
        index = bisect.bisect_right(starts, start) - 1
        if index < 0 or start >= ends[index]:
            continue
        owner = calls.setdefault(defs[index].group(2), set())
        owner.update(f"{key}:{value}" for key, value in heex.component_calls(text, start, end))
    return calls


def _may_bring(call: str, local: set[str], active: set[str]) -> bool:
    key, _, name = call.partition(":")
    if key != "calls" or not name.startswith("."):
        return True  # another module's component, a LiveComponent: not known here
    name = name[1:]
    if name in local:
        return name in active
    return name not in _BUILTIN


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Is `offset` in one of `ranges` (sorted, disjoint)?"""
    index = bisect.bisect_right(ranges, (offset, offset)) - 1
    if index + 1 < len(ranges) and ranges[index + 1][0] == offset:
        index += 1
    return index >= 0 and ranges[index][0] <= offset < ranges[index][1]


def _any_between(marks: list[int], low: int, high: int) -> bool:
    index = bisect.bisect_left(marks, low)
    return index < len(marks) and marks[index] < high


# --- layouts ------------------------------------------------------------------------------------
def _layout(lookup: Lookup, path: str, *stems: str) -> str | None:
    """The nearest layout among `stems` (in order of preference) above `path`."""
    dirs = lookup.under_ancestors(path, *_LAYOUT_DIRS)
    return lookup.first(f"{d}/{stem}{ext}" for stem in stems for d in dirs for ext in TEMPLATE_EXTS)


def _in_layout_dir(path: str) -> bool:
    return posixpath.dirname(path).endswith(_LAYOUT_DIRS)


def _is_page_template(path: str, lookup: Lookup) -> str | None:
    """'controller' or 'live' when `path` is a template Phoenix renders as a page body."""
    parts = path.split("/")
    folders = parts[:-1]
    if "live" in folders:
        stem = parts[-1].split(".")[0]
        sibling = posixpath.join(posixpath.dirname(path), stem + ".ex")
        return None if sibling in lookup.files else "live"  # the module is the page
    if "controllers" in folders and folders and folders[-1].endswith("_html"):
        return "controller"
    if "templates" in folders[:-1]:
        return "controller"
    return None


def _layouts(node: Node, lookup: Lookup) -> Iterable[tuple[str, str]]:
    path = node.path
    if node.language == "heex" and _in_layout_dir(path):
        if path.rsplit("/", 1)[-1].split(".")[0] != "root":
            root = _layout(lookup, path, "root")
            if root:
                yield root, "root-layout"
        return
    page = _is_page_template(path, lookup) if node.language == "heex" else None
    if node.language == "elixir" and node.trait("live") == "view":
        page = "live"
    if page is None:
        return
    stems = ("live", "app") if page == "live" else ("app",)
    layout = _layout(lookup, path, *stems)
    if layout:
        yield layout, "layout"
        return
    root = _layout(lookup, path, "root")
    if root:
        yield root, "root-layout"


def _own_template(node: Node, lookup: Lookup) -> Iterable[tuple[str, str]]:
    """A LiveView or LiveComponent without `render/1` renders `<module>.html.heex` beside it."""
    if node.language != "elixir" or node.trait("live") is None:
        return
    if "render" in node.traits_of("defines") or "render" in node.traits_of("defines-private"):
        return
    stem = node.path[: -len(".ex")]
    template = lookup.first(stem + ext for ext in TEMPLATE_EXTS)
    if template:
        yield template, "template"


# --- components ---------------------------------------------------------------------------------
class _Index:
    """Where each module, component and embedded template of the project is."""

    def __init__(self, lookup: Lookup, nodes: Mapping[str, Node]) -> None:
        self.lookup = lookup
        self.modules: dict[str, list[str]] = {}
        self.functions: dict[str, set[str]] = {}  # module file -> components (def and defp)
        self.inert: dict[str, set[str]] = {}  # module file -> components that cannot bring one
        self.by_name: dict[str, list[str]] = {}  # public component -> files defining it
        self.embeds: dict[str, list[tuple[str, str]]] = {}  # module file -> (folder, stem glob)
        self.embedders: dict[str, list[tuple[str, str]]] = {}  # folder -> (module file, glob)
        by_dir: dict[str, list[str]] = {}
        for path in lookup.files:
            if path.endswith(TEMPLATE_EXTS):
                by_dir.setdefault(posixpath.dirname(path), []).append(path)
        for path, node in nodes.items():
            if node.language == "elixir":
                self._add_module(path, node, by_dir)

    def _add_module(self, path: str, node: Node, by_dir: dict[str, list[str]]) -> None:
        for module in node.traits_of("module"):
            self.modules.setdefault(module, []).append(path)
        public = node.traits_of("defines")
        self.functions[path] = {*public, *node.traits_of("defines-private")}
        self.inert[path] = set(node.traits_of("inert"))
        for name in public:
            self.by_name.setdefault(name, []).append(path)
        here = posixpath.dirname(path)
        for pattern in node.traits_of("embeds"):
            folder = posixpath.normpath(posixpath.join(here, posixpath.dirname(pattern)))
            glob = posixpath.basename(pattern)
            self.embeds.setdefault(path, []).append((folder, glob))
            self.embedders.setdefault(folder, []).append((path, glob))
            for template in by_dir.get(folder, ()):
                stem = _stem(template)
                if fnmatchcase(stem, glob):
                    self.by_name.setdefault(stem, []).append(template)

    def defined_in(self, module_file: str, name: str) -> str | None:
        """The file holding component `name` of the module in `module_file` ('' when it is
        defined there but inert: calling it brings nothing)."""
        if name in self.functions.get(module_file, ()):
            return "" if name in self.inert.get(module_file, ()) else module_file
        for folder, glob in self.embeds.get(module_file, ()):
            if not fnmatchcase(name, glob):
                continue
            for ext in TEMPLATE_EXTS:
                candidate = f"{folder}/{name}{ext}"
                if candidate in self.lookup.files:
                    return candidate
        return None

    def owners(self, path: str) -> list[str]:
        """The modules a template belongs to: the one embedding it, the Phoenix.View module of
        its folder (<= 1.6), or the LiveView beside it."""
        folder, stem = posixpath.dirname(path), _stem(path)
        found = [
            module for module, glob in self.embedders.get(folder, ()) if fnmatchcase(stem, glob)
        ]
        if "/templates/" in f"/{folder}":
            root, _, sub = folder.rpartition("templates/")
            view = f"{root}views/{sub}_view.ex"
            if view in self.lookup.files:
                found.append(view)
        sibling = f"{folder}/{stem}.ex"
        if sibling in self.lookup.files:
            found.append(sibling)
        return found

    def component(self, node: Node, call: str) -> str | None:
        """The file a component call renders: `.name` (local) or `Alias.name` (remote)."""
        module, _, name = call.rpartition(".")
        if module:
            for module_file in self.module_files(module, node.path):
                found = self.defined_in(module_file, name)
                if found is not None:
                    return found or None
            return None
        own = [node.path] if node.language == "elixir" else self.owners(node.path)
        for module_file in own:
            found = self.defined_in(module_file, name)
            if found is not None:
                return found or None
        candidates = self.by_name.get(name, ())
        if not candidates:
            return None
        nearest = min(candidates, key=lambda p: (distance(p, node.path), p))
        return None if name in self.inert.get(nearest, ()) else nearest

    def module_files(self, alias: str, near: str) -> list[str]:
        """Files defining a module named `alias` or ending with `.alias`, nearest first."""
        suffix = "." + alias
        files = {
            path
            for module, paths in self.modules.items()
            if module == alias or module.endswith(suffix)
            for path in paths
        }
        return sorted(files, key=lambda p: (distance(p, near), p))


def _stem(path: str) -> str:
    return path.rsplit("/", 1)[-1].split(".")[0]


_CACHE: list[tuple[Lookup, Mapping[str, Node], _Index]] = []


def _index(lookup: Lookup, nodes: Mapping[str, Node]) -> _Index:
    """One index per graph build (the same lookup and nodes are passed for every node)."""
    if _CACHE and _CACHE[0][0] is lookup and _CACHE[0][1] is nodes:
        return _CACHE[0][2]
    index = _Index(lookup, nodes)
    _CACHE[:] = [(lookup, nodes, index)]
    return index


def _components(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    calls = node.traits_of("calls")
    modules = node.traits_of("live-module")
    if not calls and not modules:
        return
    index = _index(lookup, nodes)
    for call in dict.fromkeys(calls):
        target = index.component(node, call)
        if target and target != node.path:
            yield target, "component"
    for module in dict.fromkeys(modules):
        files = index.module_files(module, node.path)
        if files and files[0] != node.path:
            yield files[0], "live"


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    if node.language not in _LANGUAGES:
        return
    yield from _layouts(node, lookup)
    yield from _own_template(node, lookup)
    yield from _components(node, lookup, nodes)


# --- resolvers ----------------------------------------------------------------------------------
def render(lookup: Lookup, node: Node, name: str) -> str | None:
    """`render "form.html"` beside the template; `render SharedView, "x.html"` in templates/shared."""
    view, _, file = name.rpartition(":")
    if view:
        short = view.rsplit(".", 1)[-1]
        short = short[: -len("View")] if short.endswith("View") and short != "View" else short
        folder = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", short).lower()
        dirs = lookup.under_ancestors(node.path, f"templates/{folder}")
    else:
        dirs = [posixpath.dirname(node.path)]
    return lookup.first(
        posixpath.join(d, file + ext) for d in dirs for ext in (".heex", ".leex", ".eex")
    )


def asset(lookup: Lookup, node: Node, name: str) -> str | None:
    """`~p"/assets/app.js"` (built by esbuild from assets/js/app.js), `/js/app.js` (<= 1.5)."""
    rel = name.lstrip("/")
    parts = rel.split("/")
    base = parts[-1]
    stem = base.rsplit(".", 1)[0]
    inner = "/".join(parts[1:])
    options = [f"assets/js/{base}", f"assets/js/{stem}.ts", f"assets/{rel}", f"priv/static/{rel}"]
    if inner:
        options.insert(2, f"assets/{inner}")
    return lookup.first(
        posixpath.join(d, option) if d else option
        for d in lookup.ancestors_dirs(node.path)
        for option in options
    )


CONVENTION = Convention(
    "phoenix",
    resolvers=(("phoenix-render", render), ("phoenix-asset", asset)),
    wraps=wraps,
    traits=traits,
    description="Phoenix layouts, function components, LiveViews and Phoenix.View render",
)
