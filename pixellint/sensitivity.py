"""Which pages are sensitive, why, and where that is written. Knows nothing about trackers.

One rule for every mark: the name `pixellint` and the value `sensitive` in any case, in a comment
(`pixellint: sensitive`), a meta tag or front matter; front matter may also nest it
(`pixellint: {sensitive: true}`, `[pixellint] sensitive = true`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TypeAlias

from pixellint.comments import comments_with
from pixellint.config import Config, glob_regex
from pixellint.document import Document, FrontValue
from pixellint.graph import Graph
from pixellint.lazyre import lazy
from pixellint.model import Location, Mark
from pixellint.prefilter import Literals

_NEEDLE = lazy(r"pixellint", re.IGNORECASE)
_NAME = Literals({"pixellint": (True,)})
# `sensitive-data` is another word; `sensitive-->`, `sensitive--}}` and `sensitive-%>` close a comment
_MARKER = lazy(r"pixellint\s*:\s*sensitive(?!\w|-\w)", re.IGNORECASE)
_META_OPEN = lazy(r"<meta\b", re.IGNORECASE)
_ATTRIBUTE = lazy(r"""([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_MAX_TAG = 4096  # a longer "meta tag" is broken markup, and reading it must stay linear
PositionOf: TypeAlias = Callable[[int], tuple[int, int]]
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def glob_mark(path: str, config: Config, prefix: str = "") -> Mark | None:
    """The first `sensitive` glob of `config` that matches `path`, pointing at the glob in the
    config file (paths are relative to the project root, the config's directory; `prefix` is
    that directory as reports show it)."""
    for glob in config.sensitive:
        if glob_regex(glob).match(path):
            reason = f"matches sensitive glob '{glob}' ({prefix}{config.source or 'config'})"
            return Mark(reason, glob_location(config, glob))
    return None


@cache
def glob_location(config: Config, glob: str) -> Location:
    """Where `glob` is written in the config file (line 1 when the config was not read from one)."""
    name = config.source.split(" [", 1)[0] or "pixellint.toml"  # "pyproject.toml [tool.pixellint]"
    line, column = next(((at, col) for text, at, col in config.lines if text == glob), (1, 1))
    return Location(name, line, column, line, column + len(glob) + 2)


def marker(doc: Document) -> Mark | None:
    """How `doc` marks itself sensitive (front matter, comment, meta tag), or None."""
    entry = doc.front_entry("pixellint")
    if entry is not None and _says_sensitive(entry.value):
        where = _location(doc, doc.text_lines.position, entry.start, entry.end)
        return Mark("front matter 'pixellint: sensitive'", where)
    if not any(_NAME.find(doc.text)):  # one literal pass; an IGNORECASE regex is 10x slower
        return None
    return _comment_mark(doc) or _meta_mark(doc)


def _says_sensitive(value: FrontValue) -> bool:
    """`sensitive`, a list holding it, or a mapping with `sensitive: true` (keys in any case)."""
    if isinstance(value, str):
        return value.strip().lower() == "sensitive"
    if isinstance(value, list):
        return any(isinstance(v, str) and v.strip().lower() == "sensitive" for v in value)
    if isinstance(value, dict):
        return any(k.strip().lower() == "sensitive" and v is True for k, v in value.items())
    return False


def _comment_mark(doc: Document) -> Mark | None:
    # comments are found in an ASCII-lowered copy (same offsets) so `PixelLint:` counts too
    lowered = doc.text.translate(_ASCII_LOWER)
    for start, end, body in comments_with(lowered, "pixellint", doc.language):
        if _MARKER.search(body) and not doc.in_code_block(start):
            start += len(body) - len(body.lstrip(" \t"))  # line comment patterns take the indent
            end -= len(body) - len(body.rstrip())
            where = _location(doc, doc.text_lines.position, start, end)
            return Mark(f"'pixellint: sensitive' comment on line {where.line}", where)
    return None


def _meta_mark(doc: Document) -> Mark | None:
    text = doc.masked or doc.text
    at = 0
    while opener := _META_OPEN.search(text, at):
        end = text.find(">", opener.end())
        if end < 0:
            return None
        at = end + 1
        tag = text[opener.start() : at]
        if len(tag) > _MAX_TAG or not _NEEDLE.search(tag):
            continue
        attributes = {
            m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "").strip().lower()
            for m in _ATTRIBUTE.finditer(tag)
        }
        if attributes.get("name") == "pixellint" and attributes.get("content") == "sensitive":
            where = _location(doc, doc.lines.position, opener.start(), at)
            return Mark(f'<meta name="pixellint" content="sensitive"> on line {where.line}', where)
    return None


def _location(doc: Document, position: PositionOf, start: int, end: int) -> Location:
    """The original file's span of [start, end); never empty, never backwards (a generated
    document may map the end of a span to where its piece started)."""
    line, column = position(start)
    end_line, end_column = position(end)
    if (end_line, end_column) <= (line, column):
        end_line, end_column = line, column + 1
    return Location(doc.path, line, column, end_line, end_column)


def propagate(direct: dict[str, Mark], graph: Graph, prefix: str = "") -> dict[str, Mark]:
    """A page that uses a sensitive layout or partial is sensitive too; its mark stays where
    the layout is marked. `prefix` is put before paths in the reasons (report paths)."""
    result = dict(direct)
    for marked, mark in sorted(direct.items()):
        reason = f"uses {prefix}{marked}, which is sensitive ({mark.reason})"
        for node in sorted(graph.ancestors([marked])):
            if node not in result:
                result[node] = Mark(reason, mark.location)
    return result
