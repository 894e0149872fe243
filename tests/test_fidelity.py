"""Detection fidelity on patterns from real sites: every call of one occurrence is located, and
data handed to a tag manager by declaration (`dataLayer = [{…}]`, `utag_data.page_type = …`)
counts, while the shared `dataLayer` stub of a gtag snippet does not."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_tree

from pixellint import api, config
from pixellint.report import formatter

FORM_HANDLER = """<!doctype html>
<html><body>
<form id="appointment"></form>
<script>
document.getElementById('appointment').addEventListener('submit', async (event) => {
  const ok = await send(event.target);
  if (ok) {
    window.dataLayer.push({ event: 'form_success', form: 'appointment' });
  } else {
    window.dataLayer.push({ event: 'form_error', form: 'appointment' });
  }
});
function step(n) {
  if (n === 1) { utag.link({ step: 'insurance' }); }
  else { utag.link({ step: 'symptoms' }); utag.link({ step: 'confirm' }); }
}
</script>
</body></html>
"""


def scan(root: Path, files: dict[str, str]) -> api.Result:
    write_tree(root, {**files, "pixellint.toml": 'sensitive = ["**"]\n'})
    return api.run([root], config.load(root / "pixellint.toml"), root)


def positions(result: api.Result, tracker: str) -> list[list[tuple[int, int]]]:
    """Per sighting of `tracker`: its primary position, then the further calls it holds."""
    return [
        [(s.location.line, s.location.column), *((a.line, a.column) for a in s.also)]
        for s in result.sightings
        if s.tracker == tracker
    ]


def test_every_call_in_one_handler_is_a_location_of_its_occurrence(tmp_path: Path) -> None:
    result = scan(tmp_path, {"book.html": FORM_HANDLER})
    assert positions(result, "google-tag-manager") == [[(8, 5), (10, 5)]]
    assert positions(result, "tealium-iq") == [[(14, 18), (15, 10), (15, 43)]]


def test_further_calls_are_in_json_sarif_and_text(tmp_path: Path) -> None:
    result = scan(tmp_path, {"book.html": FORM_HANDLER})
    document = json.loads(formatter("json")(result))
    gtm = next(f for f in document["findings"] if f["tracker"] == "google-tag-manager")
    assert [(a["line"], a["column"]) for a in gtm["also"]] == [(10, 5)]
    log = json.loads(formatter("sarif")(result))
    sarif_gtm = next(
        r for r in log["runs"][0]["results"] if r["properties"]["tracker"] == "google-tag-manager"
    )
    calls = [
        r["physicalLocation"]["region"]
        for r in sarif_gtm["relatedLocations"]
        if "another call" in r["message"]["text"]
    ]
    assert [(c["startLine"], c["startColumn"]) for c in calls] == [(10, 5)]
    ids = [r["id"] for r in sarif_gtm["relatedLocations"]]
    assert len(ids) == len(set(ids))
    text = formatter("text")(result)
    assert "    also sends from 15:10, 15:43" in text


def test_a_data_layer_declared_with_data_is_handed_to_the_tag_manager(tmp_path: Path) -> None:
    page = (
        "<html><head>\n<script>\n"
        "  dataLayer = [{ pageType: 'appointment', clinic: 'cardiology' }];\n"
        "</script>\n</head></html>\n"
    )
    assert positions(scan(tmp_path, {"book.html": page}), "google-tag-manager") == [[(3, 3)]]


def test_the_gtag_stub_and_an_empty_data_layer_are_no_tag_manager(tmp_path: Path) -> None:
    page = (
        "<html><head>\n"
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ"></script>\n'
        "<script>\n  window.dataLayer = window.dataLayer || [];\n  var dataLayer = [];\n"
        "  function gtag(){dataLayer.push(arguments);}\n  gtag('js', new Date());\n"
        "  gtag('config', 'G-ABC123XYZ');\n</script>\n</head></html>\n"
    )
    result = scan(tmp_path, {"index.html": page})
    assert {s.tracker for s in result.sightings} == {"google-analytics"}


def test_properties_set_on_a_vendor_data_object_count(tmp_path: Path) -> None:
    page = (
        "<html><head>\n<script>\n"
        "  var utag_data = {};\n"
        "  utag_data.page_type = 'patient-portal';\n"
        "</script>\n<script>\n"
        "  window.digitalData.page = { name: 'lab results' };\n"
        "</script>\n</head></html>\n"
    )
    result = scan(tmp_path, {"portal.html": page})
    assert positions(result, "tealium-iq") == [[(3, 7), (4, 3)]]
    assert positions(result, "adobe-launch") == [[(7, 3)]]


def test_a_property_of_an_unrelated_object_is_not_a_vendor_global(tmp_path: Path) -> None:
    page = "<html><script>\n  var config = {};\n  config.utag_data = 1;\n  dataLayer.length = 0;\n</script></html>\n"
    assert scan(tmp_path, {"a.html": page}).sightings == ()


MINIFIED = (
    "!function(){var e=function(t){return t*2};function r(){}FS(e,3);qp(0,1);ga(e,r);hj();}();\n"
    "var n=ga(t,e),o=fbq(n.x,n.y);\n"
)
VENDOR_CALLS = (
    "ga('send', 'pageview');\n"
    "hj('identify', userId, { plan: 'basic' });\n"
    "FS('setIdentity', { uid: 'abc' });\n"
    "qp(`track`, 'ViewContent');\n"
)


def test_short_globals_in_a_minified_bundle_are_not_trackers(tmp_path: Path) -> None:
    assert scan(tmp_path, {"static/js/bundle.min.js": MINIFIED}).sightings == ()


def test_short_globals_with_a_command_string_are_the_vendors(tmp_path: Path) -> None:
    result = scan(tmp_path, {"static/js/analytics.js": VENDOR_CALLS})
    found = {(s.location.line, s.tracker) for s in result.sightings}
    assert found == {
        (1, "google-analytics"),
        (2, "hotjar"),
        (3, "fullstory"),
        (4, "quora-pixel"),
    }


def test_a_module_binding_named_like_a_vendor_global_is_not_the_vendor(tmp_path: Path) -> None:
    server = (
        "const express = require('express');\n"
        "const digitalData = require('./digital-data');\n"
        "const utag_data = await import('./utag-data.js');\n"
        "function page(req) {\n  const digitalData = { page: req.path };\n  return digitalData;\n}\n"
        "module.exports = express().get('/', (req, res) => res.json(page(req)));\n"
    )
    assert scan(tmp_path, {"server/app.js": server}).sightings == ()


def test_a_top_level_declaration_in_a_page_script_is_the_vendor_data(tmp_path: Path) -> None:
    page = "<html><script>\nconst digitalData = { page: { name: 'results' } };\n</script></html>\n"
    assert positions(scan(tmp_path, {"results.html": page}), "adobe-launch") == [[(2, 7)]]


APP_MEASUREMENT = (
    'function AppMeasurement(r){var a=this;a.version="2.22.0";}\n'
    'var s_account="acmehealth";var s=s_gi(s_account);s.trackingServer="metrics.example.com";\n'
)


def test_a_vendor_file_in_the_project_is_one_occurrence_not_two(tmp_path: Path) -> None:
    page = '<html><head>\n<script src="/js/AppMeasurement.js"></script>\n</head></html>\n'
    result = scan(tmp_path, {"book.html": page, "js/AppMeasurement.js": APP_MEASUREMENT})
    assert [(f.rule, f.location.path, f.location.line) for f in result.findings] == [
        ("PXL102", "js/AppMeasurement.js", 2)
    ]
    assert [e.page for e in result.findings[0].exposures] == ["book.html"]


def test_a_vendor_file_name_whose_file_is_missing_is_still_reported(tmp_path: Path) -> None:
    page = '<html><head>\n<script src="/js/AppMeasurement.js"></script>\n</head></html>\n'
    result = scan(tmp_path, {"book.html": page})
    assert [(f.rule, f.location.path, f.location.line) for f in result.findings] == [
        ("PXL101", "book.html", 2)
    ]


CUSTOM_HOSTS = """<html><head>
<script src="https://tealium-tags.agency.example/acmehealth/prod/utag.js"></script>
<script src="//tags.acmehealth.org/acme/main/prod/utag.sync.js"></script>
<script src="https://assets.acmehealth.org/launch-ENabc123-development.min.js"></script>
<script src="https://metrics.acmehealth.org/js/AppMeasurement.js"></script>
<script async src="https://sgtm.acmehealth.org/gtm.js?id=GTM-ABC1234"></script>
<script async src="https://data.acmehealth.org/gtag/js?id=G-ABCDEF1234"></script>
<script async src="https://data.acmehealth.org/gtag/js?id=AW-123456789"></script>
<script async src="https://px.acmehealth.org/en_US/fbevents.js"></script>
</head></html>
"""
NOT_VENDOR_FILES = """<html><head>
<script src="https://cdn.example.com/utag.js.map"></script>
<script src="/js/mylaunch-pad.min.js"></script>
<script src="/js/fbevents-polyfill.js"></script>
<script src="/static/gtag/jsx/app.js"></script>
</head></html>
"""


def test_vendor_files_on_custom_hosts_are_the_vendor_and_name_the_host(tmp_path: Path) -> None:
    result = scan(tmp_path, {"book.html": CUSTOM_HOSTS})
    found = [(s.location.line, s.tracker, s.detail) for s in result.sightings]
    assert found == [
        (
            2,
            "tealium-iq",
            "loader; served from tealium-tags.agency.example, not the vendor's own host",
        ),
        (3, "tealium-iq", "loader; served from tags.acmehealth.org, not the vendor's own host"),
        (4, "adobe-launch", "loader; served from assets.acmehealth.org, not the vendor's own host"),
        (
            5,
            "adobe-analytics",
            "loader; served from metrics.acmehealth.org, not the vendor's own host",
        ),
        (
            6,
            "google-tag-manager",
            "loader; served from sgtm.acmehealth.org, not the vendor's own host",
        ),
        (
            7,
            "google-analytics",
            "loader; served from data.acmehealth.org, not the vendor's own host",
        ),
        (8, "google-ads", "loader; served from data.acmehealth.org, not the vendor's own host"),
        (9, "meta-pixel", "loader; served from px.acmehealth.org, not the vendor's own host"),
    ]


def test_lookalike_file_names_are_not_vendor_files(tmp_path: Path) -> None:
    assert scan(tmp_path, {"book.html": NOT_VENDOR_FILES}).sightings == ()


CONFIGURED = """<html><head>
<script async defer data-website-id="{{ site.umami_id }}" src="{{ theme.umami.script_url }}"></script>
<script defer data-domain="acmehealth.org" src="<%= ENV['PLAUSIBLE_URL'] %>/js/script.js"></script>
<script defer data-domain="acmehealth.org" src="/js/app.js"></script>
<script defer src="{{ site.cdn }}/js/app.js"></script>
</head></html>
"""


def test_a_configured_url_with_the_vendor_attributes_is_a_warning(tmp_path: Path) -> None:
    result = scan(tmp_path, {"layouts/base.html": CONFIGURED})
    found = [
        (f.rule, f.sighting.tracker, f.location.line, f.location.column) for f in result.findings
    ]
    assert found == [
        ("PXL104", "umami-self-hosted", 2, 1),
        ("PXL104", "plausible-self-hosted", 3, 1),
    ]
    assert "{{ theme.umami.script_url }}" in result.findings[0].message
    assert "cannot tell whether it is the vendor's cloud" in result.findings[0].message
    log = json.loads(formatter("sarif")(result))
    assert {r["level"] for r in log["runs"][0]["results"]} == {"warning"}


def test_the_vendor_attributes_on_a_literal_first_party_script_are_not_configured(
    tmp_path: Path,
) -> None:
    page = (
        '<html><script defer data-domain="acmehealth.org" src="/js/plausible.js"></script></html>\n'
    )
    assert scan(tmp_path, {"index.html": page}).findings == ()


MATOMO = """<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  (function() {
    var u="{{ site.matomo_url }}/";
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '{{ site.matomo_id }}']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s);
  })();
