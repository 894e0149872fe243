"""Turning tasks into facts: from the cache snapshot, in this process, or in a pool of processes.

The output never depends on the number of processes: results are keyed by path and the pool
returns them in task order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from pixellint import cache as cache_module
from pixellint import nodes, suppress
from pixellint.cache import Cache
from pixellint.catalog import Catalog
from pixellint.config import Config
from pixellint.detect import Detector
from pixellint.facts import FileFacts, Task, analyse, internal_error, read
from pixellint.model import Diagnostic, Location, Mark, Sighting

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

cache_module.register(
    FileFacts, nodes.Node, nodes.Reference, Location, Sighting, Diagnostic, suppress.Suppression
)
cache_module.register(Mark)


@dataclass(frozen=True)
class Job:
    task: Task
    known: str = ""  # the digest whose facts the snapshot already holds


# ([size, mtime_ns] before reading, content digest, facts or None when `known` still holds)
Computed = tuple[list[int], str, FileFacts | None]


def salt(catalog: Catalog, config: Config) -> str:
    """What cached facts depend on besides the file: the catalog in use and the limits."""
    return f"{catalog.digest}\0{config.max_script_size}\0{config.max_file_size}"


class Worker:
    """Everything one process needs to turn a job into facts."""

    def __init__(self, catalog: Catalog, config: Config, digests: bool) -> None:
        self.detector = Detector(catalog, config.max_script_size)
        self.max_file_size = config.max_file_size
        self.digests = digests  # only a cache needs content digests

    def __call__(self, job: Job) -> Computed:
        got = read(job.task, self.max_file_size, self.detector)
        if isinstance(got, FileFacts):
            return [], "", got
        data, stamp = got
        digest = Cache.digest(data) if self.digests else ""
        if digest and digest == job.known:
            return stamp, digest, None
        try:
            return stamp, digest, analyse(job.task, data, self.detector)
        except Exception as exc:  # a bug on one file must not lose the rest of the scan
            return [], "", internal_error(job.task.rel, exc)


_WORKER: Worker | None = None
# Starting worker processes (each builds its detector) costs about what analysing 100 files
# does: fewer files than this (a pre-commit run on a few edits) are analysed in this process.
_POOL_MIN_JOBS = 100


def _start(catalog: Catalog, config: Config, digests: bool) -> None:
    global _WORKER
    _WORKER = Worker(catalog, config, digests)


def _work(job: Job) -> Computed:
    assert _WORKER is not None
    return _WORKER(job)


class Progress(Protocol):
    """Told how many files a batch has and when each is done (pixellint.progress)."""

    def batch(self, total: int) -> None: ...

    def advance(self, size: int) -> None: ...


class Engine:
    def __init__(
        self,
        catalog: Catalog,
        config: Config,
        jobs: int,
        cache_dir: Path | None,
        namespace: str = "",
        progress: Progress | None = None,
    ) -> None:
        self.worker = Worker(catalog, config, cache_dir is not None)
        self.cache = (
            Cache(cache_dir, salt(catalog, config), namespace) if cache_dir is not None else None
        )
        self.jobs = max(1, jobs)
        self.args = (catalog, config, cache_dir is not None)
        self.pool: ProcessPoolExecutor | None = None
        self.snapshot = self.cache.load_snapshot() if self.cache else {}
        self.digests: dict[str, str] = {}  # rel -> content digest, for files seen in this run
        self.changed = False
        self.progress = progress

    def known_digest(self, task: Task) -> str | None:
        """The digest of a file whose size and mtime match the snapshot: unchanged, unread."""
        entry = self.snapshot.get(task.rel)
        if not entry:
            return None
        try:
            stat = task.path.stat()
        except OSError:
            return None
        return str(entry[2]) if [stat.st_size, stat.st_mtime_ns] == entry[:2] else None

    def facts(self, tasks: list[Task]) -> dict[str, FileFacts]:
        results: dict[str, FileFacts] = {}
        jobs = []
        for task in tasks:
            entry = self.snapshot.get(task.rel)
            usable = entry is not None and (entry[3] or not task.detect)
            if usable and self.known_digest(task) is not None:
                assert entry is not None
                cached = self._decode(entry)
                if cached is not None:
                    results[task.rel] = cached
                    self.digests[task.rel] = entry[2]
                    continue
                usable = False  # an entry that does not decode is a miss
            jobs.append(Job(task, entry[2] if usable and entry else ""))
        if self.progress is not None and jobs:
            self.progress.batch(len(jobs))
        for job, (stamp, digest, facts) in zip(jobs, self._compute(jobs), strict=True):
            if self.progress is not None:
                self.progress.advance(stamp[0] if stamp else 0)
            rel = job.task.rel
            if facts is None:  # same bytes as before: touched, not changed
                entry = self.snapshot[rel]
                cached = self._decode(entry)
                if cached is None:  # the entry does not decode: analyse the file after all
                    stamp, digest, facts = self.worker(Job(job.task))
                else:
                    results[rel] = cached
                    self.snapshot[rel] = [*stamp, digest, entry[3], entry[4]]
            if facts is not None:
                results[rel] = facts
                if digest:
                    self.snapshot[rel] = [
                        *stamp,
                        digest,
                        job.task.detect,
                        cache_module.dumps(facts),
                    ]
            if digest:
                self.digests[rel] = digest
            self.changed = True
        return {task.rel: results[task.rel] for task in tasks}

    @staticmethod
    def _decode(entry: list[Any]) -> FileFacts | None:
        """The facts a snapshot entry holds; None when it holds none that decode (a cache
        written by hand or damaged on disk is a miss, never an error)."""
        try:
            facts = cache_module.loads(entry[4])
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            return None
        return facts if isinstance(facts, FileFacts) else None

    def _compute(self, jobs: list[Job]) -> Iterator[Computed]:
        """Results in the order of `jobs`, each as soon as it is ready."""
        if self.jobs > 1 and len(jobs) >= _POOL_MIN_JOBS:
            if self.pool is None:
                from concurrent.futures import ProcessPoolExecutor  # 25 ms: only for a pool

                self.pool = ProcessPoolExecutor(self.jobs, initializer=_start, initargs=self.args)
            chunk = max(1, min(64, len(jobs) // (self.jobs * 8)))
            return self.pool.map(_work, jobs, chunksize=chunk)
        return (self.worker(job) for job in jobs)

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=error is not None)
        if self.cache is not None and error is None and self.changed:
            self.cache.save_snapshot(self.snapshot)
