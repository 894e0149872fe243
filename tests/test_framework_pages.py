"""Framework page conventions: which file wraps which page with no import saying so (Next.js App
and Pages Router, CRA, Angular CLI, Nuxt, SvelteKit, Gatsby, Docusaurus, Astro/Starlight).

Each project is shaped like its framework's starter (create-next-app, nuxi init, sv create,
gatsby-starter-blog, ng new, create-react-app, create-docusaurus). The edges are asserted on the
graph built from the project's files as the CLI builds it; the end-to-end tests run
`pixellint.api.run` with a `sensitive` glob and assert the reported chains, and that a tracker
in a sibling folder's layout is not reported for the sensitive page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_tree

from pixellint import api, config, graph
from pixellint.conventions import nuxt, spa
from pixellint.conventions.registry import is_data_file
from pixellint.document import language_of, prepare
from pixellint.languages.all_languages import DATA
from pixellint.lookup import Lookup

# --- vendor snippets, as sites paste them -------------------------------------------------------
GTAG_SCRIPT = '<Script src="https://www.googletagmanager.com/gtag/js?id=G-ABC123" strategy="afterInteractive" />'
GTAG_HTML = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>'
META_PIXEL_JS = (
    "!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?"
    "n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;"
    "n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;"
    "t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window, document,"
    "'script','https://connect.facebook.net/en_US/fbevents.js');"
    "fbq('init', '123456789012345');fbq('track', 'PageView');"
)
HOTJAR_JS = (
    "(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};"
    "h._hjSettings={hjid:3456789,hjsv:6};a=o.getElementsByTagName('head')[0];"
    "r=o.createElement('script');r.async=1;r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;"
    "a.appendChild(r);})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');"
)


def build(files: dict[str, str]) -> graph.Graph:
    """The graph of a project given as {path: text}: every file pixellint reads (data files
    included) becomes a node, as in a scan."""
    nodes = {}
    for path, text in files.items():
        language = language_of(path)
        if language is not None or is_data_file(path):
            nodes[path] = graph.node_of(prepare(path, text, language or DATA))
    return graph.build(nodes, Lookup(nodes))


def wrapped_by(files: dict[str, str], page: str) -> set[tuple[str, str]]:
    """(file, edge kind) of every implicit edge from `page`: a convention's, not a tag's."""
    return {
        (e.target, e.kind)
        for e in build(files).edges.get(page, ())
        if (e.location.line, e.location.column, e.location.end_column) == (1, 1, 1)
    }


def run(root: Path, files: dict[str, str]) -> set[str]:
    """'RULE tracker path <= page -> a -> b' for every finding of a scan of the project."""
    write_tree(root, files)
    result = api.run([root], config.load(root / "pixellint.toml"), root)
    return {
        f"{f.rule} {f.sighting.tracker} {f.location.path} <= "
        + " -> ".join([e.page, *(s.target for s in e.chain)])
        for f in result.findings
        for e in f.exposures
    }


# --- Next.js App Router (create-next-app --src-dir, route groups) -------------------------------
NEXT_PACKAGE = '{"name": "clinic", "dependencies": {"next": "15.3.0", "react": "19.0.0"}}'
NEXT_APP = {
    "package.json": NEXT_PACKAGE,
    "next.config.ts": "import type { NextConfig } from 'next';\nconst nextConfig: NextConfig = {};\nexport default nextConfig;\n",
    "src/app/layout.tsx": (
        "import Script from 'next/script';\n"
        "export default function RootLayout({ children }: { children: React.ReactNode }) {\n"
        '  return (\n    <html lang="en">\n      <body>\n        {children}\n'
        f"        {GTAG_SCRIPT}\n"
        "      </body>\n    </html>\n  );\n}\n"
    ),
    "src/app/(marketing)/layout.tsx": (
        "export default function MarketingLayout({ children }: { children: React.ReactNode }) {\n"
        "  return (\n    <>\n"
        f"      <script dangerouslySetInnerHTML={{{{ __html: `{META_PIXEL_JS}` }}}} />\n"
        "      {children}\n    </>\n  );\n}\n"
    ),
    "src/app/(marketing)/page.tsx": "export default function Home() { return <h1>Riverbend Clinic</h1>; }\n",
    "src/app/(marketing)/about/page.tsx": "export default function About() { return <h1>About</h1>; }\n",
    "src/app/(portal)/layout.tsx": "export default function PortalLayout({ children }: { children: React.ReactNode }) { return <main>{children}</main>; }\n",
    "src/app/(portal)/patient/template.tsx": "export default function Template({ children }: { children: React.ReactNode }) { return <div>{children}</div>; }\n",
    "src/app/(portal)/patient/[id]/page.tsx": "export default async function Patient({ params }: { params: Promise<{ id: string }> }) { const { id } = await params; return <h1>Patient {id}</h1>; }\n",
    "src/app/(portal)/patient/[id]/not-found.tsx": "export default function NotFound() { return <p>No such patient</p>; }\n",
    "src/app/(portal)/patient/[id]/loading.tsx": "export default function Loading() { return <p>Loading</p>; }\n",
    "src/app/@modal/(.)photo/[...slug]/page.tsx": "export default function Photo() { return <dialog />; }\n",
    "src/app/api/records/route.ts": "export async function GET() { return Response.json([]); }\n",
    "src/instrumentation-client.ts": "performance.mark('app-init');\n",
    "pixellint.toml": 'sensitive = ["src/app/(portal)/patient/**"]\n',
}


def test_app_router_page_is_wrapped_by_the_layouts_and_templates_of_its_folders() -> None:
    assert wrapped_by(NEXT_APP, "src/app/(portal)/patient/[id]/page.tsx") == {
        ("src/app/(portal)/patient/template.tsx", "template"),
        ("src/app/(portal)/layout.tsx", "layout"),
        ("src/app/layout.tsx", "layout"),
        ("src/instrumentation-client.ts", "client-instrumentation"),
    }
    assert wrapped_by(NEXT_APP, "src/app/(marketing)/about/page.tsx") == {
        ("src/app/(marketing)/layout.tsx", "layout"),
        ("src/app/layout.tsx", "layout"),
        ("src/instrumentation-client.ts", "client-instrumentation"),
    }


def test_app_router_slots_not_found_pages_and_non_pages() -> None:
    assert ("src/app/layout.tsx", "layout") in wrapped_by(
        NEXT_APP, "src/app/@modal/(.)photo/[...slug]/page.tsx"
    )
    assert ("src/app/(portal)/layout.tsx", "layout") in wrapped_by(
        NEXT_APP, "src/app/(portal)/patient/[id]/not-found.tsx"
    )
    for not_a_page in (
        "src/app/api/records/route.ts",
        "src/app/(portal)/patient/[id]/loading.tsx",
        "src/app/(portal)/layout.tsx",
    ):
        assert wrapped_by(NEXT_APP, not_a_page) == set()


def test_a_root_layout_in_a_route_group_wraps_its_group_only() -> None:
    files = {
        "package.json": NEXT_PACKAGE,
        "app/(shop)/layout.tsx": "export default function ShopRoot({ children }) { return <html><body>{children}</body></html>; }\n",
        "app/(shop)/cart/page.tsx": "export default function Cart() { return null; }\n",
        "app/(portal)/layout.tsx": "export default function PortalRoot({ children }) { return <html><body>{children}</body></html>; }\n",
        "app/(portal)/records/page.tsx": "export default function Records() { return null; }\n",
    }
    assert wrapped_by(files, "app/(portal)/records/page.tsx") == {
        ("app/(portal)/layout.tsx", "layout")
    }
    assert wrapped_by(files, "app/(shop)/cart/page.tsx") == {("app/(shop)/layout.tsx", "layout")}


def test_app_folders_of_other_projects_are_not_next_routes() -> None:
    """An Expo or Remix app has an `app/` folder too; without next.config or a `next`
    dependency nothing is wrapped. With both `app/` and `src/app/`, Next.js uses `app/`."""
    other = {
        "package.json": '{"dependencies": {"expo-router": "4.0.0"}}',
        "app/layout.tsx": "export default function L({ children }) { return children; }\n",
        "app/page.tsx": "export default function P() { return null; }\n",
    }
    assert wrapped_by(other, "app/page.tsx") == set()
    both = {
        "next.config.mjs": "export default {};\n",
        "app/layout.tsx": "export default function L({ children }) { return children; }\n",
        "app/page.tsx": "export default function P() { return null; }\n",
        "src/app/layout.tsx": "export default function L({ children }) { return children; }\n",
        "src/app/page.tsx": "export default function P() { return null; }\n",
    }
    assert wrapped_by(both, "app/page.tsx") == {("app/layout.tsx", "layout")}
    assert wrapped_by(both, "src/app/page.tsx") == set()


def test_app_router_tracker_in_the_root_layout_reaches_the_sensitive_page_and_a_sibling_group_does_not(
    tmp_path: Path,
) -> None:
    """loading.tsx matches the glob too, but no layout wraps it: it is no page of its own."""
    assert run(tmp_path, NEXT_APP) == {
        "PXL102 google-analytics src/app/layout.tsx <= src/app/(portal)/patient/[id]/page.tsx -> src/app/layout.tsx",
        "PXL102 google-analytics src/app/layout.tsx <= src/app/(portal)/patient/[id]/not-found.tsx -> src/app/layout.tsx",
    }


# --- Next.js Pages Router -------------------------------------------------------------------------
NEXT_PAGES = {
    "package.json": NEXT_PACKAGE,
    "pages/_app.tsx": (
        "import type { AppProps } from 'next/app';\nimport Script from 'next/script';\n"
        "export default function App({ Component, pageProps }: AppProps) {\n"
        f"  return (<>\n    {GTAG_SCRIPT}\n    <Component {{...pageProps}} />\n  </>);\n}}\n"
    ),
    "pages/_document.tsx": (
        "import { Html, Head, Main, NextScript } from 'next/document';\n"
        'export default function Document() {\n  return (\n    <Html lang="en">\n      <Head>\n'
        f"        <script dangerouslySetInnerHTML={{{{ __html: `{META_PIXEL_JS}` }}}} />\n"
        "      </Head>\n      <body><Main /><NextScript /></body>\n    </Html>\n  );\n}\n"
    ),
    "pages/index.tsx": "export default function Home() { return <h1>Home</h1>; }\n",
    "pages/patient/[id].tsx": "export default function Patient() { return <h1>Chart</h1>; }\n",
    "pages/_error.tsx": "export default function Error() { return <p>Error</p>; }\n",
    "pages/api/records.ts": "export default function handler(req, res) { res.json([]); }\n",
    "pixellint.toml": 'sensitive = ["pages/patient/**"]\n',
}


def test_pages_router_pages_are_wrapped_by_app_and_document() -> None:
    expected = {("pages/_app.tsx", "app"), ("pages/_document.tsx", "document")}
    assert wrapped_by(NEXT_PAGES, "pages/patient/[id].tsx") == expected
    assert wrapped_by(NEXT_PAGES, "pages/_error.tsx") == expected
    for not_a_page in ("pages/api/records.ts", "pages/_app.tsx", "pages/_document.tsx"):
        assert wrapped_by(NEXT_PAGES, not_a_page) == set()


def test_pages_router_trackers_in_app_and_document_reach_the_sensitive_page(
    tmp_path: Path,
) -> None:
    assert run(tmp_path, NEXT_PAGES) == {
        "PXL102 google-analytics pages/_app.tsx <= pages/patient/[id].tsx -> pages/_app.tsx",
        "PXL102 meta-pixel pages/_document.tsx <= pages/patient/[id].tsx -> pages/_document.tsx",
    }


# --- SPAs: Create React App, Angular CLI ----------------------------------------------------------
CRA = {
    "package.json": '{"name": "portal", "dependencies": {"react": "18.2.0", "react-scripts": "5.0.1"}}',
    "public/index.html": f'<!DOCTYPE html>\n<html lang="en">\n<head>\n  {GTAG_HTML}\n  <title>Patient portal</title>\n</head>\n<body><div id="root"></div></body>\n</html>\n',
    "src/index.js": "// pixellint: sensitive -- the whole app is the patient portal\nimport ReactDOM from 'react-dom/client';\nReactDOM.createRoot(document.getElementById('root')).render(null);\n",
    "pixellint.toml": "sensitive = []\n",
}


def test_cra_shell_gets_its_injected_entry_and_an_express_public_folder_does_not() -> None:
    assert wrapped_by(CRA, "public/index.html") == {("src/index.js", "entry")}
    express = {
        **CRA,
        "package.json": '{"dependencies": {"express": "4.19.2"}}',
        "src/index.js": "const express = require('express');\n",
    }
    assert wrapped_by(express, "public/index.html") == set()


def test_a_sensitive_spa_entry_makes_its_shell_the_sensitive_page(tmp_path: Path) -> None:
    assert run(tmp_path, CRA) == {
        "PXL101 google-analytics public/index.html <= public/index.html",
    }


ANGULAR_JSON = """{
  "$schema": "./node_modules/@angular/cli/lib/config/schema.json",
  "version": 1,
  "projects": {
    "clinic": {
      "projectType": "application",
      "root": "",
      "sourceRoot": "src",
      "architect": {
        "build": {
          "builder": "@angular-devkit/build-angular:application",
          "options": {
            "outputPath": "dist/clinic",
            "index": "src/index.html",
            "browser": "src/main.ts",
            "styles": ["src/styles.css"],
            "scripts": [
              "src/assets/js/gtm.js",
              { "input": "src/assets/js/hotjar.js", "bundleName": "hotjar" },
              { "input": "src/assets/js/lazy-chat.js", "inject": false }
            ]
          }
        }
      }
    },
    "admin": {
      "projectType": "application",
      "root": "projects/admin",
      "sourceRoot": "projects/admin/src",
      "architect": { "build": { "builder": "@angular/build:application", "options": {} } }
    }
  }
}
"""
ANGULAR = {
    "angular.json": ANGULAR_JSON,
    "src/index.html": '<!doctype html>\n<html lang="en">\n<head><base href="/"></head>\n<body><app-root></app-root></body>\n</html>\n',
    "src/main.ts": "import { bootstrapApplication } from '@angular/platform-browser';\n",
    "src/assets/js/gtm.js": "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-ABC123');\n",
    "src/assets/js/hotjar.js": HOTJAR_JS + "\n",
    "src/assets/js/lazy-chat.js": "window.chat = true;\n",
    "projects/admin/src/index.html": "<!doctype html>\n<html><body><admin-root></admin-root></body></html>\n",
    "projects/admin/src/main.ts": "import { bootstrapApplication } from '@angular/platform-browser';\n",
}


def test_angular_json_names_the_entry_and_the_global_scripts_of_each_shell() -> None:
    assert wrapped_by(ANGULAR, "src/index.html") == {
        ("src/main.ts", "entry"),
        ("src/assets/js/gtm.js", "angular-json scripts"),
        ("src/assets/js/hotjar.js", "angular-json scripts"),
    }  # lazy-chat.js has inject: false: its own bundle, not on the page
    # Angular 20 writes neither `index` nor `browser`: <sourceRoot>/index.html and main.ts
    assert wrapped_by(ANGULAR, "projects/admin/src/index.html") == {
        ("projects/admin/src/main.ts", "entry")
    }


def test_nx_project_json_paths_are_relative_to_the_workspace() -> None:
    files = {
        "nx.json": "{}",
        "apps/portal/project.json": '{"name": "portal", "sourceRoot": "apps/portal/src", "targets": {"build": {"executor": "@nx/angular:application", "options": {"index": "apps/portal/src/index.html", "browser": "apps/portal/src/main.ts", "scripts": ["apps/portal/src/gtm.js"]}}}}',
        "apps/portal/src/index.html": "<html><body><app-root></app-root></body></html>\n",
        "apps/portal/src/main.ts": "import { bootstrapApplication } from '@angular/platform-browser';\n",
        "apps/portal/src/gtm.js": "window.dataLayer = [];\n",
    }
    assert wrapped_by(files, "apps/portal/src/index.html") == {
        ("apps/portal/src/main.ts", "entry"),
        ("apps/portal/src/gtm.js", "angular-json scripts"),
    }


def test_angular_shell_reports_the_global_scripts_when_the_app_is_sensitive(
    tmp_path: Path,
) -> None:
    files = {**ANGULAR, "pixellint.toml": 'sensitive = ["src/main.ts"]\n'}
    assert run(tmp_path, files) == {
        "PXL102 google-tag-manager src/assets/js/gtm.js <= src/index.html -> src/assets/js/gtm.js",
        "PXL102 hotjar src/assets/js/hotjar.js <= src/index.html -> src/assets/js/hotjar.js",
    }


def test_package_json_and_angular_json_traits_survive_jsonc() -> None:
    assert ("npm-dependency", "next") in set(spa.traits("package.json", NEXT_PACKAGE))
    jsonc = ANGULAR_JSON.replace('"version": 1,', '// generated\n  "version": 1,').replace(
        '"src/styles.css"]', '"src/styles.css",]'
    )
    assert ("angular-entry", "src/index.html\nsrc/main.ts") in set(
        spa.traits("angular.json", jsonc)
    )
    assert list(spa.traits("package.json", "{not json")) == []


# --- Nuxt -------------------------------------------------------------------------------------------
GTAG_PLUGIN = (
    "export default defineNuxtPlugin(() => {\n  useHead({ script: [{ src: "
    "'https://www.googletagmanager.com/gtag/js?id=G-ABC123', async: true }] });\n});\n"
)
NUXT = {
    "package.json": '{"private": true, "type": "module", "dependencies": {"nuxt": "^3.15.0", "vue": "latest"}}',
    "nuxt.config.ts": "export default defineNuxtConfig({ devtools: { enabled: true } });\n",
    "app.vue": "<template>\n  <NuxtLayout>\n    <NuxtPage />\n  </NuxtLayout>\n</template>\n",
    "error.vue": "<script setup lang=\"ts\">\ndefineProps(['error']);\n</script>\n<template><h1>{{ error.statusCode }}</h1></template>\n",
    "layouts/default.vue": f"<template>\n  <div><slot /></div>\n</template>\n<script setup>\nuseHead({{ script: [{{ innerHTML: `{META_PIXEL_JS}` }}] }});\n</script>\n",
    "layouts/portal.vue": '<template>\n  <main class="portal"><slot /></main>\n</template>\n',
    "layouts/desktop/Wide.vue": '<template><div class="wide"><slot /></div></template>\n',
    "pages/index.vue": "<template><h1>Welcome</h1></template>\n",
    "pages/patient.vue": "<template><section><NuxtPage /></section></template>\n",
    "pages/patient/[id].vue": (
        "<script setup lang=\"ts\">\ndefinePageMeta({\n  middleware: ['auth'],\n"
        "  meta: { title: 'Chart' },\n  layout: 'portal',\n});\n</script>\n"
        "<template><h1>Chart</h1></template>\n"
    ),
    "pages/patient/print.vue": "<script setup>\ndefinePageMeta({ layout: false })\n</script>\n<template><pre /></template>\n",
    "pages/wide.vue": "<script setup>\ndefinePageMeta({ layout: 'desktop-wide' })\n</script>\n<template><div /></template>\n",
    "plugins/gtag.client.ts": GTAG_PLUGIN,
    "plugins/analytics/index.ts": "export default defineNuxtPlugin(() => {});\n",
    "plugins/analytics/helper.ts": "export const helper = 1;\n",
    "pixellint.toml": 'sensitive = ["pages/patient/**"]\n',
}
NUXT_EVERYWHERE = {
    ("nuxt.config.ts", "site-config"),
    ("plugins/gtag.client.ts", "plugin"),
    ("plugins/analytics/index.ts", "plugin"),
}


def test_nuxt_page_is_wrapped_by_app_its_layout_parent_route_config_and_plugins() -> None:
    assert wrapped_by(NUXT, "pages/patient/[id].vue") == {
        ("app.vue", "app"),
        ("layouts/portal.vue", "layout"),
        ("pages/patient.vue", "parent-route"),
        *NUXT_EVERYWHERE,
    }
    assert wrapped_by(NUXT, "pages/index.vue") == {
        ("app.vue", "app"),
        ("layouts/default.vue", "layout"),
        *NUXT_EVERYWHERE,
    }
    assert ("layouts/desktop/Wide.vue", "layout") in wrapped_by(NUXT, "pages/wide.vue")


def test_nuxt_nested_routes_merge_their_layout_meta() -> None:
    """Vue Router merges the meta of the matched routes: a child's `layout` wins, a child without
    one takes its parent route's; the parent route itself renders in its child's layout."""
    assert not {kind for _, kind in wrapped_by(NUXT, "pages/patient.vue")} & {"layout"}
    parent_sets_it = {
        **NUXT,
        "pages/patient.vue": "<script setup>\ndefinePageMeta({ layout: 'portal' })\n</script>\n<template><NuxtPage /></template>\n",
        "pages/patient/history.vue": "<template><h1>History</h1></template>\n",
    }
    assert ("layouts/portal.vue", "layout") in wrapped_by(
        parent_sets_it, "pages/patient/history.vue"
    )
    assert ("layouts/default.vue", "layout") not in wrapped_by(
        parent_sets_it, "pages/patient/history.vue"
    )


def test_nuxt_layout_false_and_error_page() -> None:
    assert wrapped_by(NUXT, "pages/patient/print.vue") == {
        ("app.vue", "app"),
        ("pages/patient.vue", "parent-route"),
        *NUXT_EVERYWHERE,
    }
    assert wrapped_by(NUXT, "error.vue") == NUXT_EVERYWHERE
    hosted = {
        **NUXT,
        "error.vue": '<template><NuxtLayout name="portal"><h1>Oops</h1></NuxtLayout></template>\n',
    }
    assert wrapped_by(hosted, "error.vue") == {("layouts/portal.vue", "layout"), *NUXT_EVERYWHERE}


def test_nuxt_4_app_source_folder_and_nuxt_2_component_options() -> None:
    nuxt4 = {
        "nuxt.config.ts": "export default defineNuxtConfig({ compatibilityDate: '2025-07-15' });\n",
        "app/app.vue": "<template><NuxtLayout><NuxtPage /></NuxtLayout></template>\n",
        "app/layouts/default.vue": "<template><slot /></template>\n",
        "app/pages/index.vue": "<template><h1 /></template>\n",
        "app/plugins/gtag.client.ts": GTAG_PLUGIN,
    }
    assert wrapped_by(nuxt4, "app/pages/index.vue") == {
        ("app/app.vue", "app"),
        ("app/layouts/default.vue", "layout"),
        ("nuxt.config.ts", "site-config"),
        ("app/plugins/gtag.client.ts", "plugin"),
    }
    nuxt2 = {
        "nuxt.config.js": "export default { plugins: ['~/plugins/gtag.client.js'] }\n",
        "layouts/default.vue": "<template><Nuxt /></template>\n",
        "layouts/portal.vue": "<template><Nuxt /></template>\n",
        "pages/records.vue": "<template><h1 /></template>\n<script>\nexport default {\n  layout: 'portal',\n  head() { return { title: 'Records' } },\n}\n</script>\n",
    }
    assert ("layouts/portal.vue", "layout") in wrapped_by(nuxt2, "pages/records.vue")
    assert ("layouts/default.vue", "layout") not in wrapped_by(nuxt2, "pages/records.vue")


@pytest.mark.parametrize(
    ("script", "layouts"),
    [
        ("definePageMeta({ layout: 'portal' })", ["portal"]),
        ('definePageMeta({ middleware: ["auth"], layout: "portal" })', ["portal"]),
        ("definePageMeta({ layout: false })", ["false"]),
        ("definePageMeta({ layout: isMobile ? 'mobile' : 'default' })", ["mobile", "default"]),
        ("definePageMeta({ layout: pickLayout() })", ["*"]),
        ("definePageMeta({ meta: { layout: 'nested-not-the-page' } })", []),
        ("export default defineComponent({ layout: 'portal', data() { return {} } })", ["portal"]),
        ("definePageMeta({ title: 'no layout here' })", []),
    ],
)
def test_nuxt_layout_is_read_from_the_page_meta_only(script: str, layouts: list[str]) -> None:
    text = f"<script setup>\n{script}\n</script>\n<template><div class='layout' /></template>\n"
    assert [v for k, v in nuxt.traits("pages/x.vue", text) if k == "nuxt-layout"] == layouts


def test_nuxt_plugin_and_layout_trackers_reach_the_sensitive_page(tmp_path: Path) -> None:
    """The Meta Pixel sits in the default layout, which the patient page does not use."""
    assert run(tmp_path, NUXT) == {
        "PXL102 google-analytics plugins/gtag.client.ts <= pages/patient/[id].vue -> plugins/gtag.client.ts",
        "PXL102 google-analytics plugins/gtag.client.ts <= pages/patient/print.vue -> plugins/gtag.client.ts",
    }


# --- SvelteKit (sv create) ------------------------------------------------------------------------
SVELTEKIT = {
    "package.json": '{"name": "clinic", "type": "module", "devDependencies": {"@sveltejs/kit": "^2.16.0", "svelte": "^5.0.0"}}',
    "svelte.config.js": "import adapter from '@sveltejs/adapter-auto';\nexport default { kit: { adapter: adapter() } };\n",
    "src/app.html": '<!doctype html>\n<html lang="en">\n\t<head>\n\t\t<meta charset="utf-8" />\n\t\t%sveltekit.head%\n\t</head>\n\t<body data-sveltekit-preload-data="hover">\n\t\t<div style="display: contents">%sveltekit.body%</div>\n\t</body>\n</html>\n',
    "src/hooks.client.ts": "export const handleError = ({ error }) => { console.error(error); };\n",
    "src/routes/+layout.svelte": f"<script>\n\tlet {{ children }} = $props();\n</script>\n\n<svelte:head>\n\t{GTAG_HTML}\n</svelte:head>\n\n{{@render children()}}\n",
    "src/routes/(marketing)/+layout.svelte": f"<svelte:head>\n\t<script>{META_PIXEL_JS}</script>\n</svelte:head>\n<slot />\n",
    "src/routes/(marketing)/+page.svelte": "<h1>Welcome</h1>\n",
    "src/routes/(app)/+layout.svelte": "<nav>Portal</nav>\n<slot />\n",
    "src/routes/(app)/patient/[id]/+layout.svelte": "<aside>Chart</aside>\n<slot />\n",
    "src/routes/(app)/patient/[id]/+page.svelte": "<h1>Chart</h1>\n",
    "src/routes/(app)/patient/[id]/print/+page@.svelte": "<pre>Chart</pre>\n",
    "src/routes/(app)/patient/[id]/embed/+page@(app).svelte": "<iframe title='chart'></iframe>\n",
    "src/routes/(app)/+error.svelte": "<h1>Error</h1>\n",
    "src/routes/(app)/patient/+page.server.ts": "export const load = () => ({});\n",
    "pixellint.toml": 'sensitive = ["src/routes/(app)/patient/**"]\n',
}
KIT_SHELL = {("src/app.html", "app-html"), ("src/hooks.client.ts", "hooks")}


def test_sveltekit_page_is_wrapped_by_every_layout_above_it_and_the_shell() -> None:
    assert wrapped_by(SVELTEKIT, "src/routes/(app)/patient/[id]/+page.svelte") == {
        ("src/routes/(app)/patient/[id]/+layout.svelte", "layout"),
        ("src/routes/(app)/+layout.svelte", "layout"),
        ("src/routes/+layout.svelte", "layout"),
        *KIT_SHELL,
    }
    assert wrapped_by(SVELTEKIT, "src/routes/(app)/+error.svelte") == {
        ("src/routes/(app)/+layout.svelte", "layout"),
        ("src/routes/+layout.svelte", "layout"),
        *KIT_SHELL,
    }
    assert wrapped_by(SVELTEKIT, "src/routes/(app)/patient/+page.server.ts") == set()


def test_sveltekit_page_resets_to_the_root_or_a_named_layout() -> None:
    assert wrapped_by(SVELTEKIT, "src/routes/(app)/patient/[id]/print/+page@.svelte") == {
        ("src/routes/+layout.svelte", "layout"),
        *KIT_SHELL,
    }
    assert wrapped_by(SVELTEKIT, "src/routes/(app)/patient/[id]/embed/+page@(app).svelte") == {
        ("src/routes/(app)/+layout.svelte", "layout"),
        ("src/routes/+layout.svelte", "layout"),
        *KIT_SHELL,
    }
    reset_layout = {
        **SVELTEKIT,
        "src/routes/(app)/patient/[id]/+layout@.svelte": "<slot />\n",
    }
    del reset_layout["src/routes/(app)/patient/[id]/+layout.svelte"]
    assert wrapped_by(reset_layout, "src/routes/(app)/patient/[id]/+page.svelte") == {
        ("src/routes/(app)/patient/[id]/+layout@.svelte", "layout"),
        ("src/routes/+layout.svelte", "layout"),
        *KIT_SHELL,
    }


def test_sveltekit_root_layout_tracker_reaches_the_sensitive_pages(tmp_path: Path) -> None:
    pages = (
        "src/routes/(app)/patient/[id]/+page.svelte",
        "src/routes/(app)/patient/[id]/print/+page@.svelte",
        "src/routes/(app)/patient/[id]/embed/+page@(app).svelte",
    )
    assert run(tmp_path, SVELTEKIT) == {
        f"PXL102 google-analytics src/routes/+layout.svelte <= {page} -> src/routes/+layout.svelte"
        for page in pages
    }


# --- Gatsby (gatsby-starter-blog) -----------------------------------------------------------------
GATSBY = {
    "package.json": '{"name": "clinic-blog", "dependencies": {"gatsby": "^5.14.0", "react": "^18.2.0"}}',
    "gatsby-config.js": "module.exports = { siteMetadata: { title: 'Clinic' }, plugins: ['gatsby-plugin-image', 'gatsby-plugin-clinic-pixel'] };\n",
    "gatsby-ssr.js": (
        "const React = require('react');\n"
        "exports.onRenderBody = ({ setHtmlAttributes, setHeadComponents }) => {\n"
        "  setHtmlAttributes({ lang: 'en' });\n"
        "  setHeadComponents([\n"
        '    <script key="gtag" async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123" />,\n'
        "  ]);\n};\n"
    ),
    "gatsby-browser.js": "import './src/style.css';\nexport const onRouteUpdate = ({ location }) => {};\n",
    "plugins/gatsby-plugin-clinic-pixel/gatsby-ssr.js": (
        "const React = require('react');\nexports.onRenderBody = ({ setHeadComponents }) => {\n"
        f'  setHeadComponents([<script key="fb" dangerouslySetInnerHTML={{{{ __html: `{META_PIXEL_JS}` }}}} />]);\n}};\n'
    ),
    "plugins/gatsby-plugin-clinic-pixel/package.json": '{"name": "gatsby-plugin-clinic-pixel"}',
    "src/pages/index.js": "import * as React from 'react';\nconst Index = () => <h1>Blog</h1>;\nexport default Index;\n",
    "src/pages/patient/portal.js": "import * as React from 'react';\nconst Portal = () => <h1>Portal</h1>;\nexport default Portal;\n",
    "src/templates/blog-post.js": "import * as React from 'react';\nconst Post = () => <article />;\nexport default Post;\n",
    "src/components/layout.js": "import * as React from 'react';\nexport const Layout = ({ children }) => <main>{children}</main>;\n",
    "pixellint.toml": 'sensitive = ["src/pages/patient/**"]\n',
}


def test_gatsby_pages_and_templates_are_wrapped_by_the_api_files_config_and_local_plugins() -> None:
    expected = {
        ("gatsby-ssr.js", "ssr-api"),
        ("gatsby-browser.js", "browser-api"),
        ("gatsby-config.js", "site-config"),
        ("plugins/gatsby-plugin-clinic-pixel/gatsby-ssr.js", "plugin"),
    }
    assert wrapped_by(GATSBY, "src/pages/patient/portal.js") == expected
    assert wrapped_by(GATSBY, "src/templates/blog-post.js") == expected
    assert wrapped_by(GATSBY, "src/components/layout.js") == set()
    not_gatsby = {p: t for p, t in GATSBY.items() if not p.startswith(("gatsby-", "plugins/"))}
    not_gatsby["package.json"] = '{"dependencies": {"react": "^18.2.0"}}'
    assert wrapped_by(not_gatsby, "src/pages/patient/portal.js") == set()


def test_gatsby_ssr_and_local_plugin_trackers_reach_the_sensitive_page(tmp_path: Path) -> None:
    assert run(tmp_path, GATSBY) == {
        "PXL102 google-analytics gatsby-ssr.js <= src/pages/patient/portal.js -> gatsby-ssr.js",
        "PXL102 meta-pixel plugins/gatsby-plugin-clinic-pixel/gatsby-ssr.js <= src/pages/patient/portal.js -> plugins/gatsby-plugin-clinic-pixel/gatsby-ssr.js",
    }


# --- Docusaurus (create-docusaurus classic) -------------------------------------------------------
DOCUSAURUS = {
    "website/package.json": '{"dependencies": {"@docusaurus/core": "3.7.0"}}',
    "website/docusaurus.config.js": "export default { title: 'Clinic docs', presets: [['classic', {}]] };\n",
    "website/src/pages/index.js": "export default function Home() { return <h1>Docs</h1>; }\n",
    "website/src/pages/patients/portal.tsx": "export default function Portal() { return <h1>Portal</h1>; }\n",
    "website/src/pages/_components/Hero.tsx": "export function Hero() { return null; }\n",
    "website/src/pages/index.test.js": "test('renders', () => {});\n",
    "website/src/theme/Root.js": "export default function Root({ children }) { return <>{children}</>; }\n",
    "website/src/theme/Layout/index.js": (
        "import Layout from '@theme-original/Layout';\n"
        "export default function LayoutWrapper(props) {\n"
        f"  return (<><script dangerouslySetInnerHTML={{{{ __html: `{HOTJAR_JS}` }}}} /><Layout {{...props}} /></>);\n}}\n"
    ),
    "website/docs/intro.md": "# Intro\n",
    "pixellint.toml": 'sensitive = ["website/src/pages/patients/**"]\n',
}
DOCUSAURUS_WRAP = {
    ("website/docusaurus.config.js", "site-config"),
    ("website/src/theme/Root.js", "theme-root"),
    ("website/src/theme/Layout/index.js", "theme-layout"),
}


def test_docusaurus_react_and_markdown_pages_are_wrapped_by_config_root_and_layout() -> None:
    assert wrapped_by(DOCUSAURUS, "website/src/pages/patients/portal.tsx") == DOCUSAURUS_WRAP
    assert wrapped_by(DOCUSAURUS, "website/docs/intro.md") == DOCUSAURUS_WRAP
    for not_a_page in ("website/src/pages/_components/Hero.tsx", "website/src/pages/index.test.js"):
        assert wrapped_by(DOCUSAURUS, not_a_page) == set()


def test_docusaurus_swizzled_layout_tracker_reaches_the_sensitive_page(tmp_path: Path) -> None:
    assert run(tmp_path, DOCUSAURUS) == {
        "PXL102 hotjar website/src/theme/Layout/index.js <= website/src/pages/patients/portal.tsx -> website/src/theme/Layout/index.js",
    }


# --- Astro ------------------------------------------------------------------------------------------
def test_astro_markdown_layout_is_front_matter_and_starlight_docs_get_the_config(
    tmp_path: Path,
) -> None:
    files = {
        "package.json": '{"dependencies": {"astro": "^5.0.0", "@astrojs/starlight": "^0.32.0"}}',
        "astro.config.mjs": (
            "import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\n"
            "export default defineConfig({ integrations: [starlight({ title: 'Clinic', head: [\n"
            "  { tag: 'script', attrs: { src: 'https://www.googletagmanager.com/gtag/js?id=G-ABC123', async: true } },\n"
            "] })] });\n"
        ),
        "src/content/docs/patients/billing.md": "---\ntitle: Billing\n---\nPay your bill.\n",
        "src/pages/portal/records.md": "---\nlayout: ../../layouts/Portal.astro\ntitle: Records\n---\n# Records\n",
        "src/layouts/Portal.astro": f"---\nconst {{ frontmatter }} = Astro.props;\n---\n<html><head>{GTAG_HTML}</head><body><slot /></body></html>\n",
        "src/layouts/Marketing.astro": "<html><body><slot /></body></html>\n",
        "pixellint.toml": 'sensitive = ["src/pages/portal/**", "src/content/docs/patients/**"]\n',
    }
    assert wrapped_by(files, "src/content/docs/patients/billing.md") == {
        ("astro.config.mjs", "site-config")
    }
    assert wrapped_by(files, "src/pages/portal/records.md") == set()  # named, not implicit
    assert run(tmp_path, files) == {
        "PXL102 google-analytics astro.config.mjs <= src/content/docs/patients/billing.md -> astro.config.mjs",
        "PXL102 google-analytics src/layouts/Portal.astro <= src/pages/portal/records.md -> src/layouts/Portal.astro",
    }
