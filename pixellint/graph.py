"""The template graph: which file pulls in which (extends, include, layout, partial, script src).

Knows nothing about trackers or sensitivity. Edges point from the including file to the included
one; "reaching" follows edges forward, so a page reaches its layouts and partials.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from pixellint.document import Document
from pixellint.lazyre import lazy
from pixellint.model import Location

_Q = r"""["']([^"'\n{}]+)["']"""
# (regex, edge kind, resolver); group 1 is the referenced name
_EDGE_PATTERNS: dict[str, list[tuple[re.Pattern[str], str, str]]] = {
    "jinja": [
        # Hexo helpers inside Nunjucks: partial('x.njk'), js('x.js') / next_js('x.js')
        (lazy(r"\{\{-?\s*partial\(\s*" + _Q), "partial", "template"),
        (lazy(r"\b(?:next_js|js)\(\s*" + _Q), "script-src", "hexo-js"),
        (
            re.compile(
                r"\{%-?\s*(extends|include|import|from|embed|use|include_relative|render|section|layout)\s+(.*?)-?%\}",
                re.S,
            ),
            "tag",
            "tag",
        ),
        (lazy(r"\{\{-?\s*(?:include|source)\(\s*" + _Q), "include", "template"),
    ],
    "handlebars": [
        (lazy(r"\{\{>\s*[\"']?([\w./@-]+)"), "partial", "partial"),
        (lazy(r"\{\{!<\s*([\w./-]+)\s*\}\}"), "layout", "ghost-layout"),
    ],
    "go": [
        (
            re.compile(r"\{\{-?\s*(?:partial|partialCached)\s+\"([^\"]+)\""),
            "partial",
            "hugo-partial",
        ),
        (lazy(r"\{\{-?\s*template\s+\"([^\"]+)\""), "template", "hugo-template"),
    ],
    "php": [
        (
            re.compile(
                r"\b(?:include|require)(?:_once)?\s*\(?\s*(?:__DIR__\s*\.\s*|get_template_directory\(\)\s*\.\s*|dirname\(__FILE__\)\s*\.\s*)?"
                + _Q
            ),
            "include",
            "php",
        ),
        (
            re.compile(r"\b(get_header|get_footer|get_sidebar)\s*\(\s*(?:" + _Q + r")?\s*\)"),
            "wp",
            "wp",
        ),
        (
            re.compile(r"\bget_template_part\s*\(\s*" + _Q + r"(?:\s*,\s*" + _Q + r")?"),
            "template-part",
            "wp-part",
        ),
        (lazy(r"\b(wp_head|wp_footer)\s*\(\s*\)"), "hook", "wp-hook"),
    ],
    "erb": [
        (
            re.compile(r"<%[=-]?\s*render\s*\(?\s*(?:partial:\s*|:partial\s*=>\s*)?" + _Q),
            "render",
            "rails",
        ),
        (lazy(r"<%[=-]?\s*include\s*\(?\s*" + _Q), "include", "ejs"),
    ],
}
_TEMPLATE_EXTS = (
    ".html",
    ".liquid",
    ".njk",
    ".jinja",
    ".jinja2",
    ".j2",
    ".twig",
    ".hbs",
    ".handlebars",
    ".php",
    ".erb",
    ".ejs",
    ".md",
    ".tmpl",
    ".gohtml",
)
_SCRIPT_SRC = lazy(r"<script\b[^>]*?\bsrc\s*=\s*([\"'])(.*?)\1", re.I | re.S)
_QUOTED_JS = lazy(r"""["']([^"'\s]+\.m?js)(?:\?[^"']*)?["']""")
_LIQUID_NAME = lazy(r"""^\s*(?:["']([^"']+)["']|([\w./-]+))""")
_LAYOUT_NONE = lazy(r"\{%-?\s*layout\s+none\s*-?%\}")
_HUGO_DEFINE = lazy(r"\{\{-?\s*define\s+\"main\"")


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


