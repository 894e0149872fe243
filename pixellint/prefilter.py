"""Where any of many literals occur in a text, case-insensitively: the first pass over every byte.

Every file is searched for the catalog's ~900 tokens before anything else is done with it, so
this pass sets the floor of a cold scan. Hyperscan (a SIMD literal matcher, wheels for Linux,
macOS and Windows) searches at ~1.7 GB/s here; pyahocorasick, the fallback where Hyperscan has no
wheel, at ~70 MB/s. Both report every occurrence, overlapping ones included, so the choice
changes the speed and never the result (tests/test_prefilter.py holds them to that).

Tokens are ASCII. A text is searched as ASCII bytes with every other character replaced by `?`
(one byte each), so byte offsets are character offsets and no token can match across a
replaced character.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Literals(Generic[T]):
    """`keys` (ASCII literals, lower-case unless `exact`) -> the values filed under each; found
    in any case, or as written with `exact`."""

    def __init__(
        self, keys: Mapping[str, Sequence[T]], engine: str = "", exact: bool = False
    ) -> None:
        if not all(key.isascii() and key and (exact or key == key.lower()) for key in keys):
            raise ValueError("prefilter keys must be non-empty lower-case ASCII")
        self._keys = list(keys)
        self._values = [keys[key] for key in self._keys]
        self._engine = engine or _best_engine()
        self._exact = exact
        self._compiled: Any = None

    @property
    def engine(self) -> str:
        return self._engine

    def __getstate__(self) -> dict[str, Any]:
        # a compiled database does not cross a process boundary; each worker compiles its own
        return {
            "_keys": self._keys,
            "_values": self._values,
            "_engine": self._engine,
            "_exact": self._exact,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._compiled = None

    def find(self, text: str) -> Iterator[tuple[int, Sequence[T]]]:
        """(start, values) of every occurrence of a key, by end offset."""
        if not text:
            return
        if self._compiled is None:
            self._compiled = _COMPILERS[self._engine](self._keys, self._exact)
        if self._engine == "hyperscan":
            yield from self._find_hyperscan(text)
        else:
            yield from self._find_ahocorasick(text)

    def _find_hyperscan(self, text: str) -> Iterator[tuple[int, Sequence[T]]]:
        data = text.encode("ascii", "replace") if not text.isascii() else text.encode("ascii")
        ends: list[tuple[int, int]] = []

        def on_match(key: int, _start: int, end: int, _flags: int, _context: object) -> None:
            ends.append((end, key))

        self._compiled.scan(data, match_event_handler=on_match)
        ends.sort()  # by end, then key: the same order on every run
        for end, key in ends:
            yield end - len(self._keys[key]), self._values[key]

    def _find_ahocorasick(self, text: str) -> Iterator[tuple[int, Sequence[T]]]:
        lowered = text if self._exact else text.lower() if text.isascii() else _ascii_lower(text)
        matches = sorted(
            (end, self._index[key])
            for end, key in self._compiled.iter(lowered)  # the automaton stores each key itself
        )
        for end, index in matches:
            yield end + 1 - len(self._keys[index]), self._values[index]

    @property
    def _index(self) -> dict[str, int]:
        index: dict[str, int] | None = self.__dict__.get("_index_cache")
        if index is None:
            index = {key: i for i, key in enumerate(self._keys)}
            self.__dict__["_index_cache"] = index
        return index


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(text: str) -> str:
    """Lower-case ASCII letters only: `str.lower` may change a text's length ('İ')."""
    return text.translate(_ASCII_LOWER)


def _best_engine() -> str:
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return "ahocorasick"
    return "hyperscan"


def _compile_hyperscan(keys: list[str], exact: bool) -> Any:
    import hyperscan

    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(
        expressions=[key.encode("ascii") for key in keys],
        ids=list(range(len(keys))),
        elements=len(keys),
        flags=[0 if exact else hyperscan.HS_FLAG_CASELESS] * len(keys),
        literal=True,
    )
    return database


def _compile_ahocorasick(keys: list[str], _exact: bool) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


_COMPILERS = {"hyperscan": _compile_hyperscan, "ahocorasick": _compile_ahocorasick}
