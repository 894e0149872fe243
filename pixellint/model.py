"""Plain, frozen values passed between the stages: facts, reasons, findings, diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning", "note"]

# How a tracker was seen. Detectors say only this; policy decides what it means.
How = Literal[
    "script-src",  # <script src=...> load
    "inline-js",  # call / loader / global inside inline JavaScript
    "js-file",  # same, inside a first-party script file
    "event-handler",  # onclick="fbq(...)" and friends
    "beacon",  # <img>/<iframe> pixel, usually inside <noscript>
    "template-code",  # a tracker URL inside server-side template code (PHP, ERB)
    "builtin-template",  # a template engine's built-in analytics template (Hugo)
    "config",  # a plugin/module a framework's site config declares (gatsby-config, nuxt.config)
    "gtm-tag",  # a tag in a Google Tag Manager container export (located at the tag's name)
    "configured-src",  # a script whose URL comes from configuration, known by the vendor's attributes
]


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A 1-based position in a file; path is POSIX and relative to the project root."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True, order=True)
class Sighting:
    """A fact: tracker `tracker` is at `location`. Knows nothing about sensitivity."""

    location: Location
    tracker: str
    how: How
    evidence: str  # short single-line excerpt of what matched
    detail: str = ""  # e.g. "loader", "event 'Schedule'", "identify"
    identity: str = ""  # non-empty when identifying data is passed: says which
    anchor_line: int = 0  # first line of the enclosing element (for suppressions)
    degraded: bool = False  # found by the fallback scanner or next to a parse error
    # the other calls folded into this occurrence (a push in the success and in the error branch
    # of one handler): each line that sends data is a location of its own
    also: tuple[Location, ...] = ()


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """Something pixellint could not do fully, reported instead of silently skipped."""

    location: Location
    code: str
    message: str
    level: Level | None = None  # None: the rule's level; PXL902 is a warning only when a
    # tracker may hide in what could not be scanned


@dataclass(frozen=True, slots=True, order=True)
class Step:
    """One hop of an include chain: `location` is where the including construct sits."""

    location: Location
    target: str
    kind: str  # extends / include / layout / script-src / ...


@dataclass(frozen=True, slots=True, order=True)
class Mark:
    """Why a page is sensitive and where that is written, so a report can point at the mark."""

    reason: str
    location: Location  # the comment, meta tag or front matter key, or the glob in the config


@dataclass(frozen=True, slots=True, order=True)
class Exposure:
    """A sensitive page that a sighting reaches, with the chain of hops from page to tracker."""

    page: str
    why: str  # why the page is sensitive
    chain: tuple[Step, ...] = ()
    mark: Location | None = None  # where the page is marked (its layout's marker, a config glob)


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """Policy applied to a fact: this sighting is a violation for these pages."""

    rule: str  # rule code, e.g. PXL101
    sighting: Sighting
    exposures: tuple[Exposure, ...] = field(default=())
    message: str = ""

    @property
    def location(self) -> Location:
        return self.sighting.location


@dataclass(frozen=True, slots=True, order=True)
class TrackerInfo:
    """What a report says about a tracker, taken from the catalog the scan used."""

    id: str
    name: str
    vendor: str
    category: str
    docs: str
