"""The whole pipeline as functions of plain values: discover, read, detect, classify, evaluate.

`run` scans paths; `scan_text` scans one document from text. Inputs and results are picklable, so
an existing engine (multiprocessing, Dask, Spark) can map `scan_text` over large collections.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pixellint import catalog as catalog_module
from pixellint import graph as graph_module
from pixellint import sensitivity, suppress
from pixellint.catalog import Catalog
from pixellint.config import Config
from pixellint.detect import Detector
from pixellint.discover import Candidate, is_excluded, walk
from pixellint.document import Document, kind_of, prepare
from pixellint.model import Diagnostic, Finding, Location, Sighting
from pixellint.rules import RULES, evaluate
from pixellint.source import UnreadableFile, decode


@dataclass(frozen=True)
class Result:
    findings: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]
    sightings: tuple[Sighting, ...]  # every tracker seen, sensitive or not
    files_scanned: int
    sensitive_pages: tuple[str, ...]  # pages marked or made sensitive, sorted
    marked: int  # how many files were marked directly (0: nothing is marked)
    suppressed: int = 0
    root: str = ""

    @property
    def pages_with_trackers(self) -> int:
        return len({s.location.path for s in self.sightings})


@dataclass
class _Project:
    root: Path
    config: Config
    detector: Detector
    docs: dict[str, Document] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def run(
    paths: list[Path],
    config: Config,
    root: Path,
    *,
    all_pages: bool = False,
    catalog: Catalog | None = None,
) -> Result:
    """Scan `paths`. When files are named (as pre-commit does), the whole project under `root`
    still forms the template graph, and findings are those that involve a named file."""
    root = Path(os.path.abspath(root))
    project = _Project(
        root, config, Detector(catalog or catalog_module.load(), config.max_script_size)
    )
    targets, notes = walk(paths, root, config.exclude)
    for note in notes:
        project.diagnostics.append(
            Diagnostic(Location(note.split(":")[0], 1, 1, 1, 1), "PXL902", note.split(": ", 1)[-1])
        )
    explicit = {c.rel for c in targets if c.explicit}
    changed_mode = bool(explicit)
    context = targets
    if changed_mode:
        everything, _ = walk([root], root, config.exclude)
        by_rel = {c.rel: c for c in everything}
        by_rel.update({c.rel: c for c in targets})
        context = sorted(by_rel.values(), key=lambda c: c.rel)
    scanned = {c.rel for c in targets}
    for candidate in context:
        _read(project, candidate, report=candidate.rel in scanned)
    resolver = graph_module.Resolver(project.docs, config.template_dirs, config.site_root)
    graph = graph_module.build(project.docs, resolver)
    direct = {}
    for path, doc in project.docs.items():
        reason = (
            "--all-pages"
            if all_pages
            else sensitivity.direct_reason(doc, config.sensitive, config.source)
        )
        if reason:
            direct[path] = reason
    sensitive = sensitivity.propagate(direct, graph)

    involved = set(scanned & project.docs.keys())
    if changed_mode:
        involved = set()
        for node in graph.ancestors(scanned & project.docs.keys()):
            involved.update(graph.reach(node))
    sightings: list[Sighting] = []
    for path in sorted(involved):
        involved_doc = project.docs.get(path)
        if involved_doc is None or involved_doc.kind == "data":
            continue
        found, diagnostics = project.detector.detect(involved_doc)
        sightings.extend(found)
        if path in scanned:
            project.diagnostics.extend(diagnostics)
    for unresolved in graph.unresolved:
        if unresolved.source in scanned:
            project.diagnostics.append(Diagnostic(
                _locate(project.docs, unresolved.source, unresolved.offset), "PXL903",
                f"cannot resolve {unresolved.name!r} ({unresolved.reason}); trackers it brings in are not followed",
            ))  # fmt: skip
    findings = evaluate(
        sightings, sensitive, graph, project.detector.catalog,
        locate=lambda p, o: _locate(project.docs, p, o),
        allow=config.allow, report_self_hosted=config.report_self_hosted,
    )  # fmt: skip
    if changed_mode:
        findings = [f for f in findings if _involves(f, scanned)]
    findings, suppressed = _apply_suppressions(findings, project)
    return Result(
        findings=tuple(findings),
        diagnostics=tuple(sorted(set(project.diagnostics))),
        sightings=tuple(
            sorted(s for s in sightings if s.location.path in scanned or not changed_mode)
        ),
        files_scanned=len(scanned),
        sensitive_pages=tuple(sorted(p for p in sensitive if p in scanned)),
        marked=len(direct),
        suppressed=suppressed,
        root=str(root),
    )


def scan_text(
    text: str, path: str = "page.html", *, sensitive: bool = True, catalog: Catalog | None = None
) -> Result:
    """Scan one document given as text; with sensitive=False only `sightings` are filled."""
    kind = kind_of(path) or ("markup", "html")
    doc = prepare(path, text, *kind)
    detector = Detector(catalog or catalog_module.load())
    sightings, diagnostics = detector.detect(doc)
    marks = {path: "scanned as sensitive"} if sensitive else {}
    findings = evaluate(
        sightings, marks, graph_module.Graph(), detector.catalog,
        locate=lambda p, o: _locate({path: doc}, p, o),
    )  # fmt: skip
    return Result(
        tuple(findings), tuple(diagnostics), tuple(sightings), 1, tuple(marks), len(marks)
    )


def _read(project: _Project, candidate: Candidate, *, report: bool) -> None:
    def diagnose(message: str) -> None:
        if report:
            project.diagnostics.append(
                Diagnostic(Location(candidate.rel, 1, 1, 1, 1), "PXL902", message)
            )

    kind = kind_of(candidate.rel) or ("data", "none")
    try:
        size = candidate.path.stat().st_size
        if size > project.config.max_file_size:
            diagnose(
                f"file of {size:,} bytes is larger than max_file_size ({project.config.max_file_size:,}); not scanned"
            )
            return
        data = candidate.path.read_bytes()
    except FileNotFoundError:
        diagnose("file vanished during the scan")
        return
    except OSError as exc:
        diagnose(f"cannot read file: {exc.strerror or exc}")
        return
    try:
        decoded = decode(data)
    except UnreadableFile as exc:
        diagnose(f"{exc}; not scanned")
        return
    if decoded.note:
        diagnose(decoded.note)
    project.docs[candidate.rel] = prepare(candidate.rel, decoded.text, *kind)


def _locate(docs: dict[str, Document], path: str, offset: int) -> Location:
    doc = docs.get(path)
    if doc is None or offset < 0:
        return Location(path, 1, 1, 1, 1)
    line, column = doc.lines.position(offset)
    return Location(path, line, column, line, column + 1)


def _involves(finding: Finding, changed: set[str]) -> bool:
    if finding.location.path in changed:
        return True
    return any(
        e.page in changed or any(s.location.path in changed or s.target in changed for s in e.chain)
        for e in finding.exposures
    )


def _apply_suppressions(findings: list[Finding], project: _Project) -> tuple[list[Finding], int]:
    by_path: dict[str, list[suppress.Suppression]] = {}
    kept: list[Finding] = []
    used: set[suppress.Suppression] = set()
    for finding in findings:
        path = finding.location.path
        if path not in by_path:
            doc = project.docs.get(path)
            by_path[path] = suppress.suppressions(doc) if doc else []
        rule = RULES[finding.rule]
        tracker = project.detector.catalog.by_id[finding.sighting.tracker]
        names = {tracker.id, rule.code, rule.name, tracker.category}
        match = next(
            (
                s
                for s in by_path[path]
                if suppress.covers(s, names, finding.location.line, finding.sighting.anchor_line)
            ),
            None,
        )
        if match is None:
            kept.append(finding)
        else:
            used.add(match)
    for path, items in by_path.items():
        for item in items:
            if not item.reason:
                project.diagnostics.append(
                    Diagnostic(
                        Location(path, item.line, 1, item.line, 1),
                        "PXL904",
                        "suppression has no reason; say why after the bracket",
                    )
                )
    return kept, len(findings) - len(kept)


__all__ = ["Result", "is_excluded", "run", "scan_text"]
