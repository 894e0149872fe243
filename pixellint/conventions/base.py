"""What a site or framework convention is, as a value: resolvers for names, implicit wrapping,
facts it notes on files, and data files it needs read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from pixellint.lookup import Lookup
from pixellint.nodes import Node

# (lookup, the including file, the name it uses) -> the file meant, or None
Resolve = Callable[[Lookup, Node, str], "str | None"]
# (a file, the lookup, every node) -> (file that wraps or is pulled in, edge kind) pairs
Wraps = Callable[[Node, Lookup, Mapping[str, Node]], Iterable[tuple[str, str]]]
# (path, text) -> facts about the file, kept on its node
Traits = Callable[[str, str], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class Convention:
    name: str
    resolvers: tuple[tuple[str, Resolve], ...] = ()  # (how, resolver); tried in registry order
    wraps: Wraps | None = None
    traits: Traits | None = None
    data_files: str | None = None  # regex of extra files to read (JSON templates, data files)
    # regex of directories that are the site's own although their name is usually third-party's
    own_dirs: str | None = None
    description: str = ""
    # When set, `traits` can only find something in a file whose text holds one of these
    # literals or whose path matches `trait_paths`: the registry looks for every convention's
    # literals in one pass and skips the others, instead of each scanning every file.
    trait_hints: tuple[str, ...] = ()
    trait_paths: str | None = None
