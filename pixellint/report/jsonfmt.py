"""Indented JSON at the speed of the C encoder.

`json.dumps(..., indent=2)` falls back to the pure-Python encoder: on a 10,000-page report that
is most of a second. Reports are read by people at the top (the summary, one line per finding)
and by programs below that, so the first levels are indented and each deeper value is written
on one line by the C encoder. The result parses to the same value.
"""

from __future__ import annotations

import json
from typing import Any

_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def dumps(value: Any, levels: int = 3) -> str:
    """`value` as JSON, containers indented for `levels` levels, then one line each."""
    parts: list[str] = []
    _write(value, levels, "", parts)
    parts.append("\n")
    return "".join(parts)


def _write(value: Any, levels: int, indent: str, parts: list[str]) -> None:
    if levels <= 0 or not isinstance(value, (dict, list)) or not value:
        parts.append(_compact(value))
        return
    inner = indent + "  "
    if isinstance(value, dict):
        parts.append("{")
        for i, (key, item) in enumerate(value.items()):
            parts.append(("," if i else "") + "\n" + inner + _compact(str(key)) + ": ")
            _write(item, levels - 1, inner, parts)
        parts.append("\n" + indent + "}")
    else:
        parts.append("[")
        for i, item in enumerate(value):
            parts.append(("," if i else "") + "\n" + inner)
            _write(item, levels - 1, inner, parts)
        parts.append("\n" + indent + "]")
