"""Single-page apps (Create React App, Vue CLI, Angular CLI): the HTML shell is the page, and the
bundle the build injects into it is part of it.

- CRA and Vue CLI: webpack injects `src/index.(js|jsx|ts|tsx)` (CRA) or `src/main.(js|ts)` (Vue
  CLI) into `public/index.html`; no tag in the HTML says so. The folder's `package.json` must
  depend on `react-scripts` or `@vue/cli-service`: an Express app also has a `public/index.html`
  beside a `src/index.js`, which is its server.
- Angular CLI (`angular.json`) and Nx (`project.json`): each project's build target names its
  HTML shell (`index`, default `<sourceRoot>/index.html`), its entry (`browser` or `main`,
  default `<sourceRoot>/main.ts`) and global `scripts` the build adds to every page (strings or
  `{input, inject}` objects). Paths are relative to the workspace.
- Vite names its entry in `index.html` itself (`<script type="module" src="/src/main.tsx">`):
  that is an ordinary script reference, not a convention.

With the entry edge, a route component marked sensitive makes the shell sensitive (it reaches the
component), and a tracker anywhere the shell reaches is reported on it: in an SPA the app is the
page.

This module also reads every `package.json` as data (which packages a folder depends on) for the
framework conventions (Next.js, Gatsby, SvelteKit...) that recognise their projects by it, and
keeps a per-run index of files by folder for them.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from weakref import WeakKeyDictionary

from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

SCRIPT_EXTS = (".js", ".jsx", ".ts", ".tsx")
_DEPENDENCY_KEYS = ("dependencies", "devDependencies")
_ANGULAR_FILES = ("angular.json", "project.json")
_ANGULAR_TARGETS = ("architect", "targets")  # angular.json, Nx project.json
_SHELLS = (  # (package a folder depends on, entry stems its build injects into public/index.html)
    ("react-scripts", ("src/index",)),
    ("@vue/cli-service", ("src/main",)),
)
_LINE_COMMENT = re.compile(r"^\s*//.*$", re.M)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


# --- shared with the framework conventions ------------------------------------------------------
def join(directory: str, name: str) -> str:
    """`name` in `directory`, where '' is the project root."""
    return f"{directory}/{name}" if directory else name


def depends_on(nodes: Mapping[str, Node], directory: str, package: str) -> bool:
    """The `package.json` of `directory` lists `package` in its (dev) dependencies."""
    node = nodes.get(join(directory, "package.json"))
    return node is not None and package in node.traits_of("npm-dependency")


def first_of(
    lookup: Lookup, directory: str, stems: Iterable[str], exts: Iterable[str]
) -> str | None:
    """The first `<directory>/<stem><ext>` that is a project file."""
    exts = tuple(exts)
    return lookup.first(join(directory, stem + ext) for stem in stems for ext in exts)


_BY_FOLDER: WeakKeyDictionary[Lookup, dict[str, list[str]]] = WeakKeyDictionary()


def files_in(lookup: Lookup, directory: str) -> list[str]:
    """The files directly in `directory`, sorted; the index is built once per run, on first use."""
    if lookup not in _BY_FOLDER:
        index: dict[str, list[str]] = {}
        for path in sorted(lookup.files):
            index.setdefault(posixpath.dirname(path), []).append(path)
        _BY_FOLDER[lookup] = index
    return _BY_FOLDER[lookup].get(directory, [])


def parent(directory: str) -> str:
    return posixpath.dirname(directory)


# --- data ---------------------------------------------------------------------------------------
def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    """`package.json`: the packages it depends on. `angular.json`/`project.json`: each build
    target's shell, entry and global scripts."""
    name = path.rsplit("/", 1)[-1]
    if name == "package.json":
        data = _json(text)
        for key in _DEPENDENCY_KEYS:
            listed = data.get(key)
            if isinstance(listed, dict):
                for package in listed:
                    yield "npm-dependency", str(package)
    elif name in _ANGULAR_FILES:
        for project in _angular_projects(name, _json(text)):
            yield from _angular_build(project)


def _json(text: str) -> dict[str, object]:
    """The JSON object in `text` ({} when it is not one). angular.json may hold `//` comments and
    trailing commas (the CLI reads it as JSONC)."""
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", _LINE_COMMENT.sub("", text))):
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        return data if isinstance(data, dict) else {}
    return {}


