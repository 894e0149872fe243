"""Policy for one project: which pages are marked, what the rules find on them, which
suppressions hold, and what could not be judged. Paths are project-relative here; `prefix` is
only for the paths written inside messages (reports show them under the report base)."""

from __future__ import annotations

from collections.abc import Iterable

from pixellint import graph as graph_module
from pixellint import sensitivity, suppress
from pixellint.catalog import Catalog
from pixellint.config import Config, ConfigError, glob_regex
from pixellint.conventions.server import RENDERS, SERVER
from pixellint.conventions.testcode import TEST
from pixellint.facts import FileFacts
from pixellint.model import Diagnostic, Finding, Location, Mark, Sighting, TrackerInfo
from pixellint.project import Project
from pixellint.result import LEVELS, ProjectInfo, Result
from pixellint.rules import RULES, evaluate


def judge(
    facts: dict[str, FileFacts],
    graph: graph_module.Graph,
    project: Project,
    catalog: Catalog,
    *,
    all_pages: bool,
    scanned: set[str],
    whole: bool,
    diagnostics: list[Diagnostic],
) -> Result:
    """The project's result. With `whole` false only findings that involve a `scanned` file
    are kept (a pre-commit run); the marks always come from the whole project."""
    config, prefix = project.config, project.prefix
    direct = _marks(facts, config, all_pages, prefix)
    sensitive = sensitivity.propagate(direct, graph, prefix)
    sightings = _one_per_occurrence([s for f in facts.values() for s in (f.sightings or ())], graph)
    for rel in sorted(scanned & facts.keys()):
        diagnostics.extend(facts[rel].diagnostics)
    diagnostics.extend(_unresolved(graph, facts, scanned))
    if whole:
        diagnostics.extend(_dead_settings(project, facts.keys()))
    shown = sorted(s for s in sightings if s.location.path in scanned)
    if not direct and shown:
        diagnostics.append(_nothing_marked(shown, project, all_pages))
    findings = evaluate(
        sightings,
        sensitive,
        graph,
        catalog,
        allow=config.allow,
        report_self_hosted=config.report_self_hosted,
        prefix=prefix,
        containers={rel: f.container for rel, f in facts.items() if f.container is not None},
    )
    if not whole:
        findings = [f for f in findings if _involves(f, scanned)]
    findings, suppressed, unused = _apply_suppressions(findings, facts, catalog, scanned)
    diagnostics.extend(unused)
    pages = tuple(sorted(p for p in sensitive if p in scanned))
    info = ProjectInfo(
        project.name, project.config_name, len(scanned), len(direct), len(pages), len(shown)
    )
    return Result(
        findings=tuple(findings),
        diagnostics=tuple(sorted(set(diagnostics))),
        sightings=tuple(shown),
        files_scanned=len(scanned),
        sensitive_pages=pages,
        marked=len(direct),
        suppressed=suppressed,
        trackers=tracker_infos(catalog, sightings),
        projects=(info,),
    )


def _one_per_occurrence(sightings: list[Sighting], graph: graph_module.Graph) -> list[Sighting]:
    """A page's `<script src="/js/AppMeasurement.js">` is known by its file name; when that file
    is in the project and its own code is found to be the same tracker, the file's sighting is
    the occurrence (and names the page), so the name is not a second finding."""
    found_in = {(s.location.path, s.tracker) for s in sightings if s.how != "script-src"}
    kept = []
    for sighting in sightings:
        where = sighting.location
        if sighting.how == "script-src" and any(
            (edge.target, sighting.tracker) in found_in
            for edge in graph.edges.get(where.path, ())
            if edge.location.line == where.line
            and edge.location.column >= where.column
            and (edge.location.line, edge.location.column) <= (where.end_line, where.end_column)
        ):
            continue
        kept.append(sighting)
    return kept


def _marks(
    facts: dict[str, FileFacts], config: Config, all_pages: bool, prefix: str
) -> dict[str, Mark]:
    direct: dict[str, Mark] = {}
    for rel, fact in facts.items():
        traits = fact.node.traits if fact.node is not None else ()
        if fact.node is None or TEST in traits or (SERVER in traits and RENDERS not in traits):
            continue  # server-only code is no page, whatever glob it matches, unless it writes
            # one; test code is never served
        mark = (
            (Mark("--all-pages", Location(rel, 1, 1, 1, 1)) if all_pages else None)
            or sensitivity.glob_mark(rel, config, prefix)
            or fact.marker
        )
        if mark:
            direct[rel] = mark
    return direct