@dataclass(frozen=True, slots=True, order=True)
class Reference:
    name: str
    kind: str  # edge kind shown to users: include, extends, layout, script-src…
    how: str  # which resolver applies
    location: Location


@dataclass(frozen=True, slots=True)
class Node:
    """What the graph needs to know about one file: small, picklable, cacheable."""

    path: str
    kind: str
    dialect: str
    front_matter: tuple[tuple[str, str], ...] = ()
    references: tuple[Reference, ...] = ()
    layout_none: bool = False  # Shopify {% layout none %}
    defines_main: bool = False  # Hugo {{ define "main" }}
    json_sections: tuple[str, ...] = ()  # Shopify JSON template section types
    data_layout: str | None = None  # Eleventy directory data "layout"

    def matter(self, key: str) -> str | None:
        return dict(self.front_matter).get(key)


def node_of(doc: Document) -> Node:
    def locate(offset: int) -> Location:
        line, column = doc.lines.position(offset)
        return Location(doc.path, line, column, line, column + 1)

    references = tuple(
        Reference(name, kind, how, locate(offset)) for name, kind, offset, how in _references(doc)
    )
    data_layout = None
    if doc.kind == "data":
        match = re.search(r'"layout"\s*:\s*"([^"]+)"', doc.text)
        data_layout = match.group(1) if match else None
    return Node(
        path=doc.path,
        kind=doc.kind,
        dialect=doc.dialect,
        front_matter=tuple(sorted(doc.front_matter.items())),
        references=references,
        layout_none=bool(_LAYOUT_NONE.search(doc.text)),
        defines_main=bool(_HUGO_DEFINE.search(doc.text)),
        json_sections=_json_sections(doc.text) if doc.path.endswith(".json") else (),
        data_layout=data_layout,
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


class Resolver:
    """Finds the file a template name refers to, following each ecosystem's search paths."""

    def __init__(
        self,
        files: Iterable[str],
        template_dirs: Iterable[str] = (),
        site_roots: Iterable[str] = (),
    ) -> None:
        self.files = set(files)
        self.template_dirs = [d.strip("/") for d in template_dirs]
        self.site_roots = [d.strip("/") for d in site_roots]
        self.by_suffix: dict[str, list[str]] = {}
        for path in self.files:
            parts = path.split("/")
            for i in range(len(parts)):
                self.by_suffix.setdefault("/".join(parts[i:]), []).append(path)
        self._found: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], str | None] = {}
        self.hugo_layout_roots = sorted(
            {
                p[: p.index("layouts/") + 7]
                for p in self.files
                if "layouts/" in p and not p.startswith("_")
            }
        )
        self.template_roots = sorted(
            {p[: p.index("templates/") + 9] for p in self.files if "templates/" in p}
        )

    def find(
        self, name: str, source: str, dirs: Iterable[str], exts: Iterable[str] = ("",)
    ) -> str | None:
        dirs, exts = tuple(dirs), tuple(exts)
        key = (name, posixpath.dirname(source), dirs, exts)
        if key not in self._found:
            self._found[key] = self._find(name, source, dirs, exts)
        return self._found[key]

    def _find(
        self, name: str, source: str, dirs: tuple[str, ...], exts: tuple[str, ...]
    ) -> str | None:
        name = name.strip().lstrip("@").split("?")[0]
        if "::" in name or not name:
            return None
        here = posixpath.dirname(source)
        candidates: list[str] = []
        for ext in exts:
            full = name if not ext or name.endswith(ext) else name + ext
            if full.startswith(("./", "../")):
                candidates.append(posixpath.normpath(posixpath.join(here, full)))
                continue
            candidates.extend(
                posixpath.normpath(posixpath.join(d, full)) if d else full for d in dirs
            )
            candidates.append(posixpath.normpath(posixpath.join(here, full)))
        for candidate in candidates:
            if candidate in self.files:
                return candidate
        for ext in exts:
            full = name if not ext or name.endswith(ext) else name + ext
            matches = self.by_suffix.get(full.lstrip("./"), [])
            if matches:
                return min(matches, key=lambda p: (_distance(p, source), p))
        return None

    def glob(self, pattern: str, limit: int = 50) -> list[str]:
        """Project files a computed template name can resolve to, relative to any template root."""
        regex = re.compile(
            "(?:^|/)" + ".*".join(re.escape(p) for p in pattern.lstrip("./").split("*")) + "$"
        )
        return sorted(f for f in self.files if regex.search(f))[:limit]

    def ancestors_dirs(self, source: str) -> list[str]:
        parts = posixpath.dirname(source).split("/") if "/" in source else []
        return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


