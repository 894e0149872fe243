"""Which files to scan: walk directories, skip vendored and generated trees, honour excludes and
`.gitignore` (docs/scanning.md)."""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from pixellint.config import glob_regex
from pixellint.conventions.registry import is_own_dir
from pixellint.filetypes import is_read

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

# Not descended into unless named on the command line. Each group and why: docs/scanning.md.
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


class SkipKind(StrEnum):
    """Why the walk of the project root does not yield a path."""

    EXCLUDED = "excluded"  # the config's `exclude`
    DEFAULT_SKIP = "default-skip"  # under a SKIP_DIRS folder (vendored, generated, tooling)
    GITIGNORED = "gitignored"  # a .gitignore or .git/info/exclude pattern
    NOT_READ = "not-read"  # not a file type pixellint reads


def walk(
    paths: list[Path],
    root: Path,
    exclude: tuple[str, ...],
    *,
    gitignore: bool = True,
    skip_dirs: Collection[str] = (),
) -> tuple[list[Candidate], list[str]]:
    """Files to scan and notes about what could not be walked (loops, unreadable directories).

    A named file is always a candidate; a named directory is always walked, even when it is a
    default skip or gitignored, while the rules below it still apply to its contents. `skip_dirs`
    are project-relative directories not to descend into (nested projects with their own config).
    """
    excluded = [glob_regex(g) for g in exclude]
    found: dict[str, Candidate] = {}
    notes: list[str] = []
    root_text = os.path.abspath(root)
    ignores = _GitIgnores(root_text, notes) if gitignore else None
    skip = frozenset(d.strip("/").removeprefix("./") for d in skip_dirs)
    for path in paths:
        if path.is_dir():
            top = os.path.abspath(path)
            for file_path, rel in _walk_dir(top, root_text, excluded, notes, ignores, skip):
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
    top: str,
    root: str,
    excluded: list[re.Pattern[str]],
    notes: list[str],
    ignores: _GitIgnores | None,
    skip_dirs: frozenset[str],
) -> Iterator[tuple[str, str]]:
    seen: set[tuple[int, int]] = set()
    real_root = os.path.realpath(root)
    chains: dict[str, _Chain] = {}

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
        chain: _Chain | None = None
        if ignores is not None:
            parent = ignores.above(top) if dirpath == top else chains[os.path.dirname(dirpath)]
            chain = ignores.enter(
                parent,
                dirpath,
                ".git" in dirnames or ".git" in filenames,
                ".gitignore" in filenames,
            )
            chains[dirpath] = chain
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(
            d
            for d in dirnames
            if _walk_into(prefix, d)
            and prefix + d not in skip_dirs
            and not _excluded(prefix + d, excluded)
            and not (chain and _GitIgnores.match(chain, os.path.join(dirpath, d), True))
            and not _alias(os.path.join(dirpath, d), real_root, prefix + d, notes)
        )
        for name in sorted(filenames):
            rel = prefix + name
            if (
                _wanted(rel)
                and not _excluded(rel, excluded)
                and not (chain and _GitIgnores.match(chain, os.path.join(dirpath, name), False))
            ):
                path = os.path.join(dirpath, name)
                if os.path.islink(path) and not _inside(os.path.realpath(path), real_root):
                    notes.append(f"{rel}: symlink leaves the project, not followed")
                    continue
                yield path, rel


def _walk_into(prefix: str, name: str) -> bool:
    """Third-party and generated trees are skipped, unless a convention says the folder is the
    site's own (Laravel's published `resources/views/vendor/`)."""
    return name not in SKIP_DIRS or is_own_dir(prefix + name)


def _alias(path: str, real_root: str, rel: str, notes: list[str]) -> bool:
    """A directory symlink to a folder of the project itself: that folder is walked under its
    own name (walking the alias first would report its files under the alias' name). One that
    points at a folder above it is a loop, and says so."""
    if not os.path.islink(path):
        return False
    real = os.path.realpath(path)
    if not _inside(real, real_root):
        return False
    if _inside(os.path.realpath(os.path.dirname(path)), real):
        notes.append(f"{rel}: directory symlink loop, not followed")
    return True


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _wanted(rel: str) -> bool:
    return is_read(rel)


def _excluded(rel: str, excluded: list[re.Pattern[str]]) -> bool:
    return any(p.match(rel) for p in excluded)


