"""Progress of a long scan on a terminal: files done, MB/s and ETA, on stderr.

Shown only when stderr is a terminal and only once a scan has run for `delay` seconds, so a
pre-commit run or a CI log never sees it; the line is cleared before the report is written.
The bar itself is click's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TextIO


class TerminalProgress:
    def __init__(
        self,
        stream: TextIO,
        delay: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.total = 0
        self.done = 0
        self.bytes = 0
        self._bar: Any = None

    def batch(self, total: int) -> None:
        """`total` more files are about to be analysed."""
        self.total += total
        if self._bar is not None:
            self._bar.length = self.total

    def advance(self, size: int) -> None:
        """One more file analysed, of `size` bytes."""
        self.done += 1
        self.bytes += size
        if self._bar is None:
            if self.clock() - self.started < self.delay:
                return
            self._bar = self._open()
        self._bar.update(1, None)

    def close(self) -> None:
        """Clear the line, so the report starts on a clean one."""
        if self._bar is not None:
            self.stream.write("\r\033[K\033[?25h")  # click hid the cursor while drawing
            self.stream.flush()
            self._bar = None

    def rate(self) -> str:
        seconds = max(self.clock() - self.started, 1e-6)
        return f"{self.bytes / seconds / 1e6:.1f} MB/s"

    def _open(self) -> Any:
        import click

        bar: Any = click.progressbar(
            length=max(self.total, self.done),
            label="pixellint: scanning",
            file=self.stream,
            show_pos=True,
            show_eta=True,
            item_show_func=lambda _: self.rate(),
            update_min_steps=max(1, self.total // 200),  # redrawn 200 times, not per file
        )
        bar.update(self.done - 1, None)  # the files done before the bar appeared
        return bar
