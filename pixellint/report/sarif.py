"""SARIF 2.1.0 for GitHub code scanning, built as plain dicts (validated against the schema in tests)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from pixellint import __version__
from pixellint.model import Diagnostic, Finding, Location
from pixellint.report import jsonfmt
from pixellint.rules import RULES, Rule, level_of

if TYPE_CHECKING:
    from pixellint.api import Result

INFORMATION_URI = "https://github.com/pixellint/pixellint"
_RULE_LIST = list(RULES.values())
_RULE_INDEX = {rule.code: i for i, rule in enumerate(_RULE_LIST)}
# what pixellint says about its own run (files it could not scan, fallbacks): the descriptors
# that toolExecutionNotifications point at
_NOTIFICATION_LIST = [rule for rule in _RULE_LIST if not rule.security_severity]
_NOTIFICATION_INDEX = {rule.code: i for i, rule in enumerate(_NOTIFICATION_LIST)}
MAX_RELATED = 100
MAX_FLOWS = 10


def render(result: Result, *, category: str = "", **_: Any) -> str:
    return jsonfmt.dumps(log(result, category=category), levels=4)  # one line per result


def log(result: Result | None, *, category: str = "", error: str = "") -> dict[str, Any]:
    """The SARIF log; with `error` it records a failed run (never a clean-looking one)."""
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "pixellint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule) for rule in _RULE_LIST],
                "notifications": [_rule(rule) for rule in _NOTIFICATION_LIST],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [],
    }
    if result is not None and result.root:
        run["originalUriBaseIds"] = {
            "%SRCROOT%": {"uri": Path(result.root).as_uri().rstrip("/") + "/"}
        }
    notifications = [_notification(d) for d in (result.diagnostics if result else ())]
    if error:
        notifications.append({"level": "error", "message": {"text": error}})
    failed = bool(error) or (result is not None and result.failed)
    run["invocations"] = [
        {"executionSuccessful": not failed, "toolExecutionNotifications": notifications}
    ]
    if category:
        run["automationDetails"] = {"id": category.rstrip("/") + "/"}
    if result is not None and not error:
        seen: dict[str, int] = {}
        results = []
        for finding in result.findings:
            key = fingerprint(finding)
            seen[key] = seen.get(key, 0) + 1
            results.append(_result(finding, result, f"{key}:{seen[key]}"))
        for diag in result.diagnostics:  # what could not be judged shows where users look
            if level_of(diag) == "warning":  # errors (PXL905) are pixellint's own failures
                key = _diagnostic_print(diag)
                seen[key] = seen.get(key, 0) + 1
                results.append(_diagnostic_result(diag, result, f"{key}:{seen[key]}"))
        run["results"] = results
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    tags = (
        ["security", "privacy", "tracking", "external/cwe/cwe-359"]
        if rule.security_severity
        else ["pixellint-diagnostic"]
    )
    properties: dict[str, Any] = {"tags": tags, "precision": rule.precision}
    if rule.security_severity:
        properties["security-severity"] = rule.security_severity
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation[:1024]},
        "help": {"text": rule.explanation, "markdown": f"**{rule.summary}**\n\n{rule.explanation}"},
        "helpUri": f"{INFORMATION_URI}/blob/main/docs/rules.md#{rule.code.lower()}",
        "defaultConfiguration": {"level": rule.level},
        "properties": properties,
    }


def _physical(location: Location) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": max(1, location.line),
        "startColumn": max(1, location.column),
    }
    if location.end_line >= location.line and location.end_line > 0:
        region["endLine"] = location.end_line
        region["endColumn"] = max(1, location.end_column)
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": quote(location.path), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }


def _result(finding: Finding, scan: Result, print_: str) -> dict[str, Any]:
    rule = RULES[finding.rule]
    tracker = scan.tracker(finding.sighting.tracker)
    related = []
    links = []
    for n, exposure in enumerate(finding.exposures[:MAX_RELATED], 1):
        mark = exposure.mark or Location(exposure.page, 1, 1, 1, 1)  # where it is marked
        text = f"{exposure.page} is sensitive: {exposure.why}"
        related.append({"id": n, **_physical(mark), "message": {"text": text}})
        links.append(f"[{exposure.page}]({n})")
    for n, call in enumerate(finding.sighting.also, len(related) + 1):
        text = f"another call that sends data to {tracker.name} in the same occurrence"
        related.append({"id": n, **_physical(call), "message": {"text": text}})
    text = finding.message + (
        f" Sensitive page{'s' if len(links) > 1 else ''}: {', '.join(links)}." if links else ""
    )
    result: dict[str, Any] = {
        "ruleId": rule.code,
        "ruleIndex": _RULE_INDEX[rule.code],
        "level": rule.level,
        "message": {"text": text},
        "locations": [_physical(finding.location)],
        "partialFingerprints": {"pixellintFinding/v1": print_},
        "properties": {
            "tracker": tracker.id,
            "vendor": tracker.vendor,
            "category": tracker.category,
            "how": finding.sighting.how,
        },
    }
    project = scan.project_of(finding.location.path)
    if project is not None:
        result["properties"]["project"] = project.path
    if related:
        result["relatedLocations"] = related
    flows = [
        _flow(finding, exposure.page, exposure.chain)
        for exposure in finding.exposures[:MAX_FLOWS]
        if exposure.chain
    ]
    if flows:
        result["codeFlows"] = flows
    return result


def _flow(finding: Finding, page: str, chain: tuple[Any, ...]) -> dict[str, Any]:
    steps = []
    for step in chain:
        steps.append(
            {
                "location": {
                    **_physical(step.location),
                    "message": {"text": f"{step.kind} {step.target}"},
                }
            }
        )
    tracker_step = {
        "location": {
            **_physical(finding.location),
            "message": {"text": f"{finding.sighting.tracker}: {finding.sighting.detail}"},
        }
    }
    return {
        "message": {"text": f"{page} reaches the tracker"},
        "threadFlows": [{"locations": [*steps, tracker_step]}],
    }


def fingerprint(finding: Finding) -> str:
    """Line-free identity: rule, file, tracker and the normalised evidence; stable when lines move."""
    evidence = " ".join(finding.sighting.evidence.split())
    key = "\0".join((finding.rule, finding.location.path, finding.sighting.tracker, evidence))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _notification(diag: Diagnostic) -> dict[str, Any]:
    return {
        "level": level_of(diag),
        "message": {"text": diag.message},
        "locations": [_physical(diag.location)],
        "descriptor": {"id": diag.code, "index": _NOTIFICATION_INDEX[diag.code]},
    }


def _diagnostic_result(diag: Diagnostic, scan: Result, print_: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": diag.code,
        "ruleIndex": _RULE_INDEX[diag.code],
        "level": level_of(diag),
        "message": {"text": diag.message[:1].upper() + diag.message[1:]},
        "locations": [_physical(diag.location)],
        "partialFingerprints": {"pixellintFinding/v1": print_},
    }
    project = scan.project_of(diag.location.path)
    if project is not None:
        result["properties"] = {"project": project.path}
    return result


def _diagnostic_print(diag: Diagnostic) -> str:
    words = " ".join(re.sub(r"\d+", "#", diag.message).split())  # counts change, the alert stays
    key = "\0".join((diag.code, diag.location.path, words))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
