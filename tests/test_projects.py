"""One project model for every way pixellint is run: each file is judged under its nearest
config, the whole project forms the graph whatever was named, report paths are relative to the
repository. Every case here passed silently (exit 0, "No violations") in 0.1.0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pixellint import api
from pixellint.config import Config, ConfigError
from tests.conftest import write_tree

BASE = """<html><head><title>{% block title %}{% endblock %}</title>
<script async src="https://www.googletagmanager.com/gtm.js?id=GTM-ABC1234"></script>
</head><body>{% block content %}{% endblock %}</body></html>
"""
PAGE = '{% extends "base.html" %}\n{% block content %}<h1>Your results</h1>{% endblock %}\n'
BASE_AT = "site/templates/base.html"
PIXEL_JS = "!function(f,b,e,v,n,t,s){}(window, document,'script',\n'https://connect.facebook.net/en_US/fbevents.js');\nfbq('init', '123');\n"


def site(root: Path, sensitive: str = "templates/portal/**") -> Path:
    """A Django-style site in `root/site` with its config, inside a git repository at `root`."""
    (root / ".git").mkdir(exist_ok=True)
    write_tree(
        root,
        {
            "README.md": "# Clinic website\n",
            "site/pixellint.toml": f'sensitive = ["{sensitive}"]\n',
            "site/templates/base.html": BASE,
            "site/templates/portal/results.html": PAGE,
            "site/templates/portal/messages.html": PAGE,
            "site/templates/about.html": PAGE,
        },
    )
    return root


def monorepo(root: Path) -> Path:
    """Two sites with different configs in one repository."""
    (root / ".git").mkdir(exist_ok=True)
    write_tree(
        root,
        {
            "a/pixellint.toml": 'sensitive = ["templates/portal/**"]\n',
            "a/templates/base.html": BASE,
            "a/templates/portal/results.html": PAGE,
            "a/templates/secure/x.html": PAGE,
            "b/pixellint.toml": 'sensitive = ["templates/secure/**"]\n',
            "b/templates/base.html": BASE.replace(
                "googletagmanager.com/gtm.js", "connect.facebook.net/en_US/fbevents.js"
            ),
            "b/templates/secure/x.html": PAGE,
            "b/templates/portal/results.html": PAGE,
        },
    )
    return root


def report(cli, *args: str, cwd: Path) -> dict:  # type: ignore[no-untyped-def, type-arg]
    out = cli("check", "--format", "json", *args, cwd=cwd)
    assert out.code in (0, 1), out.err
    return json.loads(out.out)  # type: ignore[no-any-return]


def pages(document: dict) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(f["location"]["path"], p["page"]) for f in document["findings"] for p in f["pages"]}


# --- which config ------------------------------------------------------------------------------


def test_each_file_is_judged_under_its_nearest_config_whatever_the_order(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = site(tmp_path)
    page = "site/templates/portal/results.html"
    forward = report(cli, page, "README.md", cwd=root)
    backward = report(cli, "README.md", page, cwd=root)
    both = {(BASE_AT, page), (BASE_AT, "site/templates/portal/messages.html")}
    assert pages(forward) == pages(backward) == both


def test_two_sites_keep_their_own_configs_and_reports_name_the_project(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = monorepo(tmp_path)
    ab = report(cli, "a", "b", cwd=root)
    ba = report(cli, "b", "a", cwd=root)
    assert ab == ba
    assert pages(ab) == {
        ("a/templates/base.html", "a/templates/portal/results.html"),
        ("b/templates/base.html", "b/templates/secure/x.html"),
    }
    assert {f["project"] for f in ab["findings"]} == {"a", "b"}
    assert [(p["path"], p["config"]) for p in ab["projects"]] == [
        ("a", "a/pixellint.toml"),
        ("b", "b/pixellint.toml"),
    ]


def test_a_whole_repository_scan_finds_the_projects_inside_it(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = monorepo(tmp_path)
    whole = report(cli, ".", cwd=root)
    assert whole["findings"] == report(cli, "a", "b", cwd=root)["findings"]
    text = cli("check", ".", cwd=root).out
    assert "a (a/pixellint.toml): 1 violation" in text
    assert "b (b/pixellint.toml): 1 violation" in text


def test_the_hook_and_the_whole_scan_agree_on_a_monorepo(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = monorepo(tmp_path)
    changed = ["b/templates/base.html", "a/templates/base.html"]
    hook = report(cli, "--force-exclude", *changed, cwd=root)
    hook_reversed = report(cli, "--force-exclude", *reversed(changed), cwd=root)
    assert hook["findings"] == hook_reversed["findings"] == report(cli, ".", cwd=root)["findings"]


def test_the_api_plans_projects_the_same_way(tmp_path: Path) -> None:
    root = monorepo(tmp_path)
    result = api.run([root / "b", root / "a"])
    assert {f.location.path for f in result.findings} == {
        "a/templates/base.html",
        "b/templates/base.html",
    }
    assert result.root == str(root)


# --- paths ---------------------------------------------------------------------------------------


def test_report_paths_are_relative_to_the_repository_not_the_config(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = site(tmp_path)
    sarif = json.loads(cli("check", "--format", "sarif", "site", cwd=root).out)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {"site/templates/base.html"}


def test_root_changes_report_paths_but_never_what_is_sensitive(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = site(tmp_path)
    default = report(cli, "site", cwd=root)
    rooted = report(cli, "--root", str(root / "site"), "site", cwd=root)
    assert len(rooted["findings"]) == len(default["findings"]) == 1
    assert rooted["findings"][0]["location"]["path"] == "templates/base.html"


def test_a_root_that_does_not_exist_is_an_error(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = site(tmp_path)
    out = cli("check", "--root", "nowhere", "site", cwd=root)
    assert out.code == 2
    assert "nowhere" in out.err and "no such directory" in out.err


def test_paths_outside_root_are_an_error_not_absolute_paths(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = site(tmp_path)
    out = cli("check", "--root", "site/templates", "README.md", cwd=root)
    assert out.code == 2
    assert "outside --root" in out.err


# --- the graph does not depend on what was named -------------------------------------------------


@pytest.mark.parametrize(
    "named",
    ["site", "site/templates", "site/templates/portal", "site/templates/portal/results.html"],
)
def test_layouts_resolve_against_the_whole_project_whatever_is_named(cli, tmp_path, named) -> None:  # type: ignore[no-untyped-def]
    root = site(tmp_path)
    document = report(cli, named, cwd=root)
    assert ("site/templates/base.html", "site/templates/portal/results.html") in pages(document)
    assert not [d for d in document["diagnostics"] if d["code"] == "PXL903"]


# --- first-party files are scanned ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["js/all.min.js", "vendor/tracking.js", "dist/app.js"])
def test_a_script_a_sensitive_page_loads_is_scanned_wherever_it_lives(tmp_path, name) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    write_tree(
        tmp_path,
        {
            ".gitignore": "dist/\n",
            name: PIXEL_JS,
            "portal/index.html": f'<html><script src="/{name}"></script></html>\n',
        },
    )
    result = api.run([tmp_path], Config(sensitive=("portal/**",)), tmp_path)
    assert [(f.location.path, f.sighting.tracker) for f in result.findings] == [
        (name, "meta-pixel")
    ]


def test_a_loaded_script_the_config_excludes_is_named_with_the_reason(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "legacy/track.js": PIXEL_JS,
            "portal/index.html": '<html><script src="/legacy/track.js"></script></html>\n',
        },
    )
    cfg = Config(sensitive=("portal/**",), exclude=("legacy/**",))
    result = api.run([tmp_path], cfg, tmp_path)
    assert not result.findings
    (note,) = [d for d in result.diagnostics if d.code == "PXL903"]
    assert "legacy/track.js is not scanned" in note.message and "exclude" in note.message


# --- unresolved includes say the true reason -----------------------------------------------------


def test_an_include_of_a_file_over_the_size_limit_says_so(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "templates/big.html": "<script>fbq('init', '1');</script>\n" + "<p>x</p>\n" * 3000,
            "templates/portal/page.html": '{% include "big.html" %}\n',
        },
    )
    cfg = Config(sensitive=("templates/portal/**",), max_file_size=10_000)
    result = api.run([tmp_path], cfg, tmp_path)
    (note,) = [d for d in result.diagnostics if d.code == "PXL903"]
    assert "max_file_size" in note.message and "no such file" not in note.message
    assert note.level == "warning"  # the file holds tracker text: it may bring one in
    (big,) = [d for d in result.diagnostics if d.code == "PXL902"]
    assert big.level == "warning" and "fbq(" in big.message


def test_an_include_that_leaves_the_project_says_so(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "shared/analytics.html": "<script>fbq('init', '1');</script>\n",
            "site/portal/page.html": '{% include "../../shared/analytics.html" %}\n',
        },
    )
    result = api.run([tmp_path / "site"], Config(sensitive=("portal/**",)), tmp_path / "site")
    (note,) = [d for d in result.diagnostics if d.code == "PXL903"]
    assert "outside the scanned project" in note.message


# --- nothing marked is visible, and the exit code policy ---------------------------------------


def test_nothing_marked_is_a_warning_result_everywhere_and_fails_by_default(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"index.html": BASE})
    text = cli("check", ".", cwd=tmp_path)
    assert text.code == 1
    assert "PXL907" in text.out and "1 tracker sighting" in text.out
    sarif = json.loads(cli("check", "--format", "sarif", ".", cwd=tmp_path).out)
    (result,) = sarif["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("PXL907", "warning")
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is True
    data = report(cli, ".", cwd=tmp_path)
    assert [(d["code"], d["level"]) for d in data["diagnostics"]] == [("PXL907", "warning")]
    assert cli("check", "--fail-on", "error", ".", cwd=tmp_path).code == 0
    assert cli("check", "--all-pages", ".", cwd=tmp_path).code == 1


def test_fail_on_levels(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_tree(
        tmp_path,
        {
            "pixellint.toml": 'sensitive = ["portal/**"]\n',
            "portal/a.html": '{% include "missing.html" %}\n<p>Hello</p>\n',
        },
    )
    assert cli("check", ".", cwd=tmp_path).code == 0  # an unresolved include is a note
    assert cli("check", "--fail-on", "note", ".", cwd=tmp_path).code == 1
    out = cli("check", "--fail-on", "warnings", ".", cwd=tmp_path)
    assert out.code == 2 and "warning" in out.err


def test_an_unreadable_file_that_may_hold_a_tracker_fails_the_run(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_tree(
        tmp_path,
        {
            "pixellint.toml": 'sensitive = ["portal/**"]\nmax_file_size = 2000\n',
            "portal/a.html": "<p>ok</p>\n",
            "portal/huge.html": "<p>x</p>\n" * 400 + "<script>fbq('init','1')</script>\n",
            "portal/huge-clean.html": "<p>x</p>\n" * 400,
        },
    )
    out = report(cli, ".", cwd=tmp_path)
    levels = {
        d["location"]["path"]: d["level"] for d in out["diagnostics"] if d["code"] == "PXL902"
    }
    assert levels == {"portal/huge.html": "warning", "portal/huge-clean.html": "note"}
    assert cli("check", ".", cwd=tmp_path).code == 1
    assert cli("check", "--fail-on", "error", ".", cwd=tmp_path).code == 0


def test_sarif_notifications_point_at_notification_descriptors(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"pixellint.toml": "", "a.html": '{% include "gone.html" %}\n'})
    run = json.loads(cli("check", "--format", "sarif", ".", cwd=tmp_path).out)["runs"][0]
    descriptors = run["tool"]["driver"]["notifications"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes
    for note in notes:
        ref = note["descriptor"]
        assert descriptors[ref["index"]]["id"] == ref["id"]


# --- configs and .gitignore changes run the whole project ------------------------------------


@pytest.mark.parametrize("changed", ["site/pixellint.toml", "site/.gitignore"])
def test_a_commit_that_only_changes_settings_judges_the_whole_project(
    cli, tmp_path, changed
) -> None:  # type: ignore[no-untyped-def]
    root = site(tmp_path)
    (root / "site/.gitignore").write_text("build/\n", encoding="utf-8")
    document = report(cli, "--force-exclude", changed, cwd=root)
    assert ("site/templates/base.html", "site/templates/portal/results.html") in pages(document)


def test_a_config_outside_the_named_files_directory_is_an_error(tmp_path: Path) -> None:
    root = site(tmp_path)
    with pytest.raises(ConfigError, match="outside"):
        api.run([root / "README.md"], config_file=root / "site" / "pixellint.toml")


# --- found by review on real-looking trees ---------------------------------------------------------
GA = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>\n'
FB_JS = "fbq('init','1'); !function(){}('https://connect.facebook.net/en_US/fbevents.js');\n"


def codes(document: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return sorted((f["rule"], f["location"]["path"]) for f in document["findings"])


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- pixellint: sensitive-->",
        "<!--pixellint:sensitive-->",
        "{{!-- pixellint: sensitive--}}",
    ],
)
def test_a_marker_touching_the_comment_close_marks_the_page(cli, tmp_path, comment) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"a.hbs": f"{comment}\n{GA}"})
    assert codes(report(cli, "--isolated", "a.hbs", cwd=tmp_path)) == [("PXL101", "a.hbs")]


def test_the_cache_sees_a_loaded_file_that_a_build_writes_later(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PIXELLINT_NO_CACHE", raising=False)
    (tmp_path / ".git").mkdir()
    write_tree(
        tmp_path,
        {
            ".gitignore": "dist/\n",
            "portal/a.html": '<!-- pixellint: sensitive -->\n<script src="/dist/app.js"></script>\n',
        },
    )
    cache = str(tmp_path.parent / f"{tmp_path.name}-cache")
    assert cli("check", "--cache-dir", cache, ".", cwd=tmp_path).code == 0
    write_tree(tmp_path, {"dist/app.js": FB_JS})
    assert codes(report(cli, "--cache-dir", cache, ".", cwd=tmp_path)) == [
        ("PXL102", "dist/app.js")
    ]


def test_without_config_or_git_the_project_is_what_was_named_not_the_cwd(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_tree(
        tmp_path,
        {
            "other/pixellint.toml": "sensitve = []\n",  # someone else's broken config beside it
            "other/a.html": "<p>x</p>\n",
            "work/site/portal/a.html": f"<!-- pixellint: sensitive -->\n{GA}",
        },
    )
    out = report(cli, "work/site", cwd=tmp_path)
    assert codes(out) == [("PXL101", "work/site/portal/a.html")]
    rooted = report(cli, "--root", ".", "work/site", cwd=tmp_path)
    assert codes(rooted) == codes(out)


@pytest.mark.parametrize("named", [[".", "dist"], ["pixellint.toml", "dist/index.html"]])
def test_a_named_ignored_path_is_scanned_beside_a_whole_project_run(cli, tmp_path, named) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    write_tree(
        tmp_path,
        {
            ".gitignore": "dist/\n",
            "pixellint.toml": 'sensitive = ["portal/**"]\n',
            "portal/index.html": "<p>x</p>\n",
            "dist/index.html": f"<!-- pixellint: sensitive -->\n{GA}",
        },
    )
    assert codes(report(cli, *named, cwd=tmp_path)) == [("PXL101", "dist/index.html")]


def test_a_script_in_a_nested_project_that_a_page_loads_is_followed(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    write_tree(
        tmp_path,
        {
            "site/pixellint.toml": 'sensitive = ["portal/**"]\n',
            "site/widgets/pixellint.toml": "sensitive = []\n",
            "site/widgets/fb.js": FB_JS,
            "site/portal/a.html": '<script src="/widgets/fb.js"></script>\n',
        },
    )
    assert ("PXL102", "site/widgets/fb.js") in codes(report(cli, "site", cwd=tmp_path))


def test_a_root_gitignore_change_rechecks_the_projects_inside(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    write_tree(
        tmp_path,
        {
            ".gitignore": "# build/ is no longer ignored\n",
            "pixellint.toml": 'sensitive = ["docs/**"]\n',
            "docs/x.html": "<p>x</p>\n",
            "sites/a/pixellint.toml": "sensitive = []\n",
            "sites/a/build/page.html": f"<!-- pixellint: sensitive -->\n{GA}",
        },
    )
    assert codes(report(cli, ".gitignore", cwd=tmp_path)) == [("PXL101", "sites/a/build/page.html")]


def test_a_named_ignored_directory_keeps_the_config_inside_it(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    write_tree(
        tmp_path,
        {
            ".gitignore": "dist/\n",
            "pixellint.toml": 'sensitive = ["portal/**"]\n',
            "portal/index.html": "<p>x</p>\n",
            "dist/site/pixellint.toml": 'sensitive = ["portal/**"]\n',
            "dist/site/portal/index.html": GA,
        },
    )
    out = report(cli, "dist", cwd=tmp_path)
    assert codes(out) == [("PXL101", "dist/site/portal/index.html")]
    assert out["findings"][0]["project"] == "dist/site"


def test_a_nested_repository_is_judged_the_same_whichever_is_named(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub" / ".git").mkdir(parents=True)
    write_tree(
        tmp_path, {"pixellint.toml": 'sensitive = ["sub/portal/**"]\n', "sub/portal/index.html": GA}
    )
    expected = [("PXL101", "sub/portal/index.html")]
    for named in (["."], ["sub"], [".", "sub"]):
        out = report(cli, *named, cwd=tmp_path)
        assert codes(out) == expected, named
        assert [d["code"] for d in out["diagnostics"]] == []


def test_a_long_chain_of_includes_through_a_skipped_folder_is_followed(tmp_path: Path) -> None:
    files = {f"vendor/t{i}.html": f'{{% include "vendor/t{i + 1}.html" %}}\n' for i in range(1, 12)}
    files |= {"vendor/t12.html": GA, "portal/a.html": '{% include "vendor/t1.html" %}\n'}
    write_tree(tmp_path, files)
    result = api.run([tmp_path], Config(sensitive=("portal/**",)), tmp_path)
    assert [(f.rule, f.location.path) for f in result.findings] == [("PXL102", "vendor/t12.html")]


def test_a_broken_config_elsewhere_does_not_stop_a_run_that_does_not_touch_it(
    cli, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    write_tree(
        tmp_path,
        {
            "pixellint.toml": 'sensitive = ["docs/**"]\n',
            "docs/x.html": GA,
            "sites/b/pixellint.toml": "sensitve = []\n",
            "sites/b/a.html": "<p>x</p>\n",
        },
    )
    assert codes(report(cli, "docs", cwd=tmp_path)) == [("PXL101", "docs/x.html")]
    broken = cli("check", "sites/b", cwd=tmp_path)
    assert broken.code == 2 and "sensitve" in broken.err


def test_a_pyproject_with_broken_toml_and_a_pixellint_table_is_an_error(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname="x"\nname="dup"\n[tool.pixellint]\nsensitive=["portal/**"]\n',
            "portal/index.html": GA,
        },
    )
    out = cli("check", ".", cwd=tmp_path)
    assert out.code == 2 and "pyproject.toml" in out.err


def test_a_directory_alias_does_not_hide_the_real_directory(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_tree(tmp_path, {"pixellint.toml": 'sensitive = ["portal/**"]\n', "portal/index.html": GA})
    (tmp_path / "alias").symlink_to(tmp_path / "portal")
    out = report(cli, ".", cwd=tmp_path)
    assert codes(out) == [("PXL101", "portal/index.html")]
    assert out["diagnostics"] == []


def test_a_config_saved_with_a_bom_is_read(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_tree(
        tmp_path,
        {"pixellint.toml": b'\xef\xbb\xbfsensitive = ["portal/**"]\n', "portal/index.html": GA},
    )
    assert codes(report(cli, ".", cwd=tmp_path)) == [("PXL101", "portal/index.html")]


def test_an_allow_typo_names_the_config_of_its_project(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = monorepo(tmp_path)
    (root / "b/pixellint.toml").write_text('allow = ["meta-pixl"]\n', encoding="utf-8")
    out = cli("check", ".", cwd=root)
    assert out.code == 2 and "b/pixellint.toml" in out.err and "meta-pixel" in out.err


def test_root_below_the_git_top_works_without_a_config(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    write_tree(tmp_path, {"site/portal/index.html": f"<!-- pixellint: sensitive -->\n{GA}"})
    out = report(cli, "--root", "site", "site", cwd=tmp_path)
    assert codes(out) == [("PXL101", "portal/index.html")]


def test_json_lists_every_sensitive_page(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = site(tmp_path)
    out = report(cli, "site", cwd=root)
    assert out["sensitive_pages"] == [
        "site/templates/portal/messages.html",
        "site/templates/portal/results.html",
    ]


def test_a_named_directory_the_config_excludes_is_a_warning_not_a_clean_run(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_tree(
        tmp_path,
        {"pixellint.toml": 'sensitive = ["**"]\nexclude = ["legacy/**"]\n', "legacy/p.html": GA},
    )
    out = report(cli, "legacy", cwd=tmp_path)
    assert [(d["code"], d["level"], d["location"]["path"]) for d in out["diagnostics"]] == [
        ("PXL902", "warning", "legacy")
    ]
    assert "exclude" in out["diagnostics"][0]["message"]
    assert cli("check", "legacy", cwd=tmp_path).code == 1
