"""Google Tag Manager container exports: the tags inside a container reach the pages that load it.

The fixture (fixtures/sites/gtm-container) is shaped on real exports: a layout loads GTM-ABC123,
and gtm/GTM-ABC123_v7.json is that container's export with a GA4 Google tag, a Meta Pixel and a
Hotjar Custom HTML tag, a LinkedIn Insight tag on thank-you pages, a TikTok community template, a
Google Ads conversion on a dataLayer event and a paused Floodlight tag.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, assert_linear

from pixellint import api, catalog, gtm
from pixellint.conventions import gtm as gtm_convention
from pixellint.detect import Detector
from pixellint.filetypes import is_read
from pixellint.model import Finding

SITE = FIXTURES / "sites" / "gtm-container"
EXPORT = "gtm/GTM-ABC123_v7.json"


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(catalog.load())


@pytest.fixture(scope="module")
def reading(detector: Detector) -> gtm.Reading:
    return gtm.read(EXPORT, (SITE / EXPORT).read_text("utf-8"), detector)


def _name_position(text: str, name: str) -> tuple[int, int]:
    at = text.index(f'"name": "{name}"')
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def test_each_tracker_tag_is_one_sighting_at_its_name(reading: gtm.Reading) -> None:
    text = (SITE / EXPORT).read_text("utf-8")
    found = {s.detail.split("'")[1]: s for s in reading.sightings}
    assert {name: s.tracker for name, s in found.items()} == {
        "GA4 - Configuration": "google-analytics",
        "Meta Pixel - Base Code": "meta-pixel",
        "Hotjar - Tracking Code": "hotjar",
        "LinkedIn Insight": "linkedin-insight",
        "TikTok Pixel - PageView": "tiktok-pixel",
        "Google Ads - Appointment Booked": "google-ads",
    }  # the paused Floodlight tag is not there
    for name, sighting in found.items():
        where = sighting.location
        assert (where.line, where.column) == _name_position(text, name)
        assert where.end_column == where.column + len(f'"name": "{name}"')
        assert sighting.how == "gtm-tag" and where.path == EXPORT
    meta, ga4 = found["Meta Pixel - Base Code"].location, found["GA4 - Configuration"].location
    assert (meta.line, meta.column, ga4.line, ga4.column) == (71, 17, 46, 17)


def test_custom_html_is_read_by_the_detector_and_keeps_identity(reading: gtm.Reading) -> None:
    meta = next(s for s in reading.sightings if s.tracker == "meta-pixel")
    # fbq('init', '418276095531246', {em: '{{DLV - patient email}}'}): advanced matching
    assert meta.identity == "fbq('init') with em"
    assert "fbevents.js" in meta.detail and "fbq('track')" in meta.detail
    hotjar = next(s for s in reading.sightings if s.tracker == "hotjar")
    assert hotjar.identity == ""


def test_triggers_are_described_in_the_detail(reading: gtm.Reading) -> None:
    details = {s.tracker: s.detail for s in reading.sightings}
    assert details["google-analytics"] == (
        "GTM tag 'GA4 - Configuration' (Google tag) fires on all pages"
    )
    assert details["linkedin-insight"] == (
        "GTM tag 'LinkedIn Insight' (LinkedIn Insight) fires on Page Path contains /thank-you"
    )
    assert details["google-ads"].endswith("fires on custom event appointment_booked")
    assert "fires on all pages, except Page Path starts with /patient" in details["hotjar"]
    assert details["tiktok-pixel"].startswith(
        "GTM tag 'TikTok Pixel - PageView' (community template 'TikTok Pixel') fires on all pages"
    )
    assert reading.container is not None and reading.container.public_id == "GTM-ABC123"


@pytest.mark.parametrize(
    ("tag", "page", "verdict"),
    [
        ("GA4 - Configuration", "patient/portal.html", gtm.Verdict.FIRES),
        ("Hotjar - Tracking Code", "patient/portal.html", gtm.Verdict.NEVER),  # blocked
        ("Hotjar - Tracking Code", "appointments/thank-you.html", gtm.Verdict.FIRES),
        ("LinkedIn Insight", "patient/portal.html", gtm.Verdict.NEVER),
        ("LinkedIn Insight", "appointments/thank-you.html", gtm.Verdict.FIRES),
        ("LinkedIn Insight", "templates/portal/home.html", gtm.Verdict.UNDECIDED),  # no URL
        ("Hotjar - Tracking Code", "templates/portal/home.html", gtm.Verdict.FIRES),
        ("TikTok Pixel - PageView", "patient/index.html", gtm.Verdict.FIRES),  # DOM Ready
        ("Google Ads - Appointment Booked", "patient/portal.html", gtm.Verdict.ON_EVENT),
    ],
)
def test_which_pages_a_tag_fires_on(
    reading: gtm.Reading, tag: str, page: str, verdict: gtm.Verdict
) -> None:
    assert reading.container is not None
    found = next(t for t in reading.container.tags if t.name == tag)
    assert gtm.fires_on(found, gtm.page_urls(page)) is verdict


@pytest.mark.parametrize(
    ("path", "urls"),
    [
        ("patient/portal.html", ("/patient/portal", "/patient/portal/", "/patient/portal.html")),
        ("patient/index.html", ("/patient/", "/patient", "/patient/index.html")),
        ("index.html", ("/", "/index.html")),
        (
            "content/booking/thanks.md",
            ("/booking/thanks", "/booking/thanks/", "/booking/thanks.html"),
        ),
        ("src/pages/patient/labs.astro", ("/patient/labs", "/patient/labs/", "/patient/labs.html")),
        ("app/(portal)/patient/page.tsx", ("/patient/", "/patient", "/patient/index.html")),
        ("content/portal/_index.md", ("/portal/", "/portal", "/portal/index.html")),
        ("app/views/patients/show.html.erb", None),  # a Rails view: routes decide its URL
        ("templates/portal/home.html", None),
        ("pages/patient/[id].vue", None),
        ("_posts/2024-01-02-flu.md", None),
    ],
)
def test_page_urls_are_derived_from_file_paths(path: str, urls: tuple[str, ...] | None) -> None:
    assert gtm.page_urls(path) == urls


API_STYLE_EXPORT = """{
  "exportFormatVersion": 2,
  "containerVersion": {
    "container": {"publicId": "GTM-WZGRLNZR", "usageContext": ["WEB"]},
    "tag": [
      {"tagId": "12", "name": "Facebook Pixel - Lead Event", "type": "html",
       "parameter": [{"type": "template", "key": "html",
                      "value": "<script>\\nif (typeof fbq !== 'undefined') {\\n  fbq('track', 'Lead', {content_category: '{{dlv - quiz_vertical}}'});\\n}\\n</script>"}],
       "firingTriggerId": ["6"],
       "setupTag": [{"tagName": "Facebook Pixel - Base Code", "stopOnSetupFailure": true}]},
      {"tagId": "11", "name": "Facebook Pixel - Base Code", "type": "html",
       "parameter": [{"type": "template", "key": "html",
                      "value": "<script>\n!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');\nfbq('init', '2107029323394068');\n</script>"}]},
      {"tagId": "13", "name": "Microsoft Clarity - Base Code", "type": "html",
       "parameter": [{"type": "template", "key": "html",
                      "value": "<script type=\\"text/javascript\\">\\n(function(c,l,a,r,i,t,y){c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};t=l.createElement(r);t.async=1;t.src=\\"https://www.clarity.ms/tag/\\"+i;y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);})(window, document, \\"clarity\\", \\"script\\", \\"w8bzd3dzby\\");\\n</script>"}],
       "firingTriggerId": ["7"]},
      {"tagId": "14", "name": "Google tag - Ads", "type": "googtag",
       "parameter": [{"type": "template", "key": "tagId", "value": "AW-16612345678"}],
       "firingTriggerId": ["2147479553"]},
      {"tagId": "15", "name": "GA4 - Google tag", "type": "googtag",
       "parameter": [
         {"type": "template", "key": "tagId", "value": "G-7QX2LM41ZP"},
         {"type": "list", "key": "configSettingsTable", "list": [{"type": "map", "map": [
           {"type": "template", "key": "parameter", "value": "user_id"},
           {"type": "template", "key": "parameterValue", "value": "{{DLV - patient id}}"}]}]}],
       "firingTriggerId": ["2147479553"]}
    ],
    "trigger": [
      {"triggerId": "6", "name": "Custom Event - lead_success", "type": "customEvent",
       "customEventFilter": [{"type": "equals", "parameter": [
         {"type": "template", "key": "arg0", "value": "{{_event}}"},
         {"type": "template", "key": "arg1", "value": "lead_success"}]}]},
      {"triggerId": "7", "name": "Pageview - not the quiz", "type": "pageview",
       "filter": [{"type": "matchRegex", "parameter": [
         {"type": "template", "key": "arg0", "value": "{{Page URL}}"},
         {"type": "template", "key": "arg1", "value": "/quiz/"},
         {"type": "boolean", "key": "negate", "value": "true"}]}]}
    ]
  }
}
"""


def test_api_style_exports_and_negated_conditions(detector: Detector) -> None:
    reading = gtm.read("gtm-calcala.json", API_STYLE_EXPORT, detector)
    assert reading.container is not None
    tags = {t.name: t for t in reading.container.tags}
    trackers = {s.detail.split("'")[1]: s.tracker for s in reading.sightings}
    assert trackers == {
        "Facebook Pixel - Lead Event": "meta-pixel",
        "Facebook Pixel - Base Code": "meta-pixel",
        "Microsoft Clarity - Base Code": "microsoft-clarity",
        "Google tag - Ads": "google-ads",  # a Google tag is the product its AW- id says
        "GA4 - Google tag": "google-analytics",
    }
    identities = {s.detail.split("'")[1]: s.identity for s in reading.sightings}
    assert identities["GA4 - Google tag"] == "user_id in the tag's settings"
    assert identities["Google tag - Ads"] == ""
    base = tags["Facebook Pixel - Base Code"]  # no trigger of its own: it runs as a setup tag
    assert base.describe_firing() == (
        "fires on custom event lead_success (as sequenced tag of 'Facebook Pixel - Lead Event')"
    )
    assert gtm.fires_on(base, gtm.page_urls("portal/index.html")) is gtm.Verdict.ON_EVENT
    clarity = tags["Microsoft Clarity - Base Code"]
    assert (
        clarity.describe_firing() == "fires on all pages where Page URL does not match RegEx /quiz/"
    )
    assert gtm.fires_on(clarity, gtm.page_urls("quiz/step-1.html")) is gtm.Verdict.NEVER
    assert gtm.fires_on(clarity, gtm.page_urls("portal/index.html")) is gtm.Verdict.FIRES
    lead = tags["Facebook Pixel - Lead Event"]
    assert lead.describe_firing() == "fires on custom event lead_success"
    assert gtm.fires_on(lead, gtm.page_urls("portal/index.html")) is gtm.Verdict.ON_EVENT


def test_a_broken_export_is_a_warning_at_the_error(detector: Detector) -> None:
    text = '{\n  "exportFormatVersion": 2,\n  "containerVersion": {\n    "tag": [,]\n  }\n}\n'
    reading = gtm.read("GTM-ABC123_v8.json", text, detector)
    assert reading.container is None and not reading.sightings
    (note,) = reading.diagnostics
    assert (note.code, note.level, note.location.line, note.location.column) == (
        "PXL902",
        "warning",
        4,
        13,
    )


@pytest.mark.parametrize(
    ("path", "read"),
    [
        ("gtm/GTM-ABC123_v7.json", True),
        ("GTM-THXXJNP_workspace4 (1).json", True),
        ("gtm-container.json", True),
        ("analytics/tag-manager/export-2024.json", True),
        ("docs/site-container.json", True),
        ("package.json", False),
        ("data/products.json", False),
        ("locales/en/common.json", False),
    ],
)
def test_which_json_files_are_read_as_possible_exports(path: str, read: bool) -> None:
    """By name only, so a monorepo's JSON is not all parsed; the content decides after."""
    assert bool(re.search(gtm_convention.DATA_FILES, path)) is read
    if read:
        assert is_read(path)


def _run(root: Path, **options: object) -> api.Result:
    return api.run([root], root=root, **options)  # type: ignore[arg-type]


def _finding(result: api.Result, tracker: str) -> Finding:
    (found,) = [
        f for f in result.findings if f.sighting.tracker == tracker and f.sighting.how == "gtm-tag"
    ]
    return found


def test_container_tags_reach_the_pages_that_load_the_container() -> None:
    result = _run(SITE)
    meta = _finding(result, "meta-pixel")
    assert meta.rule == "PXL103" and meta.location.path == EXPORT
    portal = next(e for e in meta.exposures if e.page == "patient/portal.html")
    assert [(s.target, s.kind) for s in portal.chain] == [
        ("layouts/base.html", "extends"),
        (EXPORT, "gtm-container"),
    ]
    hotjar = _finding(result, "hotjar")  # blocked on /patient: only the appointment page
    assert [e.page for e in hotjar.exposures] == ["appointments/thank-you.html"]
    linkedin = _finding(result, "linkedin-insight")  # fires on /thank-you pages only
    assert [e.page for e in linkedin.exposures] == ["appointments/thank-you.html"]
    ads = _finding(result, "google-ads")  # on a dataLayer event: every page, worded so
    assert {e.page for e in ads.exposures} == {"patient/portal.html", "appointments/thank-you.html"}
    assert "only when its trigger's event happens" in ads.message
    assert "GTM tag 'Google Ads - Appointment Booked'" in ads.message


def test_a_container_with_another_id_is_read_but_not_linked() -> None:
    result = _run(SITE)
    other = "gtm/GTM-K7P9WQ2_v2.json"
    assert [s.tracker for s in result.sightings if s.location.path == other] == ["meta-pixel"]
    assert not [f for f in result.findings if f.location.path == other]


def test_the_newest_export_of_a_container_is_the_one_linked(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    older = json.loads((SITE / EXPORT).read_text("utf-8"))
    older["exportTime"] = "2024-11-02 09:14:55"
    older["containerVersion"]["containerVersionId"] = "6"
    (site / "gtm" / "GTM-ABC123_v6.json").write_text(json.dumps(older, indent=4), "utf-8")
    result = _run(site)
    linked = {f.location.path for f in result.findings if f.sighting.how == "gtm-tag"}
    assert linked == {EXPORT}


def test_a_page_whose_url_cannot_be_derived_is_reported_not_dropped(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "templates" / "portal").mkdir(parents=True)
    (site / "templates" / "portal" / "home.html").write_text(
        '{% extends "layouts/base.html" %}\n{% block content %}<h1>Welcome back</h1>{% endblock %}\n',
        "utf-8",
    )
    (site / "pixellint.toml").write_text(
        'sensitive = ["patient/**", "appointments/**", "templates/portal/**"]\n', "utf-8"
    )
    linkedin = _finding(_run(site), "linkedin-insight")
    assert {e.page for e in linkedin.exposures} == {
        "appointments/thank-you.html",
        "templates/portal/home.html",
    }
    assert "cannot be decided from the file path" in linkedin.message
    assert "templates/portal/home.html" in linkedin.message.split("Whether")[1]


def test_cached_facts_give_the_same_findings(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    first = _run(site, cache_dir=tmp_path / "cache")
    (site / "index.html").touch()  # the next run reads facts from the cache, not the run result
    second = _run(site, cache_dir=tmp_path / "cache")
    assert first.findings == second.findings


def test_reading_a_large_container_is_linear(detector: Detector) -> None:
    """Exports of big sites run to megabytes: hundreds of tags, long Custom HTML."""
    export = json.loads((SITE / EXPORT).read_text("utf-8"))
    tags = export["containerVersion"]["tag"]

    def text(copies: int) -> str:
        many = [{**t, "name": f"{t['name']} #{n}"} for n in range(copies) for t in tags]
        return json.dumps(
            {**export, "containerVersion": {**export["containerVersion"], "tag": many}}, indent=4
        )

    texts = {1: text(28), 2: text(56)}  # 0.27 and 0.54 MB
    assert len(texts[2]) > 500_000
    assert_linear(lambda n: gtm.read(EXPORT, texts[n], detector), "container export")
