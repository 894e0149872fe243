"""Drupal asset libraries (`mytheme.libraries.yml`): the JavaScript a theme or module attaches.

A library lists its JavaScript under `js:`, each file a key:

    gtm:
      header: true
      js:
        https://www.googletagmanager.com/gtm.js?id=GTM-XXXX: { type: external, attributes: { async: true } }
        js/gtm.js: {}

A key that is a URL (`https://`, `http://`, protocol-relative `//`) is a script the page loads
from that host: the file is read as the `<script src>` elements it stands for, each URL copied at
its exact offset, so a vendor URL is a sighting at its line and column. First-party files
(`js/gtm.js`, relative to the library file's folder) are not read here: the Drupal convention
links a page that attaches the library to them, and they are scanned as JavaScript.

The same small reader gives the convention what it needs from a theme's `*.info.yml`: the
libraries it attaches to every page (`libraries:`) and its base theme. No YAML dependency: the
files have a fixed shape, read line by line; a `#` comment (at the start of a line, or after
whitespace) never counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pixellint.languages.base import Kind, Language, Role, Span, View
from pixellint.languages.view import ViewBuilder

# a YAML comment: at the start of a line or after whitespace (`js/a.js#x` is no comment)
YAML_COMMENT = Span("yaml_comment", "#", r"(?:^|(?<=[ \t]))#[^\n]*", Role.COMMENT, 82)
_LINE = re.compile(r"^([ \t]*)([^\n]*)$", re.M)
# a mapping key: quoted, or plain up to the first `:` followed by a space or the line end (a URL's
# `https:` is part of the key)
_KEY = re.compile(
    r"""(?:(?P<q>["'])(?P<quoted>[^"'\n]*)(?P=q)|(?P<plain>[^\s#'"\-\[{](?:[^:\n]|:(?![ \t]|$))*?))"""
    r"""[ \t]*:(?:[ \t]+|$)""",
    re.M,
)
_EXTERNAL_TYPE = re.compile(r"\btype\s*:\s*['\"]?external\b")
_COMMENT_START = re.compile(r"(?:^|(?<=[ \t]))#")
_ITEM = re.compile(r"""-[ \t]+["']?([^\s"'#]+)""")
_FLOW_ITEM = re.compile(r"""["']?([\w.-]+/[\w.-]+)["']?""")
_FLOW_KEY = re.compile(
    r"""(?:(?P<q>["'])(?P<quoted>[^"'\n]*)(?P=q)|(?P<plain>[^\s"'{},\[\]](?:[^\s{},:]|:(?! ))*))\s*:"""
)
_FLOW_JS = re.compile(r"\{[ \t]*js[ \t]*:[ \t]*(?=\{)")
_BASE_THEME = re.compile(r"""^base theme[ \t]*:[ \t]*["']?([\w-]+)""", re.M)


@dataclass(frozen=True, slots=True)
class Script:
    """One JavaScript file of a library: its key as written and where it is."""

    library: str
    path: str
    start: int
    end: int
    external: bool


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://", "//"))


def scripts(text: str) -> list[Script]:
    """The JavaScript files of every library in a `*.libraries.yml` text, in order."""
    found: list[Script] = []
    library = ""
    js_indent = -1  # indentation of the current `js:` key, -1 outside one
    entry_indent = -1
    for line in _LINE.finditer(text):
        indent, content = len(line.group(1)), _uncommented(line.group(2))
        if not content.strip():
            continue
        key = _KEY.match(text, line.start(2))
        if indent == 0:
            library = _key_text(key) if key else ""
            js_indent = entry_indent = -1
            flow = _FLOW_JS.search(text, key.end(), line.end()) if key else None
            if flow:  # gtm: { js: { 'https://…': { type: external } } }
                found.extend(_flow_scripts(text, library, flow.end(), line.end()))
            continue
        if js_indent >= 0 and indent <= js_indent:
            js_indent = entry_indent = -1
        if js_indent < 0:
            if key and library and _key_text(key) == "js":
                js_indent = indent
                found.extend(_flow_scripts(text, library, key.end(), line.end()))
            continue
        if entry_indent < 0:
            entry_indent = indent
        if indent == entry_indent and key:
            name = "quoted" if key.group("quoted") is not None else "plain"
            path = key.group(name)
            rest = content[key.end() - line.start(2) :]
            external = is_url(path) or bool(_EXTERNAL_TYPE.search(rest))
            found.append(Script(library, path, key.start(name), key.end(name), external))
        elif indent > entry_indent and found and _EXTERNAL_TYPE.search(content):
            last = found[-1]
            if last.library == library:
                found[-1] = Script(last.library, last.path, last.start, last.end, True)
    return found


def library_names(text: str) -> list[str]:
    """Every library a `*.libraries.yml` text defines (its top-level keys)."""
    found = []
    for line in _LINE.finditer(text):
        if line.group(1) or not _uncommented(line.group(2)).strip():
            continue
        key = _KEY.match(text, line.start(2))
        if key:
            found.append(_key_text(key))
    return found


def _flow_scripts(text: str, library: str, start: int, end: int) -> list[Script]:
    """`js: { 'https://…/gtm.js': { type: external }, js/a.js: {} }` on one line: the keys
    of the outermost mapping."""
    found: list[Script] = []
    at = text.find("{", start, end)
    if at < 0 or text[start:at].strip():
        return found
    depth = 0
    expect_key = False
    while at < end:
        char = text[at]
        if char in "{[":
            depth += 1
            expect_key = depth == 1
        elif char in "}]":
            depth -= 1
            if depth <= 0:
                break
        elif char == "," and depth == 1:
            expect_key = True
        elif expect_key and not char.isspace():
            key = _FLOW_KEY.match(text, at, end)
            if key is None:
                break
            name = "quoted" if key.group("quoted") is not None else "plain"
            path = key.group(name)
            found.append(Script(library, path, key.start(name), key.end(name), is_url(path)))
            expect_key = False
            at = key.end()
            continue
        at += 1
    return found


def _key_text(key: re.Match[str]) -> str:
    return key.group("quoted") if key.group("quoted") is not None else key.group("plain")


def _uncommented(content: str) -> str:
    """A line without its trailing comment (a `#` inside quotes is text)."""
    if "#" not in content:
        return content
    for match in _COMMENT_START.finditer(content):
        before = content[: match.start()]
        if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
            return before
    return content


def comments(text: str) -> list[tuple[int, int]]:
    if "#" not in text:
        return []
    found = []
    for line in _LINE.finditer(text):
        content = line.group(2)
        kept = _uncommented(content)
        if len(kept) < len(content):
            found.append((line.start(2) + len(kept), line.end()))
    return found


def read(text: str) -> View:
    """The `<script src>` elements a libraries file stands for: one per external URL."""
    view = ViewBuilder(text)
    for start, end in comments(text):
        view.comment(start, end)
    for script in scripts(text):
        if is_url(script.path):
            view.emit('<script src="', script.start)
            view.copy(script.start, script.end)
            view.emit('"></script>\n', script.end)
    return view.build()


# --- *.info.yml ---------------------------------------------------------------------------------


def global_libraries(text: str) -> list[str]:
    """The libraries a theme's `*.info.yml` attaches to every page (`libraries:`)."""
    found: list[str] = []
    inside = False
    for line in _LINE.finditer(text):
        indent, content = line.group(1), _uncommented(line.group(2)).strip()
        if not content:
            continue
        if not indent:
            inside = content.startswith("libraries:")
            flow = content[len("libraries:") :].strip() if inside else ""
            if flow.startswith("["):
                found.extend(_FLOW_ITEM.findall(flow))
                inside = False
            continue
        item = _ITEM.match(content) if inside else None
        if item and "/" in item.group(1):
            found.append(item.group(1))
    return found


def base_theme(text: str) -> str | None:
    found = _BASE_THEME.search(text)
    return found.group(1) if found else None


LANGUAGE = Language(
    "drupal-libraries",
    Kind.MARKUP,
    (".libraries.yml",),
    comments=(YAML_COMMENT,),
    reader=read,
    description="Drupal asset libraries: external JavaScript (`type: external`)",
)
