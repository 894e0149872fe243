"""Trackers declared as data in a framework's site config (gatsby-config plugins, Nuxt modules,
Docusaurus presets and plugins), read without running the config. The configs below are shaped
like real ones (gatsby-starter-tailwind, pavlokochubei.com, latitudex-academy, queue-run,
protobuf.com, react-native-website): same keys, same ways of writing names and ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_tree

from pixellint import api, catalog, declared
from pixellint.config import Config
from pixellint.model import Sighting

PLUGINS = catalog.load().plugins


def found(text: str, path: str) -> list[tuple[int, int, str, str]]:
    """(line, column, tracker, detail) of every sighting pixellint reports for the file."""
    result = api.scan_text(text, path, sensitive=False)
    return [(s.location.line, s.location.column, s.tracker, s.detail) for s in result.sightings]


def configs(text: str, path: str) -> list[Sighting]:
    result = api.scan_text(text, path, sensitive=False)
    return [s for s in result.sightings if s.how == "config"]


GATSBY = """\
require("dotenv").config({ path: `.env.${process.env.NODE_ENV}` })

module.exports = {
  siteMetadata: {
    title: `Clínica Salud — Citas`,
    siteUrl: `https://www.clinica-salud.example`,
  },
  plugins: [
    `gatsby-plugin-react-helmet`,
    'gatsby-plugin-hotjar',
    {
      resolve: `gatsby-plugin-google-gtag`,
      options: {
        // You can add multiple tracking ids and a pageview event will be fired for all of them.
        trackingIds: [
          "G-LN2843MG43", // Google Analytics / GA
          "AW-123456789", // Google Ads / Adwords / AW
        ],
        pluginConfig: { head: true, respectDNT: true },
      },
    },
    {
      resolve: "gatsby-plugin-facebook-pixel",
      options: { pixelId: process.env.FB_PIXEL_ID },
    },
    // {
    //   resolve: `gatsby-plugin-linkedin-insight`,
    //   options: { partnerId: `1234567` },
    // },
    /* {
      resolve: `gatsby-plugin-segment-js`,
      options: { prodKey: `SEGMENT_KEY` },
    }, */
    {
      resolve: `gatsby-source-filesystem`,
      options: { name: `pages`, path: `${__dirname}/src/pages` },
    },
  ],
}
"""


def test_gatsby_plugins_are_located_at_their_names_with_the_account_id() -> None:
    assert found(GATSBY, "gatsby-config.js") == [
        (10, 5, "hotjar", "gatsby-config declares gatsby-plugin-hotjar (no account id in the config)"),
        (12, 16, "google-analytics", "gatsby-config declares gatsby-plugin-google-gtag (ids G-LN2843MG43, AW-123456789)"),
        (23, 16, "meta-pixel", "gatsby-config declares gatsby-plugin-facebook-pixel (id from process.env.FB_PIXEL_ID)"),
    ]  # fmt: skip


def test_commented_out_plugins_are_not_declarations() -> None:
    trackers = {s.tracker for s in configs(GATSBY, "gatsby-config.js")}
    assert "linkedin-insight" not in trackers and "segment" not in trackers
    uncommented = GATSBY.replace("    // ", "    ").replace("/* {", "{").replace("}, */", "},")
    trackers = {s.tracker for s in configs(uncommented, "gatsby-config.js")}
    assert {"linkedin-insight", "segment"} <= trackers


GATSBY_TS = """\
import type { GatsbyConfig } from "gatsby"

const GTM_ID = process.env.GATSBY_GTM_ID ?? "GTM-DEFAULT1"

const analytics = [
  {
    resolve: "gatsby-plugin-hotjar",
    options: { includeInDevelopment: false, id: 3873202, sv: 6 },
  },
]

const config: GatsbyConfig = {
  graphqlTypegen: true,
  plugins: [
    "gatsby-plugin-image",
    ...analytics,
    ...(process.env.NODE_ENV === "production"
      ? [{ resolve: "gatsby-plugin-google-tagmanager", options: { id: GTM_ID } }]
      : []),
  ],
}

config.plugins.push({ resolve: require.resolve("gatsby-plugin-clarity"), options: { clarity_project_id: "555u86t011" } })

