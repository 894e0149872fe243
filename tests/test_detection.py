"""Detection mechanisms, one behaviour per test, in the shapes real sites write them."""

from __future__ import annotations

import pytest
from conftest import sightings, trackers_in

from pixellint import api

# --- <script src> -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        '<script src="https://connect.facebook.net/en_US/fbevents.js"></script>',
        "<script src='//connect.facebook.net/en_US/fbevents.js' async></script>",
        "<SCRIPT defer SRC=https://connect.facebook.net/fr_FR/fbevents.js TYPE=text/javascript></SCRIPT>",
        '<script\n  async\n  crossorigin="anonymous"\n  src="https://connect.facebook.net/en_US/fbevents.js"></script>',
        '<script type="module" src="https://connect.facebook.net/en_US/fbevents.js"></script>',
    ],
)
def test_script_src_in_any_attribute_order_case_and_quoting(tag: str) -> None:
    assert trackers_in(f"<head>{tag}</head>") == ["meta-pixel"]


def test_consent_gated_script_still_counts() -> None:
    text = '<script type="text/plain" data-cookieconsent="marketing" data-src="https://www.googletagmanager.com/gtm.js?id=GTM-K4T2CRK6"></script>'
    (found,) = sightings(text)
    assert found.tracker == "google-tag-manager"
    assert found.detail == "consent-gated loader"


def test_consent_gated_inline_script_is_analysed() -> None:
    text = """<script type="text/plain" class="optanon-category-C0004">fbq('track', 'Lead');</script>"""
    assert trackers_in(text) == ["meta-pixel"]


def test_server_side_gtm_container_on_a_first_party_host() -> None:
    text = '<script async src="https://sgtm.riverside.example/gtm.js?id=GTM-ABC1234"></script>'
    assert trackers_in(text) == ["google-tag-manager"]


def test_gtag_loader_is_attributed_by_the_id_it_carries() -> None:
    assert trackers_in(
        '<script async src="https://www.googletagmanager.com/gtag/js?id=AW-123456789"></script>'
    ) == ["google-ads"]
    assert trackers_in(
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABCDEF1234"></script>'
    ) == ["google-analytics"]
    assert trackers_in(
        '<script async src="https://www.googletagmanager.com/gtag/js?id=DC-1234567"></script>'
    ) == ["google-floodlight"]


# --- inline JavaScript through the AST ------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "tracker"),
    [
        ("fbq('init', '812345678901234');", "meta-pixel"),
        ("window.fbq('track', 'Schedule');", "meta-pixel"),
        ("window.fbq?.('track', 'Lead');", "meta-pixel"),
        ("window['fbq']('track', 'Contact');", "meta-pixel"),
        ("gtag('config', 'G-ABCDEF1234', {page_path: location.pathname});", "google-analytics"),
        ("ttq.load('C1A2B3C4D5E6F7G8H9J0'); ttq.page();", "tiktok-pixel"),
        ('_linkedin_partner_id = "1234567";', "linkedin-insight"),
        ("window._fs_org = 'o-1ABCDE-na1';", "fullstory"),
        ("pintrk('track', 'checkout');", "pinterest-tag"),
        ("const booked = () => { window.rdt && rdt('track', 'Lead'); };", "reddit-pixel"),
        ("class Booking { #send() { window.ttq?.track('SubmitForm'); } }", "tiktok-pixel"),
    ],
)
def test_tracker_calls_and_globals_in_inline_script(code: str, tracker: str) -> None:
    assert trackers_in(f"<script>{code}</script>") == [tracker]


def test_unrelated_objects_with_the_same_method_names_are_not_trackers() -> None:
    code = "myApp.ga('send', 'pageview'); analyticsService.fbq('x'); obj.gtag('config', 'G-ABCDEF1234');"
    assert trackers_in(f"<script>{code}</script>") == []


def test_loader_url_assembled_from_string_pieces() -> None:
    code = "var s=document.createElement('script'); s.src='https://connect.' + 'facebook.net/en_US/' + 'fbevents.js'; document.head.appendChild(s);"
    assert trackers_in(f"<script>{code}</script>") == ["meta-pixel"]


