"""Configuration: one frozen dataclass, read from pixellint.toml, .pixellint.toml or pyproject.toml."""

from __future__ import annotations

import json
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
    respect_gitignore: bool = True  # skip files ignored by .gitignore; set false to scan them
    source: str = ""  # the file it came from, for messages
    lines: tuple[tuple[str, int, int], ...] = ()  # (glob, line, column) of each `sensitive` glob

    def replace(self, **changes: Any) -> Config:
        from dataclasses import replace

        return replace(self, **changes)


_LISTS = {"sensitive", "exclude", "allow", "template_dirs", "site_root"}
_INTS = {"max_file_size", "max_script_size"}
_BOOLS = {"report_self_hosted", "respect_gitignore"}
_NOT_KEYS = {"source", "lines"}  # filled by pixellint, not by the user
_EXAMPLES = {
    "sensitive": "portal/**",
    "exclude": "legacy/**",
    "allow": "google-tag-manager",
    "template_dirs": "templates",
    "site_root": "static",
}


def config_in(directory: Path) -> Path | None:
    """The config file of `directory` itself (pyproject.toml only with a [tool.pixellint] table)."""
    for name in CONFIG_FILES:
        candidate = directory / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
            return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return "pixellint" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:  # broken TOML that names the table: load() says what is wrong
        return "[tool.pixellint" in text


def load(path: Path) -> Config:
    try:
        text = path.read_text("utf-8-sig")  # a BOM (Notepad) is not TOML, nor an error
        raw = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    table = ""
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("pixellint", {})
        where = f"{path} [tool.pixellint]"
        table = "tool.pixellint"
    else:
        where = str(path)
    config = from_mapping(raw, where)
    return config.replace(lines=glob_lines(text, table, config.sensitive))


def from_mapping(raw: dict[str, Any], where: str) -> Config:
    """A Config from parsed TOML; every problem is reported at once, each with its fix."""
    known = {f.name for f in fields(Config)} - _NOT_KEYS
    values: dict[str, Any] = {"source": where.replace("\\", "/").rsplit("/", 1)[-1]}
    problems: list[str] = []
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name not in known:
            problems.append(f"unknown key {key!r}; known keys: {', '.join(sorted(known))}")
            continue
        try:
            values[name] = _check(name, value)
        except ConfigError as exc:
            problems.append(str(exc))
    for glob in (*values.get("sensitive", ()), *values.get("exclude", ())):
        try:
            glob_regex(glob)
        except ValueError as exc:
            problems.append(f"bad glob {glob!r}: {exc}")
    if problems:
        raise ConfigError("\n".join(f"{where}: {problem}" for problem in problems))
    return Config(**values)


def _check(name: str, value: Any) -> Any:
    """The value for key `name`, or a ConfigError saying what was given and what to write: a
    silently coerced value would scan something else than the user thinks."""
    if name in _LISTS:
        example = json.dumps([_EXAMPLES[name]])
        if isinstance(value, str) and value.strip():
            fix = json.dumps([value])
            raise ConfigError(
                f"{name!r} must be a list of strings, not a string; write {name} = {fix}"
            )
        if not isinstance(value, list):
            raise ConfigError(
                f"{name!r} must be a list of strings, not {_given(value)}; write {name} = {example}"
            )
        for number, item in enumerate(value, 1):
            if not isinstance(item, str):
                fix = "quote it" if isinstance(item, (int, float)) else "write one string per item"
                raise ConfigError(
                    f"item {number} of {name!r} is {_given(item)}, not a string; {fix}, "
                    f"as in {name} = {example}"
                )
            if not item.strip():
                raise ConfigError(
                    f"item {number} of {name!r} is {_given(item)}, which names nothing; remove it"
                )
        return tuple(value)
    if name in _INTS:
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            default = next(f.default for f in fields(Config) if f.name == name)
            raise ConfigError(
                f"{name!r} must be a positive whole number, not {_given(value)}; "
                f"write {name} = {default} (no quotes, no unit)"
            )
        return value
    if name in _BOOLS and not isinstance(value, bool):
        raise ConfigError(
            f"{name!r} must be true or false, not {_given(value)}; "
            f"write {name} = true or {name} = false (no quotes)"
        )
    return value


