"""The result of a run, and how the results of several projects become one report.

Each project is judged with paths relative to its own directory (its globs and template names
are); `rebase` moves every path of a project's result under the report base, and `merge` joins
the projects of a run in a fixed order, so the report never depends on the order paths were named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from pixellint.model import (
    Diagnostic,
    Exposure,
    Finding,
    Location,
    Sighting,
    Step,
    TrackerInfo,
)

LEVELS: dict[str, int] = {"note": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, slots=True, order=True)
class ProjectInfo:
    """A project of the run as reports name it."""

    path: str  # its directory relative to the report base ('.' for the base itself)
    config: str  # its config file relative to the report base ('' when it has none)
    files_scanned: int = 0
    marked: int = 0  # files marked sensitive directly
    sensitive_pages: int = 0
    sightings: int = 0


@dataclass(frozen=True)
class Result:
    findings: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]
    sightings: tuple[Sighting, ...]  # every tracker seen in the scanned files, sensitive or not
    files_scanned: int
    sensitive_pages: tuple[str, ...]  # scanned files marked or made sensitive, sorted
    marked: int  # how many files were marked directly (0: nothing is marked)
    suppressed: int = 0
    root: str = ""  # the report base: every path is relative to it
    trackers: tuple[TrackerInfo, ...] = ()  # catalog facts of every tracker seen, for reports
    projects: tuple[ProjectInfo, ...] = ()

    def tracker(self, tracker_id: str) -> TrackerInfo:
        found = next((t for t in self.trackers if t.id == tracker_id), None)
        return found or TrackerInfo(tracker_id, tracker_id, "", "", "")

    def project_of(self, path: str) -> ProjectInfo | None:
        """The project a reported path belongs to (the deepest project directory above it)."""
        inside = [p for p in self.projects if p.path == "." or path.startswith(p.path + "/")]
        return max(inside, key=lambda p: 0 if p.path == "." else len(p.path), default=None)

    @property
    def failed(self) -> bool:
        """pixellint itself failed on some file: the result may be incomplete."""
        return any(d.code == "PXL905" for d in self.diagnostics)

    @property
    def pages_with_trackers(self) -> int:
        return len({s.location.path for s in self.sightings})


def rebase(result: Result, prefix: str) -> Result:
    """The same result with every path under `prefix` (a project's directory in the report)."""
    if not prefix:
        return result
    return replace(
        result,
        findings=tuple(_finding(f, prefix) for f in result.findings),
        diagnostics=tuple(replace(d, location=_at(d.location, prefix)) for d in result.diagnostics),
        sightings=tuple(_sighting(s, prefix) for s in result.sightings),
        sensitive_pages=tuple(prefix + p for p in result.sensitive_pages),
    )


def merge(parts: Iterable[Result], base: str) -> Result:
    """One report for the projects of a run; totals add up, lists stay sorted."""
    results = list(parts)
    trackers = {t.id: t for r in results for t in r.trackers}
    return Result(
        findings=tuple(sorted(f for r in results for f in r.findings)),
        diagnostics=tuple(sorted({d for r in results for d in r.diagnostics})),
        sightings=tuple(sorted(s for r in results for s in r.sightings)),
        files_scanned=sum(r.files_scanned for r in results),
        sensitive_pages=tuple(sorted(p for r in results for p in r.sensitive_pages)),
        marked=sum(r.marked for r in results),
        suppressed=sum(r.suppressed for r in results),
        root=base,
        trackers=tuple(trackers[i] for i in sorted(trackers)),
        projects=tuple(sorted(p for r in results for p in r.projects if p.files_scanned)),
    )


def _at(location: Location, prefix: str) -> Location:
    return replace(location, path=prefix + location.path)


def _sighting(sighting: Sighting, prefix: str) -> Sighting:
    return replace(sighting, location=_at(sighting.location, prefix))


def _finding(finding: Finding, prefix: str) -> Finding:
    return replace(
        finding,
        sighting=_sighting(finding.sighting, prefix),
        exposures=tuple(_exposure(e, prefix) for e in finding.exposures),
    )


def _exposure(exposure: Exposure, prefix: str) -> Exposure:
    chain = tuple(Step(_at(s.location, prefix), prefix + s.target, s.kind) for s in exposure.chain)
    mark = _at(exposure.mark, prefix) if exposure.mark else None
    return replace(exposure, page=prefix + exposure.page, chain=chain, mark=mark)
