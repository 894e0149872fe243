"""Every way of marking a page sensitive, and suppressions, in every comment syntax."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_tree

from pixellint import api
from pixellint.config import Config

PIXEL = "<script>fbq('track', 'PageView');</script>\n"


def run(
    tmp_path: Path, files: dict[str, str], cfg: Config | None = None, all_pages: bool = False
) -> api.Result:
    write_tree(tmp_path, files)
    return api.run([tmp_path], cfg or Config(), tmp_path, all_pages=all_pages)


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("page.html", "<!-- pixellint: sensitive -->"),
        ("page.html.j2", "{# pixellint: sensitive #}"),
        ("page.twig", "{# pixellint: sensitive #}"),
        ("page.njk", "{# pixellint: sensitive #}"),
        ("page.liquid", "{% comment %} pixellint: sensitive {% endcomment %}"),
        ("page.hbs", "{{!-- pixellint: sensitive --}}"),
        ("page.hbs", "{{! pixellint: sensitive }}"),
        ("page.gohtml", "{{/* pixellint: sensitive */}}"),
        ("page.html.erb", "<%# pixellint: sensitive %>"),
        ("page.php", "<?php // pixellint: sensitive ?>"),
        ("page.php", "<?php /* pixellint: sensitive */ ?>"),
        ("page.html", '<meta name="pixellint" content="sensitive">'),
        ("page.html", "<META CONTENT='sensitive' NAME='pixellint'>"),
        ("page.md", "---\ntitle: Intake\npixellint: sensitive\n---"),
        ("page.md", "+++\ntitle = 'Intake'\npixellint = \"sensitive\"\n+++"),
    ],
)
def test_each_way_of_marking_a_page(tmp_path: Path, name: str, marker: str) -> None:
    result = run(tmp_path, {name: f"{marker}\n{PIXEL}"})
    assert result.sensitive_pages == (name,)
    assert [f.rule for f in result.findings] == ["PXL101"]


def test_marker_in_prose_is_not_a_marker(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        {"docs.html": f"<p>Add pixellint: sensitive in a comment to mark a page.</p>\n{PIXEL}"},
    )
    assert result.sensitive_pages == () and result.findings == ()


def test_config_globs_with_double_star_relative_to_the_root(tmp_path: Path) -> None:
    files = {
        "portal/a/b/records.html": PIXEL,
        "public/index.html": PIXEL,
        "appointments.html": PIXEL,
    }
    result = run(tmp_path, files, Config(sensitive=("portal/**", "appointments.html")))
    assert result.sensitive_pages == ("appointments.html", "portal/a/b/records.html")


def test_directory_glob_marks_every_page_below(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        {"patients/x.html": PIXEL, "patients/sub/y.html": PIXEL},
        Config(sensitive=("patients/",)),
    )
    assert len(result.findings) == 2


def test_nothing_marked_is_said_plainly_not_mistaken_for_clean(tmp_path: Path) -> None:
    from pixellint.report.text import render

    result = run(tmp_path, {"a.html": PIXEL, "b.html": PIXEL, "c.html": "<p>hi</p>"})
    assert result.findings == () and result.marked == 0
    assert (
        "No page is marked sensitive, so nothing was judged: 2 tracker sightings on 2 files in 3 scanned."
        in render(result)
    )


def test_all_pages_audits_every_file_including_scripts(tmp_path: Path) -> None:
    result = run(
        tmp_path, {"a.html": PIXEL, "src/track.js": "gtag('event', 'sign_up');\n"}, all_pages=True
    )
    assert [(f.rule, f.location.path) for f in result.findings] == [
        ("PXL101", "a.html"),
        ("PXL101", "src/track.js"),
    ]


def test_allow_accepts_a_tracker_everywhere(tmp_path: Path) -> None:
    files = {
        "p.html": "<!-- pixellint: sensitive -->\n"
        + PIXEL
        + '<script src="https://www.googletagmanager.com/gtm.js?id=GTM-ABC1234"></script>\n'
    }
    result = run(tmp_path, files, Config(allow=("google-tag-manager",)))
    assert [f.sighting.tracker for f in result.findings] == ["meta-pixel"]


# --- suppressions ---------------------------------------------------------------------------

GTM = '<script src="https://sgtm.clinic.example/gtm.js?id=GTM-ABC1234"></script>'


@pytest.mark.parametrize(
    ("name", "comment"),
    [
        (
            "p.html",
            "<!-- pixellint: ignore[google-tag-manager] server-side container under a BAA, reviewed 2026-11 -->",
        ),
        ("p.html.j2", "{# pixellint: ignore[PXL101] server-side container under a BAA #}"),
        (
            "p.liquid",
            "{% comment %}pixellint: ignore[tracker-on-sensitive-page] reviewed{% endcomment %}",
        ),
        ("p.hbs", "{{!-- pixellint: ignore[google-tag-manager] reviewed --}}"),
        ("p.html.erb", "<%# pixellint: ignore[google-tag-manager] reviewed %>"),
        ("p.php", "<?php // pixellint: ignore[google-tag-manager] reviewed ?>"),
    ],
)
def test_suppression_on_the_line_before_in_each_syntax(
    tmp_path: Path, name: str, comment: str
) -> None:
    result = run(tmp_path, {name: f"<!-- pixellint: sensitive -->\n{comment}\n{GTM}\n"})
    assert result.findings == ()
    assert result.suppressed == 1
    assert [d.code for d in result.diagnostics] == []


def test_suppression_inside_a_script_and_on_the_same_line(tmp_path: Path) -> None:
    text = "<!-- pixellint: sensitive -->\n<script>\n  fbq('track', 'Lead'); // pixellint: ignore[meta-pixel] consented form, reviewed\n</script>\n"
    assert run(tmp_path, {"p.html": text}).findings == ()


def test_suppression_names_only_what_it_names(tmp_path: Path) -> None:
    text = (
        f"<!-- pixellint: sensitive -->\n<!-- pixellint: ignore[hotjar] not this one -->\n{GTM}\n"
    )
    assert [f.sighting.tracker for f in run(tmp_path, {"p.html": text}).findings] == [
        "google-tag-manager"
    ]


def test_suppression_without_a_reason_is_honoured_and_flagged(tmp_path: Path) -> None:
    text = f"<!-- pixellint: sensitive -->\n<!-- pixellint: ignore[google-tag-manager] -->\n{GTM}\n"
    result = run(tmp_path, {"p.html": text})
    assert result.findings == ()
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("PXL904", 2)]


def test_file_wide_suppression(tmp_path: Path) -> None:
    text = f"<!-- pixellint: sensitive -->\n<!-- pixellint: ignore-file[google-tag-manager] consent manager blocks it -->\n<p>x</p>\n\n\n{GTM}\n"
    assert run(tmp_path, {"p.html": text}).findings == ()


def test_a_line_comment_suppression_without_reason_is_flagged_in_crlf_files(tmp_path: Path) -> None:
    text = "<!-- pixellint: sensitive -->\r\n<script>\r\n// pixellint: ignore[meta-pixel]\r\nfbq('init', '1');\r\n</script>\r\n"
    result = run(tmp_path, {"p.html": text})
    assert result.findings == ()
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("PXL904", 3)]


def test_a_marker_shown_in_a_markdown_code_fence_marks_nothing(tmp_path: Path) -> None:
    text = (
        "# Marking pages\n\nWrite this in a template:\n\n```html\n<!-- pixellint: sensitive -->\n```\n\n"
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>\n'
    )
    result = run(tmp_path, {"docs/marking.md": text})
    assert result.findings == () and result.marked == 0


def test_a_suppression_naming_an_unknown_tracker_is_flagged_with_the_closest_id(
    tmp_path: Path,
) -> None:
    text = (
        "<!-- pixellint: sensitive -->\n<!-- pixellint: ignore[meta-pixl] consent banner -->\n"
        "<script>fbq('init', '1');</script>\n"
    )
    result = run(tmp_path, {"p.html": text})
    assert [f.sighting.tracker for f in result.findings] == ["meta-pixel"]
    (note,) = result.diagnostics
    assert (note.code, note.location.line) == ("PXL904", 2)
    assert note.message.startswith(
        "suppression names unknown 'meta-pixl'; did you mean 'meta-pixel'"
    )


def test_a_suppression_that_covers_no_tracker_is_flagged(tmp_path: Path) -> None:
    text = "<!-- pixellint: ignore[hotjar] removed in 2025 -->\n<p>No tracker here any more.</p>\n"
    result = run(tmp_path, {"p.html": text})
    assert [(d.code, d.location.line, d.message) for d in result.diagnostics] == [
        ("PXL904", 1, "suppression matches no tracker here; remove it")
    ]
