"""ASP.NET Core: where Razor names resolve (views, partials, layouts, view components, Blazor
components, `~/` script paths) and what wraps a page with no tag in it saying so.

MVC views and Razor Pages get their layout from the nearest `_ViewStart.cshtml` that assigns
`Layout` (a view's own `Layout = ...`, even `null`, wins), so a view is wrapped by that
`_ViewStart`, whose `Layout = "_Layout"` is an ordinary layout reference. Partials (`_Name`),
layouts, `Shared/` and view-component views are never wrapped. A routable Blazor component
(`@page`) is wrapped by the root component that holds `<head>` (`App.razor`, `_Host.cshtml`,
`wwwroot/index.html`) and by its layout: its own `@layout`, else the nearest `_Imports.razor`
with `@layout`, else the router's `DefaultLayout`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

VIEW_EXTS = (".cshtml", "")
_COMMENT = re.compile(r"@\*.*?\*@", re.DOTALL)
_LAYOUT = re.compile(r"(?<![\w.])Layout\s*=(?!=)|^[ \t]*@layout[ \t]", re.MULTILINE)
_PAGE = re.compile(r"^[ \t]*@page\b", re.MULTILINE)
_RENDER_BODY = re.compile(r"@RenderBody\s*\(|^[ \t]*@Body\b", re.MULTILINE)
_DEFAULT_LAYOUT = re.compile(r"""\bDefaultLayout\s*=\s*["']@?typeof\((?:[\w.]*\.)?(\w+)\)""")
_HEAD = re.compile(r"<head[\s>]", re.IGNORECASE)


# --- resolvers -----------------------------------------------------------------------------------


def view(lookup: Lookup, node: Node, name: str) -> str | None:
    """A partial or layout name: `~/Views/Shared/_X.cshtml` from the app root, `../Other/_X`
    relative to the file, `_X` searched like ASP.NET's view locations (the file's folder and
    each folder above it, with their `Shared/`, then `Views/Shared` and `Pages/Shared`)."""
    name = name.strip()
    if name.startswith(("~/", "/")):
        rel = name[2:] if name.startswith("~/") else name[1:]
        return lookup.find(rel, node.path, lookup.ancestors_dirs(node.path), VIEW_EXTS)
    if "/" in name:
        local = name if name.startswith(("./", "../")) else "./" + name
        found = lookup.find_exact(local, node.path, [], VIEW_EXTS)
        if found:
            return found
    return lookup.find(name, node.path, _view_dirs(lookup, node.path), VIEW_EXTS)


def _view_dirs(lookup: Lookup, source: str) -> list[str]:
    dirs = []
    for directory in lookup.ancestors_dirs(source):
        dirs += [directory, posixpath.join(directory, "Shared")]
    dirs += lookup.under_ancestors(source, "Views/Shared", "Pages/Shared")
    return list(dict.fromkeys(dirs))


def view_component(lookup: Lookup, node: Node, name: str) -> str | None:
    """`Component.InvokeAsync("Analytics")`, `<vc:analytics>` -> the component's default view,
    `Components/Analytics/Default.cshtml` in the view's folder or a `Shared/` above it."""
    dirs = [posixpath.join(d, "Components") for d in _view_dirs(lookup, node.path)]
    return lookup.find(f"{name}/Default", node.path, dirs, VIEW_EXTS)


def component(lookup: Lookup, node: Node, name: str) -> str | None:
    """A Blazor component by class name (`<AnalyticsScripts />`, `@layout MainLayout`,
    `typeof(Layout.MainLayout)`): its `.razor` file, nearest to the file that uses it."""
    base = name.rsplit(".", 1)[-1]
    return lookup.find(base, node.path, lookup.ancestors_dirs(node.path), (".razor",))


def script(lookup: Lookup, node: Node, name: str) -> str | None:
    """`<script src="~/js/site.js">`: `~/` is the app's `wwwroot/`."""
    if not name.startswith("~/"):
        return None
    return lookup.find(name[2:], node.path, lookup.under_ancestors(node.path, "wwwroot"))


