"""ES module resolution, as bundlers and TypeScript do it, without running anything.

A specifier resolves, in order: relative to the importing file (`./x`, `../x`); through the
`paths` and `baseUrl` of the nearest tsconfig.json / jsconfig.json above it (following a
relative `extends`); through the aliases frameworks set up without a tsconfig (`@/` and `~/`:
the project or its `src/`; `~~/`, `@@/`: the Nuxt root; `$lib/`: SvelteKit's `src/lib`;
`@site/`: Docusaurus), those a bundler config declares taking precedence
(pixellint.conventions.aliases); and to a workspace package of a monorepo (the `name` of a package.json
of the project, its `exports`/`module`/`main`, else `src/index`). Extensions are tried as
bundlers do, then `index` files; TypeScript's ESM style (`./x.js` naming `x.ts`) is followed.
A bare name that is none of these is a package from the registry: no file of the project.

tsconfig.json, jsconfig.json and package.json are read as data (JSON with comments and trailing
commas) and kept as traits on their nodes.
"""

from __future__ import annotations

import json
import posixpath
import re
from weakref import WeakKeyDictionary

from pixellint.conventions import aliases
from pixellint.conventions.base import Convention
from pixellint.lookup import Lookup
from pixellint.nodes import Node

EXTS = (
    "", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".vue", ".svelte", ".astro",
    ".mdx", ".md",
    "/index.ts", "/index.tsx", "/index.js", "/index.jsx", "/index.mjs", "/index.vue",
)  # fmt: skip
_TS_FOR_JS = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
_ALIASES = (
    ("@/", ("", "src/", "app/")),
    ("~/", ("", "src/", "app/")),
    ("~~/", ("",)),
    ("@@/", ("",)),
    ("$lib/", ("src/lib/",)),
    ("@site/", ("",)),
)
_CONFIGS = ("tsconfig.json", "jsconfig.json")
_DATA = r"(?:^|/)(?:[tj]sconfig(?:\.[\w-]+)?\.json|package\.json)$"
_COMMENT_OR_STRING = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_SEP = "\0"
_PACKAGES: WeakKeyDictionary[Lookup, tuple[object, dict[str, tuple[str, str]]]] = (
    WeakKeyDictionary()
)


def _first(lookup: Lookup, base: str) -> str | None:
    base = posixpath.normpath(base)
    found = lookup.first(base + ext for ext in EXTS)
    if found is None:
        stem, ext = posixpath.splitext(base)
        found = lookup.first(stem + alt for alt in _TS_FOR_JS.get(ext, ()))
    return found


def resolve(lookup: Lookup, node: Node, name: str) -> str | None:
    name = name.split("?")[0]
    if name.startswith(("./", "../")):
        return _first(lookup, posixpath.join(posixpath.dirname(node.path), name))
    if name.startswith("/"):
        return None  # a URL path: the script resolver's business
    return (
        _through_tsconfig(lookup, node.path, name)
        or aliases.resolve(lookup, node.path, name, _first)
        or _through_alias(lookup, node.path, name)
        or _workspace_package(lookup, name)
    )


def _through_tsconfig(lookup: Lookup, path: str, name: str) -> str | None:
    for directory in lookup.ancestors_dirs(path):
        config = lookup.first(posixpath.join(directory, c) for c in _CONFIGS)
        if config is None:
            continue
        base, paths = _compiler_options(lookup, config)
        for pattern, targets in paths:
            rest = _match(pattern, name)
            if rest is None:
                continue
            for target in targets:
                found = _first(lookup, posixpath.join(base, target.replace("*", rest)))
                if found:
                    return found
        if base != posixpath.dirname(config) or paths:  # a baseUrl makes bare names files
            found = _first(lookup, posixpath.join(base, name))
            if found:
                return found
        return None
    return None


