"""Google Tag Manager: a page that loads container GTM-XXXX is wrapped by that container's export.

A file whose text names a GTM container id (the loader snippet's `'GTM-XXXX'`, `gtm.js?id=`,
the `ns.html?id=` iframe) is noted `gtm-id: GTM-XXXX`; a container export (GTM Admin > Export
Container) is noted `gtm-container: GTM-XXXX` with its `exportTime`. Each file with the id gets an
edge (kind `gtm-container`) to the export of the same id, so the tags inside reach the pages that
load the layout. When several exports of one container are kept (`GTM-XXXX_v6.json`,
`GTM-XXXX_v7.json`), the newest by `exportTime` is the one linked.

Which files are read as exports: JSON files named like one, since a monorepo is full of JSON
nobody should parse: a name with `GTM-` or `gtm` in it (`GTM-XXXX_workspace4.json`,
`GTM-XXXX_v7.json`, `gtm-container.json`), `*container*.json`, or any JSON in a folder named
`gtm`, `tag-manager`, `tagmanager` or `google-tag-manager`. The content decides: only a file with
`exportFormatVersion` and `containerVersion` is a container. Data only: no tracker is named here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

_GTM_ID = re.compile(r"\bGTM-[A-Z0-9]{4,12}\b")
_PUBLIC_ID = re.compile(r'"publicId"\s*:\s*"(GTM-[A-Z0-9]{4,12})"')
_EXPORT_TIME = re.compile(r'"exportTime"\s*:\s*"([^"]{0,40})"')
_NAMED_ID = re.compile(r"(?i)\bGTM-[A-Z0-9]{4,12}\b")
DATA_FILES = (
    r"(?i:(?:^|/)[^/]*(?:gtm|container)[^/]*\.json"
    r"|(?:^|/)(?:gtm|tag-?manager|google-tag-manager)/[^/]+\.json)$"
)


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if path.lower().endswith(".json"):
        yield from _export_traits(path, text)
    elif "GTM-" in text:
        for found in dict.fromkeys(_GTM_ID.findall(text)):
            yield "gtm-id", found


def _export_traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    """A container export's id (its `publicId`, else the `GTM-XXXX` its file name starts
    with, as GTM names downloads) and when it was exported."""
    if '"exportFormatVersion"' not in text or '"containerVersion"' not in text:
        return
    public = _PUBLIC_ID.search(text)
    named = _NAMED_ID.search(path.rsplit("/", 1)[-1])
    found = public.group(1) if public else named.group().upper() if named else ""
    if found:
        yield "gtm-container", found
        time = _EXPORT_TIME.search(text)
        yield "gtm-export-time", time.group(1) if time else ""


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    ids = node.traits_of("gtm-id")
    if not ids:
        return
    exports = _exports(lookup)
    for found in ids:
        for export in exports.get(found, ()):
            yield export, "gtm-container"


_CACHE: list[tuple[Lookup, dict[str, tuple[str, ...]]]] = []


def _exports(lookup: Lookup) -> dict[str, tuple[str, ...]]:
    """Container id -> the newest export(s) of it in the project, once per graph build."""
    if _CACHE and _CACHE[0][0] is lookup:
        return _CACHE[0][1]
    found: dict[str, list[tuple[str, str]]] = {}
    for path, noted in lookup.traits.items():
        values = dict(noted)
        if "gtm-container" in values:
            found.setdefault(values["gtm-container"], []).append(
                (values.get("gtm-export-time", ""), path)
            )
    newest = {
        public: tuple(sorted(p for t, p in exports if t == max(t for t, _ in exports)))
        for public, exports in found.items()
    }
    _CACHE[:] = [(lookup, newest)]
    return newest


CONVENTION = Convention(
    "gtm",
    wraps=wraps,
    traits=traits,
    trait_hints=("GTM-",),
    trait_paths=r"(?i)\.json$",
    data_files=DATA_FILES,
    description="Google Tag Manager container exports linked to the pages that load their id",
)
