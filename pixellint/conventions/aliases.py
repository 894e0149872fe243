"""Import aliases a bundler config declares: SvelteKit `kit.alias`, Vite and webpack
`resolve.alias`, Nuxt and Astro `alias`. Without them `$components/Analytics.svelte` or
`@shared/analytics` looks like a package and the component it names (and its trackers) is lost.

The config is code; it is read, never run. An alias is the `alias` object's key (or an array
entry's `find`) and, as its target, the string literals of the value: `'./src'`,
`path.resolve(__dirname, 'src')`, `fileURLToPath(new URL('./src', import.meta.url))`. A value
with no literal (a variable) is skipped. Targets are relative to the config's folder; Vite's
`'/src'` is too.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from weakref import WeakKeyDictionary

from pixellint.lookup import Lookup

Finder = Callable[[Lookup, str], "str | None"]  # (lookup, path without extension) -> file
TRAIT = "bundler-alias"
SEP = "\0"
CONFIG = re.compile(
    r"(?:^|/)(?:svelte|vite|vitest|nuxt|astro|vue|webpack|quasar)\.config\.(?:[cm]?js|[cm]?ts)$"
)
_OPENER = re.compile(r"\balias(?:es)?\s*:\s*([{\[])")
_TOKEN = re.compile(r"""//[^\n]*|/\*.*?\*/|(["'`])(?:\\.|(?!\1)[^\\\n])*\1|[\[\]{}(),]""", re.S)
_KEY = re.compile(r"""^\s*(?:(["'`])(?P<quoted>[^"'`]+)\1|(?P<plain>[$\w@~#-]+))\s*:""")
_FIND = re.compile(r"""\bfind\s*:\s*(["'`])(?P<key>[^"'`]+)\1""")
_REPLACEMENT = re.compile(r"\breplacement\s*:")
_LITERAL = re.compile(r"""(["'`])((?:(?!\1)[^\\\n])*)\1""")
_CLOSE = {"{": "}", "[": "]", "(": ")"}

_INDEX: WeakKeyDictionary[Lookup, tuple[object, dict[str, list[tuple[str, str]]]]] = (
    WeakKeyDictionary()
)


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if not CONFIG.search(path) or "alias" not in text:
        return
    for opener in _OPENER.finditer(text):
        for key, value in _entries(text, opener.start(1), opener.group(1)):
            target = _target(value)
            if key and target is not None:
                yield TRAIT, f"{key}{SEP}{target}"


def _entries(text: str, start: int, bracket: str) -> Iterable[tuple[str, str]]:
    """(key, value source) of each top-level entry of the object or array opening at `start`."""
    for piece in _pieces(text, start):
        if bracket == "{":
            key = _KEY.match(piece)
            if key:
                yield key.group("quoted") or key.group("plain"), piece[key.end() :]
        else:
            find, replacement = _FIND.search(piece), _REPLACEMENT.search(piece)
            if find and replacement:
                yield find.group("key"), piece[replacement.end() :]


def _pieces(text: str, start: int) -> list[str]:
    """The comma-separated pieces at depth 1 of the bracket at `start`, comments dropped."""
    pieces: list[str] = []
    current: list[str] = []
    depth, at = 0, start
    for token in _TOKEN.finditer(text, start):
        gap, at = text[at : token.start()], token.end()
        value = token.group()
        if depth >= 1:
            current.append(gap)
        if value in ("[", "{", "("):
            depth += 1
            if depth == 1:
                continue
        elif value in ("]", "}", ")"):
            depth -= 1
            if depth == 0:
                pieces.append("".join(current))
                return pieces
        elif value == "," and depth == 1:
            pieces.append("".join(current))
            current = []
            continue
        if value.startswith(("//", "/*")):
            value = " "
        current.append(value)
    return pieces


def _target(value: str) -> str | None:
    literals = [m.group(2) for m in _LITERAL.finditer(value)]
    literals = [lit.rsplit("}", 1)[-1] if "${" in lit else lit for lit in literals]
    literals = [lit for lit in literals if lit and not lit.startswith(("http:", "https:"))]
    if not literals:
        return None
    if re.search(r"\b(?:resolve|join)\s*\(", value):
        joined = posixpath.join(*(lit.lstrip("/") for lit in literals))
    else:
        joined = literals[-1].lstrip("/")
    return posixpath.normpath(joined)


def resolve(lookup: Lookup, path: str, name: str, first: Finder) -> str | None:
    """`name` through the aliases of the configs in the folders above `path`."""
    index = _index(lookup)
    if not index:
        return None
    for directory in lookup.ancestors_dirs(path):
        for key, target in index.get(directory, ()):
            if name == key or name.startswith(key if key.endswith("/") else key + "/"):
                rest = name[len(key) :].lstrip("/")
                found = first(lookup, posixpath.join(directory, target, rest))
                if found:
                    return found
    return None


def _index(lookup: Lookup) -> dict[str, list[tuple[str, str]]]:
    """Folder -> (alias, target) of the configs in it, longest alias first; rebuilt when the
    lookup's traits are."""
    cached = _INDEX.get(lookup)
    if cached is not None and cached[0] is lookup.traits:
        return cached[1]
    index: dict[str, list[tuple[str, str]]] = {}
    for config, found in lookup.traits.items():
        for name, value in found:
            if name == TRAIT:
                key, _, target = value.partition(SEP)
                index.setdefault(posixpath.dirname(config), []).append((key, target))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    _INDEX[lookup] = (lookup.traits, index)
    return index
