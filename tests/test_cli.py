"""The command line: exit codes, formats, config errors and hostile input, through the real entry point."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, sarif_errors, write_tree

DEMO = FIXTURES / "demo-site"
PIXEL = "<!-- pixellint: sensitive -->\n<script>fbq('track', 'PageView');</script>\n"


def test_demo_site_exits_1_with_violations(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", str(DEMO))
    assert result.code == 1
    assert "PXL102 [meta-pixel]" in result.out and "Found 6 violations" in result.out


def test_clean_project_exits_0(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"index.html": "<!-- pixellint: sensitive -->\n<p>No trackers.</p>\n"})
    result = cli("check", str(tmp_path))
    assert (result.code, result.out.strip()) == (
        0,
        "No violations: 1 sensitive pages checked in 1 files.",
    )


def test_exit_zero_and_output_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"p.html": PIXEL})
    out = tmp_path / "report.sarif"
    result = cli("check", str(tmp_path), "--format", "sarif", "-o", str(out), "--exit-zero")
    assert result.code == 0 and result.out == ""
    assert sarif_errors(json.loads(out.read_text())) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--format", "xml"], "Invalid value for '--format'"),
        (["check", "does-not-exist"], "does-not-exist does not exist"),
        (["check", "--no-such-option"], "No such option"),
        (["frobnicate"], "No such command"),
        (["rules", "PXL999"], "no rule 'PXL999'"),
    ],
)
def test_usage_errors_exit_2(cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args)
    assert result.code == 2
    assert message in result.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('sensitive = ["portal/**"]\nsensitve = ["x"]\n', "unknown key 'sensitve'; known keys:"),
        ('sensitive = ["portal/[abc"]\n', "bad glob 'portal/[abc'"),
        (
            'sensitive = "portal/**"\nmax_file_size = -1\n',
            "'max_file_size' must be a positive whole number",
        ),
        ("sensitive = [\n", "not valid TOML"),
        ('exclude = ["!keep.html"]\n', "negation"),
    ],
)
def test_config_errors_exit_2_and_say_what_to_fix(
    cli, tmp_path: Path, content: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"pixellint.toml": content, "index.html": "<p>x</p>"})
    result = cli("check", str(tmp_path))
    assert result.code == 2
    assert message in result.err and "pixellint.toml" in result.err


def test_pyproject_tool_table_is_read(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.pixellint]\nsensitive = ["portal/**"]\n',
            "portal/a.html": PIXEL.split("\n", 1)[1],
        },
    )
    result = cli("check", str(tmp_path))
    assert result.code == 1 and "portal/a.html:1:9: PXL101 [meta-pixel]" in result.out


def test_no_color_and_forced_color(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"p.html": PIXEL})
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli("check", str(tmp_path), "--color", "auto").out
    assert "\x1b[31m" in cli("check", str(tmp_path), "--color", "always").out


def test_bad_input_is_reported_and_the_scan_goes_on(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bundle = "!function(){" + "var a=1;" * 700_000 + "}();" + "fbq('track','Lead');"
    write_tree(tmp_path, {
        "pixellint.toml": 'sensitive = ["**"]\n',
        "binary.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "latin1.html": "<p>Caf\xe9</p>\n<script>fbq('track','Lead')</script>".encode("latin-1"),
        "empty.html": "",
        "broken.html": "<div <script src=\"https://connect.facebook.net/en_US/fbevents.js\"></scr",
        "assets/app.bundle.min.js": bundle,
        "ok.html": PIXEL,
    })  # fmt: skip
    (tmp_path / "loop").mkdir()
    os.symlink(tmp_path / "loop", tmp_path / "loop" / "again")
    unreadable = tmp_path / "secret.html"
    unreadable.write_text(PIXEL)
    unreadable.chmod(0)
    result = cli("check", str(tmp_path), "--format", "json")
    unreadable.chmod(0o644)
    assert result.code == 1
    report = json.loads(result.out)
    flagged = {f["location"]["path"] for f in report["findings"]}
    assert {"ok.html", "latin1.html", "assets/app.bundle.min.js"} <= flagged
    notes = {(d["location"]["path"], d["code"]) for d in report["diagnostics"]}
    assert ("binary.html", "PXL902") in notes
    assert ("latin1.html", "PXL902") in notes
    assert any(path.startswith("loop") for path, _ in notes)
    if os.geteuid() != 0:  # root can read a chmod 0 file
        assert ("secret.html", "PXL902") in notes


def test_huge_files_are_skipped_with_a_note(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_tree(
        tmp_path, {"pixellint.toml": "max_file_size = 1000\n", "big.html": PIXEL + "<p>x</p>" * 500}
    )
    result = cli("check", str(tmp_path), "--format", "json")
    (diag,) = json.loads(result.out)["diagnostics"]
    assert diag["code"] == "PXL902" and "larger than max_file_size" in diag["message"]


def test_a_file_named_on_the_command_line_is_always_scanned(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"node_modules/pkg/page.html": PIXEL})
    assert cli("check", str(tmp_path)).code == 0
    assert (
        cli("check", str(tmp_path / "node_modules/pkg/page.html"), "--root", str(tmp_path)).code
        == 1
    )


def test_force_exclude_applies_config_excludes_to_named_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"pixellint.toml": 'exclude = ["legacy/**"]\n', "legacy/old.html": PIXEL})
    assert cli("check", str(tmp_path / "legacy/old.html"), "--force-exclude").code == 0


def test_trackers_and_rules_commands(cli) -> None:  # type: ignore[no-untyped-def]
    listing = cli("trackers", "--format", "json")
    rows = json.loads(listing.out)
    assert listing.code == 0 and len(rows) >= 45
    assert {"id", "vendor", "category", "loaders", "calls"} <= set(rows[0])
    assert "meta-pixel" in cli("trackers").out
    explained = cli("rules", "tracker-reaches-sensitive-page")
    assert explained.code == 0 and explained.out.startswith("PXL102")


def test_module_entry_point_runs(tmp_path: Path) -> None:
    import subprocess

    write_tree(tmp_path, {"p.html": PIXEL})
    done = subprocess.run(
        [sys.executable, "-m", "pixellint", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "PXL101" in done.stdout


def test_cache_is_written_under_the_project_and_ignored_by_git(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"pixellint.toml": "", "p.html": PIXEL})
    monkeypatch.delenv("PIXELLINT_NO_CACHE")
    monkeypatch.delenv("CI", raising=False)
    first = cli("check", str(tmp_path), "--format", "json")
    assert (tmp_path / ".pixellint_cache" / ".gitignore").read_text().endswith("*\n")
    assert cli("check", str(tmp_path), "--format", "json").out == first.out
    monkeypatch.setenv("CI", "true")
    other = tmp_path / "other"
    write_tree(other, {"pixellint.toml": "", "p.html": PIXEL})
    cli("check", str(other))
    assert not (other / ".pixellint_cache").exists()


def test_a_crash_on_one_file_is_reported_and_the_rest_still_scanned(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from pixellint import facts

    real = facts.analyse

    def flaky(task, data, detector):  # type: ignore[no-untyped-def]
        if task.rel == "bad.html":
            raise RuntimeError("boom")
        return real(task, data, detector)

    monkeypatch.setattr("pixellint.workers.analyse", flaky)
    write_tree(tmp_path, {"bad.html": PIXEL, "good.html": PIXEL})
    result = cli("check", str(tmp_path), "--format", "sarif", "-j", "1")
    assert result.code == 2
    run = json.loads(result.out)["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ] == ["good.html"]
    assert "PXL905" in {
        n["descriptor"]["id"] for n in run["invocations"][0]["toolExecutionNotifications"]
    }


def test_symlinked_files_outside_the_project_are_not_followed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside.html"
    outside.write_text(PIXEL)
    project = tmp_path / "project"
    project.mkdir()
    (project / "pixellint.toml").write_text("")
    os.symlink(outside, project / "linked.html")
    result = cli("check", str(project), "--format", "json")
    report = json.loads(result.out)
    assert result.code == 0 and report["findings"] == []
    assert [d["location"]["path"] for d in report["diagnostics"]] == ["linked.html"]


def test_a_typo_in_allow_is_a_config_error_naming_the_closest_id(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pixellint.toml").write_text('allow = ["google-tagmanager"]\n', "utf-8")
    (tmp_path / "index.html").write_text("<p>x</p>\n", "utf-8")
    result = cli("check", str(tmp_path))
    assert result.code == 2
    assert "unknown tracker 'google-tagmanager'; did you mean 'google-tag-manager'" in result.err


def test_a_sensitive_glob_that_matches_nothing_is_a_warning(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pixellint.toml").write_text(
        'sensitive = ["portal/**", "patient-portal/**"]\n', "utf-8"
    )
    (tmp_path / "templates" / "portal").mkdir(parents=True)
    (tmp_path / "templates" / "portal" / "index.html").write_text("<p>Portal</p>\n", "utf-8")
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "index.html").write_text("<p>Portal</p>\n", "utf-8")
    result = cli("check", str(tmp_path))
    assert "PXL906 sensitive glob 'patient-portal/**' matches no file of the project" in result.out
    assert result.out.count("PXL906") == 1
