"""Adobe Experience Manager projects (the Maven archetype's `ui.apps` module): HTL component
scripts under `jcr_root/apps/`, component definitions and client libraries.

- Names: an HTL path is relative to the including script, or absolute from `/apps`; a resource
  type (`clinic/components/analytics`) is the component folder under any `jcr_root/apps/`, rendered
  by its `<name>.html` (or, when it has none, inherited: its `.content.xml` stands for it).
- Wrapping: a component inherits every script of its `sling:resourceSuperType` that it does not
  override (Sling script resolution), so a `portal-page` whose super type is the project's `page`
  renders that page's `customheaderlibs.html`: an edge from each of the component's scripts.
- Client libraries: `data-sly-call="${clientlib.js @ categories='clinic.site'}"` loads the
  JavaScript of every `cq:ClientLibraryFolder` with that category, and of the categories it
  embeds (listed in `js.txt`, or every `.js` file in the folder); a proxied script URL
  (`/etc.clientlibs/clinic/clientlibs/site.min.js`) names the library's definition, which leads
  to the same scripts.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from weakref import WeakKeyDictionary

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_SUPERTYPE = re.compile(r"""\bsling:resourceSuperType\s*=\s*"([^"]+)\"""")
_CLIENTLIB = re.compile(r"""\bjcr:primaryType\s*=\s*"cq:ClientLibraryFolder\"""")
_LIST_PROPERTY = re.compile(r"""\b(categories|embed)\s*=\s*"(?:\{String\})?\[?([^"\]]*)\]?\"""")
_CALL = re.compile(
    r"""data-sly-call\s*=\s*["']\s*\$\{\s*\w+\.(?:js|all)\s*@[^}"']*?\bcategories\s*=\s*"""
    r"""(?:'([^']*)'|"([^"]*)"|\[([^\]]*)\])"""
)
_ITEM = re.compile(r"[\w.:-]+")


def _in_apps(path: str) -> bool:
    return "jcr_root/apps/" in path or path.startswith("apps/")


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    """Facts AEM files state about themselves: a component's super type, a client library's
    categories and embeds, a `js.txt` file list, the categories a script loads."""
    name = path.rsplit("/", 1)[-1]
    if name == ".content.xml":
        supertype = _SUPERTYPE.search(text)
        if supertype:
            yield "supertype", supertype.group(1).strip()
        if _CLIENTLIB.search(text):
            for match in _LIST_PROPERTY.finditer(text):
                for item in _ITEM.findall(match.group(2)):
                    yield ("category" if match.group(1) == "categories" else "embed"), item
    elif name == "js.txt":
        yield from _js_txt(text)
    elif name.endswith(".html") and "categories" in text:
        for match in _CALL.finditer(text):
            listed = next(group for group in match.groups() if group is not None)
            for item in _ITEM.findall(listed):
                yield "loads-clientlib", item


