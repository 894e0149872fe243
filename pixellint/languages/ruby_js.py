"""JavaScript that Ruby code prints: the strings a Rails helper builds its tracking snippet in.

`javascript_tag("ga('send', 'pageview');")`, `"<script>fbq('track', 'Lead');</script>".html_safe`,
`content_tag(:script, "ttq.page();")`, a `<<~JS` heredoc: each is JavaScript the page runs. This
finds those strings and returns their JavaScript at the same offsets and length as the Ruby
source (the `scripts` hook of a language), so every call inside is analysed at its position:
escapes become same-length text (`\\'` -> ` '`), interpolations (`#{id}`) become `_` identifiers
of the same length, and a string holding `<script>` elements yields each element's body.

Ruby comments never count: the code is read token by token, strings first. Linear.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"""
     (?P<comment>\#[^\n]*)
    |(?P<heredoc><<[~-]?(?P<quote>["']?)(?P<label>[A-Z_][A-Z0-9_]*)(?P=quote))
    |(?P<single>'(?:[^'\\]|\\.)*(?:'|\Z))
    |(?P<double>"(?:[^"\\#]|\\.|\#(?!\{)|\#\{[^}\n]*\})*(?:"|\Z))
    """,
    re.X | re.S,
)
_HINT = re.compile(r"javascript_tag|html_safe|content_tag|\braw\b|<<[~-]?['\"]?[A-Z]")
_SINK_BEFORE = re.compile(r"(?:\bjavascript_tag|\bcontent_tag\(\s*:script\s*,)\s*\(?\s*$")
_SINK_AFTER = re.compile(r"\s*\)?\s*\.html_safe\b")  # matched at the string's end
_RAW_BEFORE = re.compile(r"\braw\s*\(?\s*$")
_CALL = re.compile(r"[A-Za-z_$][\w$.]*\s*\(")
_JS_LABELS = frozenset(("JS", "JAVASCRIPT", "SCRIPT"))
_SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.I | re.S)
_INTERPOLATION = re.compile(r"#\{[^}\n]*\}")
_ESCAPE = re.compile(r"\\(.)", re.S)


def scripts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, same-length JavaScript) of each string a Ruby file hands to a page."""
    if not _HINT.search(text):
        return []
    found: list[tuple[int, int, str]] = []
    at = 0
    while match := _TOKEN.search(text, at):
        at = match.end()
        kind = match.lastgroup
        if kind == "comment":
            continue
        if kind == "heredoc":
            start, end, at = _heredoc_body(text, match)
            label = match.group("label")
            if start < end and (label in _JS_LABELS or _SINK_BEFORE.search(text, 0, match.start())):
                found.extend(_javascript(text, start, end, markup=label not in _JS_LABELS))
            continue
        start, end = match.start() + 1, max(match.start() + 1, match.end() - 1)
        before = text[max(0, match.start() - 80) : match.start()]
        if _SINK_BEFORE.search(before):
            found.extend(_javascript(text, start, end, markup=False))
        elif _SINK_AFTER.match(text, match.end()) or _RAW_BEFORE.search(before):
            # HTML holding <script> elements, or a bare call handed to an onclick or a script
            bare = "<" not in text[start:end] and _CALL.search(text, start, end)
            found.extend(_javascript(text, start, end, markup=not bare))
    return found


def _heredoc_body(text: str, opener: re.Match[str]) -> tuple[int, int, int]:
    """(body start, body end, where scanning goes on) of a heredoc: its body starts on the next
    line and ends before the line holding only its label."""
    newline = text.find("\n", opener.end())
    if newline < 0:
        return 0, 0, len(text)
    closing = re.compile(rf"^[ \t]*{re.escape(opener.group('label'))}[ \t]*\r?$", re.M)
    close = closing.search(text, newline + 1)
    if close is None:
        return newline + 1, len(text), len(text)
    return newline + 1, close.start(), close.end()


def _javascript(text: str, start: int, end: int, *, markup: bool) -> list[tuple[int, int, str]]:
    body = _same_length(text[start:end])
    if not markup and "<script" not in body.lower():
        return [(start, end, body)]
    return [
        (start + m.start(1), start + m.end(1), m.group(1))
        for m in _SCRIPT_ELEMENT.finditer(body)
        if m.group(1).strip()
    ]


def _same_length(body: str) -> str:
    body = _INTERPOLATION.sub(lambda m: "_" * len(m.group()), body)
    return _ESCAPE.sub(lambda m: " " + ("\n" if m.group(1) == "n" else m.group(1)), body)