def _distance(path: str, source: str) -> int:
    a, b = path.split("/"), source.split("/")
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return len(a) + len(b) - 2 * common


def build(nodes: dict[str, Node], resolver: Resolver) -> Graph:
    graph = Graph()
    for path, node in nodes.items():
        for ref in node.references:
            if ref.how == "glob":  # a computed name: every file it can be counts
                targets = resolver.glob(ref.name)
                for candidate in targets:
                    graph.add(Edge(path, candidate, ref.kind, ref.location))
                if not targets:
                    graph.unresolved.append(
                        Unresolved(path, ref.name, ref.location, "dynamic name")
                    )
                continue
            target = _resolve(resolver, node, ref.name, ref.how)
            if target is None and ref.name.startswith("_internal/"):
                continue  # Hugo's embedded templates (google_analytics is detected as a tracker)
            if target is None:
                dynamic = ref.how == "dynamic" or _looks_dynamic(ref.name)
                reason = "dynamic name" if dynamic else "no such file in the project"
                graph.unresolved.append(Unresolved(path, ref.name, ref.location, reason))
            elif target != path:
                graph.add(Edge(path, target, ref.kind, ref.location))
        for target, kind in _implicit(node, resolver, nodes):
            graph.add(Edge(path, target, kind, Location(path, 1, 1, 1, 1)))
    return graph


def _looks_dynamic(name: str) -> bool:
    name = name.strip()
    if not re.fullmatch(r"[\w./@-]+", name):
        return True
    return "." not in name and "/" not in name and "_" in name


def _references(doc: Document) -> Iterable[tuple[str, str, int, str]]:
    """(name, edge kind, offset, resolver) for each explicit include-like construct."""
    comments = [(r.start, r.end) for r in doc.regions if r.kind == "comment"]

    def live(offset: int) -> bool:
        return not any(s <= offset < e for s, e in comments)

    text = doc.text
    families = _families(doc)
    for family in families:
        for regex, kind, how in _EDGE_PATTERNS[family]:
            for match in regex.finditer(text):
                if not live(match.start()):
                    continue
                yield from _names_of(match, kind, how)
    layout = doc.front_matter.get("layout")
    if layout and layout not in ("none", "null", "false", "''", '""'):
        yield layout, "layout", 0, "front-matter-layout"
    if doc.kind != "script":
        for match in _SCRIPT_SRC.finditer(text):
            if not live(match.start()):
                continue
            src = match.group(2).strip()
            if "{" in src or "<" in src:
                quoted = _QUOTED_JS.search(src)
                if not quoted:
                    continue
                src = quoted.group(1)
            if src.startswith(("http:", "https:", "//", "data:")) or not re.search(
                r"\.m?js(\?|#|$)", src
            ):
                continue
            yield src.split("?")[0].split("#")[0], "script-src", match.start(), "script"


def _families(doc: Document) -> list[str]:
    dialect = doc.dialect
    if dialect in ("jinja", "liquid", "twig"):
        return ["jinja"]
    if dialect in ("handlebars", "go", "php", "erb"):
        return [dialect]
    if dialect == "html-template":
        text = doc.text
        found = [
            f
            for f, hint in (
                ("jinja", "{%"),
                ("handlebars", "{{>"),
                ("handlebars", "{{!<"),
                ("go", "{{"),
                ("php", "<?"),
                ("erb", "<%"),
            )
            if hint in text
        ]
        return list(dict.fromkeys(found))
    return []


_QUOTED = lazy(r"""["']([^"'\n]*)["']""")