def _unresolved(
    graph: graph_module.Graph, facts: dict[str, FileFacts], scanned: set[str]
) -> list[Diagnostic]:
    """PXL903 with the true reason; a warning when the file it names may hold a tracker."""
    notes = []
    for u in graph.unresolved:
        if u.source not in scanned:
            continue
        target = facts.get(u.target)
        levels = [d.level for d in target.diagnostics if d.level] if target else []
        level = max(levels, key=LEVELS.__getitem__, default=None)
        message = f"cannot follow {u.name!r} ({u.reason}); trackers it brings in are not seen"
        notes.append(Diagnostic(u.location, "PXL903", message, level))
    return notes


def _nothing_marked(shown: list[Sighting], project: Project, all_pages: bool) -> Diagnostic:
    """PXL907: with nothing marked nothing is judged, which must not look like a clean run."""
    files = len({s.location.path for s in shown})
    where = f"project {project.name}" if project.prefix else "this project"
    unjudged = (
        f"{len(shown)} tracker sighting{'s' if len(shown) != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''} went unjudged"
    )
    if all_pages:  # every page was marked: the sightings are all in server-only modules
        return Diagnostic(
            shown[0].location,
            "PXL907",
            f"no file of {where} is a page (server-only modules are none), so {unjudged}",
        )
    return Diagnostic(
        shown[0].location,
        "PXL907",
        f"no page of {where} is marked sensitive, so {unjudged}"
        '; mark pages with `sensitive = ["portal/**"]` in pixellint.toml, a '
        "`pixellint: sensitive` comment, the meta tag or front matter, or audit every page "
        "with --all-pages",
    )


def _dead_settings(project: Project, files: Iterable[str]) -> list[Diagnostic]:
    """PXL906 for a `sensitive` glob that matches no file of the project and a configured
    directory that does not exist: a typo there would silently unmark pages."""
    config = project.config
    name = project.config_file.name if project.config_file else "pixellint.toml"
    paths = list(files)
    notes = [
        Diagnostic(
            sensitivity.glob_location(config, glob),
            "PXL906",
            f"sensitive glob {glob!r} matches no file of the project",
        )
        for glob in config.sensitive
        if not any(glob_regex(glob).match(path) for path in paths)
    ]
    for key, directories in (
        ("template_dirs", config.template_dirs),
        ("site_root", config.site_root),
    ):
        notes.extend(
            Diagnostic(
                Location(name, 1, 1, 1, 1),
                "PXL906",
                f"{key} entry {directory!r} is not a directory of the project",
            )
            for directory in directories
            if not (project.root / directory).is_dir()
        )
    return notes


def tracker_infos(catalog: Catalog, sightings: Iterable[Sighting]) -> tuple[TrackerInfo, ...]:
    ids = sorted({s.tracker for s in sightings})
    return tuple(
        TrackerInfo(t.id, t.name, t.vendor, t.category, t.docs)
        for t in (catalog.by_id[i] for i in ids)
    )


def _involves(finding: Finding, changed: set[str]) -> bool:
    if finding.location.path in changed:
        return True
    return any(
        e.page in changed or any(s.location.path in changed or s.target in changed for s in e.chain)
        for e in finding.exposures
    )


def _known_names(catalog: Catalog) -> set[str]:
    """What `allow` and `pixellint: ignore[...]` may name."""
    names = {t.id for t in catalog.trackers} | {t.category for t in catalog.trackers}
    return names | {r.code for r in RULES.values()} | {r.name for r in RULES.values()}


def _closest(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def check_allow(config: Config, catalog: Catalog, where: str = "") -> None:
    """A typo in `allow` would silently allow nothing: it is a configuration error. `where` names
    the config file as reports show it (several projects may have one of the same name)."""
    known = {t.id for t in catalog.trackers} | {t.category for t in catalog.trackers}
    for name in config.allow:
        if name not in known:
            raise ConfigError(
                f"{where or config.source or 'config'}: 'allow' names unknown tracker {name!r}"
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
