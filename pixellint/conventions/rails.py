"""Rails: `render 'shared/x'` -> `_x.html.erb|haml|slim`; layouts wrap every view; a view that
calls a method of `app/helpers/**` (`<%= analytics_tag %>`, `= tracking_snippet`) uses that
helper file, whose strings may print a tracker (pixellint.languages.ruby_js), kind "helper"."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from weakref import WeakKeyDictionary

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

VIEW_EXTS = (
    ".html.erb", ".erb", ".html.haml", ".haml", ".html.slim", ".slim", ".text.erb", ".js.erb",
    ".turbo_stream.erb", "",
)  # fmt: skip
LAYOUT_EXTS = (".html.erb", ".erb", ".html.haml", ".haml", ".html.slim", ".slim")


def views_root(source: str) -> str:
    index = source.find("app/views/")
    return source[: index + len("app/views")] if index >= 0 else posixpath.dirname(source)


def render(lookup: Lookup, node: Node, name: str) -> str | None:
    folder, base = posixpath.split(name)
    views = views_root(node.path)
    if folder:
        return lookup.find(posixpath.join(folder, "_" + base), node.path, [views], VIEW_EXTS)
    return lookup.find("_" + base, node.path, [posixpath.dirname(node.path)], VIEW_EXTS)


def template(lookup: Lookup, node: Node, name: str) -> str | None:
    """`render template: "layouts/application"`: a view by its path under app/views."""
    return lookup.find(name, node.path, [views_root(node.path)], VIEW_EXTS)


# a method defined in a helper module; the names in the Ruby code of a view (`<% %>`, HAML/Slim
# `=`/`-` lines): those that are helper methods are calls of them
_DEF = re.compile(r"^[ \t]*def[ \t]+(?:self\.)?([a-z_][a-z0-9_]*[?!]?)", re.M)
_CODE = re.compile(r"<%[=-]?(.*?)%>|^[ \t]*[=-](.*)$", re.M | re.S)
_NAME = re.compile(r"(?<![\w.:@$])([a-z_][a-z0-9_]*[?!]?)(?![\w:])")
_HELPERS: WeakKeyDictionary[Lookup, tuple[object, dict[str, dict[str, str]]]] = WeakKeyDictionary()


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if "app/helpers/" in path and path.endswith(".rb"):
        for name in dict.fromkeys(_DEF.findall(text)):
            yield "rails-helper-def", name
    elif "app/views/" in path and path.endswith(VIEW_EXTS[:-1]):
        names = (
            n for m in _CODE.finditer(text) for n in _NAME.findall(m.group(1) or m.group(2) or "")
        )
        for name in dict.fromkeys(names):
            yield "rails-call", name


def _helpers(lookup: Lookup) -> dict[str, dict[str, str]]:
    """App root -> {helper method: file}, rebuilt when the lookup's traits are."""
    cached = _HELPERS.get(lookup)
    if cached is not None and cached[0] is lookup.traits:
        return cached[1]
    found: dict[str, dict[str, str]] = {}
    for path, traits_ in sorted(lookup.traits.items()):
        root = path[: path.find("app/helpers/")] if "app/helpers/" in path else None
        if root is None:
            continue
        for key, value in traits_:
            if key == "rails-helper-def":
                found.setdefault(root, {}).setdefault(value, path)
    _HELPERS[lookup] = (lookup.traits, found)
    return found


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    name = path.rsplit("/", 1)[-1]
    calls = node.traits_of("rails-call")
    if calls and "app/views/" in path:
        methods = _helpers(lookup).get(path[: path.find("app/views/")], {})
        for helper in dict.fromkeys(methods[c] for c in calls if c in methods):
            yield helper, "helper"
    if "app/views/" not in path or "/layouts/" in path or name.startswith("_"):
        return
    views = views_root(path)
    controller = posixpath.dirname(path)[len(views) + 1 :].split("/")[0]
    for layout in (f"{views}/layouts/{controller}", f"{views}/layouts/application"):
        found = lookup.first(layout + e for e in LAYOUT_EXTS)
        if found:
            yield found, "layout"
            return


CONVENTION = Convention(
    "rails",
    resolvers=(("rails", render), ("rails-template", template)),
    wraps=wraps,
    traits=traits,
    description="Rails partials, layouts and view helpers",
)
