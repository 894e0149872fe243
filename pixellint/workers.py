"""Turning tasks into facts: from the cache, in this process, or in a pool of processes.

The output never depends on the number of processes: results are keyed by path and the pool
returns them in task order."""

from __future__ import annotations

import hashlib
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from types import TracebackType

from pixellint.cache import Cache
from pixellint.catalog import Catalog
from pixellint.config import Config
from pixellint.detect import Detector
from pixellint.facts import FileFacts, Task, analyse, read

Computed = tuple[list[int], str, FileFacts]  # [size, mtime_ns] before reading, digest, facts


def salt(config: Config) -> str:
    catalog_text = resources.files("pixellint.catalog").joinpath("trackers.toml").read_bytes()
    return hashlib.sha256(catalog_text).hexdigest() + f"\0{config.max_script_size}\0{config.max_file_size}"


class Worker:
    """Everything one process needs to turn a task into (content digest, facts)."""

    def __init__(self, catalog: Catalog, config: Config, cache_dir: Path | None) -> None:
        self.detector = Detector(catalog, config.max_script_size)
        self.max_file_size = config.max_file_size
        self.cache = Cache(cache_dir, salt(config)) if cache_dir is not None else None

    def __call__(self, task: Task) -> Computed:
        data, failed, stamp = read(task, self.max_file_size)
        if data is None:
            assert failed is not None
            return [], "", failed
        digest = Cache.digest(data) if self.cache else ""
        key = self.cache.key(task.rel, str(task.detect), digest) if self.cache else ""
        if self.cache:
            cached = self.cache.get(key, FileFacts)
            if cached is not None:
                return stamp, digest, cached
        facts = analyse(task, data, self.detector)
        if self.cache:
            self.cache.put(key, facts)
        return stamp, digest, facts


_WORKER: Worker | None = None


def _start(catalog: Catalog, config: Config, cache_dir: Path | None) -> None:
    global _WORKER
    _WORKER = Worker(catalog, config, cache_dir)


def _work(task: Task) -> Computed:
    assert _WORKER is not None
    return _WORKER(task)


class Engine:
    def __init__(self, catalog: Catalog, config: Config, jobs: int, cache_dir: Path | None) -> None:
        self.worker = Worker(catalog, config, cache_dir)
        self.cache = self.worker.cache
        self.jobs = max(1, jobs)
        self.args = (catalog, config, cache_dir)
        self.pool: ProcessPoolExecutor | None = None
        self.snapshot = self.cache.load_snapshot() if self.cache else {}
        self.digests: dict[str, str] = {}  # rel -> content digest, for files seen in this run

    def known_digest(self, task: Task) -> str | None:
        """The content digest of an unchanged file (same size and mtime as last run), unread."""
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
        todo = []
        for task in tasks:
            digest = self.known_digest(task) if self.cache else None
            cached = self.cache.get(self.cache.key(task.rel, str(task.detect), digest), FileFacts) if self.cache and digest else None
            if cached is not None and digest is not None:
                results[task.rel] = cached
                self.digests[task.rel] = digest
            else:
                todo.append(task)
        for task, (stamp, digest, facts) in zip(todo, self._compute(todo), strict=True):
            results[task.rel] = facts
            if digest:
                self.digests[task.rel] = digest
                self.snapshot[task.rel] = [*stamp, digest]
        return {task.rel: results[task.rel] for task in tasks}

    def _compute(self, tasks: list[Task]) -> list[Computed]:
        if self.jobs > 1 and len(tasks) > 1:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(self.jobs, initializer=_start, initargs=self.args)
            chunk = max(1, min(64, len(tasks) // (self.jobs * 8)))
            return list(self.pool.map(_work, tasks, chunksize=chunk))
        return [self.worker(task) for task in tasks]

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=error is not None)
        if self.cache is not None and error is None:
            self.cache.save_snapshot(self.snapshot)
