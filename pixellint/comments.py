"""Comments in the syntax of a file's language, for markers and suppressions."""

from __future__ import annotations

import re
from functools import cache

from pixellint.languages.base import Language


@cache
def _pattern(language: Language) -> re.Pattern[str] | None:
    forms = (*language.template_comments, *language.comments)
    if not forms:
        return None
    return re.compile("|".join(f"(?:{s.pattern})" for s in forms), re.DOTALL | re.MULTILINE)


@cache
def closer(language: Language) -> re.Pattern[str]:
    """What ends a comment of this language, at the end of a line (trimmed off reasons)."""
    found = {c for s in (*language.template_comments, *language.comments) for c in s.closers}
    ordered = sorted(found, key=len, reverse=True)
    return re.compile(r"\s*(?:" + "|".join(ordered or ["$^"]) + r")\s*$")


def comments_with(text: str, needle: str, language: Language) -> list[tuple[int, int, str]]:
    """(start, end, body) of each comment containing `needle`; cheap when the needle is absent."""
    if needle not in text:
        return []
    pattern = _pattern(language)
    if pattern is None:
        return []
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text) if needle in m.group()]
