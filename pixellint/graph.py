"""The template graph: which file pulls in which (extends, include, layout, partial, script src).

Knows nothing about trackers or sensitivity. Edges point from the including file to the included
one; "reaching" follows edges forward, so a page reaches its layouts and partials. The include
forms come from each file's language, the resolution of names and implicit wrapping from the
conventions (pixellint.conventions).
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from pixellint.conventions import registry as conventions
from pixellint.conventions.server import SERVER
from pixellint.document import Document
from pixellint.languages.base import Kind
from pixellint.lazyre import lazy
from pixellint.lookup import Lookup
from pixellint.model import Location
from pixellint.nodes import Node, Reference

_SCRIPT_SRC = lazy(r"<script\b[^>]*?\bsrc\s*=\s*([\"'])(.*?)\1", re.I | re.S)
_SCRIPT_TAG = lazy(r"<[sS][cC][rR][iI][pP][tT]\b")
_HTML_COMMENT = lazy(r"<!--.*?(?:-->|\Z)", re.S)  # an unclosed comment runs to the end
_QUOTED_JS = lazy(r"""["']([^"'\s]+\.m?js)(?:\?[^"']*)?["']""")
_JS_FILE = lazy(r"\.(?:m?js|jsx|tsx?|mts)(\?|#|$)")
_NO_LAYOUT = ("none", "null", "false", "''", '""')


@dataclass(frozen=True, slots=True, order=True)
class Edge:
    source: str
    target: str
    kind: str
    location: Location  # where the construct sits in `source` (1:1 when implicit: a Rails layout)


@dataclass(frozen=True, slots=True, order=True)
class Unresolved:
    source: str
    name: str
    location: Location
    reason: str
    target: str = ""  # the file the name resolved to when that file could not be used


def node_of(doc: Document) -> Node:
    traits = conventions.traits(doc.path, doc.text)
    return Node(
        path=doc.path,
        kind=str(doc.kind),
        language=doc.language.name,
        front_matter=tuple(sorted(doc.front_matter.items())),
        references=tuple(_references(doc)),
        traits=traits,
    )


@dataclass
class Graph:
    edges: dict[str, list[Edge]] = field(default_factory=dict)
    reverse: dict[str, list[Edge]] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)

    def add(self, edge: Edge) -> None:
        if edge.source == edge.target:
            return
        if any(e.target == edge.target for e in self.edges.get(edge.source, ())):
            return
        self.edges.setdefault(edge.source, []).append(edge)
        self.reverse.setdefault(edge.target, []).append(edge)

    def reach(self, start: str) -> dict[str, tuple[Edge, ...]]:
        """Every file reachable from `start`, with the shortest chain of edges to it."""
        chains: dict[str, tuple[Edge, ...]] = {start: ()}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for edge in self.edges.get(node, ()):
                if edge.target not in chains:
                    chains[edge.target] = (*chains[node], edge)
                    queue.append(edge.target)
        return chains

    def ancestors(self, nodes: Iterable[str]) -> set[str]:
        """Every file that reaches any of `nodes` (the nodes included)."""
        seen = set(nodes)
        queue = deque(seen)
        while queue:
            for edge in self.reverse.get(queue.popleft(), ()):
                if edge.source not in seen:
                    seen.add(edge.source)
                    queue.append(edge.source)
        return seen

    def is_included(self, path: str) -> bool:
        return bool(self.reverse.get(path))


def build(
    nodes: Mapping[str, Node], lookup: Lookup, unusable: Mapping[str, str] | None = None
) -> Graph:
    """Edges between `nodes`. A name that resolves to a file in `unusable` (known but not
    analysable: too large, unreadable, excluded) is unresolved with that file's reason; a name
    the walked files cannot answer is looked for on disk (`Lookup.probing`), so the caller sees
    an edge to a file it has not analysed yet and can scan it or say why not."""
    graph = Graph()
    unusable = unusable or {}
    lookup.traits = {path: node.traits for path, node in nodes.items() if node.traits}

    def link(path: str, target: str, kind: str, where: Location, name: str) -> None:
        if SERVER in lookup.traits.get(target, ()):
            return  # the bundler keeps a server-only module out of the page that imports it
        if target in unusable:
            graph.unresolved.append(Unresolved(path, name, where, unusable[target], target))
        elif target != path:
            graph.add(Edge(path, target, kind, where))

    for path, node in nodes.items():
        for ref in node.references:
            if ref.how == "glob":  # a computed name: every file it can be counts
                targets = lookup.glob(ref.name)
                for candidate in targets:
                    link(path, candidate, ref.kind, ref.location, ref.name)
                if not targets:
                    graph.unresolved.append(
                        Unresolved(path, ref.name, ref.location, "dynamic name")
                    )
                continue
            target = _resolve(lookup, node, ref)
            if target is None and ref.name.startswith("_internal/"):
                continue  # Hugo's embedded templates (google_analytics is detected as a tracker)
            if target is None and ref.how == "esm" and is_package(ref.name):
                continue  # `import React from 'react'`: a package, not a file of the project
            if target is None:
                reason = _why_unresolved(lookup, ref, path)
                graph.unresolved.append(Unresolved(path, ref.name, ref.location, reason))
            else:
                link(path, target, ref.kind, ref.location, ref.name)
        for target, kind in conventions.wrapping(node, lookup, nodes):
            link(path, target, kind, Location(path, 1, 1, 1, 1), target)
    return graph


