"""The whole pipeline as functions of plain values: discover, read, detect, classify, evaluate.

`run` scans paths; `scan_text` scans one document from text. Inputs and results are picklable, so
an existing engine (multiprocessing, Dask, Spark) can map `scan_text` over large collections.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pixellint import cache as cache_module
from pixellint import catalog as catalog_module
from pixellint import graph as graph_module
from pixellint import sensitivity, suppress
from pixellint.catalog import Catalog
from pixellint.config import CONFIG_FILES, Config, ConfigError, glob_regex
from pixellint.detect import Detector
from pixellint.discover import walk
from pixellint.document import language_of, prepare
from pixellint.facts import FileFacts, Task
from pixellint.languages import registry as languages
from pixellint.lookup import Lookup
from pixellint.model import (
    Diagnostic,
    Exposure,
    Finding,
    Location,
    Sighting,
    Step,
    TrackerInfo,
)
from pixellint.rules import RULES, evaluate
from pixellint.workers import Engine

PARALLEL_MIN_FILES = 100


@dataclass(frozen=True)
class Result:
    findings: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]
    sightings: tuple[Sighting, ...]  # every tracker seen in the scanned files, sensitive or not
    files_scanned: int
    sensitive_pages: tuple[str, ...]  # scanned files marked or made sensitive, sorted
    marked: int  # how many files were marked directly (0: nothing is marked)
    suppressed: int = 0
    root: str = ""
    trackers: tuple[TrackerInfo, ...] = ()  # catalog facts of every tracker seen, for reports

    def tracker(self, tracker_id: str) -> TrackerInfo:
        found = next((t for t in self.trackers if t.id == tracker_id), None)
        return found or TrackerInfo(tracker_id, tracker_id, "", "", "")

    @property
    def failed(self) -> bool:
        """pixellint itself failed on some file: the result may be incomplete."""
        return any(d.code == "PXL905" for d in self.diagnostics)

    @property
    def pages_with_trackers(self) -> int:
        return len({s.location.path for s in self.sightings})


def run(
    paths: list[Path],
    config: Config,
    root: Path,
    *,
    all_pages: bool = False,
    catalog: Catalog | None = None,
    jobs: int = 1,
    cache_dir: Path | None = None,
) -> Result:
    """Scan `paths`. When files are named (as pre-commit does), the whole project under `root`
    still forms the template graph, and the findings are those that involve a named file.

    `jobs` > 1 analyses files in that many processes (same output as one); `cache_dir` keeps
    per-file facts keyed by content, catalog and settings."""
    root = Path(os.path.abspath(root))
    catalog = catalog or catalog_module.load()
    _check_allow(config, catalog)
    targets, notes = walk(paths, root, config.exclude)
    if any(c.explicit and c.rel.rsplit("/", 1)[-1] in CONFIG_FILES for c in targets):
        # a changed config changes what is sensitive anywhere: judge the whole project
        targets, notes = walk([root], root, config.exclude)
    diagnostics = [
        Diagnostic(Location(n.split(":")[0], 1, 1, 1, 1), "PXL902", n.split(": ", 1)[-1])
        for n in notes
    ]
    scanned = {c.rel for c in targets}
    changed_mode = any(c.explicit for c in targets)
    context = {c.rel: c for c in targets}
    if changed_mode:
        everything, _ = walk([root], root, config.exclude)
        context = {c.rel: c for c in everything} | context
    with Engine(
        catalog, config, jobs if len(context) >= PARALLEL_MIN_FILES else 1, cache_dir
    ) as engine:
        tasks = [Task(c.path, rel, not changed_mode) for rel, c in sorted(context.items())]
        run_key = _run_key(engine, tasks, config, all_pages, changed_mode, scanned, root)
        if run_key and engine.cache is not None:
            cached = engine.cache.get(run_key, Result)
            if cached is not None:
                return cached
        facts = engine.facts(tasks)
        nodes = {rel: f.node for rel, f in facts.items() if f.node is not None}
        lookup = Lookup(nodes, config.template_dirs, config.site_root)
        graph = graph_module.build(nodes, lookup)
        if changed_mode:
            involved: set[str] = set()
            for node in graph.ancestors(scanned & nodes.keys()):
                involved.update(graph.reach(node))
            need = sorted(rel for rel in involved if facts[rel].sightings is None)
            facts.update(engine.facts([Task(context[rel].path, rel, True) for rel in need]))
        whole = any(os.path.abspath(p) == str(root) for p in paths)
        result = _judge(
            facts,
            graph,
            catalog,
            config,
            all_pages,
            changed_mode,
            scanned,
            diagnostics,
            root,
            whole,
        )
        if engine.cache is not None:
            run_key = run_key or _run_key(
                engine, tasks, config, all_pages, changed_mode, scanned, root
            )
            if run_key:
                engine.cache.put(run_key, result)
    return result


def _run_key(
    engine: Engine,
    tasks: list[Task],
    config: Config,
    all_pages: bool,
    changed_mode: bool,
    scanned: set[str],
    root: Path,
) -> str | None:
    """A key for the whole result when every file is unchanged since it was last analysed."""
    if engine.cache is None:
        return None
    digests = []
    for task in tasks:
        digest = engine.digests.get(task.rel) or engine.known_digest(task)
        if digest is None:
            return None
        digests.append(f"{task.rel}={digest}")
    settings = f"{config!r}|{all_pages}|{changed_mode}|{root}|{','.join(sorted(scanned))}"
    return engine.cache.key("run", settings, *digests)


def _judge(
    facts: dict[str, FileFacts],
    graph: graph_module.Graph,
    catalog: Catalog,
    config: Config,
    all_pages: bool,
    changed_mode: bool,
    scanned: set[str],
    diagnostics: list[Diagnostic],
    root: Path,
    whole_project: bool = False,
) -> Result:
    direct: dict[str, str] = {}
    for rel, fact in facts.items():
        reason = "--all-pages" if all_pages and fact.node else None
        reason = (
            reason or sensitivity.glob_reason(rel, config.sensitive, config.source) or fact.marker
        )
        if reason and fact.node is not None:
            direct[rel] = reason
    sensitive = sensitivity.propagate(direct, graph)
    sightings = [s for f in facts.values() for s in (f.sightings or ())]
    for rel in sorted(scanned & facts.keys()):
        diagnostics.extend(facts[rel].diagnostics)
    diagnostics.extend(
        Diagnostic(
            u.location,
            "PXL903",
            f"cannot resolve {u.name!r} ({u.reason}); trackers it brings in are not followed",
        )
        for u in graph.unresolved
        if u.source in scanned
    )
    if whole_project:
        diagnostics.extend(_dead_settings(config, facts.keys(), root))
    findings = evaluate(
        sightings,
        sensitive,
        graph,
        catalog,
        allow=config.allow,
        report_self_hosted=config.report_self_hosted,
    )
    if changed_mode:
        findings = [f for f in findings if _involves(f, scanned)]
    findings, suppressed, unused = _apply_suppressions(findings, facts, catalog, scanned)
    diagnostics.extend(unused)
    return Result(
        findings=tuple(findings),
        diagnostics=tuple(sorted(set(diagnostics))),
        sightings=tuple(sorted(s for s in sightings if s.location.path in scanned)),
        files_scanned=len(scanned),
        sensitive_pages=tuple(sorted(p for p in sensitive if p in scanned)),
        marked=len(direct),
        suppressed=suppressed,
        root=str(root),
        trackers=_tracker_infos(catalog, sightings),
    )


def scan_text(
    text: str, path: str = "page.html", *, sensitive: bool = True, catalog: Catalog | None = None
) -> Result:
    """Scan one document given as text; with sensitive=False only `sightings` are filled."""
    doc = prepare(path, text, language_of(path) or languages.BY_NAME["html"])
    detector = _detector(catalog)
    sightings, diagnostics = detector.detect(doc)
    marks = {path: "scanned as sensitive"} if sensitive else {}
    findings = evaluate(sightings, marks, graph_module.Graph(), detector.catalog)
    return Result(
        tuple(findings),
        tuple(diagnostics),
        tuple(sightings),
        1,
        tuple(marks),
        len(marks),
        trackers=_tracker_infos(detector.catalog, sightings),
    )


def _tracker_infos(catalog: Catalog, sightings: Iterable[Sighting]) -> tuple[TrackerInfo, ...]:
    ids = sorted({s.tracker for s in sightings})
    return tuple(
        TrackerInfo(t.id, t.name, t.vendor, t.category, t.docs)
        for t in (catalog.by_id[i] for i in ids)
    )


cache_module.register(Result, Finding, Exposure, Step, Location, Sighting, Diagnostic, TrackerInfo)


@cache
def _packaged_detector() -> Detector:
    return Detector(catalog_module.load())


def _detector(catalog: Catalog | None) -> Detector:
    """The packaged catalog's detector is built once per process; a custom catalog gets its own."""
    return _packaged_detector() if catalog is None else Detector(catalog)


