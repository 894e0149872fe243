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


class Worker:
    """Everything one process needs to turn a task into facts."""

    def __init__(self, catalog: Catalog, config: Config, cache_dir: Path | None) -> None:
        self.detector = Detector(catalog, config.max_script_size)
        self.max_file_size = config.max_file_size
        self.cache = Cache(cache_dir, _salt(config)) if cache_dir is not None else None

    def __call__(self, task: Task) -> FileFacts:
        data, failed = read(task, self.max_file_size)
        if data is None:
            assert failed is not None
            return failed
        key = self.cache.key(task.rel, data, task.detect) if self.cache else ""
        if self.cache:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        facts = analyse(task, data, self.detector)
        if self.cache:
            self.cache.put(key, facts)
        return facts


def _salt(config: Config) -> str:
    catalog_text = resources.files("pixellint.catalog").joinpath("trackers.toml").read_bytes()
    return hashlib.sha256(catalog_text).hexdigest() + f"\0{config.max_script_size}"


_WORKER: Worker | None = None


def _start(catalog: Catalog, config: Config, cache_dir: Path | None) -> None:
    global _WORKER
    _WORKER = Worker(catalog, config, cache_dir)


def _work(task: Task) -> FileFacts:
    assert _WORKER is not None
    return _WORKER(task)


class Engine:
    def __init__(self, catalog: Catalog, config: Config, jobs: int, cache_dir: Path | None) -> None:
        self.worker = Worker(catalog, config, cache_dir)
        self.jobs = max(1, jobs)
        self.args = (catalog, config, cache_dir)
        self.pool: ProcessPoolExecutor | None = None

    def facts(self, tasks: list[Task]) -> dict[str, FileFacts]:
        if self.jobs > 1 and len(tasks) > 1:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(self.jobs, initializer=_start, initargs=self.args)
            chunk = max(1, min(64, len(tasks) // (self.jobs * 8)))
            return dict(zip((t.rel for t in tasks), self.pool.map(_work, tasks, chunksize=chunk), strict=True))
        return {task.rel: self.worker(task) for task in tasks}

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=error is not None)
