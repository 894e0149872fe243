"""Finding the project file a name refers to: the index every convention searches."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager


class Lookup:
    """The project's files, indexed by every path suffix, with memoised searches.

    `on_disk` answers whether a project-relative path is a file the walk did not yield (a
    skipped folder, a gitignored build): searches consult it only while `probing`, after the
    walked files gave no answer, so a walked file always wins and the caller can say why the
    other was not scanned, or scan it."""

    def __init__(
        self,
        files: Iterable[str],
        template_dirs: Iterable[str] = (),
        site_roots: Iterable[str] = (),
        on_disk: Callable[[str], bool] | None = None,
    ) -> None:
        self.files = set(files)
        # facts conventions noted on project files (tsconfig `paths`, package.json `name`), set by
        # the graph before names are resolved
        self.traits: dict[str, tuple[tuple[str, str], ...]] = {}
        self.on_disk = on_disk
        self.probe = False
        self._disk: dict[str, bool] = {}
        self.template_dirs = [d.strip("/") for d in template_dirs]
        self.site_roots = [d.strip("/") for d in site_roots]
        self.by_suffix: dict[str, list[str]] = {}
        self.dirs: set[str] = set()
        for path in self.files:
            parts = path.split("/")
            for i in range(len(parts)):
                self.by_suffix.setdefault("/".join(parts[i:]), []).append(path)
            for i in range(1, len(parts)):
                self.dirs.add("/".join(parts[:i]))
        self._found: dict[tuple[str, str, tuple[str, ...], tuple[str, ...], bool], str | None] = {}
        self.template_roots = sorted(
            {p[: p.index("templates/") + 9] for p in self.files if "templates/" in p}
        )

    def find(
        self, name: str, source: str, dirs: Iterable[str], exts: Iterable[str] = ("",)
    ) -> str | None:
        """The file `name` means when looked for in `dirs` (then beside `source`, then anywhere
        by path suffix, nearest to `source` first), trying each extension in turn."""
        dirs, exts = tuple(dirs), tuple(exts)
        key = (name, posixpath.dirname(source), dirs, exts, self.probe)
        if key not in self._found:
            self._found[key] = self._find(name, source, dirs, exts)
        return self._found[key]

    def first(self, candidates: Iterable[str]) -> str | None:
        """The first candidate path that is a project file (candidates are tried lazily)."""
        return next((c for c in candidates if self.has(c)), None)

    def has(self, path: str) -> bool:
        """`path` is a walked file, or (while probing) a file on disk inside the project."""
        if path in self.files:
            return True
        if not self.probe or self.on_disk is None or path.startswith("../") or not path:
            return False
        if path not in self._disk:
            self._disk[path] = self.on_disk(path)
        return self._disk[path]

    @property
    def probed(self) -> dict[str, bool]:
        """Every path looked for on disk, and whether it was a file there."""
        return dict(self._disk)

    @contextmanager
    def probing(self) -> Iterator[None]:
        """Searches inside also find files on disk that the walk did not yield."""
        self.probe = self.on_disk is not None
        try:
            yield
        finally:
            self.probe = False

    def escapes(self, name: str, source: str) -> bool:
        """`name`, taken relative to `source`, points above the project root."""
        name = name.strip()
        if not name.startswith("../"):
            return False
        return posixpath.normpath(posixpath.join(posixpath.dirname(source), name)).startswith("..")

    def find_exact(
        self, name: str, source: str, dirs: Iterable[str], exts: Iterable[str] = ("",)
    ) -> str | None:
        """Like find, without the path-suffix search anywhere in the project."""
        for candidate in self._candidates(name.strip(), source, tuple(dirs), tuple(exts)):
            if self.has(candidate):
                return candidate
        return None

    def _candidates(
        self, name: str, source: str, dirs: tuple[str, ...], exts: tuple[str, ...]
    ) -> list[str]:
        here = posixpath.dirname(source)
        candidates: list[str] = []
        for ext in exts:
            full = name if not ext or name.endswith(ext) else name + ext
            if full.startswith(("./", "../")):
                candidates.append(posixpath.normpath(posixpath.join(here, full)))
                continue
            candidates.extend(
                posixpath.normpath(posixpath.join(d, full)) if d else full for d in dirs
            )
            candidates.append(posixpath.normpath(posixpath.join(here, full)))
        return candidates

    def _find(
        self, name: str, source: str, dirs: tuple[str, ...], exts: tuple[str, ...]
    ) -> str | None:
        name = name.strip().lstrip("@").split("?")[0]
        if "::" in name or not name:
            return None
        for candidate in self._candidates(name, source, dirs, exts):
            if self.has(candidate):
                return candidate
        if self.probe:
            return None  # the suffix search below is over walked files only: done already
        for ext in exts:
            full = name if not ext or name.endswith(ext) else name + ext
            matches = self.by_suffix.get(full.lstrip("./"), [])
            if matches:
                return min(matches, key=lambda p: (distance(p, source), p))
        return None

    def glob(self, pattern: str, limit: int = 50) -> list[str]:
        """Project files a computed template name can resolve to, relative to any template root."""
        regex = re.compile(
            "(?:^|/)" + ".*".join(re.escape(p) for p in pattern.lstrip("./").split("*")) + "$"
        )
        return sorted(f for f in self.files if regex.search(f))[:limit]

    @staticmethod
    def ancestors_dirs(source: str) -> list[str]:
        """The directories above `source`, nearest first, ending with '' (the project root)."""
        parts = posixpath.dirname(source).split("/") if "/" in source else []
        return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]

    def under_ancestors(self, source: str, *subdirs: str) -> list[str]:
        """`<ancestor>/<subdir>` for every ancestor of `source` where that directory exists."""
        found = []
        for directory in self.ancestors_dirs(source):
            for sub in subdirs:
                candidate = f"{directory}/{sub}" if directory else sub
                if candidate in self.dirs:
                    found.append(candidate)
        return found


def distance(path: str, source: str) -> int:
    """Steps between two files in the directory tree."""
    a, b = path.split("/"), source.split("/")
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return len(a) + len(b) - 2 * common
