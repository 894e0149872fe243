"""Formatters: SARIF valid against the OASIS schema and GitHub's rules; JSON; text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, sarif_errors

from pixellint import api, config
from pixellint.report import json_report, sarif, text

DEMO = FIXTURES / "demo-site"


@pytest.fixture(scope="module")
def demo() -> api.Result:
    return api.run([DEMO], config.load(DEMO / "pixellint.toml"), DEMO)


def test_demo_sarif_is_valid(demo: api.Result) -> None:
    document = json.loads(sarif.render(demo))
    assert sarif_errors(document) == []


def test_sarif_results_carry_what_code_scanning_needs(demo: api.Result) -> None:
    run = json.loads(sarif.render(demo, category="pixellint/site"))["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], run["columnKind"], run["automationDetails"]["id"]) == (
        "pixellint",
        "unicodeCodePoints",
        "pixellint/site/",
    )
    assert {r["id"] for r in driver["rules"]} >= {
        "PXL101",
        "PXL102",
        "PXL103",
        "PXL901",
        "PXL902",
        "PXL903",
    }
    gtm = next(
        r
        for r in run["results"]
        if r["properties"]["tracker"] == "google-tag-manager" and r["ruleId"] == "PXL102"
    )
    assert driver["rules"][gtm["ruleIndex"]]["id"] == "PXL102"
    location = gtm["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "_includes/analytics.html",
        "uriBaseId": "%SRCROOT%",
    }
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (5, 1)
    marks = [
        (
            r["physicalLocation"]["artifactLocation"]["uri"],
            r["physicalLocation"]["region"]["startLine"],
            r["physicalLocation"]["region"]["startColumn"],
        )
        for r in gtm["relatedLocations"]
    ]  # each sensitive page's mark: the glob in the config, the front matter key
    assert marks == [
        ("pixellint.toml", 2, 27), ("conditions/diabetes.md", 4, 1), ("pixellint.toml", 2, 14),
    ]  # fmt: skip
    assert gtm["relatedLocations"][0]["message"]["text"].startswith(
        "appointments/book.html is sensitive"
    )
    assert "[portal/index.html](3)" in gtm["message"]["text"]
    flow = gtm["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [step["location"]["physicalLocation"]["artifactLocation"]["uri"] for step in flow] == [
        "appointments/book.html", "_layouts/default.html", "_includes/analytics.html",
    ]  # fmt: skip
    assert [step["location"]["physicalLocation"]["region"]["startLine"] for step in flow] == [
        1,
        7,
        5,
    ]
    assert (
        gtm["properties"]["vendor"] == "Google" and gtm["properties"]["category"] == "tag-manager"
    )
    severities = {r["id"]: r["properties"].get("security-severity") for r in driver["rules"]}
    assert severities["PXL103"] == "9.1" and severities["PXL901"] is None


def test_fingerprints_survive_line_shifts(tmp_path: Path) -> None:
    page = '<!-- pixellint: sensitive -->\n<script>fbq("track", "Lead");</script>\n'
    first = api.scan_text(page)
    shifted = api.scan_text("<p>new intro</p>\n\n\n" + page)
    prints = [
        json.loads(sarif.render(r))["runs"][0]["results"][0]["partialFingerprints"]
        for r in (first, shifted)
    ]
    assert prints[0] == prints[1]


def test_uris_with_spaces_are_percent_encoded(tmp_path: Path) -> None:
    (tmp_path / "patient portal").mkdir()
    (tmp_path / "patient portal" / "my records.html").write_text(
        "<!-- pixellint: sensitive -->\n<script>fbq('track','Lead')</script>"
    )
    document = json.loads(sarif.render(api.run([tmp_path], config.Config(), tmp_path)))
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ]
    assert uri == "patient%20portal/my%20records.html"
    assert sarif_errors(document) == []


def test_failed_run_sarif_never_looks_clean() -> None:
    document = sarif.log(None, error="internal error: boom")
    run = document["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"
    assert sarif_errors(document) == []


def test_diagnostics_are_notifications_not_alerts(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"\x00\x01binary")
    document = json.loads(sarif.render(api.run([tmp_path], config.Config(), tmp_path)))
    run = document["runs"][0]
    assert run["results"] == []
    assert run["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] == "PXL902"
    assert sarif_errors(document) == []


def test_json_report_is_versioned_and_complete(demo: api.Result) -> None:
    document = json.loads(json_report.render(demo))
    assert document["schema_version"] == 1
    assert document["summary"]["violations"] == len(demo.findings) == len(document["findings"])
    booking = next(f for f in document["findings"] if f["rule"] == "PXL103")
    assert booking["tracker"] == "google-tag-manager"
    assert booking["identity"] == "dataLayer.push() with email"
    assert booking["location"]["path"] == "appointments/book.html"
    layout = next(
        f for f in document["findings"] if f["location"]["path"] == "_includes/analytics.html"
    )
    assert [step["to"] for step in layout["pages"][0]["chain"]] == [
        "_layouts/default.html",
        "_includes/analytics.html",
    ]


def test_text_report_lines_and_chain(demo: api.Result) -> None:
    output = text.render(demo)
    assert (
        "_includes/analytics.html:5:1: PXL102 [google-tag-manager] Google Tag Manager reaches 3 sensitive pages"
        in output
    )
    assert (
        "    via portal/index.html -> _layouts/default.html -> _includes/analytics.html" in output
    )
    assert "\x1b[" not in output
    assert "\x1b[31m" in text.render(demo, color=True)
    assert output.rstrip().endswith("in 10 files.")
