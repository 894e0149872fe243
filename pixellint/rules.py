"""The rules, and the one place where trackers (facts) meet sensitive pages (policy)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pixellint import gtm
from pixellint.catalog import Catalog, Tracker
from pixellint.graph import Edge, Graph
from pixellint.model import Diagnostic, Exposure, Finding, Level, Mark, Sighting, Step


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    level: Level
    summary: str
    explanation: str
    security_severity: str = ""  # SARIF/GitHub score as a string; empty for diagnostics
    precision: str = "high"


_WHY = (
    "On a patient portal, a booking form or a condition page, a third-party tracker sends the visit "
    "(URL, page title, button text, sometimes form values or e-mail) to the vendor. HHS OCR treats that "
    "as a disclosure of protected health information; the FTC has fined health companies for it."
)
TRACKER_ON_SENSITIVE_PAGE = Rule(
    "PXL101",
    "tracker-on-sensitive-page",
    "error",
    "A third-party tracker runs on a page marked sensitive.",
    f"{_WHY}\n\nRemove the tracker from this page, or load it only on pages that are not sensitive. "
    "If the vendor signed a BAA and the data flow was reviewed, suppress it with a reason: "
    "`pixellint: ignore[<tracker-id>] <reason>`.",
    "8.0",
)
TRACKER_REACHES_SENSITIVE_PAGE = Rule(
    "PXL102",
    "tracker-reaches-sensitive-page",
    "error",
    "A tracker in a layout, partial or script file reaches pages marked sensitive.",
    f"{_WHY}\n\nThe tracker sits in a file that sensitive pages extend or include, so it runs on them. "
    "Move it out of the shared layout (for example into a block that sensitive pages override with "
    "nothing), or give sensitive pages a layout without it.",
    "8.0",
)
IDENTITY_SENT_TO_TRACKER = Rule(
    "PXL103",
    "identity-sent-to-tracker",
    "error",
    "Identifying data is sent to a tracker on a page marked sensitive.",
    f"{_WHY}\n\nThis call also passes identifying data (advanced matching, identify, user id, or a "
    "template variable such as an e-mail), which ties the health context to a person. Remove the "
    "identifying fields.",
    "9.1",
)
CONFIGURED_TRACKER = Rule(
    "PXL104",
    "configured-tracker-on-sensitive-page",
    "warning",
    "A tracker whose destination is set by configuration reaches a page marked sensitive.",
    f"{_WHY}\n\nThe script is recognised by the vendor's own attributes (Umami's "
    "`data-website-id`, Plausible's `data-domain`), but its URL comes from configuration "
    '(`src="{{{{ theme.umami.script_url }}}}"`), so pixellint cannot tell whether it is the vendor\'s '
    "cloud or a server of your own. If it is self-hosted on your own host and covered by your "
    "privacy review, suppress it with that reason; otherwise treat it like PXL101.",
    "5.0",
    precision="medium",
)
PARSE_FALLBACK = Rule(
    "PXL901", "script-parse-fallback", "note",
    "A script could not be parsed; it was scanned with a token fallback.",
    "pixellint parses inline and first-party JavaScript with tree-sitter, after masking template "
    "syntax. When a script still does not parse, trackers in it are found by a token scan, which can "
    "miss assembled URLs and unusual call forms.", precision="medium",
)  # fmt: skip
FILE_NOT_SCANNED = Rule(
    "PXL902", "file-not-scanned", "warning",
    "A file could not be scanned fully (unreadable, binary, too large or badly encoded).",
    "The file was skipped or scanned with a fallback. Fix the file or raise the limit "
    "(max_file_size, max_script_size) if it should be scanned.", precision="medium",
)  # fmt: skip
UNRESOLVED_INCLUDE = Rule(
    "PXL903", "unresolved-include", "note",
    "An include, layout or partial could not be resolved to a file.",
    "pixellint follows includes to find trackers that reach sensitive pages. A name computed at "
    "run time, or a file outside the project, cannot be followed; set template_dirs in the config "
    "if the file is in the project.", precision="medium",
)  # fmt: skip
SUPPRESSION_PROBLEM = Rule(
    "PXL904", "suppression-without-reason", "warning",
    "A pixellint suppression has no reason, or suppresses nothing.",
    "Write why the tracker is acceptable after the bracket: "
    "`pixellint: ignore[meta-pixel] consent-gated, reviewed 2026-11`. Remove suppressions that no "
    "longer match a finding.", precision="high",
)  # fmt: skip
CONFIG_MATCHES_NOTHING = Rule(
    "PXL906", "config-matches-nothing", "warning",
    "A setting in the config names nothing in the project.",
    "A `sensitive` glob that matches no file, or a `template_dirs`/`site_root` directory that does "
    "not exist, is usually a typo or a moved folder, and the pages it was meant to mark are then "
    "silently judged as not sensitive. Globs are relative to the config file's directory.",
    precision="high",
)  # fmt: skip
NOTHING_MARKED = Rule(
    "PXL907", "nothing-marked-sensitive", "warning",
    "Trackers were found but no page of the project is marked sensitive, so none was judged.",
    "pixellint reports a tracker only where it reaches a page marked sensitive. With no page "
    "marked, a run with trackers in it would look clean. Mark sensitive pages with "
    "`sensitive = [\"portal/**\"]` in pixellint.toml, a `pixellint: sensitive` comment, "
    "`<meta name=\"pixellint\" content=\"sensitive\">` or front matter, or audit every page "
    "with --all-pages.",
    precision="high",
)  # fmt: skip

INTERNAL_ERROR = Rule(
    "PXL905", "internal-error", "error",
    "pixellint failed on a file; the rest of the scan completed.",
    "A bug in pixellint stopped the analysis of this file, so trackers in it may be missing. The "
    "run exits 2 even when the other files are clean. Please report it with the file.",
    precision="high",
)  # fmt: skip

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        TRACKER_ON_SENSITIVE_PAGE,
        TRACKER_REACHES_SENSITIVE_PAGE,
        IDENTITY_SENT_TO_TRACKER,
        CONFIGURED_TRACKER,
        PARSE_FALLBACK,
        FILE_NOT_SCANNED,
        UNRESOLVED_INCLUDE,
        SUPPRESSION_PROBLEM,
        INTERNAL_ERROR,
        CONFIG_MATCHES_NOTHING,
        NOTHING_MARKED,
    )
}


def evaluate(
    sightings: Iterable[Sighting],
    sensitive: Mapping[str, Mark],
    graph: Graph,
    catalog: Catalog,
    *,
    allow: Iterable[str] = (),
    report_self_hosted: bool = False,
    prefix: str = "",
    containers: Mapping[str, gtm.Container] | None = None,
) -> list[Finding]:
    """Findings for the sightings that reach sensitive pages, each listing every page it reaches.
    Exposures are built once per tracker file and shared by its sightings, so a layout on
    thousands of pages costs one reach per page, not one per sighting and page. `prefix` is put
    before paths in messages (report paths); the values themselves stay project-relative.
    `containers` are the GTM container exports by path: their tags reach only the pages their
    triggers fire on."""
    allowed = set(allow)
    exposures_of: dict[str, tuple[tuple[Exposure, ...], bool]] = {}  # and: is it a page?
    reach_cache: dict[str, dict[str, tuple[Edge, ...]]] = {}
    findings = []
    for sighting in sightings:
        tracker = catalog.by_id[sighting.tracker]
        configured = sighting.how == "configured-src"  # provably self-hosted it is not
        if tracker.id in allowed or (
            tracker.self_hosted and not report_self_hosted and not configured
        ):
            continue
        path = sighting.location.path
        if path not in exposures_of:
            found = _exposures(path, sensitive, graph, reach_cache)
            exposures_of[path] = found, any(e.page == path for e in found)
        exposures, on_page = exposures_of[path]
        caveat = ""
        if sighting.how == "gtm-tag":
            exposures, caveat = _gtm_tag_reach(sighting, exposures, containers or {}, prefix)
            on_page = False  # a container export is never itself the page
        if not exposures:
            continue
        if sighting.identity:
            rule = IDENTITY_SENT_TO_TRACKER
        elif configured:
            rule = CONFIGURED_TRACKER
        elif on_page:
            rule = TRACKER_ON_SENSITIVE_PAGE
        else:
            rule = TRACKER_REACHES_SENSITIVE_PAGE
        text = message(rule, tracker, sighting, exposures, len(exposures), prefix) + caveat
        findings.append(Finding(rule.code, sighting, exposures, text))
    return sorted(findings)


def _exposures(
    path: str,
    sensitive: Mapping[str, Mark],
    graph: Graph,
    reach_cache: dict[str, dict[str, tuple[Edge, ...]]],
) -> tuple[Exposure, ...]:
    exposures = []
    for page in _sensitive_pages_reaching(path, sensitive, graph):
        if page not in reach_cache:
            reach_cache[page] = graph.reach(page)
        chain = reach_cache[page].get(path, ())
        steps = tuple(Step(e.location, e.target, e.kind) for e in chain)
        mark = sensitive[page]
        exposures.append(Exposure(page, mark.reason, steps, mark.location))
    return tuple(exposures)


def _gtm_tag_reach(
    sighting: Sighting,
    exposures: tuple[Exposure, ...],
    containers: Mapping[str, gtm.Container],
    prefix: str,
) -> tuple[tuple[Exposure, ...], str]:
    """A container's tag reaches the pages that load the container, but only those its triggers
    can fire on: a page whose URL (derived from its file path) no trigger matches, or that a
    blocking trigger certainly blocks, is dropped. A page whose URL cannot be derived is kept,
    and the message says which pages depend on an event or could not be checked."""
    path = sighting.location.path
    container = containers.get(path)
    tag = container.tag_at(sighting.location) if container else None
    kept: list[Exposure] = []
    by_event: list[str] = []
    undecided: list[str] = []
    for exposure in exposures:
        if exposure.page == path:
            continue
        verdict = gtm.fires_on(tag, gtm.page_urls(exposure.page)) if tag else gtm.Verdict.FIRES
        if verdict is gtm.Verdict.NEVER:
            continue
        kept.append(exposure)
        if verdict is gtm.Verdict.ON_EVENT:
            by_event.append(prefix + exposure.page)
        elif verdict is gtm.Verdict.UNDECIDED:
            undecided.append(prefix + exposure.page)
    caveat = ""
    if by_event:
        where = "those pages" if len(by_event) == len(kept) else _few(by_event)
        caveat += f" It fires on {where} only when its trigger's event happens there."
    if undecided:
        caveat += (
            f" Whether its trigger conditions hold on {_few(undecided)} cannot be decided from "
            "the file path, so it is reported."
        )
    return tuple(kept), caveat


def _few(pages: Sequence[str]) -> str:
    return ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")


def _sensitive_pages_reaching(path: str, sensitive: Mapping[str, Mark], graph: Graph) -> list[str]:
    candidates = sorted(n for n in graph.ancestors([path]) if n in sensitive)
    pages = [n for n in candidates if not graph.is_included(n)]
    return pages or ([path] if path in sensitive else candidates)


def message(
    rule: Rule,
    tracker: Tracker,
    sighting: Sighting,
    exposures: Sequence[Exposure],
    total: int,
    prefix: str = "",
) -> str:
    what = _what(tracker)
    pages = ", ".join(prefix + e.page for e in exposures[:3]) + (
        f" and {total - 3} more" if total > 3 else ""
    )
    if rule is IDENTITY_SENT_TO_TRACKER:
        head = f"Identifying data ({sighting.identity}) is sent to {tracker.name} on sensitive page{'s' if total > 1 else ''} {pages}."
    elif rule is TRACKER_ON_SENSITIVE_PAGE:
        others = total - 1
        more = (
            f" and reaches {others} more sensitive page{'s' if others > 1 else ''} that include it"
            if others > 0
            else ""
        )
        head = f"{tracker.name} runs on sensitive page {prefix}{sighting.location.path}{more}."
    elif rule is CONFIGURED_TRACKER:
        head = (
            f"The {tracker.name.split(' (')[0]} script reaches sensitive page{'s' if total > 1 else ''}"
            f" {pages}; its URL comes from configuration, so pixellint cannot tell whether it is"
            " the vendor's cloud or a server of your own."
        )
        what = ""
    else:
        head = f"{tracker.name} reaches {total} sensitive page{'s' if total > 1 else ''} ({pages}) through this file."
    tail = f" {what}" if what else ""
    found = f" Found: {sighting.detail}." if sighting.detail else ""
    return f"{head}{tail}{found}"


def _what(tracker: Tracker) -> str:
    if tracker.category == "session-replay":
        return f"{tracker.name} is a session-replay tool: it records what visitors type, click and see."
    if tracker.opaque:
        return (
            f"{tracker.name} is a tag manager: it loads tags that nobody can review in this source."
        )
    return f"{tracker.vendor} receives the page URL and title of each visit ({tracker.category})."


def markdown() -> str:
    """docs/rules.md, generated from the rules so the text is never written twice."""
    parts = [
        "# pixellint rules\n\nGenerated from `pixellint/rules.py` (`pixellint rules CODE` prints the same text).\n"
    ]
    for rule in RULES.values():
        severity = f", security-severity {rule.security_severity}" if rule.security_severity else ""
        parts.append(
            f"## {rule.code}\n\n**{rule.name}** ({rule.level}{severity})\n\n{rule.summary}\n\n{rule.explanation}\n"
        )
    return "\n".join(parts)


def level_of(diagnostic: Diagnostic) -> Level:
    """A diagnostic's level: its own when it has one (PXL902 is a warning only where a tracker
    may hide), else its rule's."""
    return diagnostic.level or RULES[diagnostic.code].level
