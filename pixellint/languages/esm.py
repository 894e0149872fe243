"""ES module imports as include forms: a module a file imports runs with it, so it is an edge.

An import is a graph edge (kind "import"; "dynamic-import" for `import()`): `import X from
'./x'`, `import './side-effect'`, `export * from './x'`, `export {a} from './a'`, `import('./x')`
(React.lazy, next/dynamic), `require('./x')`. Type-only imports (`import type`, `export type`,
`import {type A}`) are erased by the compiler and run nothing: no edge. Every specifier is handed
to the "esm" resolver (pixellint.conventions.esm), which tells project files from packages (a
package is dropped silently); assets a bundler loads (`./app.css`, `./logo.svg`) are not modules.

The same include forms serve every language that holds modules: script files, the `<script>`
blocks of Vue and Svelte components and Astro front matter (`esm_includes` takes where the
modules are in such a file). An import inside a comment or a string literal is text, so a small
lexer (comments, strings, template literals, regex literals) says where code is; it runs only
when a file has a candidate, stops at the last candidate asked about, and never backtracks.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from pixellint.languages.base import Include

Regions = Callable[[str], Sequence[tuple[int, int]]]

# --- where code is: comments and literals -------------------------------------------------------
# Each form always matches once its opener is seen (an unclosed string ends at its line, an
# unclosed comment or template at the end), so the scan never retries: linear on any input. A `/`
# after an operator or an opening bracket starts a regex literal (a quote inside it is no string).
_LEXEME = re.compile(
    r"//[^\n]*"
    r"|/\*(?:[^*]|\*(?!/))*(?:\*/|\Z)"
    r"""|"(?:[^"\\\n]|\\[\s\S]?)*(?:"|$)"""
    r"|'(?:[^'\\\n]|\\[\s\S]?)*(?:'|$)"
    r"|`(?:[^`\\]|\\[\s\S]?)*(?:`|\Z)"
    r"|(?<=[(,=:\[!&|?;])[ \t]*/(?![/*])"
    r"(?:[^/\\\n\[]|\\[^\n]?|\[(?:[^\]\\\n]|\\[^\n]?)*(?:\]|$))*(?:/|$)",
    re.M,
)


class _Code:
    """Where comments and literals lie in text[start:end], lexed lazily up to the offsets asked
    about (a module's imports are at its top: the rest of a large file is never lexed)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._tokens: Iterator[re.Match[str]] | None = _LEXEME.finditer(text, start, end)
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._lexed = start

    def is_code(self, offset: int) -> bool:
        while self._tokens is not None and self._lexed <= offset:
            token = next(self._tokens, None)
            if token is None:
                self._tokens = None
                break
            self._starts.append(token.start())
            self._ends.append(token.end())
            self._lexed = token.end()
        index = bisect.bisect_right(self._starts, offset) - 1
        return index < 0 or offset >= self._ends[index]


class _Modules:
    """The module regions of the last text asked about, and their lexers (the include forms of
    one file ask about the same string in turn)."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.regions: dict[Regions | None, list[tuple[int, int]]] = {}
        self.code: dict[tuple[int, int], _Code] = {}

    def is_module_code(self, text: str, offset: int, regions: Regions | None) -> bool:
        if text is not self.text:
            self.text, self.regions, self.code = text, {}, {}
        if regions not in self.regions:
            self.regions[regions] = [(0, len(text))] if regions is None else sorted(regions(text))
        spans = self.regions[regions]
        index = bisect.bisect_right(spans, (offset, len(text) + 1)) - 1
        if index < 0 or not spans[index][0] <= offset < spans[index][1]:
            return False
        span = spans[index]
        if span not in self.code:
            self.code[span] = _Code(text, *span)
        return self.code[span].is_code(offset)


_MODULES = _Modules()

