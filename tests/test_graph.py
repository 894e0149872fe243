"""The template graph on small sites shaped like each ecosystem: exact trackers, pages and chains."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, write_tree

from pixellint import api, config
from pixellint.api import Result

SITES = FIXTURES / "sites"


def scan(site: str, *paths: str) -> Result:
    root = SITES / site
    found = config.config_in(root)
    cfg = config.load(found) if found and found.parent == root else config.Config()
    targets = [root / p for p in paths] if paths else [root]
    return api.run(targets, cfg, root)


def chains(result: Result) -> set[str]:
    """'RULE tracker path:line <= page via a -> b' for every finding and page."""
    out = set()
    for f in result.findings:
        for e in f.exposures:
            via = " -> ".join([e.page, *(s.target for s in e.chain)])
            out.add(f"{f.rule} {f.sighting.tracker} {f.location.path}:{f.location.line} <= {via}")
    return out


EXPECTED = {
    "jekyll": {
        "PXL102 google-analytics _includes/analytics.html:1 <= portal/index.md -> _layouts/portal.html -> _layouts/default.html -> _includes/head.html -> _includes/analytics.html",
        "PXL102 google-analytics _includes/analytics.html:1 <= portal/messages.html -> _layouts/portal.html -> _layouts/default.html -> _includes/head.html -> _includes/analytics.html",
        "PXL102 google-analytics _includes/analytics.html:5 <= portal/index.md -> _layouts/portal.html -> _layouts/default.html -> _includes/head.html -> _includes/analytics.html",
        "PXL102 google-analytics _includes/analytics.html:5 <= portal/messages.html -> _layouts/portal.html -> _layouts/default.html -> _includes/head.html -> _includes/analytics.html",
    },
    "hugo": {
        "PXL102 microsoft-clarity layouts/partials/analytics/clarity.html:5 <= content/portal/records.md -> layouts/portal/single.html -> layouts/_default/baseof.html -> layouts/partials/head.html -> layouts/partials/analytics/clarity.html",
        "PXL102 google-analytics layouts/partials/head.html:2 <= content/portal/records.md -> layouts/portal/single.html -> layouts/_default/baseof.html -> layouts/partials/head.html",
    },
    "wordpress": {
        "PXL102 google-analytics wp-content/themes/clinic/functions.php:4 <= wp-content/themes/clinic/page-patient-portal.php -> wp-content/themes/clinic/header.php -> wp-content/themes/clinic/functions.php",
        "PXL102 hotjar wp-content/themes/clinic/functions.php:10 <= wp-content/themes/clinic/page-patient-portal.php -> wp-content/themes/clinic/header.php -> wp-content/themes/clinic/functions.php",
        "PXL102 meta-pixel wp-content/themes/clinic/template-parts/analytics-meta.php:2 <= wp-content/themes/clinic/page-patient-portal.php -> wp-content/themes/clinic/header.php -> wp-content/themes/clinic/template-parts/analytics-meta.php",
    },
    "shopify": {
        "PXL102 tiktok-pixel snippets/tiktok-pixel.liquid:5 <= templates/customers/account.json -> layout/theme.liquid -> snippets/tiktok-pixel.liquid",
        "PXL102 tiktok-pixel snippets/tiktok-pixel.liquid:5 <= templates/customers/login.liquid -> layout/theme.liquid -> snippets/tiktok-pixel.liquid",
        "PXL103 tiktok-pixel sections/main-account.liquid:2 <= templates/customers/account.json -> sections/main-account.liquid",
    },
    "ghost": {
        "PXL102 hotjar partials/analytics.hbs:8 <= page-members.hbs -> default.hbs -> partials/analytics.hbs",
    },
    "django": {
        "PXL102 google-tag-manager clinic/templates/partials/analytics.html:5 <= clinic/templates/portal/dashboard.html -> clinic/templates/base.html -> clinic/templates/partials/analytics.html",
    },
    "rails": {
        "PXL102 segment app/views/shared/_analytics.html.erb:3 <= app/views/patients/show.html.erb -> app/views/layouts/application.html.erb -> app/views/shared/_analytics.html.erb",
        "PXL103 segment app/views/patients/show.html.erb:2 <= app/views/patients/show.html.erb",
    },
    "eleventy": {
        "PXL102 plausible _includes/analytics.njk:1 <= portal/index.md -> _includes/layouts/base.njk -> _includes/analytics.njk",
    },
    "drupal": {
        "PXL102 linkedin-insight themes/custom/clinic/templates/html.html.twig:5 <= themes/custom/clinic/templates/node--patient-record.html.twig -> themes/custom/clinic/templates/page.html.twig -> themes/custom/clinic/templates/html.html.twig",
    },
    "ejs": {
        "PXL102 linkedin-insight views/partials/head.ejs:3 <= views/portal.ejs -> views/partials/head.ejs",
    },
}


@pytest.mark.parametrize("site", sorted(EXPECTED))
def test_trackers_reach_sensitive_pages_through_the_exact_chain(site: str) -> None:
    assert chains(scan(site)) == EXPECTED[site]


def test_unreachable_partials_are_not_violations() -> None:
    result = scan("jekyll")
    assert "_includes/unused-pixel.html" in {s.location.path for s in result.sightings}
    assert all(f.location.path != "_includes/unused-pixel.html" for f in result.findings)


def test_missing_and_dynamic_includes_are_notes_and_hide_nothing() -> None:
    notes = {
        (d.location.path, d.location.line, d.code, d.message.split(" (")[0])
        for d in scan("jekyll").diagnostics
    }
    assert notes == {
        ("_includes/head.html", 6, "PXL903", "cannot follow 'missing-banner.html'"),
        ("_layouts/default.html", 8, "PXL903", "cannot follow '{{ page.widget }}'"),
    }
    dynamic = scan("django").diagnostics
    assert [(d.location.path, "dynamic name" in d.message) for d in dynamic] == [
        ("clinic/templates/portal/widget.html", True)
    ]


def test_include_cycles_terminate() -> None:
    result = scan("jekyll", "_includes/cycle-a.html")
    assert result.findings == ()


def test_layout_marked_sensitive_makes_its_pages_sensitive() -> None:
    result = scan("jekyll")
    assert set(result.sensitive_pages) >= {
        "_layouts/portal.html",
        "portal/index.md",
        "portal/messages.html",
    }
    assert "about.md" not in result.sensitive_pages


def test_layout_none_opts_a_shopify_template_out_of_theme_liquid() -> None:
    reached = {e.page for f in scan("shopify").findings for e in f.exposures}
    assert "templates/gift_card.liquid" not in reached


# --- pre-commit: only changed files are passed --------------------------------------------------


def test_changing_only_a_partial_reports_the_sensitive_pages_it_reaches() -> None:
    result = scan("django", "clinic/templates/partials/analytics.html")
    assert chains(result) == EXPECTED["django"]


def test_changing_only_the_sensitive_page_reports_the_tracker_in_its_layout() -> None:
    result = scan("django", "clinic/templates/portal/dashboard.html")
    assert chains(result) == EXPECTED["django"]


def test_changing_a_file_on_the_chain_reports_the_finding() -> None:
    result = scan("jekyll", "_includes/head.html")
    assert chains(result) == EXPECTED["jekyll"]


def test_changing_an_unrelated_file_does_not_report_old_findings() -> None:
    assert scan("django", "clinic/templates/home.html").findings == ()
    assert scan("jekyll", "about.md").findings == ()


def test_a_new_sensitive_page_using_a_tracked_layout_changes_the_result(tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(SITES / "django", site)
    before = api.run([site], config.Config(), site)
    page = site / "clinic/templates/portal/lab_results.html"
    page.write_text(
        '{% extends "base.html" %}\n{# pixellint: sensitive #}\n{% block content %}Results{% endblock %}\n'
    )
    after = api.run([page], config.Config(), site)
    (finding,) = after.findings
    assert finding.location.path == "clinic/templates/partials/analytics.html"
    assert {e.page for e in finding.exposures} == {
        "clinic/templates/portal/dashboard.html",
        "clinic/templates/portal/lab_results.html",
    }
    assert before.findings != after.findings


def test_computed_include_names_reach_every_file_they_can_name(tmp_path: Path) -> None:
    """mkdocs-material: {% include "partials/integrations/analytics/" ~ provider ~ ".html" %}."""
    files = {
        "templates/main.html": '{% extends "base.html" %}\n{# pixellint: sensitive #}\n',
        "templates/base.html": '<head>{% include "partials/analytics.html" %}</head>',
        "templates/partials/analytics.html": '{% if config.extra.analytics %}\n  {% include "partials/analytics/" ~ provider ~ ".html" %}\n{% endif %}\n',
        "templates/partials/analytics/google.html": '<script async src="https://www.googletagmanager.com/gtag/js?id={{ property }}"></script>\n',
        "templates/partials/analytics/none.html": "<!-- no analytics -->\n",
    }
    result = api.run([write_tree(tmp_path, files)], config.Config(), tmp_path)
    assert chains(result) == {
        "PXL102 google-analytics templates/partials/analytics/google.html:1 <= templates/main.html -> templates/base.html -> templates/partials/analytics.html -> templates/partials/analytics/google.html"
    }


def test_hexo_partial_and_js_helpers_are_followed(tmp_path: Path) -> None:
    files = {
        "layout/post.njk": "{% extends '_layout.njk' %}\n{# pixellint: sensitive #}\n",
        "layout/_layout.njk": "<head>{{ partial('_third-party/analytics/index.njk', {}, {cache: true}) }}</head>",
        "layout/_third-party/analytics/index.njk": "{%- include 'growingio.njk' -%}\n",
        "layout/_third-party/analytics/growingio.njk": "{{ next_js('third-party/analytics/growingio.js') }}\n",
        "source/js/third-party/analytics/growingio.js": "gio('init', `${CONFIG.growingio_analytics}`, {});\n",
    }
    result = api.run([write_tree(tmp_path, files)], config.Config(), tmp_path)
    assert chains(result) == {
        "PXL102 growingio source/js/third-party/analytics/growingio.js:1 <= layout/post.njk -> layout/_layout.njk -> layout/_third-party/analytics/index.njk -> layout/_third-party/analytics/growingio.njk -> source/js/third-party/analytics/growingio.js"
    }
