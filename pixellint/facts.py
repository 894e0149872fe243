"""Everything pixellint learns from one file, as a picklable value: the unit of caching and of
parallel work. Reading, decoding, masking, the template references, markers, suppressions and
(optionally) tracker sightings all happen here, once per file content."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pixellint import graph, gtm, sensitivity, suppress
from pixellint.conventions.testcode import TEST
from pixellint.detect import Detector
from pixellint.document import language_of, prepare
from pixellint.languages.all_languages import DATA
from pixellint.languages.base import Kind
from pixellint.model import Diagnostic, Level, Location, Mark, Sighting
from pixellint.nodes import Node
from pixellint.source import UnreadableFile, decode


@dataclass(frozen=True)
class FileFacts:
    node: Node | None  # None when the file could not be read as text
    marker: Mark | None  # how and where the file marks itself sensitive
    suppressions: tuple[suppress.Suppression, ...]
    sightings: tuple[Sighting, ...] | None  # None: detection was not asked for
    diagnostics: tuple[Diagnostic, ...]
    # (exported name, tracker id): a module whose export forwards to a tracker (a wrapper such as
    # `export const trackGoal = ...` or a shared SDK instance); its importers' calls are sightings
    exports: tuple[tuple[str, str], ...] = ()
    # a Google Tag Manager container export: its tracker tags and their triggers (the rules
    # decide which pages they fire on)
    container: gtm.Container | None = None


@dataclass(frozen=True)
class Task:
    path: Path
    rel: str
    detect: bool


def read(
    task: Task, max_file_size: int, detector: Detector | None = None
) -> tuple[bytes, list[int]] | FileFacts:
    """The file's bytes and its [size, mtime_ns] taken before reading (so a file changed meanwhile
    is read again next time), or the facts of a file that cannot be read. A file too large to
    scan is still streamed through the detector's prefilter: a warning when a tracker may hide
    in it, a note when none can."""
    try:
        stat = task.path.stat()
        if stat.st_size > max_file_size:
            limit = f"larger than max_file_size ({max_file_size:,})"
            message = f"file of {stat.st_size:,} bytes is {limit}; not scanned"
            return _not_scanned(task.rel, message, _streamed_token(task.path, detector))
        return task.path.read_bytes(), [stat.st_size, stat.st_mtime_ns]
    except FileNotFoundError:
        return _unreadable(task.rel, "file vanished during the scan")
    except OSError as exc:
        message = f"cannot read file: {exc.strerror or exc}; a tracker in it would go unseen"
        return _unreadable(task.rel, message, "warning")


_CHUNK = 1 << 20
STREAM_LIMIT = 256 << 20  # past this a huge file is assumed to hold anything: a warning


def _streamed_token(path: Path, detector: Detector | None) -> str | None:
    """The first catalog token in the file, read in overlapping chunks ('' when the file is too
    large to look through, None when there is none)."""
    if detector is None:
        return ""
    tail = ""
    read_so_far = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            read_so_far += len(chunk)
            text = tail + chunk.decode("latin-1")
            token = detector.first_token(text)
            if token is not None:
                return token
            if read_so_far > STREAM_LIMIT:
                return ""
            tail = text[-256:]
    return None


def _not_scanned(rel: str, message: str, token: str | None) -> FileFacts:
    if token is None:
        return _unreadable(rel, message + " (no tracker token in it)", "note")
    if not token:
        return _unreadable(
            rel, message + "; too large to look through, a tracker may be in it", "warning"
        )
    return _unreadable(
        rel, f"{message}, yet it contains {token!r}: a tracker may be in it", "warning"
    )


def analyse(task: Task, data: bytes, detector: Detector) -> FileFacts:
    try:
        decoded = decode(data)
    except UnreadableFile as exc:
        token = detector.first_token(data.decode("latin-1"))
        return _not_scanned(task.rel, f"{exc}; not scanned", token)
    notes = (_note(task.rel, decoded.note),) if decoded.note else ()
    language = language_of(task.rel) or DATA
    doc = prepare(task.rel, decoded.text, language)
    is_data = doc.kind is Kind.DATA
    facts = FileFacts(
        node=graph.node_of(doc),
        marker=sensitivity.marker(doc) if not is_data else None,
        suppressions=tuple(suppress.suppressions(doc)) if not is_data else (),
        sightings=None,
        diagnostics=notes,
    )
    if task.detect and facts.node is not None and TEST in facts.node.traits:
        return replace(facts, sightings=())  # test code is never served: nothing in it loads
    if task.detect:
        if is_data:
            return _data_file(facts, task.rel, decoded.text, detector)
        found = detector.analyse(doc)
        facts = replace(
            facts,
            sightings=found.sightings,
            diagnostics=notes + found.diagnostics,
            exports=found.exports,
        )
    return facts


def _data_file(facts: FileFacts, rel: str, text: str, detector: Detector) -> FileFacts:
    """Data files hold no code, except a GTM container export: the tags it loads."""
    if not gtm.is_export(rel, text):
        return replace(facts, sightings=())
    reading = gtm.read(rel, text, detector)
    diagnostics = facts.diagnostics + reading.diagnostics
    return replace(
        facts, sightings=reading.sightings, diagnostics=diagnostics, container=reading.container
    )


def internal_error(rel: str, error: Exception) -> FileFacts:
    message = f"internal error while analysing this file ({type(error).__name__}: {error}); please report it"
    return FileFacts(
        None, None, (), (), (Diagnostic(Location(rel, 1, 1, 1, 1), "PXL905", message),)
    )


def _unreadable(rel: str, message: str, level: Level = "note") -> FileFacts:
    return FileFacts(None, None, (), (), (_note(rel, message, level),))


def _note(rel: str, message: str, level: Level = "note") -> Diagnostic:
    return Diagnostic(Location(rel, 1, 1, 1, 1), "PXL902", message, level)
