"""Configuration: one frozen dataclass, read from pixellint.toml, .pixellint.toml or pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

CONFIG_FILES = ("pixellint.toml", ".pixellint.toml", "pyproject.toml")


class ConfigError(ValueError):
    """A configuration problem the user must fix; the message says what and where."""


@dataclass(frozen=True)
class Config:
    sensitive: tuple[str, ...] = ()  # gitignore-style globs of sensitive pages/directories
    exclude: tuple[str, ...] = ()  # globs of files and directories not to scan
    allow: tuple[str, ...] = ()  # tracker ids accepted everywhere
    template_dirs: tuple[str, ...] = ()  # extra roots for template names
    site_root: tuple[str, ...] = ()  # where root-relative URLs (/assets/x.js) live
    report_self_hosted: bool = False  # report self-hosted analytics (Matomo, Plausible) too
    max_file_size: int = 10_000_000  # bytes; larger files are skipped with a diagnostic
    max_script_size: int = 2_000_000  # characters; larger scripts get the token fallback
    source: str = ""  # the file it came from, for messages

    def replace(self, **changes: Any) -> Config:
        from dataclasses import replace

        return replace(self, **changes)


_LISTS = {"sensitive", "exclude", "allow", "template_dirs", "site_root"}
_INTS = {"max_file_size", "max_script_size"}
_BOOLS = {"report_self_hosted"}


def find(start: Path) -> Path | None:
    """The nearest config file in `start` or its parents (pyproject.toml only with [tool.pixellint])."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "pixellint" in tomllib.loads(path.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load(path: Path) -> Config:
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("pixellint", {})
        where = f"{path} [tool.pixellint]"
    else:
        where = str(path)
    return from_mapping(raw, where)


def from_mapping(raw: dict[str, Any], where: str) -> Config:
    known = {f.name for f in fields(Config)} - {"source"}
    values: dict[str, Any] = {"source": where.rsplit("/", 1)[-1]}
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name not in known:
            hint = ", ".join(sorted(known))
            raise ConfigError(f"{where}: unknown key {key!r}; known keys: {hint}")
        values[name] = _check(name, value, where)
    for glob in (*values.get("sensitive", ()), *values.get("exclude", ())):
        try:
            glob_regex(glob)
        except ValueError as exc:
            raise ConfigError(f"{where}: bad glob {glob!r}: {exc}") from exc
    return Config(**values)


def _check(name: str, value: Any, where: str) -> Any:
    if name in _LISTS:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{where}: {name!r} must be a list of non-empty strings")
        return tuple(value)
    if name in _INTS:
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"{where}: {name!r} must be a positive whole number")
        return value
    if name in _BOOLS and not isinstance(value, bool):
        raise ConfigError(f"{where}: {name!r} must be true or false")
    return value


@cache
def glob_regex(glob: str) -> re.Pattern[str]:
    """Compile a gitignore-style glob: '**' any depth, '*' within a name, no '/' = any depth."""
    pattern = glob.strip()
    if not pattern or pattern in {"/", "!"}:
        raise ValueError("empty pattern")
    if pattern.startswith("!"):
        raise ValueError("negation ('!') is not supported; list what to include instead")
    if pattern.count("[") != pattern.count("]"):
        raise ValueError("unbalanced '[' ']'")
    directory_only = pattern.endswith("/")
    pattern = pattern.strip("/") if pattern.startswith("/") else pattern.rstrip("/")
    anchored = "/" in pattern
    out = ""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif ch == "*":
            out += "[^/]*"
            i += 1
        elif ch == "?":
            out += "[^/]"
            i += 1
        elif ch == "[":
            close = pattern.index("]", i)
            out += "[" + pattern[i + 1 : close].replace("!", "^", 1) + "]"
            i = close + 1
        else:
            out += re.escape(ch)
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    suffix = "/.*" if directory_only else "(?:/.*)?"
    return re.compile(f"^{prefix}{out}{suffix}$")
