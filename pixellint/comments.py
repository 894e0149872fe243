"""Comments in every syntax pixellint reads, for markers and suppressions."""

from __future__ import annotations

import re

from pixellint.lazyre import lazy

_COMMENT = lazy(
    # bodies never run past the next opener of their kind: linear on files full of openers
    r"<!--.*?(?:-->|\Z)"
    r"|\{\{!--(?:(?!\{\{!--|--\}\}).)*--\}\}|\{\{!(?!<)[^}]*\}\}"
    r"|\{\{-?\s*/\*(?:(?!\{\{|\*/).)*\*/\s*-?\}\}"
    r"|\{#(?:(?!\{#|#\}).)*#\}"
    r"|\{%-?\s*comment\s*-?%\}(?:(?!\{%-?\s*(?:end)?comment\b).)*\{%-?\s*endcomment\s*-?%\}"
    r"|\{%-?\s*#[^%]*%\}"
    r"|<%#(?:(?!<%|%>).)*%>"
    r"|/\*.*?(?:\*/|\Z)"
    r"|(?<![:\"'\\])//[^\n]*"
    r"|^[ \t]*#[^\n]*",
    re.DOTALL | re.MULTILINE,
)


def comments_with(text: str, needle: str) -> list[tuple[int, int, str]]:
    """(start, end, body) of each comment containing `needle`; cheap when the needle is absent."""
    if needle not in text:
        return []
    return [(m.start(), m.end(), m.group()) for m in _COMMENT.finditer(text) if needle in m.group()]
