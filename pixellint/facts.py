"""Everything pixellint learns from one file, as a picklable value: the unit of caching and of
parallel work. Reading, decoding, masking, the template references, markers, suppressions and
(optionally) tracker sightings all happen here, once per file content."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pixellint import graph, sensitivity, suppress
from pixellint.detect import Detector
from pixellint.document import language_of, prepare
from pixellint.languages.all_languages import DATA
from pixellint.languages.base import Kind
from pixellint.model import Diagnostic, Location, Sighting
from pixellint.nodes import Node
from pixellint.source import UnreadableFile, decode


@dataclass(frozen=True)
class FileFacts:
    node: Node | None  # None when the file could not be read as text
    marker: str | None  # why the file marks itself sensitive
    suppressions: tuple[suppress.Suppression, ...]
    sightings: tuple[Sighting, ...] | None  # None: detection was not asked for
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Task:
    path: Path
    rel: str
    detect: bool


def read(task: Task, max_file_size: int) -> tuple[bytes, list[int]] | FileFacts:
    """The file's bytes and its [size, mtime_ns] taken before reading (so a file changed meanwhile
    is read again next time), or the facts of a file that cannot be read."""
    try:
        stat = task.path.stat()
        if stat.st_size > max_file_size:
            limit = f"larger than max_file_size ({max_file_size:,})"
            return _unreadable(task.rel, f"file of {stat.st_size:,} bytes is {limit}; not scanned")
        return task.path.read_bytes(), [stat.st_size, stat.st_mtime_ns]
    except FileNotFoundError:
        return _unreadable(task.rel, "file vanished during the scan")
    except OSError as exc:
        return _unreadable(task.rel, f"cannot read file: {exc.strerror or exc}")


def analyse(task: Task, data: bytes, detector: Detector) -> FileFacts:
    try:
        decoded = decode(data)
    except UnreadableFile as exc:
        return _unreadable(task.rel, f"{exc}; not scanned")
    notes = (_note(task.rel, decoded.note),) if decoded.note else ()
    language = language_of(task.rel) or DATA
    doc = prepare(task.rel, decoded.text, language)
    is_data = doc.kind is Kind.DATA
    facts = FileFacts(
        node=graph.node_of(doc),
        marker=sensitivity.marker_reason(doc) if not is_data else None,
        suppressions=tuple(suppress.suppressions(doc)) if not is_data else (),
        sightings=None,
        diagnostics=notes,
    )
    if task.detect:
        sightings, diagnostics = detector.detect(doc) if not is_data else ([], [])
        facts = replace(facts, sightings=tuple(sightings), diagnostics=notes + tuple(diagnostics))
    return facts


def internal_error(rel: str, error: Exception) -> FileFacts:
    message = f"internal error while analysing this file ({type(error).__name__}: {error}); please report it"
    return FileFacts(
        None, None, (), (), (Diagnostic(Location(rel, 1, 1, 1, 1), "PXL905", message),)
    )


def _unreadable(rel: str, message: str) -> FileFacts:
    return FileFacts(None, None, (), (), (_note(rel, message),))


def _note(rel: str, message: str) -> Diagnostic:
    return Diagnostic(Location(rel, 1, 1, 1, 1), "PXL902", message)
