"""The cache under the project (like .ruff_cache): safe to delete, ignored by git.

One snapshot file holds, per path, the size and mtime seen when the file was last read, its
content digest and its facts: an unchanged file is neither read nor analysed again, and a file
whose bytes did not change (a touch, a checkout) is read but not analysed. Whole-run results are
kept by a key over every file's digest and the settings, so a second run over an unchanged tree
only walks and stats.

Entries are JSON decoded into a fixed set of value classes, never pickles: a cache directory that
came with a repository cannot make pixellint run code. Everything is keyed by the pixellint
version, the catalog and the settings that change what is found.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, TypeVar

from pixellint import __version__

DIRECTORY = ".pixellint_cache"
FORMAT = 10  # bumped when a cached value changes shape or meaning (2: mark locations, 3: exports, 4: script traits, 5: also, 6: Rails helpers, 8: facts as text, 9: script elements as values, 10: test code)
T = TypeVar("T")
_TYPES: dict[str, type] = {}


def register(*classes: type) -> None:
    """Allow these value classes in cache entries."""
    _TYPES.update({cls.__name__: cls for cls in classes})


class Cache:
    def __init__(self, directory: Path, salt: str, namespace: str = "") -> None:
        """`namespace` keeps projects that share one cache directory apart."""
        self.root = directory
        self.directory = directory / "v1" / namespace if namespace else directory / "v1"
        self.salt = f"{__version__}\0{FORMAT}\0{salt}"
        self._ready = False

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.blake2b(data, digest_size=20).hexdigest()

    def key(self, *parts: str) -> str:
        return hashlib.blake2b("\0".join((self.salt, *parts)).encode(), digest_size=20).hexdigest()

    def get(self, key: str, kind: type[T]) -> T | None:
        try:
            value = loads((self.directory / "runs" / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError, TypeError, KeyError, IndexError):
            return None  # missing or unreadable entries are misses, never errors
        return value if isinstance(value, kind) else None

    def put(self, key: str, value: object) -> None:
        runs = self.directory / "runs"
        self._write(runs, f"{key}.json", encode(value))

    def load_snapshot(self) -> dict[str, list[Any]]:
        try:
            data = json.loads((self.directory / "snapshot.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("salt") != self.salt
            or not isinstance(data.get("files"), dict)
        ):
            return {}
        files: dict[str, list[Any]] = data["files"]
        return files

    def save_snapshot(self, files: dict[str, list[Any]]) -> None:
        self._write(self.directory, "snapshot.json", {"salt": self.salt, "files": files})

    def _write(self, folder: Path, name: str, value: Any) -> None:
        try:
            self._prepare()
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(value, separators=(",", ":")))  # dumps uses the C encoder
            os.replace(tmp, folder / name)
        except OSError:
            pass  # a read-only checkout still gets a correct, uncached scan

    def _prepare(self) -> None:
        if self._ready:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        root = self.root
        marks = (
            (".gitignore", "# created by pixellint\n*\n"),
            ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# pixellint cache\n"),
        )
        for name, text in marks:
            if not (root / name).exists():
                (root / name).write_text(text, encoding="utf-8")
        self._ready = True


def encode(value: Any) -> Any:
    """Values to JSON: a dataclass is {"~": class name, "v": [field values in order]}."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "~": type(value).__name__,
            "v": [encode(getattr(value, f.name)) for f in dataclasses.fields(value)],
        }
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, frozenset):
        return {"~set": sorted(value)}
    return value


def dumps(value: Any) -> str:
    """`value` as JSON text: a snapshot keeps each file's facts as text, decoded only when the
    file's facts are used (a warm run over an unchanged tree uses none)."""
    return json.dumps(encode(value), separators=(",", ":"))


def loads(text: str) -> Any:
    """The value `dumps` wrote; the parser calls back per object, so no second walk is made."""
    return _tuples(json.loads(text, object_hook=_object))


def _object(entry: dict[str, Any]) -> Any:
    name = entry.get("~")
    if name is not None:
        return _TYPES[name](*[_tuples(v) if type(v) is list else v for v in entry["v"]])
    members = entry.get("~set")
    return frozenset(members) if members is not None else entry


def _tuples(value: Any) -> Any:
    return tuple([_tuples(v) for v in value]) if type(value) is list else value


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple([decode(v) for v in value])
    if isinstance(value, dict):
        if "~set" in value:
            return frozenset(value["~set"])
        return _TYPES[value["~"]](*[decode(v) for v in value["v"]])
    return value