def _concatenation_glob(expression: str) -> str | None:
    """`"partials/analytics/" ~ provider ~ ".html"` -> 'partials/analytics/*.html'; None if no concatenation."""
    pieces = _QUOTED.split(expression.strip())
    if len(pieces) < 3 or not any(op in expression for op in ("~", "+")):
        return None
    glob = ""
    for index, piece in enumerate(pieces):
        if index % 2:  # inside quotes
            glob += piece
        elif piece.strip(" ~+\t\n"):
            glob += "*"
    return glob if glob.strip("*") else None


def _names_of(match: re.Match[str], kind: str, how: str) -> Iterable[tuple[str, str, int, str]]:
    offset = match.start()
    if how == "tag":
        tag, rest = match.group(1), match.group(2)
        if tag == "layout" and rest.strip().startswith("none"):
            return
        expression = rest.split(" with ")[0].split(" only")[0].split(" ignore missing")[0]
        pattern = _concatenation_glob(expression)
        if pattern:
            yield pattern, tag, offset, "glob"
            return
        names = re.findall(r"""["']([^"'\n]+)["']""", expression)
        if not names:
            plain = _LIQUID_NAME.match(rest)
            if plain is None:
                if tag in (
                    "include",
                    "extends",
                    "render",
                    "embed",
                    "import",
                    "from",
                    "include_relative",
                ):
                    yield rest.strip()[:60], tag, offset, "dynamic"
                return
            names = [plain.group(1) or plain.group(2)]
            if tag not in ("include", "include_relative", "render", "section", "layout"):
                return
        if tag in ("import", "from"):
            names = names[:1]
        if not names:
            return
        for name in names[:20]:
            yield name, tag, offset, f"tag-{tag}"
    elif how == "wp":
        func, variant = match.group(1), match.group(2)
        base = func.split("_")[1]
        yield (f"{base}-{variant}.php" if variant else f"{base}.php"), func, offset, "wp"
    elif how == "wp-part":
        slug, variant = match.group(1), match.group(2)
        yield (
            (f"{slug}-{variant}.php|{slug}.php" if variant else f"{slug}.php"),
            "get_template_part",
            offset,
            "wp",
        )
    elif how == "wp-hook":
        yield "functions.php", match.group(1), offset, "wp"
    else:
        yield match.group(1), kind, offset, how