# --- the include forms --------------------------------------------------------------------------
# `import`/`export` not inside a longer name nor a property (`x.import`); then a side-effect
# import, a dynamic import (magic comments allowed: `import(/* webpackChunkName: "a" */ './a')`)
# or an import/export clause up to `from '...'`. The clause is tempered: it never runs past a
# quote, `;`, `=`, a parenthesis or the next import/export, so each character is read once.
_ESM = (
    r"(?<![\w$.])(?P<kw>import|export)(?![\w$])\s*(?:"
    r"(?P<q1>['\"])(?P<bare>[^'\"\n]+)(?P=q1)"
    r"|\(\s*(?:/\*(?:[^*]|\*(?!/)){0,300}\*/\s*){0,4}(?P<q2>['\"`])(?P<dynamic>[^'\"`\n]*)(?P=q2)"
    r"|(?P<clause>[\w$*{](?:(?!\b(?:import|export)\b)[^'\"`;=()])*?)"
    r"\bfrom\s*(?P<q3>['\"])(?P<from>[^'\"\n]+)(?P=q3)"
    r")"
)
_REQUIRE = r"(?<![\w$.])require\s*\(\s*(['\"])([^'\"\n]+)\1\s*\)"
_TYPE_ONLY = re.compile(r"(?:type|typeof)(?=[\s{*])\s*\S")
# what a bundler loads as an asset or data, never as a module that runs
_ASSET = re.compile(
    r"\.(?:css|scss|sass|less|styl|stylus|pcss|postcss|svg|png|jpe?g|gif|webp|avif|ico|bmp|tiff?"
    r"|woff2?|ttf|otf|eot|mp4|webm|ogg|mp3|wav|flac|aac|m4a|mov|pdf|json5?|ya?ml|toml|txt|csv"
    r"|xml|html?|graphql|gql|wasm|glsl|vert|frag|wgsl|node|d\.ts)$",
    re.I,
)
_NOT_FILES = ("http:", "https:", "//", "data:", "node:", "bun:", "npm:", "jsr:", "virtual:", "\0")


def _is_type_only(clause: str) -> bool:
    """`import type X`, `import type {X}`, `export type * from`, `import {type A, type B}`: the
    compiler erases them. `import type from './t'` imports a default named `type`."""
    clause = clause.strip()
    if _TYPE_ONLY.match(clause) and not re.fullmatch(r"type\s*(?:,.*)?", clause, re.S):
        return True
    if clause.startswith("{") and clause.endswith("}"):
        names = [n.strip() for n in clause[1:-1].split(",") if n.strip()]
        return bool(names) and all(re.match(r"type\s+[\w$]", n) for n in names)
    return False


def _is_module_name(name: str) -> bool:
    """A specifier that can name a module of the project or a package (not a URL, a built-in,
    a loader chain or an asset)."""
    if not name or name.startswith(_NOT_FILES) or "!" in name or "${" in name:
        return False
    path = name.split("?", 1)[0]
    return not _ASSET.search(path)


def _is_local_pattern(name: str) -> bool:
    return name.startswith(("./", "../", "@/", "~/", "/"))


def esm_includes(regions: Regions | None = None) -> tuple[Include, Include]:
    """The import forms, for a language whose modules are at `regions(text)` (the whole text
    when None)."""

    def in_module(match: re.Match[str]) -> bool:
        return _MODULES.is_module_code(match.string, match.start(), regions)

    def esm_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
        keyword = match.group("kw")
        if match.group("clause") is not None:
            if _is_type_only(match.group("clause")):
                return
            name, kind = match.group("from"), "import"
        elif keyword != "import":
            return  # `export 'x'` and `export(` are no statements
        elif match.group("q2") is not None:
            name, kind = match.group("dynamic"), "dynamic-import"
            if "${" in name:  # a computed name: the bundler takes every file it can be
                if _is_local_pattern(name.strip()) and in_module(match):
                    yield name.strip(), kind, "dynamic"
                return
        else:
            name, kind = match.group("bare"), "import"
        name = name.strip()
        if _is_module_name(name) and in_module(match):
            yield name, kind, "esm"

    def require_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
        name = match.group(2).strip()
        if _is_module_name(name) and in_module(match):
            yield name, "import", "esm"

    return (
        Include(_ESM, "import", "esm", "port", names=esm_names),
        Include(_REQUIRE, "import", "esm", "require", names=require_names),
    )


INCLUDES = esm_includes()

_SCRIPT_BLOCK = re.compile(r"<script\b[^>]*>(.*?)(?:</script\s*>|\Z)", re.S | re.I)


def script_blocks(text: str) -> list[tuple[int, int]]:
    """Where a Vue or Svelte component's `<script>` blocks are: its imports are there only."""
    if "<script" not in text and "<SCRIPT" not in text:
        return []
    return [match.span(1) for match in _SCRIPT_BLOCK.finditer(text)]


BLOCK_INCLUDES = esm_includes(script_blocks)
