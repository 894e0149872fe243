"""One command: generate sites, time pixellint and ripgrep on them in the same run, print a table.

    python benchmarks/run.py [--pages 1000,10000] [--out /tmp/pixellint-bench]

Columns: files, MB, wall seconds, MB/s, peak RSS (largest process), recall and precision against
the generator's ground truth (pixellint: page x tracker; ripgrep: pages with any tracker token).
Ratios, not absolute times, are what to compare: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
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


def measure(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the largest process) of one run of `command`."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    wall, rss, _ = done.stdout.split()
    return float(wall), int(rss) / 1024


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


def page_score(truth: dict[str, list[str]], flagged: set[str]) -> tuple[float, float]:
    expected = {p for p, ts in truth.items() if ts}
    hits = expected & flagged
    return len(hits) / max(1, len(expected)), len(hits) / max(1, len(flagged))


def bench(site: Path, rows: list[str], label: str) -> dict[str, float]:
    truth = json.loads((site / "ground-truth.json").read_text())
    files, mb = size(site)
    report = site.parent / f"{site.name}.json"
    pixellint = [
        sys.executable,
        "-m",
        "pixellint",
        "check",
        "--all-pages",
        "--no-cache",
        "--format",
        "json",
        "-o",
        str(report),
        ".",
    ]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    rg_cmd = ["rg", "-l", "-i", "-F", "-f", str(tokens(site)), "."]
    rg_wall, rg_rss = measure(rg_cmd, site)
    px_wall, px_rss = measure(pixellint, site, env)
    one_wall, one_rss = measure([*pixellint[:-1], "-j", "1", "."], site, env)
    recall, precision, _, _ = score(truth, json.loads(report.read_text())["sightings"])
    flagged = set(subprocess.run(rg_cmd, cwd=site, capture_output=True, text=True).stdout.split())
    flagged = {f[2:] if f.startswith("./") else f for f in flagged}
    rg_recall, rg_precision = page_score(truth, flagged)
    shutil.rmtree(site / ".pixellint_cache", ignore_errors=True)
    cached = [*pixellint[:4], "--format", "json", "-o", str(report), "."]
    measure(cached, site, env)  # fill the cache
    warm_wall, _ = measure(cached, site, env)
    rows.append(
        f"| {label} | pixellint (-j {os.cpu_count()}) | {files:,} | {mb:,.0f} | {px_wall:.2f} | {mb / px_wall:.1f} | {px_rss:.0f} | {recall:.4f} | {precision:.4f} | {px_wall / rg_wall:.1f}x |"
    )
    rows.append(
        f"| {label} | pixellint (-j 1) | {files:,} | {mb:,.0f} | {one_wall:.2f} | {mb / one_wall:.1f} | {one_rss:.0f} | same | same | {one_wall / rg_wall:.1f}x |"
    )
    rows.append(
        f"| {label} | pixellint, unchanged tree, warm cache | {files:,} | {mb:,.0f} | {warm_wall:.2f} | {mb / warm_wall:.1f} | | same | same | {warm_wall / rg_wall:.1f}x |"
    )
    rows.append(
        f"| {label} | ripgrep, equivalent tokens | {files:,} | {mb:,.0f} | {rg_wall:.2f} | {mb / rg_wall:.1f} | {rg_rss:.0f} | {rg_recall:.4f} (pages) | {rg_precision:.4f} (pages) | 1x |"
    )
    return {"wall": px_wall, "one": one_wall}


def precommit(out: Path, rows: list[str]) -> None:
    site = out / "theme-2000"
    if not site.exists():
        generate(site, 2000, theme=True)
    truth = json.loads((site / "ground-truth.json").read_text())
    changed = [p for p, t in truth.items() if t and p.endswith(".j2")][:2] + [
        p for p, t in truth.items() if not t and p.endswith(".j2")
    ][:3]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    shutil.rmtree(site / ".pixellint_cache", ignore_errors=True)
    command = [sys.executable, "-m", "pixellint", "check", *changed]
    cold, _ = measure(command, site, env)
    for path in changed:
        with open(site / path, "a") as handle:
            handle.write("<!-- edited -->\n")
    edited, _ = measure(command, site, env)
    again, _ = measure(command, site, env)
    rows.append(
        f"| pre-commit, 5 changed files (2 with trackers) in a 2,000-template theme | cold (no cache) {cold:.2f} s | warm after an edit {edited:.2f} s | warm, unchanged {again:.2f} s |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", default="1000,10000")
    parser.add_argument("--out", default="/tmp/pixellint-bench")
    args = parser.parse_args()
    out = Path(args.out)
    rows = [
        "| site | tool | files | MB | wall s | MB/s | peak RSS MB | recall | precision | vs ripgrep |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    walls = {}
    for pages in map(int, args.pages.split(",")):
        site = out / f"site-{pages}"
        if not site.exists():
            generate(site, pages)
        walls[pages] = bench(site, rows, f"{pages:,} pages")
    theme = out / "theme-1000"
    if not theme.exists():
        generate(theme, 1000, theme=True)
    bench(theme, rows, "1,000 Jinja templates")
    print("\n".join(rows))
    if len(walls) >= 2:
        small, large = sorted(walls)
        print(
            f"\nscaling {small:,} -> {large:,} pages: {walls[large]['wall'] / walls[small]['wall']:.1f}x time (-j auto), {walls[large]['one'] / walls[small]['one']:.1f}x (-j 1)"
        )
    pre: list[str] = []
    precommit(out, pre)
    print("\n" + "\n".join(pre))


if __name__ == "__main__":
    main()