def _resolve(resolver: Resolver, doc: Node, name: str, how: str) -> str | None:
    source = doc.path
    if how == "dynamic":
        return None
    up = resolver.ancestors_dirs(source)
    if how == "wp":
        for option in name.split("|"):
            found = resolver.find(option, source, up, (".php",))
            if found:
                return found
        return None
    if how == "front-matter-layout":
        dirs = (
            [f"{d}/_layouts" if d else "_layouts" for d in up]
            + [f"{d}/_includes" if d else "_includes" for d in up]
            + [f"{d}/layouts" if d else "layouts" for d in up]
        )
        return resolver.find(
            name,
            source,
            dirs + resolver.template_dirs,
            ("", ".html", ".njk", ".liquid", ".md", ".hbs", ".11ty.js"),
        )
    if how == "script":
        dirs = ["", *resolver.site_roots, "static", "public", "assets", "source", "src", "_site"]
        if name.startswith("/"):
            return resolver.find(name.lstrip("/"), source, dirs) or resolver.find(
                name.lstrip("/"), source, []
            )
        return resolver.find(name, source, ["", *resolver.site_roots])
    if how == "hexo-js":
        dirs = [f"{d}/source/js" if d else "source/js" for d in up] + [
            f"{d}/source" if d else "source" for d in up
        ]
        return resolver.find(name, source, dirs, ("", ".js"))
    if how == "tag-include_relative":
        return resolver.find("./" + name, source, [])
    if how in ("tag-render", "tag-section", "tag-layout", "tag-include") and doc.dialect in (
        "liquid",
        "html-template",
        "jinja",
    ):
        shop = {
            "tag-render": "snippets",
            "tag-include": "snippets",
            "tag-section": "sections",
            "tag-layout": "layout",
        }[how]
        dirs = [f"{d}/{shop}" if d else shop for d in up] + [
            f"{d}/_includes" if d else "_includes" for d in up
        ]
        found = resolver.find(
            name,
            source,
            dirs + resolver.template_dirs + resolver.template_roots,
            ("", ".liquid", ".html"),
        )
        if found:
            return found
    if how.startswith("tag-") or how == "template":
        dirs = resolver.template_dirs + resolver.template_roots + up
        return resolver.find(
            re.sub(r"^@[\w-]+/", "", name),
            source,
            dirs,
            ("", ".html", ".twig", ".html.twig", ".njk", ".jinja", ".j2", ".liquid"),
        )
    if how == "partial":
        dirs = [f"{d}/partials" if d else "partials" for d in up] + [
            f"{d}/views/partials" if d else "views/partials" for d in up
        ]
        return resolver.find(name, source, dirs, (".hbs", ".handlebars", ".mustache", ".html", ""))
    if how == "ghost-layout":
        return resolver.find(name, source, up, (".hbs", ".handlebars"))
    if how in ("hugo-partial", "hugo-template"):
        if name.startswith("_internal/"):
            return None  # Hugo's embedded templates; google_analytics is detected as a tracker
        sub = "partials" if how == "hugo-partial" else ""
        roots = [d for d in up if d.endswith("layouts") or d == ""] + _hugo_layout_roots(resolver)
        dirs = [posixpath.join(r, sub) if sub else r for r in roots] + [
            posixpath.join(r, "_partials") for r in roots
        ]
        return resolver.find(name, source, dirs, ("",))
    if how == "rails":
        folder, base = posixpath.split(name)
        partial = posixpath.join(folder, "_" + base)
        views = _rails_views_root(source)
        dirs = [posixpath.join(views, folder and "")] if views else []
        if not folder and views:
            dirs = [posixpath.dirname(source)]
        found = resolver.find(
            partial if folder else "_" + base, source, [views] if folder else dirs, _ERB_EXTS
        )
        return found
    if how == "ejs":
        return resolver.find(
            name if name.startswith(".") else "./" + name, source, [], (".ejs", "")
        ) or resolver.find(name, source, up, (".ejs", ""))
    if how == "php":
        return resolver.find(
            name if name.startswith(("./", "../")) else "./" + name.lstrip("/"), source, []
        ) or resolver.find(name.lstrip("/"), source, up)
    return None


_ERB_EXTS = (".html.erb", ".erb", ".text.erb", ".js.erb", ".turbo_stream.erb", ".html.haml", "")


def _rails_views_root(source: str) -> str:
    index = source.find("app/views/")
    return source[: index + len("app/views")] if index >= 0 else posixpath.dirname(source)


def _hugo_layout_roots(resolver: Resolver) -> list[str]:
    return resolver.hugo_layout_roots


