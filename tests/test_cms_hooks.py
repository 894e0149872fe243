"""Trackers a CMS adds through its own mechanisms, not in a template: WordPress hooks
(`add_action( 'wp_head', ... )` in plugins and in files functions.php requires), JavaScript built
in PHP strings and heredocs (`wp_add_inline_script`, Drupal's `html_head` `#value`), Drupal asset
libraries (`*.libraries.yml`, attached by templates, `.theme`/`.module` files and `*.info.yml`)
and Shopify app pixels and app embeds. End to end on trees shaped like real sites."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, assert_linear, write_tree

from pixellint import api, config, graph
from pixellint.api import Result
from pixellint.conventions import wordpress
from pixellint.document import language_of, prepare
from pixellint.languages import drupal_libraries
from pixellint.model import Sighting

SITES = FIXTURES / "sites"
WP = "wp-content/themes/carewell"
PORTAL = f"{WP}/page-patient-portal.php"
HARBOR = "web/themes/custom/harbor"
APPOINTMENT = f"{HARBOR}/templates/content/node--appointment.html.twig"
VIA_HTML = f"{HARBOR}/templates/layout/page.html.twig -> {HARBOR}/templates/layout/html.html.twig"


def run(root: Path, *, all_pages: bool = False) -> Result:
    found = config.config_in(root)
    cfg = config.load(found) if found and found.parent == root else config.Config()
    return api.run([root], cfg, root, all_pages=all_pages)


def findings(result: Result, page: str | None = None) -> set[str]:
    """'RULE tracker path:line:col <= page -> a -> b' for every finding (and page)."""
    lines = set()
    for finding in result.findings:
        where = f"{finding.location.path}:{finding.location.line}:{finding.location.column}"
        for exposure in finding.exposures:
            if page is None or exposure.page == page:
                via = " -> ".join([exposure.page, *(step.target for step in exposure.chain)])
                lines.add(f"{finding.rule} {finding.sighting.tracker} {where} <= {via}")
    return lines


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of `needle` in `text`."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def sightings(text: str, path: str) -> list[Sighting]:
    return sorted(api.scan_text(text, path).sightings)


# --- WordPress: hooks ---------------------------------------------------------------------------


def test_plugins_and_required_theme_files_that_hook_wp_head_reach_the_page() -> None:
    root = SITES / "wordpress-hooks"
    via_header = f"{PORTAL} -> {WP}/header.php"
    pixel = "wp-content/plugins/carewell-meta-pixel/includes/class-carewell-pixel.php"
    gtm = "wp-content/plugins/carewell-gtm/carewell-gtm.php"
    analytics = f"{WP}/inc/analytics.php"
    child = "wp-content/themes/carewell-child/functions.php"

    def at(path: str, needle: str) -> str:
        line, column = position((root / path).read_text("utf-8"), needle)
        return f"{path}:{line}:{column}"

    assert findings(run(root)) == {
        # a class hooks wp_enqueue_scripts and hands a nowdoc + sprintf() to wp_add_inline_script
        f"PXL102 meta-pixel {at(pixel, chr(39) + 'https://connect')} <= {via_header} -> {pixel}",
        # wp_head (array( $this, ... )) echoes a heredoc with the GTM snippet; wp_body_open
        # prints the noscript frame with printf()
        f"PXL102 google-tag-manager {at(gtm, chr(39) + 'https://www.googletagmanager.com/gtm')}"
        f" <= {via_header} -> {gtm}",
        f"PXL102 google-tag-manager {at(gtm, 'https://www.googletagmanager.com/ns')}"
        f" <= {via_header} -> {gtm}",
        # inc/analytics.php, required with get_theme_file_path(), hooks wp_head with a closure
        f"PXL102 google-analytics {at(analytics, 'https://')} <= {via_header} -> {analytics}",
        f"PXL102 google-analytics {at(analytics, 'gtag(' + chr(39) + 'js')} <= {via_header} -> "
        f"{analytics}",
        # the child theme's functions.php hooks wp_footer: wp_print_inline_script_tag()
        f"PXL102 linkedin-insight {at(child, '_linkedin_partner_id')} <= {via_header} -> {child}",
        # functions.php enqueues a first-party file with get_theme_file_uri()
        f"PXL102 microsoft-clarity {at(WP + '/assets/js/clarity.js', chr(34) + 'https://')} <= "
        f"{via_header} -> {WP}/functions.php -> {WP}/assets/js/clarity.js",
    }


def test_hooks_of_an_inactive_theme_and_commented_out_hooks_reach_nothing() -> None:
    result = run(SITES / "wordpress-hooks")
    seen = {(s.location.path, s.tracker) for s in result.sightings}
    assert ("wp-content/themes/harborlight/functions.php", "hotjar") in seen
    assert ("wp-content/plugins/carewell-tiktok/carewell-tiktok.php", "tiktok-pixel") in seen
    reported = {f.sighting.tracker for f in result.findings}
    assert not reported & {"hotjar", "tiktok-pixel"}


def test_commented_out_php_never_counts() -> None:
    result = run(SITES / "wordpress-hooks")
    functions = [s for s in result.sightings if s.location.path == f"{WP}/functions.php"]
    assert functions == []  # `// wp_enqueue_script( ...sdk.js )`, `/* wp_add_inline_script */`
    pixel = [s for s in result.sightings if s.location.path.endswith("class-carewell-pixel.php")]
    assert len(pixel) == 1  # the commented-out "fbq('track', 'Lead')" is no second sighting
    assert not [d for d in result.diagnostics if "legacy-tracking" in d.message]


@pytest.mark.parametrize(
    "code, hooks",
    [
        ("add_action( 'wp_head', function () { echo 'x'; } );", ["wp_head"]),
        ("add_action( 'wp_footer', array( $this, 'footer' ), 20 );", ["wp_footer"]),
        ("add_action( \"wp_body_open\", [ __CLASS__, 'body' ] );", ["wp_body_open"]),
        ("add_action( 'wp_enqueue_scripts', 'Theme::assets' );", ["wp_enqueue_scripts"]),
        ("// add_action( 'wp_head', 'old_pixel' );", []),
        ("/* add_action( 'wp_footer', 'old_pixel' ); */", []),
        ("add_action( 'admin_head', 'admin_styles' );", []),
    ],
)
def test_a_file_is_noted_with_the_page_hooks_it_adds(code: str, hooks: list[str]) -> None:
    noted = list(wordpress.traits("wp-content/plugins/x/x.php", "<?php\n" + code + "\n"))
    assert noted == [("wp-hook", hook) for hook in hooks]


def test_a_theme_hook_runs_in_that_theme_and_its_children_a_plugin_hook_everywhere(
    tmp_path: Path,
) -> None:
    pixel = "<?php add_action( 'wp_head', function () { ?><script>fbq('init', '123456789012345');</script><?php } );\n"
    root = write_tree(
        tmp_path,
        {
            "pixellint.toml": 'sensitive = ["**/page-portal.php"]\n',
            "wp-content/themes/a/header.php": "<head><?php wp_head(); ?></head>\n",
            "wp-content/themes/a/page-portal.php": "<?php get_header(); ?>\n",
            "wp-content/themes/a/inc/meta.php": pixel,
            "wp-content/themes/b/functions.php": pixel.replace("fbq", "ttq.track"),
            "wp-content/themes/b/header.php": "<head><?php wp_head(); ?></head>\n",
            "wp-content/themes/a-child/functions.php": pixel.replace(
                "fbq('init', '123456789012345')", "lintrk('track', { conversion_id: 42 })"
            ),
            "wp-content/mu-plugins/gtag.php": pixel.replace(
                "fbq('init', '123456789012345')", "gtag('config', 'G-ABCDE12345')"
            ),
        },
    )
    reached = {f.sighting.tracker: f.exposures[0].chain[-1].target for f in run(root).findings}
    assert reached == {
        "meta-pixel": "wp-content/themes/a/inc/meta.php",
        "google-analytics": "wp-content/mu-plugins/gtag.php",
        # a theme with no templates of its own is a child theme: its parent renders its hooks
        "linkedin-insight": "wp-content/themes/a-child/functions.php",
    }


def test_a_block_theme_template_runs_the_hooks_of_the_template_canvas(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pixellint.toml": 'sensitive = ["**/templates/page-portal.html"]\n',
            "wp-content/themes/blocky/templates/index.html": "<!-- wp:post-content /-->\n",
            "wp-content/themes/blocky/templates/page-portal.html": (
                '<!-- wp:template-part {"slug":"header"} /-->\n<!-- wp:post-content /-->\n'
            ),
            "wp-content/plugins/pixel/pixel.php": (
                "<?php add_action( 'wp_footer', function () {\n"
                '\techo \'<script>fbq("init", "123456789012345");</script>\';\n} );\n'
            ),
        },
    )
    assert findings(run(root)) == {
        "PXL102 meta-pixel wp-content/plugins/pixel/pixel.php:2:16 <= "
        "wp-content/themes/blocky/templates/page-portal.html -> wp-content/plugins/pixel/pixel.php"
    }


def test_method_calls_and_comments_are_not_template_includes(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "plugin/rest.php": (
                "<?php\n/**\n * Example headers include 'accept' and 'origin'.\n */\n"
                "$origin = $request->get_header( 'origin' );\n"
                "// require_once __DIR__ . '/legacy.php';\n"
                "require_once plugin_dir_path( __FILE__ ) . 'includes/helpers.php';\n"
            ),
            "plugin/includes/helpers.php": "<?php function helper() {}\n",
        },
    )
    result = run(root, all_pages=True)
    assert [d.message for d in result.diagnostics if d.code == "PXL903"] == []


# --- JavaScript in PHP strings ----------------------------------------------------------------------


def test_heredoc_javascript_is_analysed_at_the_exact_position_of_each_call() -> None:
    code = (
        "<?php\n"
        "function clinic_pixel() {\n"
        "\t$id = get_option( 'pixel' );\n"
        "\t$js = <<<JS\n"
        "\twindow.fbqReady = '{$id}' && \"$id\"; fbq('init', '{$id}');\n"
        "\tJS;\n"
        "\twp_add_inline_script( 'clinic', $js );\n"
        "\t$ga = <<<'EOT'\n"
        "gtag('config', 'G-HEREDOC01', { send_page_view: true });\n"
        "EOT;\n"
        "\twp_add_inline_script( 'ga', $ga, 'after' );\n"
        "}\n"
    )
    found = {s.tracker: (s.location.line, s.location.column) for s in sightings(code, "x.php")}
    assert found == {
        "meta-pixel": position(code, "fbq('init'"),
        "google-analytics": position(code, "gtag('config'"),
    }


@pytest.mark.parametrize(
    "code, call",
    [
        # escapes in a single-quoted string: \' keeps every later column in place
        (
            "<?php echo '<script>var a = \\'x\\'; _hsq.push([\\'trackPageView\\']);</script>';",
            "_hsq.push",
        ),
        # a double-quoted string with \" and \n
        (
            '<?php echo "<script>var a = \\"x\\";\\n  ttq.track(\'ViewContent\');</script>";',
            "ttq.track",
        ),
        # concatenation: the PHP operand between the pieces is masked
        (
            '<?php echo \'<script>fbq("init", "\' . esc_js( $id ) . \'"); fbq("track");</script>\';',
            "fbq(",
        ),
        # printf placeholders outside a JavaScript string
        (
            "<?php printf( '<script>var n = %d; lintrk(\"track\", { conversion_id: %d });</script>', 1, $c );",
            "lintrk(",
        ),
        # GTM4WP's shape: the opening tag comes from a function, the string ends with </script>
        (
            '<?php return $tag->opening() . \'\ngtag("consent", "default", {});\n</script>\';',
            "gtag(",
        ),
        # Drupal html_head
        (
            "<?php $a['#attached']['html_head'][] = [['#tag' => 'script', '#value' => 'var n = 1; uetq.push(\"event\", \"x\", {});'], 'uet'];",
            "uetq.push",
        ),
    ],
)
def test_javascript_in_php_strings_keeps_exact_positions(code: str, call: str) -> None:
    found = sightings(code, "x.php")
    assert [(s.location.line, s.location.column) for s in found] == [position(code, call)]


def test_javascript_assembled_in_a_variable_for_html_head(tmp_path: Path) -> None:
    """Drupal's google_analytics module: `$script .= '...'` pieces, `'#value' => new
    Snippet($script)`."""
    code = (
        "<?php\nfunction ga_page_attachments(array &$page) {\n"
        "  $script = 'window.dataLayer = window.dataLayer || [];';\n"
        "  $script .= 'function gtag(){dataLayer.push(arguments)};';\n"
        "  $script .= 'gtag(\"js\", new Date());';\n"
        "  $script .= 'gtag(\"config\", ' . Json::encode($id) . ');';\n"
        "  $page['#attached']['html_head'][] = [\n"
        "    ['#tag' => 'script', '#value' => new GoogleAnalyticsJavaScriptSnippet($script)],\n"
        "    'google_analytics_tracking_script',\n  ];\n}\n"
    )
    found = sightings(code, "google_analytics.module")
    assert [(s.tracker, s.location.line, s.location.column) for s in found] == [
        ("google-analytics", *position(code, 'gtag("js"'))
    ]


@pytest.mark.parametrize(
    "code",
    [
        "<?php // wp_add_inline_script( 'x', \"fbq('track', 'Lead');\" );",
        '<?php /* echo \'<script>fbq("track", "Lead");</script>\'; */',
        '<?php # echo \'<script>fbq("track", "Lead");</script>\';',
        "<?php\n/**\n * Prints <script>fbq('track', 'Lead');</script> (not any more).\n */\n",
        # JSON-LD is data, and an HTML comment in a string is inert
        "<?php $b = ['#tag' => 'script', '#attributes' => ['type' => 'application/ld+json'], '#value' => '{\"fbq\": 1}'];",
        '<?php echo \'<!-- <script>fbq("track", "Lead");</script> -->\';',
        '<!-- <?php echo \'<script>fbq("track", "Lead");</script>\'; ?> -->',
    ],
)
def test_commented_out_or_inert_php_strings_are_not_findings(code: str) -> None:
    assert sightings(code, "x.php") == []


def analyse(text: str, path: str) -> None:
    """Detection and the graph facts (include forms, convention traits) of one file."""
    language = language_of(path)
    assert language is not None
    graph.node_of(prepare(path, text, language))
    api.scan_text(text, path)


@pytest.mark.parametrize(
    "piece, path",
    [
        (
            "<?php $a = 'x' . $b . \"<script>fbq(\" . <<<JS\n{$c} wp_add_inline_script( $h, $js . "
            "'\\'' . \"\\\"{$d}\" . ( [ '#tag' => 'script' ] ) ;\nJS;\n$js .= sprintf( '%s', $x ); "
            "echo '</script>' . $js; add_action( 'wp_head', ",
            "p.php",
        ),
        ("<?php $x = <<<A\nwp_add_inline_script( 'h', $x . '", "p.php"),
        (
            "<?php require_once A . $d->e . dirname( __FILE__ ) . wp_enqueue_script( 'h', A . ",
            "p.php",
        ),
        ("<?php $v['#attached'] = [ 'library' => [ 'a/b', ", "t.theme"),
        (
            "x:\n  js:\n    https://a.example/c.js: { type: external }\n    'q: { js: {'",
            "x.libraries.yml",
        ),
    ],
)
def test_php_and_libraries_reading_is_linear(piece: str, path: str) -> None:
    copies = 100 if "<script>" in piece else 400  # JavaScript analysis dominates: fewer copies
    assert_linear(lambda n: analyse(piece * copies * n, path), path)


# --- Drupal: libraries --------------------------------------------------------------------------------


def test_drupal_libraries_reach_pages_through_the_theme_and_module_hooks() -> None:
    root = SITES / "drupal-libraries"
    module = "web/modules/custom/harbor_analytics/harbor_analytics.module"
    module_text = (root / module).read_text("utf-8")
    libraries = f"{HARBOR}/harbor.libraries.yml"
    gtm = position((root / libraries).read_text("utf-8"), "https://www.googletagmanager.com")
    via = f"{APPOINTMENT} -> {VIA_HTML}"
    inline = 'gtag("js"'
    at = "{}:{}:{}".format
    assert findings(run(root)) == {
        # harbor.info.yml attaches harbor/gtm to every page: an external URL in the library
        f"PXL102 google-tag-manager {at(libraries, *gtm)} <= {via} -> {libraries}",
        # ... and the library's first-party file
        f"PXL102 google-tag-manager {HARBOR}/js/gtm-datalayer.js:6:1 <= {via} -> "
        f"{HARBOR}/js/gtm-datalayer.js",
        # harbor_preprocess_node() attaches harbor/meta-pixel in harbor.theme
        f"PXL102 meta-pixel {HARBOR}/js/meta-pixel.js:9:19 <= {via} -> {HARBOR}/harbor.theme -> "
        f"{HARBOR}/js/meta-pixel.js",
        # hook_page_attachments() adds html_head scripts: the src and the inline gtag() calls
        f"PXL102 google-analytics {at(module, *position(module_text, 'https://'))} <= {via} -> {module}",
        f"PXL102 google-analytics {at(module, *position(module_text, inline))} <= {via} -> {module}",
    }


def test_a_library_attached_by_one_template_reaches_only_its_pages() -> None:
    root = SITES / "drupal-libraries"
    article = f"{HARBOR}/templates/content/node--article.html.twig"
    hotjar = "web/modules/custom/harbor_analytics/harbor_analytics.libraries.yml"
    result = run(root, all_pages=True)
    assert any(
        f.endswith(f"hotjar {hotjar}:4:6 <= {article} -> {hotjar}")
        for f in findings(result, article)
    )
    assert not [f for f in findings(result, APPOINTMENT) if " hotjar " in f]
    # {# {{ attach_library('harbor_analytics/linkedin') }} #} in the article is no edge, the
    # CSS-only harbor/forms resolves with no edge and no note, core/* libraries are core's
    linkedin = [f for f in findings(result, article) if "linkedin" in f]
    assert all(f.endswith(f"{article} -> {hotjar}") for f in linkedin)
    assert [d for d in result.diagnostics if d.code == "PXL903"] == []


def test_an_attached_library_the_project_lacks_is_a_dead_end_unless_core_has_it(
    tmp_path: Path,
) -> None:
    root = write_tree(
        tmp_path,
        {
            "themes/t/t.info.yml": "name: T\ntype: theme\nbase theme: olivero\n",
            "themes/t/t.theme": (
                "<?php\nfunction t_preprocess_page(&$variables) {\n"
                "  $variables['#attached']['library'][] = 'user/drupal.user';\n}\n"
            ),
            "themes/t/templates/page.html.twig": (
                "{{ attach_library('olivero/search-wide') }}\n"
                "{{ attach_library('google_tag/gtag') }}\n"
            ),
        },
    )
    notes = [d for d in run(root).diagnostics if d.code == "PXL903"]
    assert [n.location.line for n in notes] == [2] and "google_tag/gtag" in notes[0].message


def test_libraries_file_is_read_as_the_script_elements_it_stands_for() -> None:
    text = (
        "gtm:\n"
        "  header: true\n"
        "  js:\n"
        "    https://www.googletagmanager.com/gtm.js?id=GTM-AB12CD3: { type: external, attributes: { async: true } }\n"
        "    'https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF': { type: external }\n"
        "    //connect.facebook.net/en_US/fbevents.js:\n"
        "      type: external\n"
        "    js/gtm.js: {}\n"
        "  # https://static.hotjar.com/c/hotjar-1.js?sv=6: { type: external }\n"
        "  css:\n"
        "    theme:\n"
        "      https://www.googletagmanager.com/fonts.css: { type: external }\n"
        "old: { js: { '//www.google-analytics.com/analytics.js': { type: external } } }\n"
    )
    found = [
        (s.tracker, s.location.line, s.location.column) for s in sightings(text, "t.libraries.yml")
    ]
    assert found == [
        ("google-tag-manager", *position(text, "https://www.googletagmanager.com/gtm")),
        ("google-analytics", *position(text, "https://www.googletagmanager.com/gtag")),
        ("meta-pixel", *position(text, "//connect")),
        ("google-analytics", *position(text, "//www.google-analytics")),
    ]
    scripts = drupal_libraries.scripts(text)
    assert [(s.library, s.path, s.external) for s in scripts if not s.external] == [
        ("gtm", "js/gtm.js", False)
    ]


def test_info_file_libraries_and_base_theme() -> None:
    text = (
        "name: Harbor\ntype: theme\nbase theme: olivero\nlibraries:\n  - harbor/global\n"
        "  # - harbor/hotjar\n  - 'harbor/gtm'\nlibraries-extend:\n  core/drupal.dialog:\n"
        "    - harbor/dialog\n"
    )
    assert drupal_libraries.global_libraries(text) == ["harbor/global", "harbor/gtm"]
    assert drupal_libraries.base_theme(text) == "olivero"
    assert drupal_libraries.global_libraries("libraries: [a/b, 'c/d']\n") == ["a/b", "c/d"]


# --- Shopify: app pixels and app embeds -----------------------------------------------------------

PIXEL = """\
import {register} from "@shopify/web-pixels-extension";

register(({ analytics, browser, settings }) => {
  analytics.subscribe("checkout_completed", (event) => {
    fetch(settings.endpoint, { method: "POST", body: JSON.stringify({ email: event.data.checkout.email }) });
  });
});
"""
EMBED = """\
<script>
  !function(w,d,t){w.TiktokAnalyticsObject=t;var ttq=w[t]=w[t]||[];ttq.load=function(e){};ttq.load('{{ block.settings.pixel_id }}');ttq.page();}(window,document,'ttq');
</script>
{% schema %}
{ "name": "TikTok pixel", "target": "head", "settings": [{ "type": "text", "id": "pixel_id", "label": "Pixel ID" }] }
{% endschema %}
"""


def test_shopify_app_pixels_and_app_embeds_run_on_every_theme_page(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pixellint.toml": 'sensitive = ["theme/templates/customers/**"]\n',
            "theme/layout/theme.liquid": "<html><head>{{ content_for_header }}</head><body>{{ content_for_layout }}</body></html>\n",
            "theme/templates/customers/account.liquid": "<h1>{{ customer.name }}</h1>\n",
            "app/extensions/checkout-pixel/shopify.extension.toml": (
                'api_version = "2025-01"\n\n[[extensions]]\nname = "Checkout pixel"\n'
                'type = "web_pixel_extension"\nhandle = "checkout-pixel"\nruntime_context = "strict"\n'
            ),
            "app/extensions/checkout-pixel/src/index.js": PIXEL,
            "app/extensions/embeds/blocks/tiktok.liquid": EMBED,
            "app/extensions/embeds/blocks/reviews.liquid": EMBED.replace(
                '"target": "head"', '"target": "section"'
            ),
        },
    )
    chains = {
        (f.sighting.tracker, f.location.path, " -> ".join(s.target for s in e.chain))
        for f in run(root).findings
        for e in f.exposures
    }
    layout = "theme/layout/theme.liquid"
    assert {(t, p) for t, p, _ in chains} == {
        ("shopify-web-pixel", "app/extensions/checkout-pixel/src/index.js"),
        ("tiktok-pixel", "app/extensions/embeds/blocks/tiktok.liquid"),
    }
    assert {c for _, _, c in chains} == {
        f"{layout} -> app/extensions/checkout-pixel/src/index.js",
        f"{layout} -> app/extensions/embeds/blocks/tiktok.liquid",
    }
    rules = {f.rule for f in run(root).findings if f.sighting.tracker == "shopify-web-pixel"}
    assert "PXL103" in rules  # checkout_completed hands the buyer's e-mail to the pixel