def _js_txt(text: str) -> Iterable[tuple[str, str]]:
    """`#base=js` then one file per line; '//' and '#' lines are comments."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#base="):
            yield "js-base", line[6:].strip()
        elif line and not line.startswith(("#", "//")):
            yield "js", line


# --- names -------------------------------------------------------------------------------------------
_ROOTS: WeakKeyDictionary[Lookup, tuple[str, ...]] = WeakKeyDictionary()
_FILES: WeakKeyDictionary[Lookup, dict[str, list[str]]] = WeakKeyDictionary()


def _apps_roots(lookup: Lookup) -> tuple[str, ...]:
    if lookup not in _ROOTS:
        _ROOTS[lookup] = _find_apps_roots(lookup)
    return _ROOTS[lookup]


def _find_apps_roots(lookup: Lookup) -> tuple[str, ...]:
    """Every `jcr_root/apps` (or top-level `apps`) folder of the project, once per run."""
    return tuple(sorted(d for d in lookup.dirs if d == "apps" or d.endswith("jcr_root/apps")))


def _roots_for(lookup: Lookup, source: str) -> list[str]:
    """The apps roots, the one holding `source` first."""
    roots = list(_apps_roots(lookup))
    return sorted(roots, key=lambda r: not source.startswith(r + "/"))


def script(lookup: Lookup, node: Node, name: str) -> str | None:
    """`data-sly-include` / `data-sly-use` paths: beside the script, or from `/apps`."""
    name = name.strip()
    if name.startswith("/"):
        rel = name.lstrip("/")
        rel = rel[5:] if rel.startswith("apps/") else rel
        return lookup.find_exact(rel, node.path, _roots_for(lookup, node.path))
    local = name if name.startswith(".") else "./" + name
    found = lookup.find_exact(local, node.path, [])
    return found or lookup.find_exact(name, node.path, _roots_for(lookup, node.path))


def component_folder(lookup: Lookup, source: str, resource_type: str) -> str | None:
    rel = resource_type.strip().strip("/")
    rel = rel[5:] if rel.startswith("apps/") else rel
    for root in _roots_for(lookup, source):
        folder = f"{root}/{rel}"
        if folder in lookup.dirs:
            return folder
    return None


def resource(lookup: Lookup, node: Node, name: str) -> str | None:
    """`resourceType='clinic/components/analytics'` -> `.../analytics/analytics.html`."""
    folder = component_folder(lookup, node.path, name)
    if folder is None:
        return None
    for candidate in (f"{folder}/{posixpath.basename(folder)}.html", f"{folder}/.content.xml"):
        if candidate in lookup.files:
            return candidate
    return None


_PROXY = "/etc.clientlibs/"


def proxied_clientlib(lookup: Lookup, node: Node, name: str) -> str | None:
    """`<script src="/etc.clientlibs/clinic/clientlibs/clientlib-site.min.js">`: a client library
    served through the proxy stands for `/apps/clinic/clientlibs/clientlib-site`, whose
    definition (`.content.xml`) leads to its scripts."""
    if not name.startswith(_PROXY):
        return None
    rel = re.sub(r"(?:\.min)?\.js$", "", name[len(_PROXY) :])
    folder = component_folder(lookup, node.path, rel)
    definition = f"{folder}/.content.xml" if folder else None
    return definition if definition in lookup.files else None


# --- wrapping ----------------------------------------------------------------------------------------
def _files_by_dir(lookup: Lookup) -> dict[str, list[str]]:
    """Files of each folder under an apps root, once per run."""
    if lookup not in _FILES:
        _FILES[lookup] = _index_files(lookup)
    return _FILES[lookup]


def _index_files(lookup: Lookup) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for path in sorted(lookup.files):
        if _in_apps(path):
            table.setdefault(posixpath.dirname(path), []).append(path)
    return table


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    path = node.path
    if not _in_apps(path) or not path.endswith((".html", "/.content.xml")):
        return
    yield from _inherited(path, lookup, nodes)
    categories = node.traits_of("loads-clientlib") or node.traits_of("category")
    if categories:
        for script_path in _clientlib_scripts(categories, lookup, nodes):
            yield script_path, "clientlib"


def _inherited(path: str, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    """Scripts of the super type that this component does not override."""
    folder = posixpath.dirname(path)
    definition = nodes.get(f"{folder}/.content.xml")
    supertype = definition.trait("supertype") if definition else None
    if not supertype:
        return
    parent = component_folder(lookup, path, supertype)
    if parent is None or parent == folder:
        return
    files = _files_by_dir(lookup)
    own = {posixpath.basename(p) for p in files.get(folder, ())}
    for candidate in files.get(parent, ()):
        base = posixpath.basename(candidate)
        if base.endswith(".html") and base not in own:
            yield candidate, "supertype"


def _clientlib_scripts(
    categories: list[str], lookup: Lookup, nodes: Mapping[str, Node]
) -> list[str]:
    """JavaScript files of the client libraries in `categories`, embeds followed."""
    index = _clientlibs(nodes)
    seen: set[str] = set()
    queue = list(categories)
    scripts: list[str] = []
    while queue:
        category = queue.pop(0)
        if category in seen:
            continue
        seen.add(category)
        for folder in index.get(category, ()):
            definition = nodes[f"{folder}/.content.xml"]
            queue.extend(definition.traits_of("embed"))
            scripts.extend(_folder_scripts(folder, lookup, nodes))
    return list(dict.fromkeys(scripts))


_INDEX: list[tuple[Mapping[str, Node], dict[str, list[str]]]] = []


def _clientlibs(nodes: Mapping[str, Node]) -> dict[str, list[str]]:
    """Category -> client library folders; built once per set of nodes."""
    if _INDEX and _INDEX[0][0] is nodes:
        return _INDEX[0][1]
    index: dict[str, list[str]] = {}
    for path, node in sorted(nodes.items()):
        if path.endswith("/.content.xml"):
            for category in node.traits_of("category"):
                index.setdefault(category, []).append(posixpath.dirname(path))
    _INDEX[:] = [(nodes, index)]
    return index


def _folder_scripts(folder: str, lookup: Lookup, nodes: Mapping[str, Node]) -> list[str]:
    listing = nodes.get(f"{folder}/js.txt")
    if listing is not None:
        base = listing.trait("js-base") or ""
        named = [
            posixpath.normpath(posixpath.join(folder, base, f)) for f in listing.traits_of("js")
        ]
        return [p for p in named if p in lookup.files]
    prefix = folder + "/"
    return sorted(p for p in lookup.files if p.startswith(prefix) and p.endswith(".js"))


CONVENTION = Convention(
    "aem",
    resolvers=(("htl", script), ("htl-resource", resource), ("script", proxied_clientlib)),
    wraps=wraps,
    traits=traits,
    trait_hints=("categories",),
    trait_paths=r"(?:^|/)(?:\.content\.xml|js\.txt)$",
    data_files=r"(?:^|/)jcr_root/apps/(?:[^/]+/)+(?:\.content\.xml|js\.txt)$",
    description="AEM: HTL paths, resource types, super types, client libraries",
)