def _involves(finding: Finding, changed: set[str]) -> bool:
    if finding.location.path in changed:
        return True
    return any(
        e.page in changed or any(s.location.path in changed or s.target in changed for s in e.chain)
        for e in finding.exposures
    )


def _dead_settings(config: Config, files: Iterable[str], root: Path) -> list[Diagnostic]:
    """PXL906 for a `sensitive` glob that matches no file of the project and a configured
    directory that does not exist: a typo there would silently unmark pages."""
    where = Location(config.source or "pixellint.toml", 1, 1, 1, 1)
    paths = list(files)
    notes = [
        Diagnostic(where, "PXL906", f"sensitive glob {glob!r} matches no file of the project")
        for glob in config.sensitive
        if not any(glob_regex(glob).match(path) for path in paths)
    ]
    for key, directories in (
        ("template_dirs", config.template_dirs),
        ("site_root", config.site_root),
    ):
        notes.extend(
            Diagnostic(
                where, "PXL906", f"{key} entry {directory!r} is not a directory of the project"
            )
            for directory in directories
            if not (root / directory).is_dir()
        )
    return notes


def _known_names(catalog: Catalog) -> set[str]:
    """What `allow` and `pixellint: ignore[...]` may name."""
    names = {t.id for t in catalog.trackers} | {t.category for t in catalog.trackers}
    return names | {r.code for r in RULES.values()} | {r.name for r in RULES.values()}