def _compiler_options(lookup: Lookup, config: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """(baseUrl as a project path, paths) of a tsconfig, following relative `extends`."""
    base: str | None = None
    paths: list[tuple[str, list[str]]] | None = None
    seen: set[str] = set()
    current: str | None = config
    while current and current not in seen and (base is None or paths is None):
        seen.add(current)
        traits = dict(lookup.traits.get(current, ()))
        here = posixpath.dirname(current)
        if base is None and "ts-base" in traits:
            base = posixpath.normpath(posixpath.join(here, traits["ts-base"]))
        if paths is None and "ts-paths" in traits:
            paths = _decode_paths(traits["ts-paths"])
            if base is None and "ts-base" not in traits:
                base = here  # TypeScript 4.1+: paths without baseUrl are relative to the config
        parent = traits.get("ts-extends")
        current = posixpath.normpath(posixpath.join(here, parent)) if parent else None
        if current and not current.endswith(".json"):
            current += ".json"
    return (base if base is not None else posixpath.dirname(config)), (paths or [])


def _match(pattern: str, name: str) -> str | None:
    if "*" not in pattern:
        return "" if name == pattern else None
    prefix, _, suffix = pattern.partition("*")
    if name.startswith(prefix) and name.endswith(suffix) and len(name) >= len(prefix + suffix):
        return name[len(prefix) : len(name) - len(suffix)]
    return None


def _through_alias(lookup: Lookup, path: str, name: str) -> str | None:
    aliases = list(_ALIASES)
    scope, _, rest = name[1:].partition("/")
    if name.startswith("@") and scope.isidentifier() and rest:
        # `@lib/client/helpers` with the tsconfig not in the tree: the usual `"@lib/*":
        # ["lib/*"]` mapping, taken only when such a file exists
        aliases.append((f"@{scope}/", (f"{scope}/", f"src/{scope}/")))
    for prefix, subs in aliases:
        if not name.startswith(prefix):
            continue
        rest = name[len(prefix) :]
        for directory in lookup.ancestors_dirs(path):
            for sub in subs:
                found = _first(lookup, posixpath.join(directory, sub + rest))
                if found:
                    return found
    return None


def _packages(lookup: Lookup) -> dict[str, tuple[str, str]]:
    """Workspace package name -> (its folder, its entries), rebuilt when the traits are: a
    project has thousands of bare imports and each would otherwise scan every manifest."""
    cached = _PACKAGES.get(lookup)
    if cached is not None and cached[0] is lookup.traits:
        return cached[1]
    found: dict[str, tuple[str, str]] = {}
    for manifest, traits in sorted(lookup.traits.items()):
        if not manifest.endswith("package.json") or "/node_modules/" in f"/{manifest}":
            continue
        values = dict(traits)
        if "pkg-name" in values:
            found.setdefault(
                values["pkg-name"], (posixpath.dirname(manifest), values.get("pkg-entries", ""))
            )
    _PACKAGES[lookup] = (lookup.traits, found)
    return found


def _workspace_package(lookup: Lookup, name: str) -> str | None:
    parts = name.split("/")
    package = "/".join(parts[:2]) if name.startswith("@") else parts[0]
    subpath = name[len(package) :].lstrip("/")
    known = _packages(lookup).get(package)
    if known is not None:
        root, entries = known
        if subpath:
            return _first(lookup, posixpath.join(root, subpath)) or _first(
                lookup, posixpath.join(root, "src", subpath)
            )
        for entry in entries.split(_SEP):
            if entry:
                found = _first(lookup, posixpath.join(root, entry))
                if found:
                    return found
        return _first(lookup, posixpath.join(root, "src/index")) or _first(
            lookup, posixpath.join(root, "index")
        )
    return None


def traits(path: str, text: str) -> list[tuple[str, str]]:
    name = path.rsplit("/", 1)[-1]
    if not re.fullmatch(_DATA.removeprefix(r"(?:^|/)"), name):
        return list(aliases.traits(path, text))
    data = _jsonc(text)
    if not isinstance(data, dict):
        return []
    if name == "package.json":
        return _package_traits(data)
    return _tsconfig_traits(data)


def _tsconfig_traits(data: dict[str, object]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    extends = data.get("extends")
    if isinstance(extends, str) and extends.startswith("."):
        found.append(("ts-extends", extends))
    options = data.get("compilerOptions")
    if not isinstance(options, dict):
        return found
    base = options.get("baseUrl")
    if isinstance(base, str):
        found.append(("ts-base", base))
    paths = options.get("paths")
    if isinstance(paths, dict):
        encoded = [
            _SEP.join([pattern, *[t for t in targets if isinstance(t, str)]])
            for pattern, targets in paths.items()
            if isinstance(targets, list)
        ]
        found.append(("ts-paths", "\n".join(encoded)))
    return found


def _decode_paths(value: str) -> list[tuple[str, list[str]]]:
    decoded = []
    for line in value.split("\n"):
        pattern, *targets = line.split(_SEP)
        decoded.append((pattern, targets))
    return decoded


def _package_traits(data: dict[str, object]) -> list[tuple[str, str]]:
    name = data.get("name")
    if not isinstance(name, str):
        return []
    entries = [_export_entry(data.get("exports")), data.get("module"), data.get("main")]
    return [
        ("pkg-name", name),
        ("pkg-entries", _SEP.join(e for e in entries if isinstance(e, str) and e)),
    ]


def _export_entry(exports: object) -> str:
    """The file `exports` gives for the package root: a string, or the `.` entry's
    import/default/browser condition."""
    if isinstance(exports, str):
        return exports
    if not isinstance(exports, dict):
        return ""
    root = exports.get(".", exports)
    while isinstance(root, dict):
        root = next(
            (root[k] for k in ("browser", "import", "module", "default", "require") if k in root),
            None,
        )
    return root if isinstance(root, str) else ""


def _jsonc(text: str) -> object:
    """JSON with comments and trailing commas (tsconfig), or None."""
    stripped = _COMMENT_OR_STRING.sub(lambda m: m.group() if m.group()[0] == '"' else "", text)
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", stripped))
    except ValueError:
        return None


CONVENTION = Convention(
    "esm",
    resolvers=(("esm", resolve), ("mdx-import", resolve)),
    traits=traits,
    data_files=_DATA,
    description="ES module imports: relative, tsconfig paths, framework aliases, workspaces",
)
