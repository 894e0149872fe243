"""Regular expressions compiled on first use: a pre-commit run on a few files should not pay for
compiling every pattern pixellint has (about 60 ms of start-up)."""

from __future__ import annotations

import re
from typing import Any, cast


class _Lazy:
    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A stand-in for re.compile(pattern, flags) that compiles when first used."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))