def _implicit(doc: Node, resolver: Resolver, docs: dict[str, Node]) -> Iterable[tuple[str, str]]:
    """Wrapping that no tag states: Shopify's theme.liquid, Rails layouts, Drupal, Hugo, Eleventy."""
    path = doc.path
    parts = path.split("/")
    name = parts[-1]
    # Shopify: templates/** render inside layout/theme.liquid unless {% layout none %}
    at = len(parts) - 1 - parts[::-1].index("templates") if "templates" in parts[:-1] else -1
    if at >= 0 and len(parts) - at <= 3 and name.endswith((".liquid", ".json")):
        root = "/".join(parts[:at])
        theme = posixpath.join(root, "layout/theme.liquid") if root else "layout/theme.liquid"
        if theme in resolver.files and not doc.layout_none:
            yield theme, "layout"
        if name.endswith(".json"):
            for section in doc.json_sections:
                target = posixpath.join(root, "sections", section + ".liquid")
                if target in resolver.files:
                    yield target, "section"
    # Rails: app/views/**/* (not partials, not layouts) render inside a layout
    if "app/views/" in path and "/layouts/" not in path and not name.startswith("_"):
        views = _rails_views_root(path)
        controller = posixpath.dirname(path)[len(views) + 1 :].split("/")[0]
        for layout in (f"{views}/layouts/{controller}", f"{views}/layouts/application"):
            found = next(
                (
                    layout + e
                    for e in (".html.erb", ".erb", ".html.haml")
                    if layout + e in resolver.files
                ),
                None,
            )
            if found:
                yield found, "layout"
                break
    # Drupal: node/block/field templates sit in page.html.twig, which sits in html.html.twig
    if name.endswith(".html.twig"):
        base = name.split(".")[0]
        here = posixpath.dirname(path)
        if base.startswith(
            ("node", "block", "field", "region", "views-view", "paragraph", "taxonomy-term", "user")
        ):
            page = resolver.find("page.html.twig", path, [here], ("",))
            if page:
                yield page, "page"
        if base.startswith("page"):
            wrapper = resolver.find("html.html.twig", path, [here], ("",))
            if wrapper:
                yield wrapper, "html"
    # Hugo: templates that define "main" render inside baseof.html; content uses layouts
    if doc.defines_main and "layouts/" in path:
        here = posixpath.dirname(path)
        for candidate in (
            f"{here}/baseof.html",
            posixpath.join(path[: path.index("layouts/") + 7], "_default/baseof.html"),
        ):
            if candidate in resolver.files:
                yield candidate, "baseof"
                break
    if (doc.kind == "markdown" and path.startswith("content/")) or (
        "/content/" in path and doc.kind == "markdown"
    ):
        yield from _hugo_content_layout(doc, resolver)
    # Eleventy: layout from directory data files
    if doc.matter("layout") is None and doc.kind in ("markup", "markdown"):
        dir_layout = _directory_layout(path, docs, resolver)
        if dir_layout:
            found = resolver.find(
                dir_layout,
                path,
                ["_includes", "_layouts", *resolver.template_dirs],
                ("", ".njk", ".html", ".liquid", ".md"),
            )
            if found:
                yield found, "layout"


def _json_sections(text: str) -> tuple[str, ...]:
    """Section types of a Shopify JSON template."""
    try:
        data = json.loads(re.sub(r"^\s*/\*.*?\*/", "", text, flags=re.S))
    except ValueError:
        return ()
    sections = data.get("sections", {}) if isinstance(data, dict) else {}
    if not isinstance(sections, dict):
        return ()
    return tuple(
        s["type"]
        for s in sections.values()
        if isinstance(s, dict) and isinstance(s.get("type"), str)
    )


def _hugo_content_layout(doc: Node, resolver: Resolver) -> Iterable[tuple[str, str]]:
    path = doc.path
    root = path[: path.index("content/")] if "content/" in path else ""
    rel = path[len(root) + len("content/") :]
    section = rel.split("/")[0] if "/" in rel else ""
    is_list = posixpath.basename(rel).startswith("_index.")
    kind = "list" if is_list else "single"
    layout = doc.matter("layout")
    type_ = doc.matter("type") or section
    names = (
        ([f"{type_}/{layout}.html"] if layout else [])
        + ([f"{type_}/{kind}.html"] if type_ else [])
        + [f"_default/{kind}.html"]
    )
    if is_list and rel.count("/") == 0:
        names.insert(0, "index.html")
    for layout_root in [posixpath.join(root, "layouts"), *_hugo_layout_roots(resolver)]:
        for name in names:
            candidate = posixpath.join(layout_root, name)
            if candidate in resolver.files:
                yield candidate, "layout"
                return


def _directory_layout(path: str, docs: dict[str, Node], resolver: Resolver) -> str | None:
    parts = path.split("/")[:-1]
    while parts:
        directory = "/".join(parts)
        for data_file in (
            f"{directory}/{parts[-1]}.json",
            f"{directory}/{parts[-1]}.11tydata.json",
        ):
            node = docs.get(data_file)
            if node is not None and node.data_layout:
                return node.data_layout
        parts.pop()
    return None
