"""Tracker SDKs used as npm packages: the imported binding is followed through the module
(calls on it, JSX elements of it, options passed), and scripts held in strings that the page
runs (`<Script>{`...`}</Script>`, `dangerouslySetInnerHTML`) are read as JavaScript."""

from __future__ import annotations

import pytest
from conftest import sightings

from pixellint.model import Sighting


def _at(found: list[Sighting], line: int) -> Sighting:
    matches = [s for s in found if s.location.line == line]
    assert matches, f"nothing on line {line}: {found}"
    return matches[0]


CASES = [
    (  # react-ga4 in a CRA/Vite entry
        "src/analytics.ts",
        "import ReactGA from 'react-ga4'\n"
        "\n"
        "export function initAnalytics() {\n"
        "  ReactGA.initialize('G-ABCDEF1234')\n"
        "}\n"
        "export const trackPage = (path: string) => {\n"
        "  ReactGA.send({ hitType: 'pageview', page: path })\n"
        "}\n",
        [(1, "google-analytics", "imports the react-ga4 SDK"),
         (4, "google-analytics", "ReactGA.initialize('G-ABCDEF1234')"),
         (7, "google-analytics", "ReactGA.send()")],
    ),
    (  # react-gtm-module
        "src/index.js",
        "import TagManager from 'react-gtm-module'\n"
        "const tagManagerArgs = { gtmId: 'GTM-K7X2P9' }\n"
        "TagManager.initialize(tagManagerArgs)\n",
        [(1, "google-tag-manager", "imports the react-gtm-module SDK"),
         (3, "google-tag-manager", "TagManager.initialize()")],
    ),
    (  # @next/third-parties/google: one package, two vendors, chosen by the export
        "app/layout.tsx",
        "import { GoogleTagManager, YouTubeEmbed } from '@next/third-parties/google'\n"
        "export default function RootLayout({ children }) {\n"
        "  return (\n"
        '    <html lang="en">\n'
        '      <GoogleTagManager gtmId="GTM-XYZ123" />\n'
        '      <body>{children}<YouTubeEmbed videoid="ogfYd705cRs" /></body>\n'
        "    </html>\n"
        "  )\n"
        "}\n",
        [(1, "google-tag-manager", "imports the @next/third-parties/google SDK"),
         (5, "google-tag-manager", "<GoogleTagManager>")],
    ),
    (  # vue-gtag handed to app.use
        "src/main.ts",
        "import { createApp } from 'vue'\n"
        "import VueGtag from 'vue-gtag'\n"
        "import App from './App.vue'\n"
        "const app = createApp(App)\n"
        "app.use(VueGtag, { config: { id: 'G-1A2B3C4D5E' } })\n"
        "app.mount('#app')\n",
        [(2, "google-analytics", "imports the vue-gtag SDK"),
         (5, "google-analytics", "app.use(VueGtag)")],
    ),
    (  # an instance of an SDK is the SDK
        "lib/segment.ts",
        "import { AnalyticsBrowser } from '@segment/analytics-next'\n"
        "export const analytics = AnalyticsBrowser.load({ writeKey: process.env.NEXT_PUBLIC_SEGMENT })\n"
        "export function booked(id: string) {\n"
        "  analytics.track('Appointment Booked', { id })\n"
        "}\n",
        [(4, "segment", "analytics.track('Appointment Booked')")],
    ),
    (  # require() and destructuring
        "static/tracking.js",
        "const mixpanel = require('mixpanel-browser')\n"
        "const { init } = require('@fullstory/browser')\n"
        "function start() {\n"
        "  mixpanel.init('0123456789abcdef0123456789abcdef')\n"
        "  init({ orgId: 'o-1ABC-na1' })\n"
        "}\n",
        [(4, "mixpanel", "mixpanel.init('0123456789abcdef0123456789abcdef')"),
         (5, "fullstory", "init()")],
    ),
    (  # a dynamic import in a useEffect (the usual way to load a pixel in Next.js)
        "components/MetaPixel.tsx",
        "'use client'\n"
        "import { useEffect } from 'react'\n"
        "export function MetaPixel() {\n"
        "  useEffect(() => {\n"
        "    import('react-facebook-pixel')\n"
        "      .then((x) => x.default)\n"
        "      .then((ReactPixel) => {\n"
        "        ReactPixel.init('123456789012345')\n"
        "        ReactPixel.pageView()\n"
        "      })\n"
        "  }, [])\n"
        "  return null\n"
        "}\n",
        [(5, "meta-pixel", "imports the react-facebook-pixel SDK"),
         (8, "meta-pixel", "ReactPixel.init('123456789012345')")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("path", "code", "expected"), CASES, ids=[c[0] for c in CASES])
def test_sdk_binding_uses_are_located(
    path: str, code: str, expected: list[tuple[int, str, str]]
) -> None:
    found = sightings(code, path)
    for line, tracker, detail in expected:
        sighting = _at(found, line)
        assert sighting.tracker == tracker
        assert detail in sighting.detail
    assert {s.tracker for s in found} == {tracker for _, tracker, _ in expected}


@pytest.mark.parametrize(
    ("path", "code", "line", "tracker", "says"),
    [
        (
            "src/auth.ts",
            "import posthog from 'posthog-js'\n"
            "export function onLogin(user: User) {\n"
            "  posthog.identify(user.id, { email: user.email })\n"
            "}\n",
            3,
            "posthog",
            "posthog.identify()",
        ),
        (
            "src/ga.ts",
            "import ReactGA from 'react-ga4'\n"
            "export function remember(user: User) {\n"
            "  ReactGA.set({ userId: user.id })\n"
            "}\n",
            3,
            "google-analytics",
            "with userId",
        ),
        (
            "app/booking/confirm.tsx",
            "import { sendGAEvent } from '@next/third-parties/google'\n"
            "export function Confirm({ patient }) {\n"
            "  sendGAEvent('set', { user_id: patient.id })\n"
            "}\n",
            3,
            "google-analytics",
            "with user_id",
        ),
        (
            "src/pixel.js",
            "import ReactPixel from 'react-facebook-pixel'\n"
            "export function start(user) {\n"
            "  ReactPixel.init('123456789012345', { em: user.email, ph: user.phone })\n"
            "}\n",
            3,
            "meta-pixel",
            "with em, ph",
        ),
        (
            "src/replay.ts",
            "import LogRocket from 'logrocket'\n"
            "LogRocket.init('clinic/portal')\n"
            "export const who = (u: User) => LogRocket.identify(u.id, { email: u.email })\n",
            3,
            "logrocket",
            "LogRocket.identify()",
        ),
    ],
)
def test_user_data_passed_to_an_sdk_is_identity(
    path: str, code: str, line: int, tracker: str, says: str
) -> None:
    sighting = _at(sightings(code, path), line)
    assert sighting.tracker == tracker
    assert says in sighting.identity


def test_a_type_only_import_and_an_unrelated_export_are_not_trackers() -> None:
    code = (
        "import type { PostHog } from 'posthog-js'\n"
        "import { type ReactGAImplementation } from 'react-ga4'\n"
        "import { YouTubeEmbed } from '@next/third-parties/google'\n"
        "export function Video(client: PostHog) {\n"
        '  return <YouTubeEmbed videoid="ogfYd705cRs" height={400} />\n'
        "}\n"
    )
    assert sightings(code, "components/Video.tsx") == []


def test_a_local_object_named_like_an_sdk_is_not_followed() -> None:
    code = (
        "const analytics = { track(name: string) { console.log(name) } }\n"
        "export const go = () => analytics.track('Appointment Booked')\n"
    )
    assert sightings(code, "src/local.ts") == []


def test_next_script_body_and_inner_html_are_read_as_javascript() -> None:
    code = (
        "import Script from 'next/script'\n"
        "export default function Analytics({ id }: { id: string }) {\n"
        "  return (\n"
        "    <>\n"
        '      <Script id="meta-pixel" strategy="afterInteractive">\n'
        "        {`\n"
        "          !function(f,b,e,v,n,t,s){}(window, document,'script');\n"
        "          fbq('init', '${id}');\n"
        "        `}\n"
        "      </Script>\n"
        '      <script dangerouslySetInnerHTML={{ __html: "window.dataLayer=window.dataLayer||[];\\n'
        "_linkedin_partner_id = '1234567';\" }} />\n"
        "    </>\n"
        "  )\n"
        "}\n"
    )
    found = sightings(code, "app/analytics.tsx")
    pixel = _at(found, 8)
    assert pixel.tracker == "meta-pixel"
    assert (pixel.location.column, pixel.detail) == (11, "fbq('init')")
    linkedin = _at(found, 11)
    assert linkedin.tracker == "linkedin-insight"
    line = code.splitlines()[10]
    assert linkedin.location.column == line.index("_linkedin_partner_id") + 1


def test_a_script_string_outside_a_script_element_is_not_run() -> None:
    code = (
        "export const docs = `To install, paste fbq('init', '123456789012345') in your head`\n"
        "export const Help = () => <pre>{docs}</pre>\n"
    )
    assert sightings(code, "src/help.tsx") == []