def test_loader_url_joined_from_an_array_and_in_a_template_literal() -> None:
    assert trackers_in(
        "<script>var u = ['https://static.', 'hotjar.com/c/hotjar-', id, '.js'].join('');</script>"
    ) == ["hotjar"]
    assert trackers_in(
        "<script>s.src = `https://www.googletagmanager.com/gtm.js?id=${containerId}`;</script>"
    ) == ["google-tag-manager"]


def test_dynamic_injection_image_beacon_send_beacon_and_fetch() -> None:
    assert trackers_in(
        "<script>new Image().src = 'https://www.facebook.com/tr?id=1&ev=Schedule';</script>"
    ) == ["meta-pixel"]
    assert trackers_in(
        "<script>navigator.sendBeacon('https://www.google-analytics.com/g/collect?v=2', body);</script>"
    ) == ["google-analytics"]
    assert trackers_in(
        "<script>fetch('https://api2.amplitude.com/2/httpapi', {method: 'POST', body});</script>"
    ) == ["amplitude"]


def test_minified_code_glued_to_other_code() -> None:
    code = "!function(){var a=1;window.app={x:a}}();!function(e,t){e.fbq||(e.fbq=function(){});var n=t.createElement('script');n.src='https://connect.facebook.net/en_US/fbevents.js';t.head.appendChild(n)}(window,document);fbq('init','812345678901234');"
    (found,) = sightings(f"<script>{code}</script>")
    assert found.tracker == "meta-pixel"


# --- tag managers and data layers -----------------------------------------------------------


def test_datalayer_push_in_a_first_party_script_file() -> None:
    code = "export function onBooked(appointment) {\n  window.dataLayer.push({event: 'appointment_booked', department: appointment.department});\n}\n"
    (found,) = sightings(code, "src/booking.js")
    assert (found.tracker, found.how, found.location.line) == ("google-tag-manager", "js-file", 2)


def test_gtag_stub_pushing_arguments_is_not_a_data_layer_event() -> None:
    assert (
        trackers_in(
            "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>"
        )
        == []
    )


def test_tealium_and_adobe_data_layers() -> None:
    assert trackers_in("<script>utag.link({event_name: 'form_submit'});</script>") == ["tealium-iq"]
    assert trackers_in('<script>var utag_data = {page_name: "intake"};</script>') == ["tealium-iq"]
    assert trackers_in("<script>_satellite.track('appointment-request');</script>") == [
        "adobe-launch"
    ]
    assert trackers_in(
        "<script>window.digitalData = {page: {pageName: 'portal:home'}};</script>"
    ) == ["adobe-launch"]


# --- markup beacons and event handlers ------------------------------------------------------


def test_noscript_img_and_iframe_beacons() -> None:
    text = """<noscript><img height="1" width="1" style="display:none"
  src="https://www.facebook.com/tr?id=812345678901234&ev=PageView&noscript=1"/></noscript>
<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-ABC1234" height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>
<img src="https://px.ads.linkedin.com/collect/?pid=1234567&fmt=gif" height="1" width="1" alt="">"""
    found = sightings(text)
    assert [(s.tracker, s.location.line, s.detail) for s in found] == [
        ("meta-pixel", 1, "noscript <img> beacon"),
        ("google-tag-manager", 3, "noscript <iframe> beacon"),
        ("linkedin-insight", 4, "<img> beacon"),
    ]


def test_inline_event_handler_with_character_references() -> None:
    text = '<p>\n  <button class="cta" onclick="fbq(&#39;track&#39;, &#39;Schedule&#39;)">Book</button>\n</p>'
    (found,) = sightings(text)
    assert (found.tracker, found.how, found.location.line, found.location.column) == (
        "meta-pixel",
        "event-handler",
        2,
        32,
    )


# --- never a tracker load ---------------------------------------------------------------------


