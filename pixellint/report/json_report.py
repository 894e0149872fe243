"""Machine-readable report; the schema is documented in docs/json-schema.md (schema_version 1)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from pixellint import __version__
from pixellint.model import Finding, Location, Sighting
from pixellint.report import jsonfmt
from pixellint.rules import RULES, level_of

if TYPE_CHECKING:
    from pixellint.api import Result

SCHEMA_VERSION = 1


def render(result: Result, **_: Any) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "pixellint", "version": __version__},
        "summary": {
            "files_scanned": result.files_scanned,
            "violations": len(result.findings),
            "sensitive_pages": len(result.sensitive_pages),
            "pages_marked": result.marked,
            "tracker_sightings": len(result.sightings),
            "suppressed": result.suppressed,
            "diagnostics": len(result.diagnostics),
        },
        "projects": [asdict(p) for p in result.projects],
        "sensitive_pages": list(result.sensitive_pages),
        "findings": [_finding(f, result) for f in result.findings],
        "diagnostics": [
            {
                "code": d.code,
                "level": level_of(d),
                "message": d.message,
                "location": _location(d.location),
                "project": _project(result, d.location.path),
            }
            for d in result.diagnostics
        ],
        "sightings": [_sighting(s) for s in result.sightings],
    }
    return jsonfmt.dumps(document, levels=2)  # one line per finding, sighting, diagnostic


def _finding(finding: Finding, result: Result) -> dict[str, Any]:
    tracker = result.tracker(finding.sighting.tracker)
    rule = RULES[finding.rule]
    return {
        "rule": rule.code,
        "rule_name": rule.name,
        "level": rule.level,
        "message": finding.message,
        "tracker": tracker.id,
        "vendor": tracker.vendor,
        "category": tracker.category,
        "location": _location(finding.location),
        "project": _project(result, finding.location.path),
        "how": finding.sighting.how,
        "detail": finding.sighting.detail,
        "identity": finding.sighting.identity,
        "evidence": finding.sighting.evidence,
        "degraded": finding.sighting.degraded,
        "also": [_location(location) for location in finding.sighting.also],
        "pages": [
            {
                "page": e.page,
                "why": e.why,
                "mark": _location(e.mark) if e.mark else None,
                "chain": [
                    {"from": _location(s.location), "to": s.target, "kind": s.kind} for s in e.chain
                ],
            }
            for e in finding.exposures
        ],
    }


def _location(location: Location) -> dict[str, Any]:
    """`asdict` without its deep copies: reports write thousands of these."""
    return {
        "path": location.path,
        "line": location.line,
        "column": location.column,
        "end_line": location.end_line,
        "end_column": location.end_column,
    }


def _sighting(sighting: Sighting) -> dict[str, Any]:
    return {
        "location": _location(sighting.location),
        "tracker": sighting.tracker,
        "how": sighting.how,
        "evidence": sighting.evidence,
        "detail": sighting.detail,
        "identity": sighting.identity,
        "anchor_line": sighting.anchor_line,
        "degraded": sighting.degraded,
        "also": [_location(location) for location in sighting.also],
    }


def _project(result: Result, path: str) -> str | None:
    project = result.project_of(path)
    return project.path if project else None