def _angular_projects(name: str, data: dict[str, object]) -> list[dict[str, object]]:
    if name == "project.json":
        return [data]
    projects = data.get("projects")
    if not isinstance(projects, dict):
        return []
    return [p for p in projects.values() if isinstance(p, dict)]


def _angular_build(project: dict[str, object]) -> Iterable[tuple[str, str]]:
    """('angular-entry' | 'angular-script', '<shell>\\n<file>') for the project's build target,
    paths relative to the workspace as the file writes them."""
    options = _build_options(project)
    if options is None:
        return
    root = project.get("root") if isinstance(project.get("root"), str) else ""
    source_root = project.get("sourceRoot")
    if not isinstance(source_root, str):
        source_root = join(str(root).strip("/"), "src")
    shell = _input(options.get("index")) or join(source_root, "index.html")
    entry = _input(options.get("browser")) or _input(options.get("main"))
    yield "angular-entry", f"{shell}\n{entry or join(source_root, 'main.ts')}"
    scripts = options.get("scripts")
    for script in scripts if isinstance(scripts, list) else ():
        if isinstance(script, dict) and script.get("inject") is False:
            continue  # built as its own bundle, not added to the page
        found = _input(script)
        if found:
            yield "angular-script", f"{shell}\n{found}"


def _build_options(project: dict[str, object]) -> dict[str, object] | None:
    for key in _ANGULAR_TARGETS:
        targets = project.get(key)
        build = targets.get("build") if isinstance(targets, dict) else None
        if isinstance(build, dict):
            runner = str(build.get("builder") or build.get("executor") or "")
            options = build.get("options")
            if "angular" in runner and isinstance(options, dict):
                return options
    return None


def _input(value: object) -> str | None:
    """A path option: a string, or an object's `input` (`{"input": "src/index.html"}`)."""
    if isinstance(value, dict):
        value = value.get("input")
    return value.strip().removeprefix("./") if isinstance(value, str) and value.strip() else None


# --- wrapping -----------------------------------------------------------------------------------
_ANGULAR: WeakKeyDictionary[Lookup, dict[str, list[tuple[str, str]]]] = WeakKeyDictionary()


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    """The bundle a build injects into an HTML shell."""
    path = node.path
    if not path.endswith(".html"):
        return
    if path == "public/index.html" or path.endswith("/public/index.html"):
        yield from _webpack_entry(path, lookup, nodes)
    yield from _angular_shells(lookup, nodes).get(path, ())


def _webpack_entry(
    path: str, lookup: Lookup, nodes: Mapping[str, Node]
) -> Iterable[tuple[str, str]]:
    project = parent(parent(path))
    for package, stems in _SHELLS:
        if depends_on(nodes, project, package):
            entry = first_of(lookup, project, stems, SCRIPT_EXTS)
            if entry:
                yield entry, "entry"
            return


def _angular_shells(lookup: Lookup, nodes: Mapping[str, Node]) -> dict[str, list[tuple[str, str]]]:
    """Every Angular shell of the project and what its build adds to it, once per run."""
    if lookup not in _ANGULAR:
        shells: dict[str, list[tuple[str, str]]] = {}
        for name in _ANGULAR_FILES:
            for workspace_file in lookup.by_suffix.get(name, []):
                workspace = parent(workspace_file)
                node = nodes.get(workspace_file)
                for key, kind in (
                    ("angular-entry", "entry"),
                    ("angular-script", "angular-json scripts"),
                ):
                    for value in node.traits_of(key) if node else ():
                        shell, target = value.split("\n", 1)
                        _add_shell(shells, lookup, workspace, shell, target, kind)
        _ANGULAR[lookup] = shells
    return _ANGULAR[lookup]


def _add_shell(
    shells: dict[str, list[tuple[str, str]]],
    lookup: Lookup,
    workspace: str,
    shell: str,
    target: str,
    kind: str,
) -> None:
    """Paths are relative to the workspace: the folder of angular.json, or for Nx the folder of
    nx.json above a project.json, which is the nearest folder above where both files exist."""
    for base in Lookup.ancestors_dirs(join(workspace, "angular.json")):
        html, script = join(base, shell), join(base, target)
        if html in lookup.files and script in lookup.files:
            if (script, kind) not in shells.setdefault(html, []):
                shells[html].append((script, kind))
            return


CONVENTION = Convention(
    "spa",
    wraps=wraps,
    traits=traits,
    data_files=r"(?:^|/)(?:package|angular|project)\.json$",
    description="CRA, Vue CLI and Angular CLI shells and the bundles injected into them; "
    "package.json dependencies",
)