</script>
"""


def test_matomo_sent_to_a_configured_url_is_a_warning(tmp_path: Path) -> None:
    result = scan(tmp_path, {"_includes/analytics.html": MATOMO})
    assert [(f.rule, f.sighting.tracker, f.location.line) for f in result.findings] == [
        ("PXL104", "matomo", 2)
    ]
    assert "{{ site.matomo_url }}" in result.findings[0].message


def test_matomo_on_a_first_party_path_keeps_the_self_hosted_exemption(tmp_path: Path) -> None:
    own = MATOMO.replace("{{ site.matomo_url }}/", "/analytics/")
    assert scan(tmp_path, {"_includes/analytics.html": own}).findings == ()


def test_session_replay_through_a_namespace_import_and_plain_sentry(tmp_path: Path) -> None:
    replay = (
        'import * as Sentry from "@sentry/browser";\n\nSentry.init({\n'
        '  dsn: "https://examplePublicKey@o0.ingest.sentry.io/0",\n'
        "  integrations: [Sentry.browserTracingIntegration(), Sentry.replayIntegration()],\n"
        "});\n"
    )
    plain = 'import * as Sentry from "@sentry/browser";\nSentry.init({ dsn: "https://k@o0.ingest.sentry.io/0" });\n'
    result = scan(tmp_path, {"src/sentry.ts": replay, "src/errors.ts": plain})
    assert [
        (s.location.path, s.location.line, s.location.column, s.tracker) for s in result.sightings
    ] == [("src/sentry.ts", 5, 54, "sentry-replay")]


def test_a_class_or_an_object_the_site_makes_shadows_a_vendor_name(tmp_path: Path) -> None:
    code = (
        "class Intercom { constructor(o) { this.o = o; } }\n"
        "const phone = new Intercom({ line: 2 });\n"
        "var drift = makeDrift(); drift.load('abc');\n"
    )
    assert scan(tmp_path, {"src/phone.js": code}).sightings == ()


def test_a_configured_loader_beside_a_tag_manager_data_layer_is_that_tag_manager(
    tmp_path: Path,
) -> None:
    page = (
        "<html><head>\n<script>\n"
        '  window.digitalData = { page: { pageInfo: { pageName: "{{ page.title }}" } } };\n'
        "</script>\n"
        '<script src="{{ site.adobeTrackingUrl }}" async></script>\n'
        '<script src="{{ site.assets }}/js/app.js"></script>\n'
        "</head></html>\n"
    )
    result = scan(tmp_path, {"results.html": page})
    found = [(f.rule, f.sighting.tracker, f.location.line) for f in result.findings]
    assert found == [("PXL101", "adobe-launch", 3), ("PXL104", "adobe-launch", 5)]
    assert "sets digitalData" in result.findings[1].message


def test_a_configured_script_with_no_data_layer_names_no_vendor(tmp_path: Path) -> None:
    page = '<html><head><script src="{{ site.chatWidgetUrl }}"></script></head></html>\n'
    assert scan(tmp_path, {"index.html": page}).sightings == ()


AEM_COMPONENT = """(function() {
    "use strict";
    var dataLayerEnabled;
    var dataLayer;
    var dataLayerName;
    function onShow(item) {
        if (dataLayerEnabled) {
            dataLayer.push({ component: {} });
            dataLayer.push({ event: "cmp:show", eventInfo: { path: item.id } });
        }
    }
    function onDocumentReady() {
        dataLayerEnabled = document.body.hasAttribute("data-cmp-data-layer-enabled");
        dataLayerName = document.body.getAttribute("data-cmp-data-layer-name") || "adobeDataLayer";
        dataLayer = window[dataLayerName] = window[dataLayerName] || [];
    }
    document.addEventListener("DOMContentLoaded", onDocumentReady);
}());
"""


def test_a_local_bound_to_a_renamed_data_layer_is_that_vendor(tmp_path: Path) -> None:
    """Adobe's Core Components keep a local `dataLayer` for window.adobeDataLayer (or the name
    the page configures): its pushes are Adobe's, not Google Tag Manager's."""
    result = scan(tmp_path, {"clientlibs/accordion.js": AEM_COMPONENT})
    assert positions(result, "google-tag-manager") == []
    assert positions(result, "adobe-launch") == [[(8, 13), (9, 13)], [(15, 21)]]
    push = next(s for s in result.sightings if s.location.line == 8)
    assert push.detail == "dataLayer.push() on window.adobeDataLayer"


def test_a_short_local_for_a_vendor_queue_is_the_vendor(tmp_path: Path) -> None:
    page = (
        "<html><script>\n"
        "var dl = window.dataLayer = window.dataLayer || [];\n"
        "dl.push({ event: 'appointment_booked' });\n"
        "var dataLayerName = window.cfg.name || 'pageData';\n"
        "window[dataLayerName].push({ event: 'x' });\n"  # a name no vendor uses
        "</script></html>\n"
    )
    result = scan(tmp_path, {"book.html": page})
    assert positions(result, "google-tag-manager") == [[(3, 1)]]
    assert len(result.sightings) == 1


def test_a_name_bound_to_two_globals_is_left_alone(tmp_path: Path) -> None:
    page = (
        "<html><script>\n"
        "var q = window.dataLayer || [];\n"
        "if (window.cfg.adobe) { q = window.adobeDataLayer || []; }\n"
        "q.push({ event: 'x' });\n"
        "</script></html>\n"
    )
    assert [s.location.line for s in scan(tmp_path, {"a.html": page}).sightings] == []


EXPRESS_PAGE = """const express = require('express');
const analytics = require('./lib/analytics');
const app = express();

