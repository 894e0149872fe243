"""Laravel: dotted view names under `resources/views`, `<x-name>` components, Livewire views,
`namespace::view` names of modules.

A view name is a path with dots for slashes (`layouts.app` -> `layouts/app.blade.php`), relative
to a views root, never to the including file. Laravel has no implicit layout: a view names its
layout with `@extends` or wraps itself in a layout component (`<x-app-layout>`).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

VIEW_EXTS = (".blade.php", ".php")
_VIEWS = "resources/views"


def view_path(name: str) -> str:
    """`layouts.app` -> `layouts/app` (Laravel also accepts slashes)."""
    return name.strip().replace(".", "/")


@lru_cache(maxsize=1)  # one project at a time; a Lookup is hashable by identity
def _all_roots(lookup: Lookup) -> tuple[str, ...]:
    """Every `resources/views` in the project (apps in a monorepo, packages), then every `views`."""
    apps = sorted(d for d in lookup.dirs if d == _VIEWS or d.endswith("/" + _VIEWS))
    others = sorted(d for d in lookup.dirs if d.rsplit("/", 1)[-1] == "views" and d not in apps)
    return (*apps, *others)


def views_roots(lookup: Lookup, source: str) -> list[str]:
    """Where the including file's view names are looked up, nearest first: the app's own
    `resources/views` above the file, then any other views root in the project."""
    own = lookup.under_ancestors(source, _VIEWS)
    return list(dict.fromkeys([*own, *_all_roots(lookup)]))


def view(lookup: Lookup, node: Node, name: str) -> str | None:
    if "::" in name:
        return namespaced(lookup, name)
    return lookup.find(view_path(name), node.path, views_roots(lookup, node.path), VIEW_EXTS)


def namespaced(lookup: Lookup, name: str, sub: str = "") -> str | None:
    """`clinic::layouts.master` -> a module's views (nwidart/laravel-modules:
    `Modules/Clinic/Resources/views/layouts/master.blade.php`). Package views outside the project
    (`mail::`, `vendor/...`) stay unresolved."""
    namespace, _, rest = name.partition("::")
    wanted = namespace.strip().lower()
    path = posixpath.join(sub, view_path(rest))
    for module_views in _module_roots(lookup):
        module = module_views.split("/")[-3]
        if module.lower().replace("-", "") == wanted.replace("-", ""):
            found = _first(lookup, [posixpath.join(module_views, path)])
            if found:
                return found
    return None


@lru_cache(maxsize=1)  # one project at a time; a Lookup is hashable by identity
def _module_roots(lookup: Lookup) -> tuple[str, ...]:
    return tuple(
        sorted(
            d for d in lookup.dirs if d.lower().endswith("/resources/views") and d.count("/") >= 2
        )
    )


def _first(lookup: Lookup, stems: list[str]) -> str | None:
    return lookup.first(stem + ext for stem in stems for ext in VIEW_EXTS)


def component(lookup: Lookup, node: Node, name: str) -> str | None:
    """`<x-meta-pixel>` -> `components/meta-pixel.blade.php` (or `.../meta-pixel/index` and
    `.../meta-pixel/meta-pixel`, Laravel's anonymous index components); `<x-app-layout>` is
    Breeze's class component `AppLayout`, which renders `layouts/app`."""
    if "::" in name:
        return namespaced(lookup, name, "components")
    path = view_path(name)
    last = path.rsplit("/", 1)[-1]
    stems = [f"components/{path}", f"components/{path}/index", f"components/{path}/{last}"]
    if path.endswith("-layout") and "/" not in path:
        stems.append(f"layouts/{path[: -len('-layout')]}")
    for root in views_roots(lookup, node.path):
        found = _first(lookup, [posixpath.join(root, stem) for stem in stems])
        if found:
            return found
    return lookup.find(f"components/{path}", node.path, [], (".blade.php",))


def livewire(lookup: Lookup, node: Node, name: str) -> str | None:
    """`@livewire('patient-search')`, `<livewire:patient-search />` -> the component's view,
    `livewire/patient-search.blade.php` by Livewire's convention (a class may render another)."""
    roots = views_roots(lookup, node.path)
    return _first(lookup, [posixpath.join(root, "livewire", view_path(name)) for root in roots])


CONVENTION = Convention(
    "laravel",
    resolvers=(("laravel", view), ("blade-component", component), ("livewire", livewire)),
    # `php artisan vendor:publish` copies package views here for the site to edit: its own code
    own_dirs=r"(?:^|/)views/vendor$",
    description="Laravel views, Blade components, Livewire and module namespaces",
)
