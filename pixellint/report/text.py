"""Human-readable report: `path:line:col: CODE [tracker] message`, then a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pixellint.model import Exposure, Finding
from pixellint.rules import RULES, level_of

if TYPE_CHECKING:
    from pixellint.api import Result

_COLORS = {
    "error": "\x1b[31m",
    "warning": "\x1b[33m",
    "note": "\x1b[36m",
    "bold": "\x1b[1m",
    "dim": "\x1b[2m",
}
_RESET = "\x1b[0m"
MAX_PAGES_SHOWN = 5


def render(result: Result, *, color: bool = False, verbose: bool = False, **_: object) -> str:
    def paint(text: str, style: str) -> str:
        return f"{_COLORS[style]}{text}{_RESET}" if color else text

    lines: list[str] = []
    for finding in result.findings:
        lines.extend(_finding(finding, paint))
    shown_diagnostics = [d for d in result.diagnostics if verbose or level_of(d) != "note"]
    for diag in shown_diagnostics:
        loc = diag.location
        level = level_of(diag)
        lines.append(
            f"{loc.path}:{loc.line}:{loc.column}: {paint(diag.code, level)} {diag.message}"
        )
    lines.append(_summary(result, len(result.diagnostics) - len(shown_diagnostics)))
    if len(result.projects) > 1:
        lines.extend(_projects(result))
    return "\n".join(lines) + "\n"


def _projects(result: Result) -> list[str]:
    """Which config judged which part of the run: each project on its own line."""
    out = [f"{len(result.projects)} projects, each judged under its own config:"]
    for project in result.projects:
        violations = sum(
            1 for f in result.findings if result.project_of(f.location.path) is project
        )
        config = project.config or "no config"
        out.append(
            f"  {project.path} ({config}): {violations} violation{'s' if violations != 1 else ''}, "
            f"{project.sensitive_pages} sensitive page{'s' if project.sensitive_pages != 1 else ''}"
            f" in {project.files_scanned} files"
        )
    return out


def _finding(finding: Finding, paint: object) -> list[str]:
    assert callable(paint)
    loc = finding.location
    rule = RULES[finding.rule]
    head = f"{paint(f'{loc.path}:{loc.line}:{loc.column}:', 'bold')} {paint(finding.rule, rule.level)} [{finding.sighting.tracker}] {finding.message}"
    out = [head]
    if finding.sighting.also:
        at = ", ".join(f"{a.line}:{a.column}" for a in finding.sighting.also)
        out.append(paint(f"    also sends from {at}", "dim"))
    for exposure in finding.exposures[:MAX_PAGES_SHOWN]:
        if exposure.chain:
            out.append(paint(f"    via {_chain(exposure)}", "dim"))
        out.append(paint(f"    {exposure.page} is sensitive: {exposure.why}", "dim"))
    hidden = len(finding.exposures) - MAX_PAGES_SHOWN
    if hidden > 0:
        out.append(
            paint(f"    … and {hidden} more sensitive pages (--format json lists them all)", "dim")
        )
    return out


def _chain(exposure: Exposure) -> str:
    return " -> ".join([exposure.page, *(step.target for step in exposure.chain)])


def _summary(result: Result, hidden_notes: int) -> str:
    parts = []
    count = len(result.findings)
    trackers = len({f.sighting.tracker for f in result.findings})
    if count:
        pages = len({e.page for f in result.findings for e in f.exposures})
        parts.append(
            f"Found {count} violation{'s' if count != 1 else ''} ({trackers} tracker{'s' if trackers != 1 else ''} reaching {pages} sensitive page{'s' if pages != 1 else ''}) in {result.files_scanned} files."
        )
    elif result.marked == 0 and not result.sightings:
        parts.append(
            f"No tracker found in {result.files_scanned} files (no page is marked sensitive)."
        )
    elif result.marked == 0:
        seen = len(result.sightings)
        parts.append(
            f"No page is marked sensitive, so nothing was judged: {seen} tracker sighting{'s' if seen != 1 else ''} "
            f"on {result.pages_with_trackers} file{'s' if result.pages_with_trackers != 1 else ''} in {result.files_scanned} scanned. "
            'Mark pages with `sensitive = ["portal/**"]` in pixellint.toml, a `pixellint: sensitive` comment, '
            '`<meta name="pixellint" content="sensitive">` or front matter `pixellint: sensitive`; '
            "or audit every page with --all-pages."
        )
    else:
        parts.append(
            f"No violations: {len(result.sensitive_pages)} sensitive pages checked in {result.files_scanned} files."
        )
    if result.suppressed:
        parts.append(f"{result.suppressed} suppressed by pixellint: ignore comments.")
    if hidden_notes:
        parts.append(
            f"{hidden_notes} note{'s' if hidden_notes != 1 else ''} hidden (--verbose shows them)."
        )
    return " ".join(parts)
