"""Same-length masking of template syntax, so HTML and JS parse and every offset stays valid.

Output tags become underscores (a valid JS identifier and harmless attribute text), control tags
and template comments become spaces; line breaks are kept, so lines and columns never move. Which
syntax a file has comes from its language (pixellint.languages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pixellint.languages.base import Language, Role


@dataclass(frozen=True, slots=True)
class Region:
    """A masked span of template syntax in the original text."""

    start: int
    end: int
    kind: Role


# spans are joined into one alternation, where group numbers shift
_NUMBERED_BACKREFERENCE = re.compile(r"(?<!\\)\\[1-9]")
_COMPILED: dict[str, tuple[re.Pattern[str], tuple[str, ...]] | None] = {}


def _compiled(language: Language) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    if language.name not in _COMPILED:
        _COMPILED[language.name] = _compile(language)
    return _COMPILED[language.name]


def _compile(language: Language) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    if not language.spans:
        return None
    for span in language.spans:
        if _NUMBERED_BACKREFERENCE.search(span.pattern):
            raise ValueError(f"span {span.name!r}: use (?P<name>...) and (?P=name), not \\1")
    alternation = "|".join(f"(?P<{s.name}>{s.pattern})" for s in language.spans)
    openers = tuple(dict.fromkeys(s.opener for s in language.spans))
    return re.compile(alternation, re.DOTALL), openers


def template_regions(text: str, language: Language) -> list[Region]:
    """Template tags in order. Candidate positions come from str.find (C speed); the pattern is
    only tried where a tag can start, which is ~10x faster than finditer over the whole text."""
    compiled = _compiled(language)
    if compiled is None:
        return []
    pattern, openers = compiled
    spans = {s.name: s for s in language.spans}
    positions: set[int] = set()
    for opener in openers:
        at = text.find(opener)
        while at >= 0:
            positions.add(at)
            at = text.find(opener, at + 1)
    regions = []
    end = 0
    for start in sorted(positions):
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            span = spans[match.lastgroup or ""]
            regions.append(Region(match.start(), match.end(), span.role_of(match.group())))
            end = match.end()
    return regions


def apply_mask(text: str, regions: list[Region]) -> str:
    """Replace each region with same-length filler, keeping line breaks."""
    return mask_spans(text, [(r.start, r.end, r.kind) for r in regions])


def mask_spans(text: str, spans: Iterable[tuple[int, int, Role]]) -> str:
    """Each (start, end, role) span (in order, not overlapping) filled same-length: output with
    '_', everything else with spaces."""
    parts: list[str] = []
    last = 0
    for start, end, role in spans:
        parts.append(text[last:start])
        parts.append(fill(text[start:end], "_" if role is Role.OUTPUT else " "))
        last = end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def blank(text: str, start: int, end: int) -> str:
    """Blank text[start:end] with spaces (keeping line breaks); used for code fences and comments."""
    return text[:start] + fill(text[start:end], " ") + text[end:]


def blank_all(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Blank every (start, end) span, in order and not overlapping, in one pass."""
    return mask_spans(text, ((start, end, Role.COMMENT) for start, end in spans))


_NON_BREAK = re.compile(r"[^\r\n]")


def fill(source: str, filler: str) -> str:
    """`source` with every character but line breaks replaced by `filler`."""
    if "\r" in source:
        return _NON_BREAK.sub(filler, source)
    return "\n".join(filler * len(line) for line in source.split("\n"))
