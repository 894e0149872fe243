"""Score pixellint per page on framework projects (Next.js, Nuxt, SvelteKit, SPAs...).

Each project carries page-level labels, written by reading its code with the framework's
documented semantics (which layout wraps which page), never from pixellint's output:
`expected` lists every (sensitive page, tracker) pair whose tracker really runs on that page,
`absent` the pairs a naive tool might report but that are wrong. pixellint runs in-process with
the labels' `sensitive` globs as the config, and the (exposure page, finding tracker) pairs it
reports are compared with `expected`.

    python benchmarks/frameworks.py fixtures/frameworks [-v] [--json out.json]
    python benchmarks/frameworks.py --labels CORPUS/labels --root CORPUS/projects

A DIR is a project holding `pixellint-labels.json`, or a folder of such projects. With --labels,
each `<framework>--<project>.json` there labels the project at `ROOT/<framework>--<project>/`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pixellint import api
from pixellint import catalog as catalog_module
from pixellint import config as config_module
from pixellint.result import Result

LABELS = "pixellint-labels.json"
FAMILIES = {"google-ads": "google-analytics", "google-floodlight": "google-analytics"}
Pair = tuple[str, str]  # (page, tracker), the page relative to the project folder


def family(tracker: str) -> str:
    """Google Ads and Floodlight load through gtag.js: one family with Google Analytics."""
    return FAMILIES.get(tracker, tracker)


@dataclass(frozen=True)
class Labels:
    framework: str
    project: str
    sensitive: tuple[str, ...]
    expected: dict[Pair, str]  # pair -> via (the label's explanation)
    absent: dict[Pair, str]  # pair -> why


@dataclass
class Score:
    projects: int = 0
    expected: int = 0  # expected pairs whose tracker is in the catalog
    found: int = 0
    outside_catalog: int = 0  # `other:<vendor>` pairs: documented, not scored
    reported: int = 0
    true_reported: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # projects not (fully) scored, and why

    def add(self, other: Score) -> None:
        for name in ("projects", "expected", "found", "outside_catalog", "reported",
                     "true_reported"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.false += other.false
        self.problems += other.problems

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.true_reported / self.reported if self.reported else 1.0


def read_labels(path: Path) -> Labels:
    """The labels in `path`; ValueError (with the file named) when they are malformed."""
    try:
        raw: dict[str, Any] = json.loads(path.read_text("utf-8"))
        return Labels(
            framework=str(raw["framework"]),
            project=str(raw.get("project") or _default_name(path)),
            sensitive=tuple(str(glob) for glob in raw["sensitive"]),
            expected={_pair(item): str(item.get("via", "")) for item in raw.get("expected", [])},
            absent={_pair(item): str(item.get("why", "")) for item in raw.get("absent", [])},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: unreadable labels: {exc!r}") from exc


def _default_name(path: Path) -> str:
    """A fixture's folder name, or a corpus label's `<framework>--<project>` stem."""
    return path.parent.name if path.name == LABELS else path.stem


def _pair(item: dict[str, Any]) -> Pair:
    return str(item["page"]), family(str(item["tracker"]))


def reported_pairs(result: Result) -> set[Pair]:
    """Every (exposed sensitive page, tracker) pair in pixellint's findings."""
    return {
        (exposure.page, family(finding.sighting.tracker))
        for finding in result.findings
        for exposure in finding.exposures
    }


def config_mismatch(root: Path, labels: Labels) -> str:
    """A fixture's own pixellint.toml must hold the labels' globs: say so when it does not."""
    toml = root / "pixellint.toml"
    if not toml.is_file():
        return ""
    try:
        own = config_module.load(toml).sensitive
    except config_module.ConfigError as exc:
        return f"{toml}: {exc}"
    if sorted(own) != sorted(labels.sensitive):
        return f"{toml}: sensitive {list(own)} differs from the labels' {list(labels.sensitive)}"
    return ""


def score_project(root: Path, labels: Labels) -> Score:
    """Run pixellint on the project with the labels' globs and compare pairs with the labels."""
    name = f"{labels.framework}/{labels.project}"
    known = {tracker.id for tracker in catalog_module.load().trackers}
    score = Score(projects=1)
    scored = {pair: via for pair, via in labels.expected.items() if pair[1] in known}
    score.outside_catalog = len(labels.expected) - len(scored)
    score.problems += [
        f"{name}: {tracker!r} is not a catalog id (write other:<vendor>)"
        for _, tracker in labels.expected
        if tracker not in known and not tracker.startswith("other:")
    ]
    if mismatch := config_mismatch(root, labels):
        score.problems.append(f"{name}: {mismatch}")
    score.expected = len(scored)
    try:
        config = config_module.from_mapping({"sensitive": list(labels.sensitive)}, LABELS)
        result = api.run([root], config, root)
    except Exception as exc:  # a project pixellint cannot read is reported, not fatal
        score.problems.append(f"{name}: pixellint failed: {exc!r}")
        score.misses += [f"{name}: {page} {tracker}" for page, tracker in sorted(scored)]
        return score
    if result.failed:
        score.problems.append(f"{name}: pixellint failed on some files (PXL905)")
    reported = reported_pairs(result)
    score.found = len(reported & scored.keys())
    score.reported = len(reported)
    score.true_reported = len(reported & labels.expected.keys())
    score.misses += [
        f"{name}: {page} {tracker} (via {scored[page, tracker]})"
        for page, tracker in sorted(scored.keys() - reported)
    ]
    for page, tracker in sorted(reported - labels.expected.keys()):
        why = labels.absent.get((page, tracker))
        note = f" (labelled absent: {why})" if why is not None else " (not labelled)"
        score.false.append(f"{name}: {page} {tracker}{note}")
    return score


