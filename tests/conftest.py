"""Shared helpers: scan text, run the real CLI entry point in-process, validate SARIF."""

from __future__ import annotations

import json
import resource
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pixellint import api
from pixellint.model import Sighting

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def sightings(text: str, path: str = "page.html") -> list[Sighting]:
    return list(api.scan_text(text, path).sightings)


def trackers_in(text: str, path: str = "page.html") -> list[str]:
    """Tracker ids seen in `text`, in order of position."""
    return [s.tracker for s in sightings(text, path)]


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `pixellint ARGS` through the console entry point; returns exit code and output."""
    from pixellint.cli import main

    monkeypatch.setenv("PIXELLINT_NO_CACHE", "1")  # never write a cache into the source tree

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["pixellint", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def sarif_errors(document: dict) -> list[str]:  # type: ignore[type-arg]
    """Schema errors (OASIS 2.1.0, with format checks) plus GitHub's stricter upload rules."""
    from jsonschema import Draft4Validator, FormatChecker

    validator = Draft4Validator(SCHEMA, format_checker=FormatChecker())
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]
    runs = document.get("runs", [])
    if len(runs) != 1:
        errors.append("GitHub: exactly one run expected")
    for run in runs:
        for rule in run["tool"]["driver"]["rules"]:
            severity = rule.get("properties", {}).get("security-severity")
            if severity is not None and not isinstance(severity, str):
                errors.append(f"GitHub: {rule['id']} security-severity must be a string")
            if (
                len(rule["shortDescription"]["text"]) > 1024
                or len(rule["fullDescription"]["text"]) > 1024
            ):
                errors.append(f"GitHub: {rule['id']} description over 1024 characters")
        for result in run["results"]:
            if len(result.get("locations", [])) != 1:
                errors.append("GitHub: a result needs exactly one location")
            for loc in result["locations"]:
                physical = loc["physicalLocation"]
                if not physical["artifactLocation"].get("uri"):
                    errors.append("GitHub: empty uri")
                if physical["region"]["startColumn"] < 1 or physical["region"]["startLine"] < 1:
                    errors.append("GitHub: positions must be 1-based")
    return errors


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def cpu_seconds(work: Callable[[], object], repeat: int = 3) -> float:
    """Best-of-`repeat` CPU time of `work` in this process: unaffected by other load on the
    machine, unlike wall-clock time."""
    best = float("inf")
    for _ in range(repeat):
        start = user_seconds()
        work()
        best = min(best, user_seconds() - start)
    return best


def user_seconds() -> float:
    """User CPU time only: page faults and reclaim on a busy machine land in system time."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


def assert_linear(run: Callable[[int], object], label: str = "") -> None:
    """`run(n)` handles an input n times a base size; doubling it may not much more than double
    the CPU time (a quadratic pattern quadruples it). A quadratic pattern fails every attempt;
    a garbage collection or a cache-starved moment on a loaded machine fails one."""
    measured = []
    for _ in range(3):
        small = cpu_seconds(lambda: run(1))
        double = cpu_seconds(lambda: run(2))
        if double < 3.2 * small + 0.05:
            return
        measured.append((small, double))
    raise AssertionError((label, measured))
