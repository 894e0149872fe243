"""Formatters: pure functions from a scan result to a string."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pixellint.api import Result


def formatter(name: str) -> Callable[..., str]:
    """text, json or sarif; imported lazily so a text run never loads the others."""
    if name == "text":
        from pixellint.report import text

        return text.render
    if name == "json":
        from pixellint.report import json_report

        return json_report.render
    if name == "sarif":
        from pixellint.report import sarif

        return sarif.render
    raise ValueError(f"unknown format {name!r}")


FORMATS = ("text", "json", "sarif")
__all__ = ["FORMATS", "Result", "formatter"]
