"""Inline suppressions: `pixellint: ignore[tracker-or-rule, ...] reason` in any comment syntax."""

from __future__ import annotations

from dataclasses import dataclass

from pixellint.comments import closer, comments_with
from pixellint.document import Document
from pixellint.lazyre import lazy

_IGNORE = lazy(r"pixellint\s*:\s*ignore(-file)?\s*\[([^\]\n]*)\]([^\n]*)")


@dataclass(frozen=True, slots=True)
class Suppression:
    path: str
    line: int  # the comment's last line
    names: frozenset[str]
    reason: str
    whole_file: bool


def suppressions(doc: Document) -> list[Suppression]:
    found = []
    closers = closer(doc.language)
    for start, end, body in comments_with(doc.text, "pixellint", doc.language):
        if doc.in_code_block(start):
            continue  # a Markdown page showing how to write a suppression
        for match in _IGNORE.finditer(body):
            names = frozenset(n.strip() for n in match.group(2).split(",") if n.strip())
            reason = closers.sub("", match.group(3).rstrip("\r")).strip(" -:\t")
            line = doc.text_lines.position(max(0, end - 1))[0]
            found.append(Suppression(doc.path, line, names, reason, bool(match.group(1))))
    return found


def covers(suppression: Suppression, names: set[str], line: int, anchor_line: int) -> bool:
    if not suppression.names & names:
        return False
    if suppression.whole_file:
        return True
    return suppression.line in (line, anchor_line) or suppression.line + 1 in (line, anchor_line)