NOT_LOADS = [
    '<pre>&lt;script src="https://connect.facebook.net/en_US/fbevents.js"&gt;&lt;/script&gt;</pre>',
    '<pre><code><script src="https://connect.facebook.net/en_US/fbevents.js"></script></code></pre>',
    "<p>We removed <code>fbq('track', 'PageView')</code> and googletagmanager.com from the portal.</p>",
    '<!-- <script src="https://www.googletagmanager.com/gtm.js?id=GTM-ABC1234"></script> -->',
    "<script>// fbq('init', '812345678901234');\n/* gtag('config', 'G-ABCDEF1234'); */ var x = 1;</script>",
    '<meta http-equiv="Content-Security-Policy" content="script-src \'self\' https://connect.facebook.net https://www.googletagmanager.com">',
    '<link rel="dns-prefetch" href="//connect.facebook.net"><link rel="preconnect" href="https://www.googletagmanager.com">',
    '<a href="https://www.facebook.com/RiversideHealth">Follow us</a> <a href="https://developers.google.com/tag-platform/gtagjs">docs</a>',
    '<script type="application/ld+json">{"url": "https://connect.facebook.net/en_US/fbevents.js"}</script>',
    '<template><script src="https://connect.facebook.net/en_US/fbevents.js"></script></template>',
    '<textarea><script src="https://connect.facebook.net/en_US/fbevents.js"></script></textarea>',
]


@pytest.mark.parametrize("text", NOT_LOADS)
def test_text_comments_hints_and_samples_are_not_tracker_loads(text: str) -> None:
    assert trackers_in(text) == []


def test_template_comments_hide_tracker_code() -> None:
    assert (
        trackers_in(
            '{# <script src="https://connect.facebook.net/en_US/fbevents.js"></script> #}',
            "base.html.j2",
        )
        == []
    )
    assert (
        trackers_in("{% comment %}<script>fbq('init','1')</script>{% endcomment %}", "theme.liquid")
        == []
    )
    assert trackers_in("{{!-- <script>fbq('init','1')</script> --}}", "default.hbs") == []
    assert trackers_in("<%# <script>fbq('init','1')</script> %>", "show.html.erb") == []


def test_markdown_code_fences_and_spans_are_not_loads() -> None:
    text = "---\ntitle: Docs\n---\nUse `fbq('init')` like this:\n\n```html\n<script src=\"https://connect.facebook.net/en_US/fbevents.js\"></script>\n```\n"
    assert trackers_in(text, "guide.md") == []
    assert trackers_in(
        '---\ntitle: x\n---\n<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABCDEF1234"></script>\n',
        "page.md",
    ) == ["google-analytics"]


# --- identity sharing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "identity"),
    [
        (
            "fbq('init', '812345678901234', {em: 'jane@example.org', ph: '5551234567'});",
            "fbq('init') with em, ph",
        ),
        (
            "gtag('config', 'G-ABCDEF1234', {user_id: '{{ user.id }}'});",
            "gtag('config') with user_id",
        ),
        (
            "ttq.identify({email: user.email, phone_number: user.phone});",
            "ttq.identify() with email, phone_number",
        ),
        ("hj('identify', userId, {email: user.email});", "hj('identify') with email"),
        ("analytics.identify('u-1', {name: patient.name});", "analytics.identify('u-1')"),
        ("_hsq.push(['identify', {email: form.email.value}]);", "_hsq.push('identify') with email"),
    ],
)
def test_identity_sharing_calls(code: str, identity: str) -> None:
    (found,) = sightings(f"<script>{code}</script>")
    assert found.identity == identity
    assert api.scan_text(f"<script>{code}</script>").findings[0].rule == "PXL103"


def test_template_variables_with_patient_data_passed_to_a_tracker() -> None:
    text = "<script>\n  dataLayer.push({event: 'intake_done', visit: '{{ appointment.reason }}'});\n  fbq('trackCustom', 'Intake', {who: '{{ patient.email }}'});\n</script>"
    found = sightings(text, "intake.html.j2")
    assert [(s.tracker, s.identity) for s in found] == [
        ("google-tag-manager", "template data {{ appointment.reason }}"),
        ("meta-pixel", "template data {{ patient.email }}"),
    ]


