"""The whole pipeline as functions of plain values: plan projects, walk, analyse, connect, judge.

`run` scans paths; `scan_text` scans one document from text. Inputs and results are picklable, so
an existing engine (multiprocessing, Dask, Spark) can map `scan_text` over large collections.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pixellint import cache as cache_module
from pixellint import catalog as catalog_module
from pixellint import graph as graph_module
from pixellint import project as project_module
from pixellint import wrappers
from pixellint.catalog import Catalog
from pixellint.config import Config
from pixellint.detect import Detector
from pixellint.discover import Candidate, SkipKind, is_excluded, kind_of_skip, walk, why_not_walked
from pixellint.document import language_of, prepare
from pixellint.facts import FileFacts, Task
from pixellint.judge import check_allow, judge, tracker_infos
from pixellint.languages import registry as languages
from pixellint.lookup import Lookup
from pixellint.model import (
    Diagnostic,
    Exposure,
    Finding,
    Level,
    Location,
    Mark,
    Sighting,
    Step,
    TrackerInfo,
)
from pixellint.project import WHOLE_PROJECT_TRIGGERS, Project, project_of_config
from pixellint.result import ProjectInfo, Result, merge, rebase
from pixellint.rules import evaluate
from pixellint.workers import Engine, Progress

PARALLEL_MIN_FILES = 100


@dataclass(frozen=True)
class _Options:
    catalog: Catalog
    all_pages: bool
    jobs: int
    cache_dir: Path | None  # one directory for every project (namespaced per project)
    cache: bool  # each project's own .pixellint_cache
    force_exclude: bool
    nested: bool  # directories may hold projects of their own
    base: Path
    progress: Progress | None = None


def run(
    paths: Iterable[Path],
    config: Config | None = None,
    root: Path | None = None,
    *,
    config_file: Path | None = None,
    isolated: bool = False,
    all_pages: bool = False,
    catalog: Catalog | None = None,
    jobs: int = 1,
    cache_dir: Path | None = None,
    cache: bool = False,
    force_exclude: bool = False,
    progress: Progress | None = None,
) -> Result:
    """Scan `paths`. Each path is judged under its project: the nearest config above it (or
    `config`/`config_file` for all of them), and the whole project forms the template graph
    whatever was named; the findings are those that involve a named file. Report paths are
    relative to `root` or the git top level.

    `jobs` > 1 analyses files in that many processes (same output as one); `cache` keeps
    per-file facts in each project's .pixellint_cache, `cache_dir` in that directory;
    `progress` is told of each file analysed."""
    catalog = catalog or catalog_module.load()
    plan = project_module.plan(
        paths, config=config, config_file=config_file, isolated=isolated, root=root
    )
    options = _Options(
        catalog, all_pages, jobs, cache_dir, cache, force_exclude, plan.nested, plan.base, progress
    )
    pending = {project.root: (project, set(named)) for project, named in plan.work}
    parts = []
    while pending:
        project, named = pending.pop(min(pending))  # a parent before the projects inside it
        check_allow(project.config, catalog, project.config_name or "the config")
        result, nested, whole = _scan(project, sorted(named), options)
        parts.append(rebase(result, project.prefix))
        for directory, config_file in nested.items():
            child = project.root / directory
            # a named directory holds it, or a settings change (.gitignore) may reach into it
            if whole or any(t.is_dir() and child.is_relative_to(t) for t in named):
                if child not in pending:
                    pending[child] = (project_of_config(config_file, plan.base), set())
                pending[child][1].add(child)
    return merge(parts, str(plan.base))


def _scan(
    project: Project, named: list[Path], options: _Options
) -> tuple[Result, dict[str, Path], bool]:
    """One project: walk it whole, analyse, connect, judge. Paths are project-relative.
    Returns the result, the nested projects' configs by directory, and whether the whole
    project was judged."""
    config, root = project.config, project.root
    gitignore = config.respect_gitignore
    triggers = [t for t in named if t.name in WHOLE_PROJECT_TRIGGERS and not t.is_dir()]
    whole = root in named or bool(triggers)
    others = [t for t in named if t != root and t not in triggers]
    everything, notes = walk([root], root, config.exclude, gitignore=gitignore)
    chosen, more = walk(others, root, config.exclude, gitignore=gitignore) if others else ([], [])
    nested = (
        project_module.nested_configs(project, _directories([*everything, *chosen]))
        if options.nested
        else {}
    )
    skip = tuple(nested)
    everything = [c for c in everything if not _under_any(c.rel, skip)]
    chosen = [c for c in chosen if not _under_any(c.rel, skip)]
    if options.force_exclude:
        chosen = [c for c in chosen if not (c.explicit and is_excluded(c.rel, config.exclude))]
    notes = [*notes, *(n for n in more if n not in notes)]
    context = {c.rel: c for c in everything} | {c.rel: c for c in chosen}
    scanned = {c.rel for c in chosen} | ({c.rel for c in everything} if whole else set())
    diagnostics = [_walk_note(n) for n in notes if not _under_any(n.split(":")[0], skip)]
    diagnostics += _named_but_excluded(project, others, chosen)
    jobs = options.jobs if len(context) >= PARALLEL_MIN_FILES else 1
    cache_dir, namespace = _cache_place(project, options)
    with Engine(options.catalog, config, jobs, cache_dir, namespace, options.progress) as engine:
        result = _analyse(project, context, scanned, whole, diagnostics, engine, options)
    return result, nested, whole


def _analyse(
    project: Project,
    context: dict[str, Candidate],
    scanned: set[str],
    whole: bool,
    diagnostics: list[Diagnostic],
    engine: Engine,
    options: _Options,
) -> Result:
    tasks = [Task(c.path, rel, whole) for rel, c in sorted(context.items())]
    settings = f"{project.root}|{project.prefix}|{options.all_pages}|{sorted(scanned)}|{whole}"
    run_key = _run_key(engine, tasks, project.config, settings)
    if run_key and engine.cache is not None:
        cached = engine.cache.get(run_key, _CachedRun)
        if cached is not None and _still(project.root, cached.probed):
            return cached.result
    facts = engine.facts(tasks)
    graph, loaded, probed = _connect(project, facts, engine)
    if whole:
        scanned |= loaded
    else:
        involved: set[str] = set()
        for node in graph.ancestors(scanned & facts.keys()):
            involved.update(graph.reach(node))
        need = sorted(rel for rel in involved if facts[rel].sightings is None)
        facts.update(engine.facts([Task(_path(project, context, rel), rel, True) for rel in need]))
    facts = wrappers.follow(facts, graph, lambda rel: _read(_path(project, context, rel)))
    result = judge(
        facts,
        graph,
        project,
        options.catalog,
        all_pages=options.all_pages,
        scanned=scanned,
        whole=whole,
        diagnostics=diagnostics,
    )
    if engine.cache is not None and not loaded:
        run_key = run_key or _run_key(engine, tasks, project.config, settings)
        if run_key:
            engine.cache.put(run_key, _CachedRun(result, tuple(sorted(probed.items()))))
    return result


@dataclass(frozen=True)
class _CachedRun:
    """A whole-run result and the paths it looked for on disk outside the walk: a build that
    later writes one of them (dist/app.js) must not be answered from the cache."""

    result: Result
    probed: tuple[tuple[str, bool], ...]


def _still(root: Path, probed: Iterable[tuple[str, bool]]) -> bool:
    return all(_inside_file(root, rel) == there for rel, there in probed)


def _connect(
    project: Project, facts: dict[str, FileFacts], engine: Engine
) -> tuple[graph_module.Graph, set[str], dict[str, bool]]:
    """The template graph. A file that a page loads or includes is first-party and is scanned
    wherever it is (vendor/, a gitignored build, a nested project); one the config excludes,
    too large or unreadable is a dead end with its reason. Returns the graph, the files pulled
    in that way and every path looked for on disk (with whether it was there)."""
    config, root, prefix = project.config, project.root, project.prefix
    excluded: dict[str, str] = {}
    loaded: set[str] = set()
    probed: dict[str, bool] = {}
    while True:  # each round adds the files the last one found; the disk is finite
        nodes = {rel: f.node for rel, f in facts.items() if f.node is not None}
        unusable = {rel: _unusable(prefix + rel, f) for rel, f in facts.items() if f.node is None}
        files = [*facts, *excluded]
        lookup = Lookup(
            files, config.template_dirs, config.site_root, on_disk=lambda r: _inside_file(root, r)
        )
        graph = graph_module.build(nodes, lookup, unusable | excluded)
        probed.update(lookup.probed)
        new = sorted({e.target for es in graph.edges.values() for e in es} - facts.keys())
        if not new:
            return graph, loaded, probed
        fresh = []
        for rel in new:
            kind = kind_of_skip(rel, root, config.exclude, gitignore=config.respect_gitignore)
            if kind is SkipKind.EXCLUDED:
                why = why_not_walked(rel, root, config.exclude) or "excluded by the config"
                excluded[rel] = f"{prefix}{rel} is not scanned: {why}"
            else:
                fresh.append(Task(root / rel, rel, True))
        facts.update(engine.facts(fresh))
        loaded.update(t.rel for t in fresh)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _unusable(rel: str, fact: FileFacts) -> str:
    why = next((d.message for d in fact.diagnostics), "could not be read")
    return f"{rel} was not scanned: {why}"


def _run_key(engine: Engine, tasks: list[Task], config: Config, settings: str) -> str | None:
    """A key for the whole result when every file is unchanged since it was last analysed."""
    if engine.cache is None:
        return None
    digests = []
    for task in tasks:
        digest = engine.digests.get(task.rel) or engine.known_digest(task)
        if digest is None:
            return None
        digests.append(f"{task.rel}={digest}")
    return engine.cache.key("run", f"{config!r}|{settings}", *digests)


def _named_but_excluded(
    project: Project, named: list[Path], chosen: list[Candidate]
) -> list[Diagnostic]:
    """A directory named on the command line that the config excludes: say so rather than
    report '0 files' as if it had been judged."""
    notes = []
    for target in named:
        if not target.is_dir():
            continue
        rel = target.relative_to(project.root).as_posix()
        if any(c.rel.startswith(rel + "/") for c in chosen):
            continue
        inside = next((Path(d, f) for d, _, fs in os.walk(target) for f in sorted(fs)), None)
        if inside is None:
            continue
        probe = inside.relative_to(project.root).as_posix()
        why = why_not_walked(probe, project.root, project.config.exclude)
        if kind_of_skip(probe, project.root, project.config.exclude) is SkipKind.EXCLUDED:
            message = f"named directory not scanned: {why}; name its files to scan them"
            notes.append(Diagnostic(Location(rel, 1, 1, 1, 1), "PXL902", message, "warning"))
    return notes


def _walk_note(note: str) -> Diagnostic:
    """A directory pixellint cannot list may hold anything (a warning); a symlink it does not
    follow is a note."""
    rel, _, message = note.partition(": ")
    level: Level = "warning" if "cannot read" in message else "note"
    return Diagnostic(Location(rel, 1, 1, 1, 1), "PXL902", message, level)


def _directories(candidates: Iterable[Candidate]) -> set[str]:
    found: set[str] = set()
    for candidate in candidates:
        parent = posixpath.dirname(candidate.rel)
        while parent and parent not in found:
            found.add(parent)
            parent = posixpath.dirname(parent)
    return found


def _under_any(rel: str, directories: tuple[str, ...]) -> bool:
    return any(rel == d or rel.startswith(d + "/") for d in directories)


def _inside_file(root: Path, rel: str) -> bool:
    path = root / rel
    if not path.is_file():
        return False
    top = os.path.realpath(root)
    return os.path.realpath(path).startswith(top.rstrip(os.sep) + os.sep)


def _path(project: Project, context: dict[str, Candidate], rel: str) -> Path:
    found = context.get(rel)
    return found.path if found else project.root / rel


def _cache_place(project: Project, options: _Options) -> tuple[Path | None, str]:
    """Each project's own .pixellint_cache, or one given directory with a namespace per
    project (snapshots are keyed by project-relative paths)."""
    if options.cache_dir is not None:
        key = hashlib.blake2b(str(project.root).encode(), digest_size=8).hexdigest()
        return options.cache_dir, key
    return (project.root / cache_module.DIRECTORY if options.cache else None), ""


def scan_text(
    text: str, path: str = "page.html", *, sensitive: bool = True, catalog: Catalog | None = None
) -> Result:
    """Scan one document given as text; with sensitive=False only `sightings` are filled."""
    doc = prepare(path, text, language_of(path) or languages.BY_NAME["html"])
    detector = _detector(catalog)
    sightings, diagnostics = detector.detect(doc)
    where = Location(path, 1, 1, 1, 1)
    marks = {path: Mark("scanned as sensitive", where)} if sensitive else {}
    findings = evaluate(sightings, marks, graph_module.Graph(), detector.catalog)
    return Result(
        tuple(findings),
        tuple(diagnostics),
        tuple(sightings),
        1,
        tuple(marks),
        len(marks),
        trackers=tracker_infos(detector.catalog, sightings),
    )


cache_module.register(
    _CachedRun,
    Result,
    ProjectInfo,
    Finding,
    Exposure,
    Step,
    Location,
    Sighting,
    Diagnostic,
    TrackerInfo,
    Mark,
)


@cache
def _packaged_detector() -> Detector:
    return Detector(catalog_module.load())


def _detector(catalog: Catalog | None) -> Detector:
    """The packaged catalog's detector is built once per process; a custom catalog gets its own."""
    return _packaged_detector() if catalog is None else Detector(catalog)


__all__ = ["Result", "run", "scan_text"]
