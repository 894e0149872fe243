"""Machine-readable report; the schema is documented in docs/json-schema.md (schema_version 1)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from pixellint import __version__
from pixellint.model import Finding
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
                "location": asdict(d.location),
                "project": _project(result, d.location.path),
            }
            for d in result.diagnostics
        ],
        "sightings": [asdict(s) for s in result.sightings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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
        "location": asdict(finding.location),
        "project": _project(result, finding.location.path),
        "how": finding.sighting.how,
        "detail": finding.sighting.detail,
        "identity": finding.sighting.identity,
        "evidence": finding.sighting.evidence,
        "degraded": finding.sighting.degraded,
        "also": [asdict(location) for location in finding.sighting.also],
        "pages": [
            {
                "page": e.page,
                "why": e.why,
                "mark": asdict(e.mark) if e.mark else None,
                "chain": [
                    {"from": asdict(s.location), "to": s.target, "kind": s.kind} for s in e.chain
                ],
            }
            for e in finding.exposures
        ],
    }


def _project(result: Result, path: str) -> str | None:
    project = result.project_of(path)
    return project.path if project else None
