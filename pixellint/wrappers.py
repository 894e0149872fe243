"""Calls of first-party tracker wrappers across modules.

Sites seldom call a tracker where they use it: `lib/analytics.ts` exports `trackGoal(name)` that
calls `plausible(name)`, or a shared `posthog` instance, and fifty components import and call it.
Each of those calls sends data to the vendor, so each is a sighting of the tracker the wrapper
forwards to. Per-file facts say which names a module exports that forward to a tracker
(`FileFacts.exports`); the graph says which files import that module (`import` edges, with the
specifier on the importer's reference); this pass reads those importers, binds the imported
names (pixellint.jsbind, as for SDK packages) and locates every call. A wrapper of a wrapper is
followed the same way, a few levels deep.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from pixellint import js, jsbind
from pixellint.detect import PII_KEYS
from pixellint.document import Document, language_of, prepare
from pixellint.facts import FileFacts
from pixellint.graph import Graph
from pixellint.languages.base import Kind
from pixellint.model import Location, Sighting
from pixellint.source import UnreadableFile, decode

MAX_DEPTH = 3  # wrapper of a wrapper of a wrapper
_IMPORT_KINDS = ("import", "dynamic-import")
_NO_URLS = js.Interest(frozenset(), frozenset(), lambda _: False)


def follow(
    facts: dict[str, FileFacts], graph: Graph, read: Callable[[str], bytes | None]
) -> dict[str, FileFacts]:
    """`facts` with the sightings of wrapper calls added to the importers' facts."""
    wrapped = {path: dict(f.exports) for path, f in facts.items() if f.exports}
    done: set[tuple[str, str]] = set()  # (importer, wrapper module)
    result = dict(facts)
    for _ in range(MAX_DEPTH):
        added: dict[str, dict[str, str]] = {}
        for importer, modules in _importers(wrapped, graph, result).items():
            todo = {spec: path for spec, path in modules.items() if (importer, path) not in done}
            if not todo or result[importer].sightings is None:
                continue
            done.update((importer, path) for path in todo.values())
            data = read(importer)
            if data is None:
                continue
            found, exports = _calls(importer, data, todo, wrapped)
            if found:
                fact = result[importer]
                merged = tuple(sorted({*(fact.sightings or ()), *found}))
                result[importer] = replace(fact, sightings=merged)
            if exports:
                added.setdefault(importer, {}).update(exports)
        if not added:
            break
        for path, exports in added.items():
            wrapped.setdefault(path, {}).update(exports)
    return result


def _importers(
    wrapped: Mapping[str, Mapping[str, str]], graph: Graph, facts: Mapping[str, FileFacts]
) -> dict[str, dict[str, str]]:
    """importer -> {specifier as written: wrapper module} for every import edge into a wrapper."""
    found: dict[str, dict[str, str]] = {}
    for module in wrapped:
        for edge in graph.reverse.get(module, ()):
            if edge.kind not in _IMPORT_KINDS:
                continue
            node = facts[edge.source].node if edge.source in facts else None
            if node is None:
                continue
            for ref in node.references:
                if ref.location == edge.location and ref.kind == edge.kind:
                    found.setdefault(edge.source, {})[ref.name] = module
    return found


def _calls(
    path: str,
    data: bytes,
    modules: Mapping[str, str],
    wrapped: Mapping[str, Mapping[str, str]],
) -> tuple[list[Sighting], dict[str, str]]:
    """Sightings of the calls in `path` of names imported from wrapper modules, and the names
    `path` itself exports that make those calls (it wraps the wrapper)."""
    doc = _document(path, data)
    if doc is None or doc.kind is not Kind.SCRIPT:
        return [], {}
    interest = replace(_NO_URLS, packages=frozenset(modules))
    result = js.analyse(doc.masked, interest, doc.language.grammar)
    exported: dict[int, list[str]] = {}
    for start, name in result.exported:
        exported.setdefault(start, []).append(name)
    sightings: list[Sighting] = []
    exports: dict[str, str] = {}
    for hit in result.hits:
        if hit.kind != "sdk" or hit.label.startswith("<"):
            continue  # a rendered component is an include (the import edge), not a call
        module = modules[hit.value]
        name, method = _imported_name(hit)
        tracker = wrapped[module].get(name)
        if tracker is None:
            continue
        sightings.append(_sighting(doc, hit, tracker, module, method))
        exports.update((exported_name, tracker) for exported_name in exported.get(hit.unit, ()))
    for name, specifier, export in result.handed_on:  # export { trackGoal } from './analytics'
        tracker = wrapped[modules[specifier]].get(export) if specifier in modules else None
        if tracker is not None:
            exports[name] = tracker
    return sightings, exports


def _imported_name(hit: js.JsHit) -> tuple[str, str]:
    """Which export of the wrapper module a call uses: `ga(...)` (named), `analytics.track(...)`
    (a default or named instance), `helpers.ga(...)` (a namespace import)."""
    if hit.export == jsbind.NAMESPACE:
        name, _, rest = hit.method.partition(".")
        return name, rest
    return hit.export, hit.method


def _sighting(doc: Document, hit: js.JsHit, tracker: str, module: str, method: str) -> Sighting:
    line, column = doc.lines.position(hit.start)
    end_line, end_column = doc.lines.position(max(hit.end, hit.start + 1))
    first = doc.source[hit.start : hit.end].splitlines()[0].strip() if hit.end > hit.start else ""
    arg0 = f"('{hit.arg0}')" if hit.arg0 and hit.arg0.strip("_") else "()"
    return Sighting(
        location=Location(doc.path, line, column, end_line, end_column),
        tracker=tracker,
        how="js-file",
        evidence=first[:100],
        detail=f"{hit.label}{arg0} calls {tracker} through {module}",
        identity=_identity(hit),
        anchor_line=line,
    )


def _identity(hit: js.JsHit) -> str:
    shared = sorted(PII_KEYS & hit.keys)
    return f"identifying fields {', '.join(shared)}" if shared else ""


def _document(path: str, data: bytes) -> Document | None:
    language = language_of(path)
    if language is None:
        return None
    try:
        text = decode(data).text
    except UnreadableFile:
        return None
    return prepare(path, text, language)