def _given(value: Any) -> str:
    """A TOML value as a message names it: `the string "portal/**"`, `the boolean true`."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        blank = " (blank)" if value and not value.strip() else ""
        return f"the string {json.dumps(value)}{blank}" if value else "an empty string"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"the date/time {value}"


# --- where each `sensitive` glob is written, so a mark can point at it ---------------------------

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\''
_PART = f"(?:{_BARE}|{_QUOTED})"
_DOTTED = f"{_PART}(?:[ \t]*\\.[ \t]*{_PART})*"
_HEADER = re.compile(rf"[ \t]*\[\[?[ \t]*({_DOTTED})[ \t]*\]")
_KEY = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=[ \t]*")
_ANY_SENSITIVE_KEY = re.compile(r"(?<![\w-])sensitive(?=[\"']?[ \t]*=)")
_STRING = re.compile(r'"""(?:[^\\]|\\.)*?"{3,5}|\'\'\'.*?\'{3,5}|' + _QUOTED, re.DOTALL)


def glob_lines(text: str, table: str, globs: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """(glob, line, column) of each of `globs` in the `sensitive` array of TOML `text` (in
    `table`, "" for the top level): the string literal if found, else the `sensitive` key."""
    found = _sensitive_strings(text, f"{table}.sensitive" if table else "sensitive")
    if found is None:  # written in a form the scan does not follow (an inline table)
        key_match = _ANY_SENSITIVE_KEY.search(text)
        if key_match is None:
            return ()
        found = key_match.start(), []
    key, strings = found
    result = []
    for glob in globs:
        at = next((i for i, (_, value) in enumerate(strings) if value == glob), None)
        offset = strings.pop(at)[0] if at is not None else key
        line = text.count("\n", 0, offset) + 1
        result.append((glob, line, offset - text.rfind("\n", 0, offset)))
    return tuple(result)


def _sensitive_strings(text: str, target: str) -> tuple[int, list[tuple[int, str]]] | None:
    """The offset of the `target` key and (offset, value) of the strings of its array."""
    table = ""
    i = 0
    while i < len(text):
        header = _HEADER.match(text, i)
        key = None if header else _KEY.match(text, i)
        if header:
            table = _dotted(header.group(1))
            i = header.end()
        elif key:
            name = _dotted(key.group(1))
            full = f"{table}.{name}" if table else name
            end, strings = _value(text, key.end())
            if full == target:
                return key.start(1), strings
            i = end
        newline = text.find("\n", i)
        i = len(text) if newline < 0 else newline + 1
    return None


def _value(text: str, i: int) -> tuple[int, list[tuple[int, str]]]:
    """Skip one TOML value at `i`; the strings directly inside an array value, with offsets."""
    strings: list[tuple[int, str]] = []
    depth = 0
    while i < len(text):
        char = text[i]
        string = _STRING.match(text, i) if char in "\"'" else None
        if string:
            if depth == 1:
                strings.append((i, _string_value(string.group())))
            i = string.end()
        elif char in "[{":
            depth += 1
            i += 1
        elif char in "]}":
            depth -= 1
            i += 1
        elif char == "#":
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline
        elif char == "\n" and depth <= 0:
            break
        else:
            i += 1
        if depth <= 0 and (string or char in "]}"):
            break
    return i, strings


def _string_value(literal: str) -> str:
    try:
        value = tomllib.loads(f"v = {literal}")["v"]
    except tomllib.TOMLDecodeError:
        return literal
    return value if isinstance(value, str) else literal


def _dotted(key: str) -> str:
    return ".".join(_string_value(p) if p[0] in "\"'" else p for p in re.findall(_PART, key))


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