export default config
"""


def test_gatsby_declarations_through_variables_spreads_conditions_and_push() -> None:
    assert found(GATSBY_TS, "gatsby-config.ts") == [
        (7, 14, "hotjar", "gatsby-config declares gatsby-plugin-hotjar (id 3873202)"),
        (18, 21, "google-tag-manager", "gatsby-config declares gatsby-plugin-google-tagmanager (id from process.env.GATSBY_GTM_ID or GTM-DEFAULT1)"),
        (23, 48, "microsoft-clarity", "gatsby-config declares gatsby-plugin-clarity (id 555u86t011)"),
    ]  # fmt: skip


NUXT = """\
// https://nuxt.com/docs/api/configuration/nuxt-config
export default defineNuxtConfig({
  devtools: { enabled: false },
  modules: [
    '@nuxtjs/tailwindcss',
    "@nuxt/image",
    'nuxt-gtag',
    ['@zadigetvoltaire/nuxt-gtm', { defer: true }],
    ['nuxt-facebook-pixel-module', { track: 'PageView', pixelId: '123456789012345', autoPageView: true }],
    '@nuxtjs/plausible',
  ],
  gtag: {
    id: 'G-P9GVHXN1R0',
    initialConsent: false,
  },
  plausible: { enabled: false },
  runtimeConfig: {
    public: {
      gtm: { id: process.env.NUXT_PUBLIC_GTM_ID },
    },
  },
})
"""


def test_nuxt_modules_read_their_id_inline_or_from_their_config_key() -> None:
    assert found(NUXT, "nuxt.config.ts") == [
        (7, 5, "google-analytics", "nuxt.config declares nuxt-gtag (id G-P9GVHXN1R0)"),
        (8, 6, "google-tag-manager", "nuxt.config declares @zadigetvoltaire/nuxt-gtm (id from process.env.NUXT_PUBLIC_GTM_ID)"),
        (9, 6, "meta-pixel", "nuxt.config declares nuxt-facebook-pixel-module (id 123456789012345)"),
    ]  # fmt: skip


def test_a_nuxt_module_switched_off_in_its_options_is_not_declared() -> None:
    assert "plausible" not in {s.tracker for s in configs(NUXT, "nuxt.config.ts")}
    switched_on = NUXT.replace(
        "plausible: { enabled: false }", "plausible: { domain: 'x.example' }"
    )
    assert [
        s.detail for s in configs(switched_on, "nuxt.config.ts") if s.tracker == "plausible"
    ] == ["nuxt.config declares @nuxtjs/plausible (id x.example)"]


NUXT_2 = """\
export default {
  head: { title: 'UFC Gym' },
  buildModules: [
    '@nuxtjs/google-analytics'
  ],
  googleAnalytics: {
    id: 'UA-133665004-1', // Use as fallback if no runtime config is provided
  },
  publicRuntimeConfig: {
    googleAnalytics: {
      id: process.env.GOOGLE_ANALYTICS_ID
    }
  }
}
"""


def test_nuxt_2_build_modules_and_top_level_options() -> None:
    assert found(NUXT_2, "nuxt.config.js") == [
        (4, 5, "google-analytics", "nuxt.config declares @nuxtjs/google-analytics (id UA-133665004-1)")
    ]  # fmt: skip


DOCUSAURUS = """\
// @ts-check
const gaTrackingID = process.env.GOOGLE_ANALYTICS_GTAG ?? "";

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: "The Protobuf Language",
  presets: [
    [
      "classic",
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        docs: { sidebarPath: require.resolve("./sidebars.js") },
        // gtag: {
        //   trackingID: 'G-12345',
        // },
        googleAnalytics: undefined,
        googleTagManager: {
          containerId: 'GTM-K7P9WQ2',
        },
        theme: { customCss: require.resolve("./src/css/custom.css") },
      }),
    ],
  ],
  plugins: [
    gaTrackingID !== ""
      ? [
          "@docusaurus/plugin-google-gtag",
          {
            trackingID: gaTrackingID,
            anonymizeIP: true,
          },
        ]
      : null,
    [require.resolve('docusaurus-plugin-hotjar'), {}],
  ],
};

module.exports = config;
"""


def test_docusaurus_preset_options_and_plugins() -> None:
    assert found(DOCUSAURUS, "docusaurus.config.js") == [
        (17, 9, "google-tag-manager", "docusaurus.config declares @docusaurus/plugin-google-tag-manager through preset classic option googleTagManager (id GTM-K7P9WQ2)"),
        (27, 11, "google-analytics", "docusaurus.config declares @docusaurus/plugin-google-gtag (id from process.env.GOOGLE_ANALYTICS_GTAG)"),
        (34, 22, "hotjar", "docusaurus.config declares docusaurus-plugin-hotjar (no account id in the config)"),
    ]  # fmt: skip


PRESET_ONLY = """\
import type * as Preset from '@docusaurus/preset-classic';

export default {
  title: 'React Native',
  presets: [
    [
      '@docusaurus/preset-classic',
      {
        docs: { path: '../docs' },
        gtag: { trackingID: 'G-58L13S6BDP' },
      } satisfies Preset.Options,
    ],
  ],
};
"""


def test_a_preset_option_is_found_though_the_config_names_no_tracker_token() -> None:
    (sighting,) = configs(PRESET_ONLY, "website/docusaurus.config.ts")
    assert sighting.tracker == "google-analytics"
    assert (sighting.location.line, sighting.location.column) == (10, 9)
    assert sighting.evidence.startswith("gtag")
    assert "id G-58L13S6BDP" in sighting.detail


SHARED_PRESETS = """\
const presets = [
  [
    "@docusaurus/preset-classic",
    {
      blog: { postsPerPage: "ALL" },
      gtag: {
        trackingID: process.env.GTAG ?? "G-",
        anonymizeIP: true,
      },
    },
  ],
];

