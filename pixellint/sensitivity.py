"""Which pages are sensitive, and why. Knows nothing about trackers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.comments import comments_with
from pixellint.config import glob_regex
from pixellint.document import Document
from pixellint.graph import Graph
from pixellint.lazyre import lazy

_MARKER = lazy(r"pixellint\s*:\s*sensitive\b", re.IGNORECASE)
_META = lazy(
    r"""<meta\b(?=[^>]*\bname\s*=\s*["']?pixellint["'\s/>])(?=[^>]*\bcontent\s*=\s*["']?sensitive\b)[^>]*>""",
    re.IGNORECASE,
)
_FRONT_MATTER_VALUES = {"sensitive", "true", "yes"}


def glob_reason(path: str, globs: Iterable[str], source: str) -> str | None:
    """Why the config marks `path` sensitive, or None."""
    for glob in globs:
        if glob_regex(glob).match(path):
            return f"matches sensitive glob '{glob}' ({source or 'config'})"
    return None


def marker_reason(doc: Document) -> str | None:
    """Why `doc` marks itself sensitive (comment, meta tag, front matter), or None."""
    value = doc.front_matter.get("pixellint", "").strip().strip("[]").lower()
    if value in _FRONT_MATTER_VALUES:
        return "front matter 'pixellint: sensitive'"
    for start, _, body in comments_with(doc.text, "pixellint", doc.language):
        if _MARKER.search(body) and not doc.in_code_block(start):
            return f"'pixellint: sensitive' comment on line {doc.text_lines.position(start)[0]}"
    if "pixellint" in doc.text:
        match = _META.search(doc.masked or doc.text)
        if match:
            return f'<meta name="pixellint" content="sensitive"> on line {doc.lines.position(match.start())[0]}'
    return None


def propagate(direct: dict[str, str], graph: Graph) -> dict[str, str]:
    """A page that uses a sensitive layout or partial is sensitive too."""
    result = dict(direct)
    for marked, reason in sorted(direct.items()):
        for node in sorted(graph.ancestors([marked])):
            result.setdefault(node, f"uses {marked}, which is sensitive ({reason})")
    return result