_ALIAS = ("./", "../", "/", "@/", "~/", "~~/", "@@/", "#", "$lib/", "@site/")


def is_package(specifier: str) -> bool:
    """A bare ES module specifier that names a package (`react`, `@next/third-parties/google`),
    not a relative path or one of the usual project aliases."""
    return not specifier.startswith(_ALIAS)


def _resolve(lookup: Lookup, node: Node, ref: Reference) -> str | None:
    if ref.how == "dynamic":
        return None
    found = conventions.resolve(lookup, node, ref.name, ref.how)
    bare = ref.how in ("esm", "mdx-import") and is_package(ref.name)
    if found is None and lookup.on_disk is not None and not bare:
        # a bare specifier names a package, or a file the walk already knows (a workspace
        # package, a tsconfig path): probing the disk for `react` in every folder finds nothing
        with lookup.probing():
            found = conventions.resolve(lookup, node, ref.name, ref.how)
    return found


def _why_unresolved(lookup: Lookup, ref: Reference, source: str) -> str:
    if ref.how == "dynamic" or _looks_dynamic(ref.name):
        return "dynamic name"
    if lookup.escapes(ref.name, source):
        return "outside the scanned project"
    return "no such file in the project"


def _looks_dynamic(name: str) -> bool:
    name = name.strip()
    if not re.fullmatch(r"[\w./@-]+", name):
        return True
    return "." not in name and "/" not in name and "_" in name


def _references(doc: Document) -> Iterable[Reference]:
    """Each explicit include-like construct: the language's include forms (in the file's own
    text) and first-party `<script src>` (in the HTML the file stands for)."""
    comments = doc.template_comments
    starts = [start for start, _ in comments]

    def live(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index < 0 or not comments[index][0] <= offset < comments[index][1]

    text = doc.text
    # a template may mask what only looks like a comment (Thymeleaf's <!--/*/ ... /*/--> renders)
    html_comments = _HtmlComments(doc.masked if doc.language.reader is None else text)
    for include in doc.language.includes:
        if include.hint not in text:
            continue
        for match in include.regex.finditer(text):
            # an include inside an HTML comment renders into the comment: inert
            at = match.start()
            if live(at) and at not in html_comments and not doc.in_code_block(at):
                where = _locate(doc, match.start(), original=True)
                for name, kind, how in include.references(match):
                    yield Reference(name, kind, how, where)
    layout = doc.front_matter.get("layout")
    if layout and layout not in _NO_LAYOUT:
        yield Reference(layout, "layout", "front-matter-layout", _locate(doc, 0, original=True))
    if doc.kind is Kind.SCRIPT:
        return
    yield from _script_sources(doc, live)


def _script_sources(doc: Document, live: Callable[[int], bool]) -> Iterable[Reference]:
    """`<script src>` to first-party files. Candidates come from a case-sensitive scan for the
    tag name's letters (C speed); the full pattern is tried only there."""
    source = doc.source
    html_comments = _HtmlComments(doc.masked)
    for candidate in _SCRIPT_TAG.finditer(source):
        match = _SCRIPT_SRC.match(source, candidate.start())
        if match is None or match.start() in html_comments:
            continue
        if doc.language.reader is None and not live(match.start()):
            continue
        src = match.group(2).strip()
        masked = doc.masked[match.start(2) : match.end(2)]
        if masked != match.group(2) or "{" in src or "<" in src:
            src = _literal_script(src, masked)  # a template value: only a literal .js counts
            if src is None:
                continue
        if src.startswith(("http:", "https:", "//", "data:")) or not _JS_FILE.search(src):
            continue
        name = src.split("?")[0].split("#")[0]
        yield Reference(name, "script-src", "script", _locate(doc, match.start(), original=False))


def _literal_script(value: str, masked: str) -> str | None:
    """The .js file a templated src names: a quoted path inside the expression
    (`url_for('/js/app.js')`), or the literal text before the first template value
    (`/js/main.js?v=` + hash)."""
    quoted = _QUOTED_JS.search(value)
    if quoted:
        return quoted.group(1)
    prefix = next(
        (i for i, (a, b) in enumerate(zip(value, masked, strict=False)) if a != b),
        min(len(value), len(masked)),
    )
    literal = value[:prefix].strip()
    return (
        literal if "{" not in literal and "<" not in literal and _JS_FILE.search(literal) else None
    )


def _locate(doc: Document, offset: int, *, original: bool) -> Location:
    line, column = (doc.text_lines if original else doc.lines).position(offset)
    return Location(doc.path, line, column, line, column + 1)


class _HtmlComments:
    """Where `<!-- -->` comments are, found in one pass on first use (a backwards search per
    construct would be quadratic on a file full of includes)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def __contains__(self, offset: int) -> bool:
        if self._starts is None:
            spans = [m.span() for m in _HTML_COMMENT.finditer(self.text)]  # one C-level pass
            self._starts = [start for start, _ in spans]
            self._ends = [end for _, end in spans]
        index = bisect.bisect_left(self._starts, offset) - 1  # a comment opening here is
        return index >= 0 and offset < self._ends[index]  # the construct itself (SSI)