def _closest(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _check_allow(config: Config, catalog: Catalog) -> None:
    """A typo in `allow` would silently allow nothing: it is a configuration error."""
    known = {t.id for t in catalog.trackers} | {t.category for t in catalog.trackers}
    for name in config.allow:
        if name not in known:
            raise ConfigError(
                f"{config.source or 'config'}: 'allow' names unknown tracker {name!r}"
                f"{_closest(name, known)} (`pixellint trackers` lists the ids)"
            )


def _suppression_problems(
    facts: dict[str, FileFacts], catalog: Catalog, scanned: set[str]
) -> list[Diagnostic]:
    """PXL904 for a suppression with no reason, with a name nothing is called, or that covers no
    tracker in its file (a stale one hides nothing and misleads the next reader)."""
    known = _known_names(catalog)
    notes = []
    for rel in sorted(scanned & facts.keys()):
        fact = facts[rel]
        for s in fact.suppressions:
            where = Location(s.path, s.line, 1, s.line, 1)
            unknown = sorted(s.names - known)
            if unknown:
                hint = _closest(unknown[0], known)
                notes.append(
                    Diagnostic(where, "PXL904", f"suppression names unknown {unknown[0]!r}{hint}")
                )
            elif fact.sightings is not None and not _covers_a_sighting(s, fact.sightings, catalog):
                notes.append(
                    Diagnostic(where, "PXL904", "suppression matches no tracker here; remove it")
                )
            if not s.reason:
                notes.append(
                    Diagnostic(
                        where, "PXL904", "suppression has no reason; say why after the bracket"
                    )
                )
    return notes


def _covers_a_sighting(
    suppression: suppress.Suppression, sightings: Iterable[Sighting], catalog: Catalog
) -> bool:
    rule_names = {r.code for r in RULES.values()} | {r.name for r in RULES.values()}
    for sighting in sightings:
        tracker = catalog.by_id[sighting.tracker]
        names = {tracker.id, tracker.category} | rule_names
        line, anchor = sighting.location.line, sighting.anchor_line
        if suppress.covers(suppression, names, line, anchor):
            return True
    return False


def _apply_suppressions(
    findings: Iterable[Finding], facts: dict[str, FileFacts], catalog: Catalog, scanned: set[str]
) -> tuple[list[Finding], int, list[Diagnostic]]:
    kept: list[Finding] = []
    suppressed = 0
    for finding in findings:
        fact = facts.get(finding.location.path)
        rule = RULES[finding.rule]
        tracker = catalog.by_id[finding.sighting.tracker]
        names = {tracker.id, rule.code, rule.name, tracker.category}
        line, anchor = finding.location.line, finding.sighting.anchor_line
        if fact and any(suppress.covers(s, names, line, anchor) for s in fact.suppressions):
            suppressed += 1
        else:
            kept.append(finding)
    return kept, suppressed, _suppression_problems(facts, catalog, scanned)


__all__ = ["Result", "run", "scan_text"]
