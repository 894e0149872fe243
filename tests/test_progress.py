"""Progress on long scans: on a terminal only, only after two seconds, never in a report."""

from __future__ import annotations

import io
import re
from pathlib import Path

from click.testing import CliRunner

from pixellint.cli import cli
from pixellint.progress import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_drawn_in_the_first_two_seconds() -> None:
    terminal, clock = Terminal(), Clock()
    progress = TerminalProgress(terminal, clock=clock)
    progress.batch(10)
    for _ in range(9):
        clock.now += 0.1
        progress.advance(1_000_000)
    progress.close()
    assert terminal.getvalue() == ""


def test_a_long_scan_shows_files_done_speed_and_is_cleared_at_the_end() -> None:
    terminal, clock = Terminal(), Clock()
    progress = TerminalProgress(terminal, clock=clock)
    progress.batch(400)
    for _ in range(300):
        clock.now += 0.01
        progress.advance(500_000)
    drawn = terminal.getvalue()
    counts = [int(done) for done in re.findall(r"(\d+)/400", drawn)]
    assert counts[0] >= 199 and counts[-1] >= 298  # from 2 s on, redrawn every 2 files of 400
    assert "50.0 MB/s" in drawn  # 150 MB in 3 s
    progress.close()
    assert terminal.getvalue().endswith("\r\033[K\033[?25h")


def test_a_later_batch_extends_the_bar() -> None:
    terminal, clock = Terminal(), Clock()
    progress = TerminalProgress(terminal, clock=clock)
    progress.batch(2)
    clock.now += 3
    progress.advance(10)
    progress.batch(3)
    progress.advance(10)
    assert "2/5" in terminal.getvalue()


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<script>fbq('init', '1')</script>\n")
    done = CliRunner().invoke(cli, ["check", "--all-pages", "--no-cache", str(tmp_path)])
    assert done.exit_code == 1
    assert "scanning" not in done.output and "MB/s" not in done.stderr
