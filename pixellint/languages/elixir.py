"""Elixir modules (`.ex`) read for the markup they hold: `~H` (HEEx), `~L` (LEEx) and `~E` (EEx)
sigil bodies are templates; everything else is Elixir code, blanked same-length.

Function components (`def analytics(assigns) do ~H\"\"\"...\"\"\" end`) and LiveViews with an inline
`render/1` live here, so a tracker in a component is found in its sigil, at its own line and
column. The rest of the module is not markup, but its string literals are read for tracker URLs
(`@gtag_url "https://www.googletagmanager.com/gtag/js"`), as for any server code; docs
(`@doc`, `@moduledoc`) and `#` comments never run.
"""

from __future__ import annotations

import re

from pixellint.languages.base import Kind, Language, Role, View
from pixellint.languages.heex import (
    COMMENTS,
    EEX_COMMENT,
    HEEX_COMMENT,
    INCLUDES,
    mask_template,
)
from pixellint.languages.spans import HASH_CODE_COMMENTS, HASH_COMMENT
from pixellint.mask import blank_all, fill

# what changes the lexical state of Elixir code: a comment, a sigil, a string or a char literal
_TOKEN = re.compile(r"""#|~([A-Z][A-Za-z0-9]*|[a-z])(\"\"\"|'''|["'(\[{<|/])|\"\"\"|'''|"|'|\?""")
_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">"}
_BODY = {
    close: re.compile(r"(?:[^" + re.escape(close) + r"\\]|\\[\s\S])*" + re.escape(close))
    for close in ('"', "'", ")", "]", "}", ">", "|", "/")
}
_DOC_BEFORE = re.compile(r"@(?:module|type|short)?doc\s*\Z")
TEMPLATE_SIGILS = {"H": True, "L": False, "E": False}  # sigil letter -> HEEx `{}` interpolation

# (start, end, kind): "H", "L" or "E" (a template sigil's body), "string", "doc" or "comment"
Segment = tuple[int, int, str]
_LAST: tuple[str, list[Segment]] | None = None


def segments(text: str) -> list[Segment]:
    """The non-code parts of an Elixir module, in order. Linear: one forward scan, each literal
    skipped with one search. Memoised for the last text (read and traits see the same string)."""
    global _LAST
    if _LAST is not None and _LAST[0] is text:
        return _LAST[1]
    found: list[Segment] = []
    pos = 0
    while True:
        match = _TOKEN.search(text, pos)
        if match is None:
            break
        pos = _segment(text, match, found)
    _LAST = (text, found)
    return found


def _segment(text: str, match: re.Match[str], found: list[Segment]) -> int:
    """Records the literal or comment `match` opens; returns where code goes on."""
    start, token = match.start(), match.group()
    if token == "#":
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        found.append((start, end, "comment"))
        return end
    if token == "?":
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_?!"):
            return start + 1  # `valid?`: part of a name
        return start + (3 if text.startswith("\\", start + 1) else 2)  # a char literal: ?" ?\n
    letter, delimiter = match.group(1), match.group(2)
    body_start = match.end()
    body_end, end = _close(text, body_start, delimiter or token)
    if letter in TEMPLATE_SIGILS:
        found.append((body_start, body_end, letter))
    else:
        is_doc = _DOC_BEFORE.search(text, max(0, start - 20), start) is not None
        found.append((start, end, "doc" if is_doc else "string"))
    return end


def _close(text: str, pos: int, delimiter: str) -> tuple[int, int]:
    """(end of the body, end of the literal) for a literal whose body starts at `pos`; an
    unclosed literal runs to the end of the file."""
    if len(delimiter) == 3:
        at = text.find(delimiter, pos)
        return (len(text), len(text)) if at < 0 else (at, at + 3)
    closing = _PAIRS.get(delimiter, delimiter)
    body = _BODY[closing].match(text, pos)
    if body is None:
        return len(text), len(text)
    return body.end() - 1, body.end()


def read(text: str) -> View:
    """The module as a View of itself, one exact piece: sigil bodies masked as HEEx, the rest
    blank; string literals are server code (read for tracker URLs). Its source leaves out what
    never runs: docs, `#` comments and template comments."""
    parts: list[str] = []
    regions: list[tuple[int, int, Role]] = []
    comments: list[tuple[int, int]] = []
    last = 0
    for start, end, kind in segments(text):
        if kind not in TEMPLATE_SIGILS:
            if kind == "string":
                regions.append((start, end, Role.CODE))
            continue
        parts.append(fill(text[last:start], " "))
        comments.append((last, start))  # Elixir code: no template include runs there
        body = text[start:end]
        if "<" not in body and "{" not in body:  # no tag, no expression: nothing to mask
            parts.append(body)
            last = end
            continue
        masked, found = mask_template(body, start, curly=TEMPLATE_SIGILS[kind])
        parts.append(masked)
        regions.extend(found)
        comments.extend((s, e) for s, e, role in found if role is Role.COMMENT)
        last = end
    parts.append(fill(text[last:], " "))
    comments.append((last, len(text)))
    regions.sort()
    unrendered = sorted(
        [(s, e) for s, e, kind in segments(text) if kind in ("doc", "comment")]
        + [(s, e) for s, e, role in regions if role is Role.COMMENT]
    )
    source = blank_all(text, unrendered)
    return View(source, "".join(parts), ((0, 0, len(text), True),), tuple(regions), tuple(comments))


def template_ranges(text: str) -> list[tuple[int, int]]:
    """The sigil bodies of a module: where its markup is."""
    return [(start, end) for start, end, kind in segments(text) if kind in TEMPLATE_SIGILS]


def code_ranges(text: str) -> list[tuple[int, int]]:
    """The parts of a module that are Elixir code (no literal, no comment)."""
    ranges: list[tuple[int, int]] = []
    last = 0
    for start, end, _kind in segments(text):
        if start > last:
            ranges.append((last, start))
        last = max(last, end)
    if last < len(text):
        ranges.append((last, len(text)))
    return ranges


LANGUAGE = Language(
    "elixir",
    Kind.MARKUP,
    (".ex",),
    spans=(HEEX_COMMENT, EEX_COMMENT),  # inside sigils; read by `reader`, listed for markers
    comments=(HASH_COMMENT, *COMMENTS),
    includes=INCLUDES,
    reader=read,
    description="Elixir modules: ~H/~L/~E sigils (Phoenix components, LiveViews)",
    jsx=True,
    code_comments=HASH_CODE_COMMENTS,
)
