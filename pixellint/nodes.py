"""What the graph knows about one file: small, frozen, picklable and cacheable values."""

from __future__ import annotations

from dataclasses import dataclass

from pixellint.model import Location


@dataclass(frozen=True, slots=True, order=True)
class Reference:
    """A construct in a file that names another file: `{% include "x" %}`, `<script src>`..."""

    name: str
    kind: str  # edge kind shown to users: include, extends, layout, script-src...
    how: str  # which resolver applies (see pixellint.conventions)
    location: Location


@dataclass(frozen=True, slots=True)
class Node:
    """One file as the graph sees it. `traits` are facts a convention noted about the file
    (Shopify `{% layout none %}`, Hugo `define "main"`, the sections of a JSON template): data,
    not one field per ecosystem, so a new convention does not change the cache format."""

    path: str
    kind: str
    language: str
    front_matter: tuple[tuple[str, str], ...] = ()
    references: tuple[Reference, ...] = ()
    traits: tuple[tuple[str, str], ...] = ()

    def matter(self, key: str) -> str | None:
        return dict(self.front_matter).get(key)

    def trait(self, key: str) -> str | None:
        return next((value for name, value in self.traits if name == key), None)

    def traits_of(self, key: str) -> list[str]:
        return [value for name, value in self.traits if name == key]