app.get('/appointments', (req, res) => {
  res.send(`<!doctype html><html><head>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>
</head><body><h1>Book a visit</h1></body></html>`);
});

module.exports = app;
"""


def test_markup_a_server_module_sends_is_a_page_and_judged_where_written(tmp_path: Path) -> None:
    result = scan(tmp_path, {"server.js": EXPRESS_PAGE})
    [finding] = result.findings
    assert (finding.rule, finding.sighting.tracker) == ("PXL101", "google-analytics")
    assert (finding.sighting.location.line, finding.sighting.location.column) == (7, 32)
    assert finding.sighting.detail == "loads https://www.googletagmanager.com/gtag/js?id=G-ABC123"


def test_a_server_module_that_writes_no_markup_is_no_page_even_when_all_are(tmp_path: Path) -> None:
    server = EXPRESS_PAGE.replace("res.send(`", "res.json(`{").replace("</html>`", "`")
    server = server.replace("<", "&lt;")  # no markup: the string is data
    server += "const u = 'https://www.googletagmanager.com/gtag/js?id=G-ABC123';\n"
    write_tree(tmp_path, {"server.js": server})
    result = api.run([tmp_path], config.Config(), tmp_path, all_pages=True)
    assert result.findings == ()
    [note] = [d for d in result.diagnostics if d.code == "PXL907"]
    assert "no file of this project is a page (server-only modules are none)" in note.message


def test_a_site_function_named_like_the_vendor_that_calls_its_global_is_the_vendor(
    tmp_path: Path,
) -> None:
    """care-fe's Plausible.tsx: `const plausible = (event, data) => { const p = (window as
    any).plausible; p(event, …) }` redacts the URL and hands over to Plausible."""
    module = (
        "export default function Plausible() {\n"
        "  useEffect(() => { plausible('pageview'); }, []);\n"
        "  return null;\n"
        "}\n"
        "const plausible = (event: string, data: object = {}) => {\n"
        "  const plausible = (window as any).plausible;\n"
        "  if (plausible) { plausible(event, { ...data, u: redacted() }); }\n"
        "};\n"
        "const ga = (name: string) => console.log(name);\n"
        "ga('pageview');\n"
    )
    result = scan(tmp_path, {"src/Plausible.tsx": module})
    assert {s.location.line for s in result.sightings if s.tracker.startswith("plausible")} == {
        2,
        7,
    }
    assert not [s for s in result.sightings if s.tracker == "google-analytics"]


NUXT_HEAD = """export default defineNuxtConfig({
    app: {
        head: {
            script: process.env.NUXT_PUBLIC_UMAMI_URL
                ? [
                    {
                        src: `${process.env.NUXT_PUBLIC_UMAMI_URL}`,
                        defer: true,
                        'data-website-id': process.env.NUXT_PUBLIC_UMAMI_SITE_ID
                    }
                  ]
                : [],
            link: [{ rel: 'icon', href: '/favicon.svg' }],
        }
    },
})
"""
PLAUSIBLE_TSX = """export default function Plausible() {
  return (
    <Script
      defer
      data-domain={careConfig.plausible.domain}
      src={`${careConfig.plausible.server}/js/script.manual.js`}
    />
  );
}
"""


def test_a_script_element_written_as_a_value_with_the_vendor_attribute(tmp_path: Path) -> None:
    """findadoc-web's nuxt.config head script and care-fe's <Script data-domain src={…}>: the
    URL comes from configuration, the attribute names the vendor (PXL104)."""
    result = scan(tmp_path, {"nuxt.config.ts": NUXT_HEAD, "src/Plausible.tsx": PLAUSIBLE_TSX})
    found = {(s.location.path, s.location.line, s.tracker, s.how) for s in result.sightings}
    assert found == {
        ("nuxt.config.ts", 6, "umami-self-hosted", "configured-src"),
        ("src/Plausible.tsx", 3, "plausible-self-hosted", "configured-src"),
    }
    assert {f.rule for f in result.findings} == {"PXL104"}


def test_a_literal_src_beside_the_vendor_attribute_is_judged_by_its_url(tmp_path: Path) -> None:
    head = (
        "useHead({ script: [\n"
        "  { src: '/js/script.js', 'data-domain': 'clinic.example' },\n"
        "  { src: 'https://plausible.io/js/script.js', 'data-domain': 'clinic.example' },\n"
        "  { src: cdn + '/app.js', 'data-page': 'home' },\n"
        "] })\n"
    )
    result = scan(tmp_path, {"app.ts": head})
    assert [(s.location.line, s.tracker, s.how) for s in result.sightings] == [
        (3, "plausible", "js-file")
    ]


PIXEL_BUILDER = """<?php
class PixelBuilderService {
  const CODE = "!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){};}(window, document,'script', 'https://connect.facebook.net/en_US/fbevents.js');";

  public function getPixelScriptCode() {
    $pixels = array_map(function ($pixel_id) {
      return "fbq('init', '" . trim($pixel_id) . "');";
    }, $this->getPixelIds());
    foreach ($this->getEvents() as $event) {
      $code .= 'fbq("track", "' . $event['event'] . '", ' . json_encode($event['data']) . ');';
    }
    // ga($name) is our own helper, and "ga(" + $x is no command
    $label = "ga(" . $x . ")";
    return $code;
  }
}
"""


def test_calls_assembled_in_server_code_strings_are_each_located(tmp_path: Path) -> None:
    """A Drupal module builds the pixel's calls in PHP strings for html_head: each line that
    sends data is a location; a short name needs its command string."""
    result = scan(tmp_path, {"src/PixelBuilderService.php": PIXEL_BUILDER})
    assert [(line, column) for line, column in positions(result, "meta-pixel")[0]] == [
        (3, 109), (7, 15), (10, 17),
    ]  # fmt: skip
    assert positions(result, "google-analytics") == []


def test_test_code_is_no_page_and_holds_no_sightings(tmp_path: Path) -> None:
    phpunit = (
        "<?php\nnamespace Drupal\\Tests\\pixel\\Functional;\n"
        "use Drupal\\Tests\\BrowserTestBase;\n"
        "class PageViewTest extends BrowserTestBase {\n"
        "  public function testPixel() {\n"
        "    $this->assertSession()->responseContains(\"fbq('init', '567123');\");\n"
        "  }\n}\n"
    )
    jest = "import { render } from '@testing-library/react';\nrender(<Script src='https://www.googletagmanager.com/gtag/js?id=G-1' />);\n"
    page = "<?php // blood tests\n?><script>fbq('init', '1234567890')</script>\n"
    result = scan(
        tmp_path,
        {
            "tests/src/Functional/PageViewTest.php": phpunit,
            "src/components/Analytics.test.tsx": jest,
            "cypress/e2e/booking.cy.ts": "cy.window().then((w) => w.gtag('event', 'x'));\n",
            "services/BloodTest.php": page,  # a page about a lab test is a page
        },
    )
    assert {s.location.path for s in result.sightings} == {"services/BloodTest.php"}
    assert {f.exposures[0].page for f in result.findings} == {"services/BloodTest.php"}
