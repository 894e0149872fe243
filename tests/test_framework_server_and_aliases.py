"""What the bundler decides and no import line says: server-only modules stay off the page
(React Server Actions, `server-only`, SvelteKit `.server` modules, route handlers), bundler
aliases resolve (`kit.alias`, Vite `resolve.alias`), Nuxt components are auto-imported, and a
Docusaurus config's own `scripts` and `clientModules` reach every page. A single-page app is one
document: its route components are not pages of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_framework_pages import META_PIXEL_JS, build, run

from pixellint.conventions import aliases, server

POSTHOG_NODE = (
    "import { PostHog } from 'posthog-node';\n"
    "export const client = new PostHog(process.env.KEY!, { host: 'https://us.i.posthog.com' });\n"
)
NEXT = {
    "package.json": '{"dependencies": {"next": "15.3.0"}}',
    "next.config.ts": "export default {};\n",
    "app/layout.tsx": "export default function L({ children }) { return <html><body>{children}</body></html>; }\n",
    "app/book/page.tsx": "import { requestAppointment } from './actions';\nexport default function Book() { return <form action={requestAppointment} />; }\n",
    "app/book/actions.ts": "'use server';\nimport { client } from '@/lib/posthog-server';\nexport async function requestAppointment() { client.capture({ distinctId: 'x', event: 'booked' }); }\n",
    "lib/posthog-server.ts": POSTHOG_NODE,
    "app/api/book/route.ts": "import { client } from '@/lib/posthog-server';\nexport async function POST() { client.capture({ distinctId: 'x', event: 'api' }); return Response.json({}); }\n",
    "pixellint.toml": 'sensitive = ["app/book/**", "app/api/**"]\n',
}


@pytest.mark.parametrize(
    ("path", "text", "server_only"),
    [
        ("app/book/actions.ts", "'use server';\nexport async function a() {}\n", True),
        ("app/book/actions.ts", '// form actions\n/* run on the server */\n"use server"\n', True),
        ("app/book/actions.ts", "export async function a() { 'use server'; }\n", False),
        ("lib/db.ts", "import 'server-only';\nexport const db = 1;\n", True),
        ("lib/db.ts", "// import 'server-only' once we split\nexport const db = 1;\n", False),
        ("src/routes/portal/+page.server.ts", "export const load = () => ({});\n", True),
        ("src/routes/api/+server.js", "export const GET = () => new Response();\n", True),
        ("app/routes/notes.server.ts", "export const x = 1;\n", True),
        ("src/hooks.server.ts", "export const handle = () => {};\n", False),
        ("app/api/records/route.ts", "export async function GET() {}\n", True),
        (
            "src/routes/posts/route.tsx",
            "export const Route = createFileRoute('/posts')();\n",
            False,
        ),
        ("pages/api/hello.js", "export default function handler() {}\n", True),
        ("middleware.ts", "export function middleware() {}\n", True),
        ("app/book/page.tsx", "export default function Book() { return null; }\n", False),
        ("server/app.js", "const express = require('express');\nconst app = express();\n", True),
        ("src/server.ts", "import Fastify from 'fastify';\n", True),
        ("bin/build.js", "#!/usr/bin/env node\nconsole.log(1);\n", True),
        ("src/api.js", "const axios = require('axios');\n", False),
    ],
)
def test_server_only_modules_by_directive_import_and_file_name(
    path: str, text: str, server_only: bool
) -> None:
    assert (server.SERVER in set(server.traits(path, text))) is server_only


def test_a_server_sdk_reaches_no_page_through_a_server_action_or_route_handler(
    tmp_path: Path,
) -> None:
    assert run(tmp_path, NEXT) == set()
    edges = build(NEXT).edges
    assert "app/book/actions.ts" not in {e.target for e in edges.get("app/book/page.tsx", ())}


def test_the_same_module_imported_without_the_directive_still_reaches_the_page(
    tmp_path: Path,
) -> None:
    files = {
        **NEXT,
        "app/book/actions.ts": NEXT["app/book/actions.ts"].replace("'use server';\n", ""),
    }
    assert run(tmp_path, files) == {
        "PXL102 posthog lib/posthog-server.ts <= app/book/page.tsx -> app/book/actions.ts -> lib/posthog-server.ts",
        "PXL102 posthog app/book/actions.ts <= app/book/page.tsx -> app/book/actions.ts",
    }


# --- bundler aliases ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "svelte.config.js",
            "export default { kit: { adapter: adapter(), alias: { $components: 'src/lib/components', 'utils': './src/utils' } } };\n",
            {("$components", "src/lib/components"), ("utils", "src/utils")},
        ),
        (
            "web/vite.config.ts",
            "export default defineConfig({ resolve: { alias: {\n"
            "  '@': fileURLToPath(new URL('./src', import.meta.url)),\n"
            "  '@shared': path.resolve(__dirname, '..', 'shared'),\n"
            "  // '@old': './old',\n"
            "  '~': '/src',\n"
            "  vue: 'vue/dist/vue.esm-bundler.js',\n"
            "  dynamic: someVariable,\n"
            "} } });\n",
            {
                ("@", "src"),
                ("@shared", "../shared"),
                ("~", "src"),
                ("vue", "vue/dist/vue.esm-bundler.js"),
            },
        ),
        (
            "vite.config.js",
            "export default { resolve: { alias: [ { find: '@', replacement: path.resolve(__dirname, 'src') }, { find: /^~/, replacement: '' } ] } };\n",
            {("@", "src")},
        ),
        ("src/app.config.ts", "export const alias = { '@': './src' };\n", set()),
    ],
)
def test_bundler_config_aliases_are_read_without_running_the_config(
    path: str, text: str, expected: set[tuple[str, str]]
) -> None:
    found = {tuple(value.split(aliases.SEP)) for _, value in aliases.traits(path, text)}
    assert found == expected


def test_a_kit_alias_import_brings_its_component_to_every_page_of_the_layout(
    tmp_path: Path,
) -> None:
    files = {
        "package.json": '{"devDependencies": {"@sveltejs/kit": "2.0.0"}}',
        "svelte.config.js": "export default { kit: { alias: { $components: 'src/lib/components' } } };\n",
        "src/app.html": "<!doctype html><html><head>%sveltekit.head%</head><body>%sveltekit.body%</body></html>\n",
        "src/routes/+layout.svelte": "<script>\n  import Pixel from '$components/Pixel.svelte';\n</script>\n<Pixel />\n<slot />\n",
        "src/routes/portal/+page.svelte": "<h1>Your records</h1>\n",
        "src/lib/components/Pixel.svelte": f"<svelte:head>\n  <script>{META_PIXEL_JS}</script>\n</svelte:head>\n",
        "pixellint.toml": 'sensitive = ["src/routes/portal/**"]\n',
    }
    assert run(tmp_path, files) == {
        "PXL102 meta-pixel src/lib/components/Pixel.svelte <= src/routes/portal/+page.svelte"
        " -> src/routes/+layout.svelte -> src/lib/components/Pixel.svelte",
    }


# --- Nuxt auto-imported components ----------------------------------------------------------------
NUXT = {
    "nuxt.config.ts": "export default defineNuxtConfig({});\n",
    "app.vue": "<template><NuxtLayout><NuxtPage /></NuxtLayout></template>\n",
    "layouts/default.vue": "<template><div><AppHeader /><slot /><lazy-marketing-pixels /></div></template>\n",
    "components/AppHeader.vue": "<template><header>Clinic</header></template>\n",
    "components/marketing/Pixels.client.vue": f"<script setup>\nuseHead({{ script: [{{ children: `{META_PIXEL_JS}` }}] }});\n</script>\n<template><span /></template>\n",
    "components/base/BaseButton.vue": "<template><button><slot /></button></template>\n",
    "pages/book.vue": "<template><BaseButton>Book</BaseButton></template>\n",
    "pixellint.toml": 'sensitive = ["pages/book.vue"]\n',
}


def test_nuxt_components_resolve_by_prefixed_kebab_lazy_and_deduplicated_names() -> None:
    edges = build(NUXT).edges
    targets = lambda path: {(e.target, e.kind) for e in edges.get(path, ())}  # noqa: E731
    assert ("components/marketing/Pixels.client.vue", "component") in targets("layouts/default.vue")
    assert ("components/AppHeader.vue", "component") in targets("layouts/default.vue")
    assert ("components/base/BaseButton.vue", "component") in targets("pages/book.vue")


def test_a_tracker_in_an_auto_imported_component_of_the_default_layout_reaches_the_page(
    tmp_path: Path,
) -> None:
    found = run(tmp_path, NUXT)
    assert {line.split(" <= ")[0] for line in found} == {
        "PXL102 meta-pixel components/marketing/Pixels.client.vue"
    }


def test_component_tags_outside_a_nuxt_project_are_not_followed() -> None:
    files = {k: v for k, v in NUXT.items() if k != "nuxt.config.ts"}
    edges = build(files).edges
    assert not [e for e in edges.get("layouts/default.vue", ()) if e.kind == "component"]


# --- Docusaurus config scripts and client modules -------------------------------------------------
def test_docusaurus_first_party_scripts_and_client_modules_reach_every_doc(
    tmp_path: Path,
) -> None:
    files = {
        "docusaurus.config.js": (
            "module.exports = {\n  title: 'Handbook',\n"
            "  scripts: [{ src: '/js/clarity.js', async: true }, 'https://cdn.example.com/x.js'],\n"
            "  clientModules: [require.resolve('./src/analytics.js')],\n};\n"
        ),
        "static/js/clarity.js": '(function(c,l,a,r,i,t,y){c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};t=l.createElement(r);t.async=1;t.src="https://www.clarity.ms/tag/"+i;y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);})(window, document, "clarity", "script", "abcdefghij");\n',
        "src/analytics.js": "import ReactPixel from 'react-facebook-pixel';\nReactPixel.init('123456789012345');\n",
        "docs/conditions/hiv.md": "# HIV PrEP\n",
        "pixellint.toml": 'sensitive = ["docs/conditions/**"]\n',
    }
    found = {line.split(" <= ")[1] for line in run(tmp_path, files)}
    assert found == {
        "docs/conditions/hiv.md -> docusaurus.config.js -> static/js/clarity.js",
        "docs/conditions/hiv.md -> docusaurus.config.js -> src/analytics.js",
    }


# --- a single-page app is one document ------------------------------------------------------------
def test_a_sensitive_route_component_is_not_a_page_of_its_own(tmp_path: Path) -> None:
    files = {
        "index.html": '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
        "src/main.tsx": "import { Routes } from './routes';\nrender(<Routes />);\n",
        "src/routes.tsx": "import Portal from './pages/Portal';\nexport const Routes = () => <Portal />;\n",
        "src/pages/Portal.tsx": "import ReactPixel from 'react-facebook-pixel';\nReactPixel.track('ViewContent');\nexport default function Portal() { return null; }\n",
        "pixellint.toml": 'sensitive = ["src/pages/**"]\n',
    }
    found = run(tmp_path, files)
    assert {line.split(" <= ")[1].split(" -> ")[0] for line in found} == {"index.html"}
    assert {line.split(" ")[0] for line in found} == {"PXL102"}


def test_docusaurus_docs_outside_the_site_folder_get_the_site_config(tmp_path: Path) -> None:
    """react-native-website's shape: the site in website/, its docs plugin reading ../docs."""
    files = {
        "website/docusaurus.config.ts": (
            "export default {\n  presets: [['classic', { docs: { path: '../docs', sidebarPath: './sidebars.ts' } }]],\n"
            "  scripts: ['/js/clarity.js'],\n};\n"
        ),
        "website/static/js/clarity.js": 'window.clarity=function(){};var t=document.createElement("script");t.src="https://www.clarity.ms/tag/abcdefghij";\n',
        "docs/security.md": "# Security\n",
        "other/notes.md": "# Not part of the site\n",
        "pixellint.toml": 'sensitive = ["docs/**", "other/**"]\n',
    }
    assert {line.split(" <= ")[1] for line in run(tmp_path, files)} == {
        "docs/security.md -> website/docusaurus.config.ts -> website/static/js/clarity.js",
    }