module.exports = { title: "Volkov Labs", presets };
"""


def test_presets_in_a_variable_given_by_shorthand() -> None:
    assert found(SHARED_PRESETS, "docusaurus.config.js") == [
        (6, 7, "google-analytics", "docusaurus.config declares @docusaurus/plugin-google-gtag through preset @docusaurus/preset-classic option gtag (id from process.env.GTAG or G-)"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "README.md",
            "Analytics: add `'gatsby-plugin-google-gtag'` to `plugins` in gatsby-config.\n",
        ),
        ("src/components/seo.js", "export const plugins = ['gatsby-plugin-hotjar'];\n"),
        ("gatsby-node.js", "exports.onCreatePage = () => { const plugins = ['nuxt-gtag'] }\n"),
        ("package.json", '{"dependencies": {"gatsby-plugin-google-gtag": "^5.0.0"}}\n'),
    ],
)
def test_a_plugin_name_outside_a_site_config_is_not_a_declaration(path: str, text: str) -> None:
    assert configs(text, path) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("gatsby-config.js", True),
        ("site/gatsby-config.mjs", True),
        ("gatsby-config.ts", True),
        ("apps/web/nuxt.config.ts", True),
        ("website/docusaurus.config.cjs", True),
        ("my-gatsby-config.js", False),
        ("gatsby-config.json", False),
        ("nuxt.config.d.ts.map", False),
        ("angular.json", False),
    ],
)
def test_which_files_are_site_configs(path: str, expected: bool) -> None:
    assert declared.is_site_config(path) is expected


def test_declarations_are_plain_values_of_offsets_tracker_and_detail() -> None:
    text = "export default defineNuxtConfig({ modules: ['@nuxtjs/gtm'], gtm: { id: 'GTM-WMVTZHG' } })\n"
    (only,) = declared.declarations(text, "nuxt.config.ts", PLUGINS, "typescript")
    assert text[only.start : only.end] == "'@nuxtjs/gtm'"
    assert (only.tracker, only.detail) == (
        "google-tag-manager",
        "nuxt.config declares @nuxtjs/gtm (id GTM-WMVTZHG)",
    )
    assert declared.declarations(text, "src/config.ts", PLUGINS, "typescript") == []


# Head scripts written in nuxt.config / useHead / useScript are strings the existing JavaScript
# detection reads; only `children: '…'` bodies needed the config reader.
NUXT_HEAD = """\
export default defineNuxtConfig({
  app: {
    head: {
      script: [
        { src: 'https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ', async: true },
        { innerHTML: "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-ABC123XYZ')" },
        { children: "fbq('init', '123456789012345'); fbq('track', 'PageView');" },
      ],
    },
  },
})
"""


def test_nuxt_head_scripts_src_inner_html_and_children() -> None:
    assert found(NUXT_HEAD, "nuxt.config.ts") == [
        (5, 16, "google-analytics", "loads https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ; gtag('js'); gtag('config')"),
        (7, 22, "meta-pixel", "fbq('init'); fbq('track')"),
    ]  # fmt: skip


def test_a_children_string_outside_a_head_script_list_is_not_run() -> None:
    text = "export default { props: [{ children: \"fbq('track', 'Lead')\" }] }\n"
    assert found(text, "components/menu.ts") == []


PAGE = """\
<script setup lang="ts">
const route = useRoute()
useHead({
  title: 'Book an appointment',
  script: [{ children: `fbq('track', 'Schedule', { page: '${route.path}' })` }],
})
useScript('https://static.hotjar.com/c/hotjar-3873202.js?sv=6')
</script>

<template>
  <BookingForm />
</template>
"""


def test_use_head_children_and_use_script_in_a_vue_page() -> None:
    assert found(PAGE, "pages/appointments/book.vue") == [
        (5, 25, "meta-pixel", "fbq('track')"),
        (7, 11, "hotjar", "loads https://static.hotjar.com/c/hotjar-3873202.js?sv=6"),
    ]


def test_a_declared_tracker_is_a_sighting_of_the_site_config(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "package.json": '{"private": true, "dependencies": {"gatsby": "^5.13.0"}}',
            "gatsby-config.js": GATSBY,
            "src/pages/index.js": "export default function Home() { return <h1>Clínica Salud</h1> }\n",
            "src/pages/portal/records.js": "export default function Records() { return null }\n",
            "README.md": "We use `gatsby-plugin-google-gtag` for analytics.\n",
        },
    )
    result = api.run([root], Config(sensitive=("src/pages/portal/**",)), root)
    declared_here = sorted(
        (s.location.path, s.location.line, s.tracker) for s in result.sightings if s.how == "config"
    )
    assert declared_here == [
        ("gatsby-config.js", 10, "hotjar"),
        ("gatsby-config.js", 12, "google-analytics"),
        ("gatsby-config.js", 23, "meta-pixel"),
    ]
    assert all(s.location.path == "gatsby-config.js" for s in result.sightings)
