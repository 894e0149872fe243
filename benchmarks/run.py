"""One command: generate sites, time pixellint beside ripgrep in the same run, print every goal.

    python benchmarks/run.py [--pages 2000,10000] [--repeat 3] [--out /tmp/pixellint-bench]

Each figure is the median of `--repeat` runs, pixellint and ripgrep interleaved so that a busy
moment of the (shared, noisy) machine falls on both; the ratios are what to compare. Recall and
precision are against the generator's ground truth (pixellint: page x tracker; ripgrep: pages
with any tracker token). Peak RSS is the largest process's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from score import score  # noqa: E402

MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""
ENV = {k: v for k, v in os.environ.items() if k not in ("CI", "PIXELLINT_NO_CACHE")}


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the largest process) of one run of `command`."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=ENV,
        check=True,
    )
    wall, rss, _ = done.stdout.split()
    return float(wall), int(rss) / 1024


@dataclass
class Paired:
    """Medians of interleaved runs of pixellint and of ripgrep."""

    ours: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    theirs: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ours) / statistics.median(self.theirs)

    @property
    def wall(self) -> float:
        return statistics.median(self.ours)

    @property
    def rg(self) -> float:
        return statistics.median(self.theirs)


def paired(
    ours: list[str],
    theirs: list[str],
    cwd: Path,
    repeat: int,
    before: Callable[[], None] = lambda: None,
) -> Paired:
    result = Paired()
    for _ in range(repeat):
        before()
        wall, rss = measure(ours, cwd)
        result.ours.append(wall)
        result.rss.append(rss)
        result.theirs.append(measure(theirs, cwd)[0])
    return result


def tokens(site: Path) -> Path:
    from pixellint.catalog import load

    catalog = load()
    words = (
        {p.anchor for p in catalog.url_patterns}
        | {c + "(" for c in catalog.calls if "." not in c}
        | set(catalog.globals)
    )
    path = site.parent / f"{site.name}.tokens"
    path.write_text("\n".join(sorted(words)) + "\n")
    return path


def size(site: Path) -> tuple[int, float]:
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".j2")]
    return len(files), sum(p.stat().st_size for p in files) / 1e6


def pixellint(*args: str) -> list[str]:
    return [sys.executable, "-m", "pixellint", "check", *args]


def clear_cache(site: Path) -> None:
    shutil.rmtree(site / ".pixellint_cache", ignore_errors=True)


def site_rows(site: Path, repeat: int, rows: list[str], goals: dict[str, float]) -> None:
    pages = int(site.name.split("-")[1])
    truth = json.loads((site / "ground-truth.json").read_text())
    files, mb = size(site)
    rg = ["rg", "-l", "-i", "-F", "-f", str(tokens(site)), "."]
    report = site.parent / f"{site.name}.json"
    cold = pixellint("--all-pages", "--no-cache", "--format", "json", "-o", str(report), ".")
    auto = paired(cold, rg, site, repeat)
    recall, precision, _, _ = score(truth, json.loads(report.read_text())["sightings"])
    one = paired([*cold[:-1], "-j", "1", "."], rg, site, repeat)
    warm_cmd = pixellint("--all-pages", "--format", "json", "-o", str(report), ".")
    clear_cache(site)
    measure(warm_cmd, site)  # fill the cache
    warm = paired(warm_cmd, rg, site, repeat)
    page = site / sorted(p for p, t in truth.items() if t)[0]
    original = page.read_bytes()
    edits = iter(range(1_000_000))

    def edit_one_page() -> None:
        page.write_bytes(original + f"<!-- edit {next(edits)} -->\n".encode())

    one_changed = paired(warm_cmd, rg, site, repeat, before=edit_one_page)
    page.write_bytes(original)
    label = f"{pages:,} pages ({files:,} files, {mb:,.0f} MB)"
    rows.append(
        f"| {label} | cold, -j {os.cpu_count()} | {auto.wall:.2f} | {auto.rg:.2f} "
        f"| {auto.ratio:.1f}x | {max(auto.rss):.0f} | {recall:.4f} / {precision:.4f} |"
    )
    rows.append(
        f"| {label} | cold, -j 1 | {one.wall:.2f} | {one.rg:.2f} | {one.ratio:.1f}x "
        f"| {max(one.rss):.0f} | same |"
    )
    rows.append(
        f"| {label} | warm, unchanged tree | {warm.wall:.2f} | {warm.rg:.2f} "
        f"| {warm.ratio:.1f}x | {max(warm.rss):.0f} | same |"
    )
    rows.append(
        f"| {label} | warm, one page edited | {one_changed.wall:.2f} | {one_changed.rg:.2f} "
        f"| {one_changed.ratio:.1f}x | {max(one_changed.rss):.0f} | same |"
    )
    goals[f"cold {pages}"] = auto.ratio
    goals[f"cold wall {pages}"] = auto.wall
    goals[f"rss {pages}"] = max(auto.rss)
    goals[f"warm {pages}"] = warm.ratio
    goals[f"one changed {pages}"] = one_changed.ratio
    goals[f"speed-up {pages}"] = one.wall / auto.wall
    goals[f"recall {pages}"] = min(recall, precision)


def precommit(out: Path, repeat: int, goals: dict[str, float]) -> str:
    """5 files named in a 2,000-template theme, as pre-commit passes them."""
    site = out / "theme-2000"
    if not site.exists():
        generate(site, 2000, theme=True)
    truth = json.loads((site / "ground-truth.json").read_text())
    changed = [p for p, t in truth.items() if t and p.endswith(".j2")][:2] + [
        p for p, t in truth.items() if not t and p.endswith(".j2")
    ][:3]
    command = pixellint(*changed)
    cold = []
    for _ in range(repeat):
        clear_cache(site)
        cold.append(measure(command, site)[0])
    originals = {path: (site / path).read_bytes() for path in changed}
    edited = []
    for round_ in range(repeat):
        for path in changed:
            (site / path).write_bytes(originals[path] + f"<!-- edit {round_} -->\n".encode())
        edited.append(measure(command, site)[0])
    unchanged = [measure(command, site)[0] for _ in range(repeat)]
    for path, data in originals.items():
        (site / path).write_bytes(data)
    goals["pre-commit warm"] = statistics.median(edited)
    goals["pre-commit unchanged"] = statistics.median(unchanged)
    goals["pre-commit cold"] = statistics.median(cold)
    return (
        "| pre-commit: 5 files named in a 2,000-template theme | cold (no cache) "
        f"{statistics.median(cold):.2f} s | warm, the 5 edited {statistics.median(edited):.2f} s "
        f"| warm, unchanged {statistics.median(unchanged):.2f} s |"
    )


def goal_table(goals: dict[str, float], small: int, large: int) -> list[str]:
    def row(name: str, value: str, target: str, met: bool) -> str:
        return f"| {name} | {value} | {target} | {'met' if met else '**not met**'} |"

    linear = goals[f"cold wall {large}"] / goals[f"cold wall {small}"]
    return [
        "| goal | measured | target | status |",
        "|---|---|---|---|",
        *(
            row(f"cold, {n:,} pages, vs ripgrep", f"{goals[f'cold {n}']:.1f}x", "<= 10x",
                goals[f"cold {n}"] <= 10)
            for n in (small, large)
        ),
        row(f"recall and precision ({small:,} and {large:,})",
            f"{min(goals[f'recall {small}'], goals[f'recall {large}']):.4f}", ">= 0.99",
            min(goals[f"recall {small}"], goals[f"recall {large}"]) >= 0.99),
        row(f"{large:,} pages / {small:,} pages time", f"{linear:.1f}x",
            f"<= 5.5x (pages x{large / small:.0f})", linear <= 5.5),
        row(f"peak memory, {large:,} pages", f"{goals[f'rss {large}']:.0f} MB", "<= 150 MB",
            goals[f"rss {large}"] <= 150),
        *(
            row(f"warm re-scan, unchanged tree, {n:,} pages", f"{goals[f'warm {n}']:.1f}x",
                "<= 1x ripgrep", goals[f"warm {n}"] <= 1)
            for n in (small, large)
        ),
        row(f"one changed file, {small:,} pages", f"{goals[f'one changed {small}']:.1f}x",
            "<= 2x ripgrep", goals[f"one changed {small}"] <= 2),
        row("pre-commit, 5 files, warm (edited)", f"{goals['pre-commit warm'] * 1000:.0f} ms",
            "<= 150 ms", goals["pre-commit warm"] <= 0.150),
        row("pre-commit, 5 files, warm (unchanged)",
            f"{goals['pre-commit unchanged'] * 1000:.0f} ms", "<= 150 ms",
            goals["pre-commit unchanged"] <= 0.150),
        row("pre-commit, 5 files, cold", f"{goals['pre-commit cold']:.2f} s", "<= 1.5 s",
            goals["pre-commit cold"] <= 1.5),
        *(
            row(f"-j {os.cpu_count()} speed-up over -j 1, {n:,} pages",
                f"{goals[f'speed-up {n}']:.2f}x", "reported", True)
            for n in (small, large)
        ),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", default="2000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default="/tmp/pixellint-bench")
    args = parser.parse_args()
    if shutil.which("rg") is None:
        sys.exit("ripgrep (rg) is needed on PATH: the ratios are against it")
    out = Path(args.out)
    rows = [
        "| site | run | pixellint s | ripgrep s | ratio | peak RSS MB | recall / precision |",
        "|---|---|---|---|---|---|---|",
    ]
    goals: dict[str, float] = {}
    sizes = sorted(map(int, args.pages.split(",")))
    for pages in sizes:
        site = out / f"site-{pages}"
        if not site.exists():
            generate(site, pages)
        site_rows(site, args.repeat, rows, goals)
    print("\n".join(rows))
    print()
    print(precommit(out, args.repeat, goals))
    if len(sizes) >= 2:
        print()
        print("\n".join(goal_table(goals, sizes[0], sizes[-1])))


if __name__ == "__main__":
    main()