def test_config_template_variables_are_not_identity() -> None:
    (found,) = sightings(
        "<script>fbq('init', '{{ site.meta_pixel_id }}');</script>", "head.html.j2"
    )
    assert found.identity == ""


# --- one finding per occurrence ----------------------------------------------------------------


def test_loader_noscript_fallback_and_later_event_are_separate_occurrences() -> None:
    text = """<head>
<script>!function(f,b,e,v){}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '812345678901234'); fbq('track', 'PageView');</script>
<noscript><img src="https://www.facebook.com/tr?id=812345678901234&ev=PageView&noscript=1"></noscript>
</head><body>
<script>document.querySelector('form').onsubmit = () => fbq('track', 'Schedule');</script>
</body>"""
    found = sightings(text)
    assert [(s.tracker, s.location.line) for s in found] == [
        ("meta-pixel", 2),
        ("meta-pixel", 4),
        ("meta-pixel", 6),
    ]


def test_self_hosted_matomo_is_seen_but_not_reported() -> None:
    text = "<script>var _paq = window._paq = window._paq || []; _paq.push(['trackPageView']); var u='//stats.riverside.example/';</script>"
    result = api.scan_text(text)
    assert [s.tracker for s in result.sightings] == ["matomo"]
    assert result.findings == ()


def test_unparsable_script_gets_the_fallback_and_a_note() -> None:
    text = "<script>\nvar cfg = {{{ broken \n fbq('init', '812345678901234'); if ( {\n</script>"
    result = api.scan_text(text)
    assert [s.tracker for s in result.sightings] == ["meta-pixel"]
    assert [d.code for d in result.diagnostics] == ["PXL901"]


# --- module-level SDKs in components and bundling sources --------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "tracker", "line"),
    [
        (
            "import LogRocket from 'logrocket';\nLogRocket.init('clinic/portal');\n",
            "src/main.ts",
            "logrocket",
            1,
        ),
        (
            '<script setup lang="ts">\nimport * as amplitude from "@amplitude/analytics-browser";\n</script>\n<template><p>Hi</p></template>\n',
            "src/App.vue",
            "amplitude",
            2,
        ),
        (
            "---\nimport Hotjar from '@hotjar/browser';\n---\n<script>\n  import mixpanel from 'mixpanel-browser';\n</script>\n",
            "src/pages/portal.astro",
            "mixpanel",
            5,
        ),
        (
            "<script>\n  const { init } = await import('@microsoft/clarity/dist/x.js');\n</script>\n",
            "src/lib/Clarity.svelte",
            "microsoft-clarity",
            2,
        ),
        ("const mixpanel = require('mixpanel-browser');\n", "server.cjs", "mixpanel", 1),
    ],
)
def test_vendor_sdk_imports_in_components_and_modules(
    text: str, path: str, tracker: str, line: int
) -> None:
    found = sightings(text, path)
    assert (tracker, line) in [(s.tracker, s.location.line) for s in found]


def test_astro_front_matter_is_analysed_as_javascript() -> None:
    text = "---\nimport Hotjar from '@hotjar/browser';\nconst title = 'Portal';\n---\n<h1>{title}</h1>\n"
    assert [(s.tracker, s.location.line) for s in sightings(text, "src/pages/portal.astro")] == [
        ("hotjar", 2)
    ]


def test_local_modules_named_like_vendors_are_not_sdks() -> None:
    assert (
        trackers_in(
            "import logrocket from './logrocket';\nimport m from '../mixpanel-browser';\n",
            "src/a.js",
        )
        == []
    )


def test_in_a_script_file_setup_and_each_callback_are_separate_occurrences() -> None:
    code = """window.dataLayer = window.dataLayer || [];
window.gtag = function () { dataLayer.push(arguments); };
gtag('js', new Date());
gtag('config', 'G-ABCDEF1234');

document.querySelector('#book').addEventListener('click', () => {
  gtag('event', 'book_appointment');
});
"""
    found = sightings(code, "assets/analytics.js")
    assert [(s.tracker, s.location.line, s.detail) for s in found] == [
        ("google-analytics", 3, "gtag('js'); gtag('config')"),
        ("google-analytics", 7, "gtag('event')"),
    ]