def is_excluded(rel: str, exclude: tuple[str, ...]) -> bool:
    return _excluded(rel, [glob_regex(g) for g in exclude])


def kind_of_skip(
    rel: str, root: Path, exclude: tuple[str, ...], *, gitignore: bool = True
) -> SkipKind | None:
    """Why `walk([root], root, exclude)` does not yield the existing project-relative `rel`;
    None when it does."""
    reason = _skip_reason(rel, root, exclude, gitignore)
    return reason[0] if reason else None


def why_not_walked(
    rel: str, root: Path, exclude: tuple[str, ...], *, gitignore: bool = True
) -> str | None:
    """`kind_of_skip` in words, naming the glob, folder or ignore file and pattern responsible."""
    reason = _skip_reason(rel, root, exclude, gitignore)
    return reason[1] if reason else None


def _skip_reason(
    rel: str, root: Path, exclude: tuple[str, ...], gitignore: bool
) -> tuple[SkipKind, str] | None:
    """The reason that stays true when the others are lifted comes first: a config exclude (even
    a file a page loads is not pulled in), then the file type (it cannot be read at all), then
    the first default skip or gitignored folder on the way down, then the file's own pattern."""
    rel = rel.strip("/").removeprefix("./")
    root_text = os.path.abspath(root)
    path = os.path.join(root_text, *rel.split("/"))
    if rel in ("", ".") or not os.path.lexists(path):
        return None
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for sub in prefixes:
        for glob in exclude:
            if glob_regex(glob).match(sub):
                return SkipKind.EXCLUDED, f"excluded by the config's exclude {glob!r}"
    is_dir = os.path.isdir(path)
    if not is_dir and not _wanted(rel):
        return SkipKind.NOT_READ, "not a file type pixellint reads"
    ignores = _GitIgnores(root_text, []) if gitignore else None
    chain = ignores.above(root_text) if ignores else None
    directory = root_text
    for i, sub in enumerate(prefixes):
        last = i == len(prefixes) - 1
        if ignores is not None and chain is not None:
            chain = ignores.enter(
                chain,
                directory,
                os.path.lexists(os.path.join(directory, ".git")),
                os.path.isfile(os.path.join(directory, ".gitignore")),
            )
        directory = os.path.join(directory, parts[i])
        entry_is_dir = is_dir or not last
        if entry_is_dir and not _walk_into(sub[: -len(parts[i])], parts[i]):
            return SkipKind.DEFAULT_SKIP, f"under {sub}/, which is not scanned by default"
        hit = _GitIgnores.match(chain, directory, entry_is_dir) if chain else None
        if hit is not None:
            where = "" if last and not is_dir else f"under {sub}/, "
            what = ".gitignore" if os.path.basename(hit.source) == ".gitignore" else "git"
            source = os.path.relpath(hit.source, root_text).replace(os.sep, "/")
            return SkipKind.GITIGNORED, f"{where}ignored by {what} ({hit.pattern!r} in {source})"
    return None


# --- .gitignore -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rules:
    """One ignore file: its patterns apply to paths relative to `base`."""

    base: str  # absolute directory, with a trailing separator
    spec: GitIgnoreSpec
    source: str  # absolute path of the file


@dataclass(frozen=True, slots=True)
class _Chain:
    """The ignore files that apply inside one directory, shallowest (lowest precedence) first.
    Outside a git work tree there is none, and no .gitignore is read."""

    in_repo: bool
    rules: tuple[_Rules, ...]

    def __bool__(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True, slots=True)
class _Hit:
    pattern: str
    source: str


_NO_REPO = _Chain(False, ())


