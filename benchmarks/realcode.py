"""Score pixellint on a labelled corpus of real projects (recall and precision per stack).

The corpus is not part of this repository (it is other people's code): each project is a folder
under CORPUS, and CORPUS/labels/<stack>--<project>.json lists, by hand, every tracker occurrence
(path, line range, catalog id; `configured` when the URL comes from configuration) and every trap
(tracker-looking text that is not a load: comments, docs, CSP headers). Labels are written by
reading the code, never from pixellint's output.

    python benchmarks/realcode.py CORPUS [--json out.json] [--stack pug]

A sighting matches an occurrence on the same path, with its line inside the occurrence's range,
and the same tracker (gtag's shared trackers count as one family). Recall counts occurrences whose
tracker is in the catalog and whose URL is not configured; precision counts every sighting.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pixellint import api
from pixellint.config import Config

FAMILIES = {"google-ads": "google-analytics", "google-floodlight": "google-analytics"}


def family(tracker: str) -> str:
    return FAMILIES.get(tracker, tracker)


@dataclass
class Score:
    occurrences: int = 0  # in the catalog, URL not configured
    found: int = 0
    configured: int = 0
    configured_found: int = 0
    outside_catalog: int = 0
    sightings: int = 0
    true_sightings: int = 0
    trap_hits: int = 0
    found_anywhere: int = 0  # an occurrence with a sighting of any tracker in its lines
    placed_sightings: int = 0  # sightings inside some occurrence, whatever tracker they name
    files: int = 0
    megabytes: float = 0.0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("occurrences", "found", "configured", "configured_found", "outside_catalog",
                     "sightings", "true_sightings", "trap_hits", "found_anywhere",
                     "placed_sightings", "files"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.megabytes += other.megabytes
        self.seconds += other.seconds
        self.misses += other.misses
        self.false += other.false

    @property
    def recall(self) -> float:
        return self.found / self.occurrences if self.occurrences else 1.0

    @property
    def precision(self) -> float:
        return self.true_sightings / self.sightings if self.sightings else 1.0


def within(item: dict[str, Any], path: str, line: int) -> bool:
    end = int(item.get("end_line") or item["line"])
    return bool(item["path"] == path and int(item["line"]) <= line <= end)


def score_project(corpus: Path, labels: dict[str, Any]) -> Score:
    root = corpus / labels["root"]
    started = time.perf_counter()
    result = api.run([root], Config(), root, all_pages=True)
    score = Score(seconds=time.perf_counter() - started, files=result.files_scanned)
    score.megabytes = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6
    occurrences = labels.get("occurrences", [])
    traps = labels.get("traps", [])
    # every location a sighting claims: its primary one and the further calls folded into it
    sightings = [
        (where.path, where.line, s.tracker)
        for s in result.sightings
        for where in (s.location, *getattr(s, "also", ()))  # older versions: one location
    ]
    for occurrence in occurrences:
        tracker = occurrence["tracker"]
        hit = any(
            within(occurrence, path, line) and family(found) == family(tracker)
            for path, line, found in sightings
        )
        where = f"{labels['root']}/{occurrence['path']}:{occurrence['line']} {tracker}"
        if tracker.startswith("other:"):
            score.outside_catalog += 1
        elif occurrence.get("configured"):
            score.configured += 1
            score.configured_found += hit
        else:
            score.occurrences += 1
            score.found += hit
            score.found_anywhere += any(within(occurrence, p, n) for p, n, _ in sightings)
            if not hit:
                score.misses.append(where)
    for path, line, tracker in sightings:
        score.sightings += 1
        true = any(
            within(o, path, line) and family(o["tracker"]) == family(tracker) for o in occurrences
        )
        score.true_sightings += true
        score.placed_sightings += any(within(o, path, line) for o in occurrences)
        if not true:
            trap = any(within(t, path, line) for t in traps)
            score.trap_hits += trap
            score.false.append(
                f"{labels['root']}/{path}:{line} {tracker}{' (trap)' if trap else ''}"
            )
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--json", type=Path, help="write the per-project scores here")
    parser.add_argument("--stack", action="append", help="only these stacks")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false hits")
    args = parser.parse_args(argv)
    per_stack: dict[str, Score] = defaultdict(Score)
    rows = []
    for label_file in sorted((args.corpus / "labels").glob("*.json")):
        labels = json.loads(label_file.read_text("utf-8"))
        stack = labels.get("lang") or label_file.stem.split("--")[0]
        if args.stack and stack not in args.stack:
            continue
        if not (args.corpus / labels["root"]).is_dir():
            print(f"skipped {label_file.name}: {labels['root']} is missing", file=sys.stderr)
            continue
        score = score_project(args.corpus, labels)
        per_stack[stack].add(score)
        rows.append({"stack": stack, "project": labels.get("project"), **_figures(score)})
    print(
        "| stack | projects | files | occurrences | recall | sightings | precision | "
        "located (any tracker): recall / precision | trap hits | configured found | outside catalog |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    total = Score()
    for stack, score in sorted(per_stack.items()):
        total.add(score)
        count = sum(1 for r in rows if r["stack"] == stack)
        print(_row(stack, count, score))
    print(_row("**all**", len(rows), total))
    if args.verbose:
        for line in total.misses:
            print("MISS", line)
        for line in total.false:
            print("FALSE", line)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), "utf-8")
    return 0


def _figures(score: Score) -> dict[str, Any]:
    return {
        "occurrences": score.occurrences,
        "found": score.found,
        "recall": round(score.recall, 3),
        "sightings": score.sightings,
        "precision": round(score.precision, 3),
        "trap_hits": score.trap_hits,
        "configured": score.configured,
        "configured_found": score.configured_found,
        "outside_catalog": score.outside_catalog,
        "misses": score.misses,
        "false": score.false,
    }


def _row(name: str, projects: int, score: Score) -> str:
    return (
        f"| {name} | {projects} | {score.files} | {score.occurrences} | {score.recall:.2f} "
        f"({score.found}/{score.occurrences}) | {score.sightings} | {score.precision:.2f} | "
        f"{_ratio(score.found_anywhere, score.occurrences)} / "
        f"{_ratio(score.placed_sightings, score.sightings)} | {score.trap_hits} | {score.configured_found}/{score.configured} | {score.outside_catalog} |"
    )


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


if __name__ == "__main__":
    sys.exit(main())
