"""Which project each named path belongs to, and what report paths are relative to.

A project is a directory and its config: the nearest pixellint.toml, .pixellint.toml or
pyproject.toml with [tool.pixellint] above a file, searched up to the git top level (like ruff,
without leaving the repository). Its `sensitive` globs, template names and cache are relative to
that directory, so a file is judged the same whichever other paths are named with it. Report paths
share one base for the whole run: the git top level, because GitHub code scanning needs
repository-relative URIs, or --root.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pixellint import config as config_module
from pixellint.config import CONFIG_FILES, Config, ConfigError, config_in

GITIGNORE = ".gitignore"  # read by the walk, so a change to it is a change to the config
WHOLE_PROJECT_TRIGGERS = frozenset({*CONFIG_FILES, GITIGNORE})


@dataclass(frozen=True)
class Project:
    root: Path  # absolute
    config: Config
    config_file: Path | None = None
    prefix: str = ""  # root relative to the report base, "" or ending in "/"

    @property
    def name(self) -> str:
        """The project's directory as reports show it ('.' for the report base)."""
        return self.prefix.rstrip("/") or "."

    @property
    def config_name(self) -> str:
        """The config file as reports show it ('' when the project has none)."""
        return self.prefix + self.config_file.name if self.config_file else ""


@dataclass(frozen=True)
class Plan:
    base: Path  # report paths are relative to it
    work: tuple[tuple[Project, tuple[Path, ...]], ...]  # each project with the paths named in it
    nested: bool  # a directory may hold further projects (each config found on the way)


def plan(
    paths: Iterable[Path],
    *,
    config: Config | None = None,
    config_file: Path | None = None,
    isolated: bool = False,
    root: Path | None = None,
) -> Plan:
    """Group `paths` by project. `config` (the API's) or `config_file` (--config) makes one
    project for every path; otherwise each path gets its nearest config."""
    targets = [Path(os.path.abspath(p)) for p in paths]
    base_opt = _checked_root(root, targets)
    fallback = base_opt or _fallback_base(targets)
    groups: dict[Path, tuple[Config, Path | None, list[Path]]] = {}
    loose: list[Path] = []  # neither a config nor a repository says where their project is
    if config is not None or config_file is not None:
        if config_file is not None:
            config_file = Path(os.path.abspath(config_file))
            config = config_module.load(config_file)
            owner = config_file.parent
            _all_inside(targets, owner, f"the directory of --config {config_file}")
        else:
            owner = base_opt or Path(os.path.commonpath([str(_start(t)) for t in targets]))
        assert config is not None
        groups[owner] = (config, config_file, targets)
    else:
        for target in targets:
            start = _start(target)
            top = git_top(start)
            found = None if isolated else nearest_config(start, top)
            if found is None and (top is None or (base_opt and not _inside(top, base_opt))):
                loose.append(target)
                continue
            home = found.parent if found else top
            assert home is not None
            if home not in groups:
                groups[home] = (_load(found), found, [])
            groups[home][2].append(target)
        if loose:  # the named directories themselves, never the working directory around them
            owner = Path(os.path.commonpath([str(_start(t)) for t in loose]))
            groups.setdefault(owner, (Config(), None, []))[2].extend(loose)
    base = base_opt or _report_base(list(groups), fallback)
    for owner in groups:
        if base_opt and not _inside(owner, base_opt):
            what = groups[owner][1] or owner
            raise ConfigError(
                f"--root {base_opt}: the project of {what} is not inside it; give a --root that "
                "contains every project (report paths are relative to --root)"
            )
    work = tuple(
        (Project(owner, cfg, found, prefix_of(owner, base)), tuple(named))
        for owner, (cfg, found, named) in sorted(groups.items())
    )
    return Plan(base, work, nested=config is None and config_file is None and not isolated)


def nested_configs(project: Project, directories: Iterable[str]) -> dict[str, Path]:
    """Directories inside `project` (project-relative) that hold their own config, by the config
    file: projects of their own. Only the outermost are returned (their own walks find the rest);
    a config is loaded only when its project is scanned, so a broken one elsewhere in a monorepo
    does not stop a run that does not touch it."""
    found: dict[str, Path] = {}
    for directory in sorted(directories):
        if not directory or any(directory.startswith(d + "/") for d in found):
            continue
        config_file = config_in(project.root / directory)
        if config_file is not None:
            found[directory] = config_file
    return found


def project_of_config(config_file: Path, base: Path) -> Project:
    return Project(
        config_file.parent, _load(config_file), config_file, prefix_of(config_file.parent, base)
    )


def nearest_config(start: Path, stop: Path | None) -> Path | None:
    """The config file in `start` or the nearest parent, not above `stop` (the git top level)."""
    for directory in (start, *start.parents):
        found = config_in(directory)
        if found is not None:
            return found
        if directory == stop:
            return None
    return None


def git_top(start: Path) -> Path | None:
    """The top level of the outermost git work tree holding `start` (a `.git` directory or
    file): a submodule is judged as part of the repository that holds it, whichever is named."""
    top = None
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            top = directory
    return top


def _start(target: Path) -> Path:
    return target if target.is_dir() else target.parent


def prefix_of(directory: Path, base: Path) -> str:
    rel = Path(os.path.relpath(directory, base)).as_posix()
    return "" if rel == "." else rel + "/"


def _load(found: Path | None) -> Config:
    return config_module.load(found) if found is not None else Config()


def _checked_root(root: Path | None, targets: list[Path]) -> Path | None:
    if root is None:
        return None
    root = Path(os.path.abspath(root))
    if not root.is_dir():
        raise ConfigError(f"--root {root}: no such directory; give the repository's top level")
    _all_inside(targets, root, f"--root {root}")
    return root


def _all_inside(targets: list[Path], directory: Path, what: str) -> None:
    for target in targets:
        if not _inside(target, directory):
            raise ConfigError(
                f"{target} is outside {what}; name paths inside it, or run without that option"
            )


def _fallback_base(targets: list[Path]) -> Path:
    """Where a run with no config and no git repository is based: the working directory when
    every path is inside it, else the deepest directory holding them all."""
    cwd = Path.cwd()
    if all(_inside(t, cwd) for t in targets):
        return cwd
    starts = [str(t if t.is_dir() else t.parent) for t in targets]
    return Path(os.path.commonpath(starts)) if starts else cwd


def _report_base(owners: list[Path], fallback: Path) -> Path:
    """The git top level holding every project, else the deepest directory above them all and
    the working directory (when the named paths are inside it)."""
    tops = {git_top(owner) for owner in owners}
    if len(tops) == 1:
        (top,) = tops
        if top is not None:
            return top
    return Path(os.path.commonpath([str(o) for o in (*owners, fallback)]))


def _inside(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


__all__ = ["Plan", "Project", "nested_configs", "plan", "prefix_of", "project_of_config"]