class _GitIgnores:
    """Ignore files parsed once per directory for one walk; pathspec is imported only when a
    file with a pattern turns up."""

    def __init__(self, root: str, notes: list[str]) -> None:
        self.root = root
        self.notes = notes
        self._parsed: dict[str, GitIgnoreSpec | None] = {}

    def above(self, start: str) -> _Chain:
        """What applies to `start`'s own entries from the directories above it, up to the git
        top level. `start` was named, so patterns there that ignore it are set aside: they would
        otherwise ignore everything in it."""
        ancestors: list[str] = []
        directory = start
        while not os.path.lexists(os.path.join(directory, ".git")):
            parent = os.path.dirname(directory)
            if parent == directory:
                return _NO_REPO
            ancestors.append(parent)
            directory = parent
        if not ancestors:
            return _NO_REPO  # `start` is the top level: entering it begins the work tree
        chain = _NO_REPO
        for i, directory in enumerate(reversed(ancestors)):
            chain = self.enter(chain, directory, i == 0, True)
        return _Chain(chain.in_repo, tuple(r for r in (_named(r, start) for r in chain.rules) if r))

    def enter(self, parent: _Chain, directory: str, has_git: bool, has_gitignore: bool) -> _Chain:
        """The chain inside `directory`: a `.git` starts a work tree (the parent's rules stop at a
        nested repository, as in git), and its `.gitignore` comes on top."""
        chain = parent
        if has_git:
            exclude = _info_exclude(directory)
            spec = self._spec(exclude) if exclude else None
            base = os.path.join(directory, "")
            chain = _Chain(True, (_Rules(base, spec, exclude),) if spec and exclude else ())
        if has_gitignore and chain.in_repo:
            source = os.path.join(directory, ".gitignore")
            spec = self._spec(source)
            if spec is not None:
                rules = _Rules(os.path.join(directory, ""), spec, source)
                chain = _Chain(True, (*chain.rules, rules))
        return chain

    @staticmethod
    def match(chain: _Chain, path: str, is_dir: bool) -> _Hit | None:
        """The pattern that ignores `path`, if any: the deepest file with a matching pattern
        decides, and within it the last matching pattern (a `!` pattern re-includes)."""
        for rules in reversed(chain.rules):
            if not path.startswith(rules.base):
                continue
            name = path[len(rules.base) :].replace(os.sep, "/") + ("/" if is_dir else "")
            result = rules.spec.check_file(name)
            if result.include is None:
                continue
            if result.include and result.index is not None:
                return _Hit(str(rules.spec.patterns[result.index].pattern), rules.source)
            return None
        return None

    def _spec(self, source: str) -> GitIgnoreSpec | None:
        if source not in self._parsed:
            self._parsed[source] = self._parse(source)
        return self._parsed[source]

    def _parse(self, source: str) -> GitIgnoreSpec | None:
        try:
            with open(source, encoding="utf-8-sig", errors="surrogateescape") as handle:
                lines = handle.read().splitlines()
        except OSError as error:
            if os.path.lexists(source):
                self.notes.append(f"{relative(source, self.root)}: cannot read: {error.strerror}")
            return None
        if not any(line.strip() and not line.startswith("#") for line in lines):
            return None  # git init's commented info/exclude: no need for pathspec
        from pathspec import GitIgnoreSpec

        try:
            return GitIgnoreSpec.from_lines(lines)
        except ValueError:  # git skips a pattern it cannot parse; so do we
            return GitIgnoreSpec.from_lines(line for line in lines if _parses(line))


def _parses(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except ValueError:
        return False
    return True


def _named(rules: _Rules, start: str) -> _Rules | None:
    """`rules` for the contents of the named directory `start`: if they ignore `start` itself,
    the patterns matching it are dropped (`dist/` in .gitignore, `pixellint check dist`)."""
    name = start[len(rules.base) :].replace(os.sep, "/") + "/"
    if not rules.spec.check_file(name).include:
        return rules
    from pathspec import GitIgnoreSpec

    kept = [p for p in rules.spec.patterns if p.include is None or p.match_file(name) is None]
    return _Rules(rules.base, GitIgnoreSpec(kept), rules.source) if kept else None


def _info_exclude(top: str) -> str | None:
    """`$GIT_COMMON_DIR/info/exclude` of the work tree at `top` (`.git` may be a file that points
    elsewhere: submodules, worktrees)."""
    git = os.path.join(top, ".git")
    if os.path.isfile(git):
        try:
            with open(git, encoding="utf-8") as handle:
                first = handle.readline().strip()
        except (OSError, UnicodeDecodeError):
            return None
        if not first.startswith("gitdir:"):
            return None
        git = os.path.normpath(os.path.join(top, first.removeprefix("gitdir:").strip()))
        try:
            with open(os.path.join(git, "commondir"), encoding="utf-8") as handle:
                git = os.path.normpath(os.path.join(git, handle.readline().strip()))
        except (OSError, UnicodeDecodeError):
            pass
    return os.path.join(git, "info", "exclude")
