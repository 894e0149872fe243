"""Content-hash cache of per-file facts under the project (like .ruff_cache): safe to delete.

Entries are JSON decoded into a fixed set of value classes, never pickles: a cache directory that
came with a repository cannot make pixellint run code. Keys cover the file's bytes and path, the
pixellint version, the catalog and the settings that change what is found.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, TypeVar

from pixellint import __version__, graph, suppress
from pixellint.facts import FileFacts
from pixellint.model import Diagnostic, Location, Sighting

DIRECTORY = ".pixellint_cache"
T = TypeVar("T")
_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (FileFacts, graph.Node, graph.Reference, Location, Sighting, Diagnostic, suppress.Suppression)
}


class Cache:
    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory / "v1"
        self.salt = f"{__version__}\0{salt}".encode()
        self._ready = False

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.blake2b(data, digest_size=20).hexdigest()

    def key(self, *parts: str) -> str:
        return hashlib.blake2b(self.salt + "\0".join(parts).encode(), digest_size=20).hexdigest()

    def get(self, key: str, kind: type[T]) -> T | None:
        try:
            raw = (self.directory / key[:2] / f"{key}.json").read_text("utf-8")
            value = _decode(json.loads(raw))
        except (OSError, ValueError, TypeError, KeyError):
            return None  # missing or unreadable entries are misses, never errors
        return value if isinstance(value, kind) else None

    def put(self, key: str, value: object) -> None:
        self._write(self.directory / key[:2], f"{key}.json", _encode(value))

    def load_snapshot(self) -> dict[str, list[Any]]:
        """rel -> [size, mtime_ns, content digest] from the last run: unchanged files are not re-read."""
        try:
            data = json.loads((self.directory / "snapshot.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def save_snapshot(self, snapshot: dict[str, list[Any]]) -> None:
        self._write(self.directory, "snapshot.json", snapshot)

    def _write(self, folder: Path, name: str, value: Any) -> None:
        try:
            self._prepare()
            folder.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(value, handle, separators=(",", ":"))
            os.replace(tmp, folder / name)
        except OSError:
            pass  # a read-only checkout still gets a correct, uncached scan

    def _prepare(self) -> None:
        if self._ready:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        root = self.directory.parent
        for name, text in ((".gitignore", "# created by pixellint\n*\n"), ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# pixellint cache\n")):
            if not (root / name).exists():
                (root / name).write_text(text, encoding="utf-8")
        self._ready = True


def register(*classes: type) -> None:
    """Allow more value classes in entries (the api's Result and Finding)."""
    _TYPES.update({cls.__name__: cls for cls in classes})


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"~": type(value).__name__, **{f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, frozenset):
        return {"~set": sorted(value)}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if isinstance(value, dict):
        if "~set" in value:
            return frozenset(value["~set"])
        cls = _TYPES[value.pop("~")]
        return cls(**{k: _decode(v) for k, v in value.items()})
    return value
