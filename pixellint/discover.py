"""Which files to scan: walk directories, skip vendored and generated trees, honour excludes."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pixellint.config import glob_regex
from pixellint.conventions.registry import is_own_dir
from pixellint.filetypes import is_read

SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", "bower_components", "jspm_packages", "vendor", "vendors",
    ".venv", "venv", "__pycache__", ".tox", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".pixellint_cache", "_site", ".jekyll-cache", ".next",
    ".nuxt", ".svelte-kit", ".cache", ".sass-cache", ".idea", ".vscode",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path
    rel: str  # POSIX path relative to the project root
    explicit: bool  # named on the command line


def walk(
    paths: list[Path], root: Path, exclude: tuple[str, ...]
) -> tuple[list[Candidate], list[str]]:
    """Files to scan and notes about what could not be walked (loops, unreadable directories)."""
    excluded = [glob_regex(g) for g in exclude]
    found: dict[str, Candidate] = {}
    notes: list[str] = []
    root_text = os.path.abspath(root)
    for path in paths:
        if path.is_dir():
            for file_path, rel in _walk_dir(os.path.abspath(path), root_text, excluded, notes):
                if rel not in found:
                    found[rel] = Candidate(Path(file_path), rel, False)
        else:
            rel = relative(path, root)
            found[rel] = Candidate(path, rel, True)
    return sorted(found.values(), key=lambda c: c.rel), notes


def relative(path: Path | str, root: Path | str) -> str:
    """POSIX path of `path` relative to `root` (absolute when it lies outside)."""
    absolute = os.path.abspath(path)
    base = os.path.abspath(root)
    if absolute == base:
        return "."
    if absolute.startswith(base.rstrip(os.sep) + os.sep):
        absolute = absolute[len(base.rstrip(os.sep)) + 1 :]
    return absolute.replace(os.sep, "/")


def _walk_dir(
    top: str, root: str, excluded: list[re.Pattern[str]], notes: list[str]
) -> Iterator[tuple[str, str]]:
    seen: set[tuple[int, int]] = set()
    real_root = os.path.realpath(root)

    def on_error(error: OSError) -> None:
        notes.append(
            f"{relative(error.filename or top, root)}: cannot read directory: {error.strerror}"
        )

    for dirpath, dirnames, filenames in os.walk(top, followlinks=True, onerror=on_error):
        rel_dir = relative(dirpath, root)
        try:
            stat = os.stat(dirpath)
        except OSError:
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            notes.append(f"{rel_dir}: directory symlink loop, not followed")
            dirnames[:] = []
            continue
        seen.add(key)
        if os.path.islink(dirpath) and not _inside(os.path.realpath(dirpath), real_root):
            notes.append(f"{rel_dir}: symlink leaves the project, not followed")
            dirnames[:] = []
            continue
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(
            d for d in dirnames if _walk_into(prefix, d) and not _excluded(prefix + d, excluded)
        )
        for name in sorted(filenames):
            rel = prefix + name
            if _wanted(rel) and not _excluded(rel, excluded):
                path = os.path.join(dirpath, name)
                if os.path.islink(path) and not _inside(os.path.realpath(path), real_root):
                    notes.append(f"{rel}: symlink leaves the project, not followed")
                    continue
                yield path, rel


def _walk_into(prefix: str, name: str) -> bool:
    """Third-party and generated trees are skipped, unless a convention says the folder is the
    site's own (Laravel's published `resources/views/vendor/`)."""
    return name not in SKIP_DIRS or is_own_dir(prefix + name)


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _wanted(rel: str) -> bool:
    return is_read(rel)


def _excluded(rel: str, excluded: list[re.Pattern[str]]) -> bool:
    return any(p.match(rel) for p in excluded)


def is_excluded(rel: str, exclude: tuple[str, ...]) -> bool:
    return _excluded(rel, [glob_regex(g) for g in exclude])