def score_folder(root: Path) -> Score:
    """The score of the project at `root`, read with its own labels file."""
    try:
        labels = read_labels(root / LABELS)
    except ValueError as exc:
        return Score(projects=1, problems=[str(exc)])
    return score_project(root, labels)


def projects_in(directory: Path) -> list[Path]:
    """`directory` itself when it holds labels, else its subfolders that do."""
    if (directory / LABELS).is_file():
        return [directory]
    return sorted(p for p in directory.iterdir() if (p / LABELS).is_file())


def corpus(labels_dir: Path, root: Path) -> list[tuple[Path, Path]]:
    """(labels file, project folder) of an external corpus: `<framework>--<project>.json`
    labels `root/<framework>--<project>/`."""
    return [(label, root / label.stem) for label in sorted(labels_dir.glob("*--*.json"))]


def score_all(dirs: list[Path], labels_dir: Path | None, root: Path | None) -> dict[str, Score]:
    """Scores per framework of every project named."""
    per_framework: dict[str, Score] = defaultdict(Score)
    work: list[tuple[Path, Path]] = []  # (labels file, project folder)
    for directory in dirs:
        found = projects_in(directory) if directory.is_dir() else []
        if not found:
            per_framework["?"].problems.append(f"{directory}: no {LABELS} in it or below it")
        work += [(project / LABELS, project) for project in found]
    if labels_dir is not None and root is not None:
        work += corpus(labels_dir, root)
    for label_file, project in work:
        try:
            labels = read_labels(label_file)
        except ValueError as exc:
            per_framework["?"].add(Score(projects=1, problems=[str(exc)]))
            continue
        if not project.is_dir():
            per_framework[labels.framework].problems.append(f"{label_file}: {project} is missing")
            continue
        per_framework[labels.framework].add(score_project(project, labels))
    return dict(per_framework)


def table(per_framework: dict[str, Score]) -> tuple[list[str], Score]:
    """Markdown rows per framework and in total, and the total."""
    rows = [
        "| framework | projects | expected pairs | found | recall | reported pairs | precision |",
        "|---|---|---|---|---|---|---|",
    ]
    total = Score()
    for name, score in sorted(per_framework.items()):
        total.add(score)
        if score.projects:
            rows.append(_row(name, score))
    rows.append(_row("**all**", total))
    return rows, total


def details(score: Score) -> list[str]:
    """One line per missed pair and per false pair."""
    return [*(f"MISS {m}" for m in score.misses), *(f"FALSE {f}" for f in score.false)]


def _row(name: str, score: Score) -> str:
    return (
        f"| {name} | {score.projects} | {score.expected} | {score.found} | {score.recall:.2f} | "
        f"{score.reported} | {score.precision:.2f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="projects, or folders of projects")
    parser.add_argument("--labels", type=Path, help="folder of <framework>--<project>.json")
    parser.add_argument("--root", type=Path, help="folder of the labelled projects (--labels)")
    parser.add_argument("--json", type=Path, help="write the scores per framework here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses, false pairs")
    args = parser.parse_args(argv)
    if (args.labels is None) != (args.root is None):
        parser.error("--labels and --root go together")
    if not args.dirs and args.labels is None:
        parser.error("name project folders, or --labels and --root")
    per_framework = score_all(args.dirs, args.labels, args.root)
    rows, total = table(per_framework)
    print("\n".join(rows))
    if args.verbose:
        print("\n".join(details(total)))
    for problem in total.problems:
        print(f"problem: {problem}", file=sys.stderr)
    if args.json:
        figures = {name: _figures(score) for name, score in per_framework.items()}
        args.json.write_text(json.dumps(figures | {"all": _figures(total)}, indent=1), "utf-8")
    return 1 if total.problems else 0


def _figures(score: Score) -> dict[str, Any]:
    return {
        "projects": score.projects,
        "expected": score.expected,
        "found": score.found,
        "recall": round(score.recall, 3),
        "reported": score.reported,
        "precision": round(score.precision, 3),
        "outside_catalog": score.outside_catalog,
        "misses": score.misses,
        "false": score.false,
        "problems": score.problems,
    }


if __name__ == "__main__":
    sys.exit(main())
