"""Tables derived from the convention list."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from pixellint.conventions.all_conventions import CONVENTIONS
from pixellint.conventions.base import Convention, Resolve
from pixellint.lookup import Lookup
from pixellint.nodes import Node
from pixellint.prefilter import Literals


@cache
def _resolvers() -> dict[str, tuple[Resolve, ...]]:
    table: dict[str, list[Resolve]] = {}
    for convention in CONVENTIONS:
        for how, resolve in convention.resolvers:
            table.setdefault(how, []).append(resolve)
    return {how: tuple(found) for how, found in table.items()}


def resolve(lookup: Lookup, node: Node, name: str, how: str) -> str | None:
    """The file `name` means; each convention that knows `how` is asked in turn, and a
    `{% tag %}` no convention claims falls back to the generic template search."""
    table = _resolvers()
    candidates = table.get(how) or (table["tag"] if how.startswith("tag-") else ())
    for resolver in candidates:
        found = resolver(lookup, node, name)
        if found:
            return found
    if how.startswith("tag-") and how in table:
        for resolver in table["tag"]:
            found = resolver(lookup, node, name)
            if found:
                return found
    return None


def knows(how: str) -> bool:
    return how in _resolvers() or how.startswith("tag-")


def wrapping(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    """Files that wrap or are pulled into `node` by convention, with no tag saying so."""
    for convention in CONVENTIONS:
        if convention.wraps is not None:
            yield from convention.wraps(node, lookup, nodes)


def traits(path: str, text: str) -> tuple[tuple[str, str], ...]:
    present: set[str] | None = None
    found: list[tuple[str, str]] = []
    for convention, paths in _with_traits():
        assert convention.traits is not None
        if convention.trait_hints and not (paths is not None and paths.search(path)):
            if present is None:
                present = {hint for _, (hint,) in _hint_finder().find(text)}
            if present.isdisjoint(convention.trait_hints):
                continue
        found.extend(convention.traits(path, text))
    return tuple(found)


@cache
def _with_traits() -> tuple[tuple[Convention, re.Pattern[str] | None], ...]:
    return tuple(
        (c, re.compile(c.trait_paths) if c.trait_paths else None)
        for c in CONVENTIONS
        if c.traits is not None
    )


@cache
def _hint_finder() -> Literals[str]:
    hints = sorted({hint for c in CONVENTIONS for hint in c.trait_hints})
    return Literals({hint: (hint,) for hint in hints}, exact=True)


@cache
def _data_files() -> re.Pattern[str]:
    patterns = [c.data_files for c in CONVENTIONS if c.data_files]
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "$^")


@cache
def _own_dirs() -> re.Pattern[str]:
    patterns = [c.own_dirs for c in CONVENTIONS if c.own_dirs]
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "$^")


def is_own_dir(rel: str) -> bool:
    """A directory a convention says is the site's own despite a third-party name."""
    return bool(_own_dirs().search(rel))


def is_data_file(rel: str) -> bool:
    return bool(_data_files().search(rel))


def data_files_regex() -> str:
    return _data_files().pattern
