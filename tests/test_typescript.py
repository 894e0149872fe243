"""TypeScript and TSX are parsed with their own grammars: typed code is analysed by the AST, not
the token fallback, and positions are exact."""

from __future__ import annotations

from conftest import sightings

from pixellint import api

NEXT_LAYOUT = """\
import type { Metadata } from 'next';
import Script from 'next/script';

export const metadata: Metadata = { title: 'Clinic' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <Script src="https://www.googletagmanager.com/gtag/js?id=G-ABC1234567" strategy="afterInteractive" />
        {/* <Script src="https://connect.facebook.net/en_US/fbevents.js" /> */}
      </body>
    </html>
  );
}
"""

TYPED_HELPER = """\
declare global {
  interface Window { fbq?: (...args: unknown[]) => void }
}
export function trackBooking(value: number, email?: string): void {
  window.fbq?.('track', 'Schedule', { value } as Record<string, number>);
}
"""


def test_a_typed_next_layout_is_parsed_without_fallback() -> None:
    result = api.scan_text(NEXT_LAYOUT, "app/layout.tsx")
    assert [(s.tracker, s.location.line, s.location.column) for s in result.sightings] == [
        ("google-analytics", 11, 21)
    ]
    assert not [d for d in result.diagnostics if d.code == "PXL901"]
    assert not any(s.degraded for s in result.sightings)


def test_typescript_calls_with_type_assertions_are_found_at_their_position() -> None:
    found = sightings(TYPED_HELPER, "src/analytics.ts")
    assert [(s.tracker, s.location.line, s.location.column) for s in found] == [
        ("meta-pixel", 5, 3)
    ]
    assert not found[0].degraded


def test_a_typescript_parameter_named_like_a_tracker_shadows_it() -> None:
    code = "export function run(gtag: (a: string) => void): void {\n  gtag('config', 'G-1');\n}\n"
    assert sightings(code, "src/run.ts") == []


def test_a_vue_script_in_typescript_is_parsed_as_typescript() -> None:
    sfc = (
        '<script setup lang="ts">\nconst id: string = "G-ABC1234567";\n'
        "declare const gtag: (...a: unknown[]) => void;\nonMounted((): void => { window.gtag('config', id) });\n"
        "</script>\n"
    )
    result = api.scan_text(sfc, "src/App.vue")
    assert [(s.tracker, s.location.line) for s in result.sightings] == [("google-analytics", 4)]
    assert not [d for d in result.diagnostics if d.code == "PXL901"]


def test_an_injected_service_named_like_a_tracker_object_is_the_sites_own() -> None:
    code = (
        "export class Page {\n"
        "  constructor(private analytics: AnalyticsService) {}\n"
        "  ngOnInit(): void { this.analytics.load(); }\n"
        "}\n"
        "export const boot = (analytics: AnalyticsService) => analytics.load();\n"
    )
    assert sightings(code, "src/app/page.component.ts") == []


def test_a_parameter_hides_a_tracker_only_inside_its_own_function() -> None:
    code = "function wrap(ga) { ga('send', 'pageview'); }\nga('create', 'UA-1234567-1', 'auto');\n"
    found = sightings(code, "static/site.js")
    assert [(s.tracker, s.location.line) for s in found] == [("google-analytics", 2)]


def test_a_first_party_helper_imported_under_a_tracker_name_is_not_the_tracker() -> None:
    code = (
        'import { ga } from "@lib/client/clientHelpers";\n'
        "export function Publish(): JSX.Element {\n"
        '  const onClick = () => ga("publish_form", { formId: 1 });\n'
        "  return <button onClick={onClick}>Publish</button>;\n"
        "}\n"
    )
    assert sightings(code, "components/Publish.tsx") == []


def test_a_vendor_sdk_import_is_still_reported() -> None:
    code = "import ReactGA from 'react-ga4';\nReactGA.initialize('G-ABC1234567');\n"
    assert [s.tracker for s in sightings(code, "src/analytics.ts")] == ["google-analytics"]