# --- facts about files ---------------------------------------------------------------------------


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if not path.endswith((".cshtml", ".razor")):
        return
    if "@*" in text:
        text = _COMMENT.sub("", text)
    if "Layout" in text or "@layout" in text:
        if _LAYOUT.search(text):
            yield "razor-layout", "set"
        default = _DEFAULT_LAYOUT.search(text)
        if default:
            yield "default-layout", default.group(1)
    if "@page" in text and _PAGE.search(text):
        yield "razor-page", "routable"
    if ("RenderBody" in text or "@Body" in text) and _RENDER_BODY.search(text):
        yield "razor-layout-file", "renders body"
    if "<head" in text.lower() and _HEAD.search(text):
        yield "html-head", "root"


# --- implicit wrapping ---------------------------------------------------------------------------


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    if node.path.endswith(".cshtml") and _is_view(node):
        view_start = _nearest(node.path, nodes, ("_ViewStart.cshtml",), "razor-layout")
        if view_start:
            yield view_start, "viewstart"
    elif node.path.endswith(".razor") and node.trait("razor-page"):
        yield from _blazor_wrappers(node, lookup, nodes)


def _is_view(node: Node) -> bool:
    """A view or page that _ViewStart applies to (not a partial, layout or component view)."""
    parts = node.path.split("/")
    if parts[-1].startswith("_") or node.trait("razor-layout") or node.trait("razor-layout-file"):
        return False
    folders = parts[:-1]
    if "Shared" in folders or "Components" in folders:
        return False
    if "Pages" in folders or node.trait("razor-page"):
        return node.trait("razor-page") is not None
    return "Views" in folders


def _nearest(
    path: str, nodes: Mapping[str, Node], names: tuple[str, ...], trait: str
) -> str | None:
    """The nearest file above `path` named one of `names` whose node has `trait`."""
    for candidate in _above(path, names):
        found = nodes.get(candidate)
        if found is not None and found.trait(trait):
            return candidate
    return None


def _above(path: str, names: tuple[str, ...]) -> Iterator[str]:
    for directory in Lookup.ancestors_dirs(path):
        for name in names:
            yield posixpath.join(directory, name)


def _blazor_wrappers(
    node: Node, lookup: Lookup, nodes: Mapping[str, Node]
) -> Iterator[tuple[str, str]]:
    if not node.trait("razor-layout"):
        imports = _nearest(node.path, nodes, ("_Imports.razor",), "razor-layout")
        if imports:
            yield imports, "imports"
        else:
            layout = _default_layout(node, lookup, nodes)
            if layout:
                yield layout, "layout"
    host = _host(node.path, lookup, nodes)
    if host:
        yield host, "host"


_ROUTERS = ("Routes.razor", "App.razor", "Components/Routes.razor", "Components/App.razor")
_HOSTS = ("App.razor", "Components/App.razor", "Pages/_Host.cshtml", "wwwroot/index.html")


def _default_layout(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> str | None:
    """The `DefaultLayout` of the nearest router (`<RouteView DefaultLayout="...">`)."""
    router = _nearest(node.path, nodes, _ROUTERS, "default-layout")
    if router is None:
        return None
    return component(lookup, nodes[router], nodes[router].trait("default-layout") or "")


def _host(path: str, lookup: Lookup, nodes: Mapping[str, Node]) -> str | None:
    """The file that renders `<html><head>` around every routable component."""
    for candidate in _above(path, _HOSTS):
        found = nodes.get(candidate)
        if found is None or candidate == path:
            continue
        if not candidate.endswith(".razor") or found.trait("html-head"):
            return candidate
    return None


CONVENTION = Convention(
    "aspnet",
    resolvers=(
        ("aspnet-view", view),
        ("aspnet-component", view_component),
        ("blazor", component),
        ("script", script),
    ),
    wraps=wraps,
    traits=traits,
    description="ASP.NET MVC, Razor Pages and Blazor: view locations, _ViewStart, layouts",
)
