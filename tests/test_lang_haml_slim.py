"""HAML and Slim: each construct gives the exact position of what it holds, comments hide what
they nest, `render` is an include edge, and no input takes more than linear time.

Positions are written out by hand from the source text: (line, column, tracker, how)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import user_seconds, write_tree

from pixellint import api, catalog, config, graph, sensitivity, suppress
from pixellint.detect import Detector
from pixellint.document import prepare
from pixellint.facts import Task, analyse
from pixellint.languages import haml, registry, slim
from pixellint.source import decode

FB = "https://connect.facebook.net/en_US/fbevents.js"
HOTJAR = "https://static.hotjar.com/c/hotjar-1.js?sv=6"
LINKEDIN = "https://snap.licdn.com/li.lms-analytics/insight.min.js"


def found(text: str, path: str) -> list[tuple[int, int, str, str]]:
    result = api.scan_text(text, path)
    return [(s.location.line, s.location.column, s.tracker, s.how) for s in result.sightings]


def haml_at(text: str) -> list[tuple[int, int, str, str]]:
    return found(text, "app/views/pages/home.html.haml")


def slim_at(text: str) -> list[tuple[int, int, str, str]]:
    return found(text, "app/views/pages/home.html.slim")


def references(text: str, path: str) -> list[tuple[str, str, int, int]]:
    doc = prepare(path, text, registry.by_path(path))  # type: ignore[arg-type]
    node = graph.node_of(doc)
    return [(r.name, r.kind, r.location.line, r.location.column) for r in node.references]


def test_extensions_choose_the_languages() -> None:
    for name, language in (
        ("show.html.haml", "haml"),
        ("_nav.haml", "haml"),
        ("show.html.slim", "slim"),
        ("_nav.slim", "slim"),
    ):
        found_language = registry.by_path(f"app/views/x/{name}")
        assert found_language is not None and found_language.name == language


# --- HAML: the HTML it renders ------------------------------------------------------------------


def test_haml_view_is_the_html_the_tags_render() -> None:
    view = haml.read('%script{src: "a.js", async: true, defer: false, "data-x": nil}\n')
    assert view.source == '<script src="a.js" async></script>'
    view = haml.read('%script.optanon-category-C0004#fb(type="text/plain" src="b.js")\n')
    assert view.source == (
        '<script id="fb" class="optanon-category-C0004" type="text/plain" src="b.js"></script>'
    )


def test_haml_leaves_out_tags_no_detector_reads_but_keeps_their_text() -> None:
    view = haml.read("%html\n  %body.page\n    %p Hello\n    %noscript text\n")
    assert view.source == "Hello<noscript>text</noscript>"


def test_haml_script_tag_forms() -> None:
    assert haml_at(f'%html\n  %head\n    %script{{src: "{FB}", async: true}}\n') == [
        (3, 5, "meta-pixel", "script-src")
    ]
    rocket = (
        '%script{:src => "https://www.googletagmanager.com/gtag/js?id=G-ABC1234", :async => true}'
    )
    assert haml_at(rocket) == [(1, 1, "google-analytics", "script-src")]
    assert haml_at(f'%head\n  %script(src="{HOTJAR}" async)\n') == [(2, 3, "hotjar", "script-src")]


def test_haml_ruby_attribute_values_keep_their_string_literals() -> None:
    assert haml_at("%script{ src: pixel_url }\n") == []
    assert haml_at(f'%script{{ src: asset_url("{FB}") }}\n') == [(1, 1, "meta-pixel", "script-src")]
    gtag = "%script{ src: \"https://www.googletagmanager.com/gtag/js?id=#{ENV.fetch('GA')}\" }\n"
    assert haml_at(gtag) == [(1, 1, "google-analytics", "script-src")]
    assert haml.read(gtag).masked == (
        '<script src="https://www.googletagmanager.com/gtag/js?id=__________________"></script>'
    )


def test_haml_class_shorthand_reaches_the_consent_check() -> None:
    text = f'%script.optanon-category-C0004{{type: "text/plain", src: "{FB}"}}\n'
    (sighting,) = api.scan_text(text, "a.html.haml").sightings
    assert sighting.detail == "consent-gated loader"


def test_haml_script_with_nested_content() -> None:
    text = "%body\n  %script\n    var x = 1;\n    fbq('init', '123456789012345');\n"
    assert haml_at(text) == [(4, 5, "meta-pixel", "inline-js")]
    # the `!` that starts the base code is text, not HAML's unescape marker
    text = "%script\n  !function(){ fbq('init', '1'); }();\n"
    assert haml_at(text) == [(2, 16, "meta-pixel", "inline-js")]


def test_haml_javascript_filter_is_copied_exactly_with_interpolation_masked() -> None:
    text = ":javascript\n  var id = '#{@id}';\n  gtag('config', id);\n"
    assert haml_at(text) == [(3, 3, "google-analytics", "inline-js")]
    assert "var id = '______';" in haml.read(text).masked


def test_haml_filters_that_are_text_style_or_inert() -> None:
    html = f'<script src="{HOTJAR}"></script>'
    assert haml_at(f"%body\n  :plain\n    {html}\n") == [(3, 5, "hotjar", "script-src")]
    assert haml_at(f"%body\n  :markdown\n    {html}\n") == [(3, 5, "hotjar", "script-src")]
    assert haml_at(f"%body\n  :escaped\n    {html}\n") == []
    beacon = ":css\n  .x { background: url(https://www.facebook.com/tr?id=1&ev=PageView); }\n"
    assert haml_at(beacon) == []
    erb = ":erb\n  <script src=\"<%= pixel_url %>\"></script>\n  <script>fbq('init', '<%= id %>');</script>\n"
    assert haml_at(erb) == [(3, 11, "meta-pixel", "inline-js")]


def test_haml_comments_hide_everything_nested_under_them() -> None:
    text = (
        "-#\n"
        f'  %script{{src: "{FB}"}}\n'
        "  = render 'shared/pixel'\n"
        f'-# %script{{src: "{FB}"}}\n'
        "/\n"
        f'  %script{{src: "{HOTJAR}"}}\n'
        "  = render 'shared/hotjar'\n"
        "/[if IE]\n"
        '  %script{src: "https://www.google-analytics.com/analytics.js"}\n'
        f'/ %script(src="{LINKEDIN}")\n'
        '- # javascript_include_tag "https://www.clarity.ms/tag/abc"\n'
        "%p still here\n"
    )
    assert haml_at(text) == []
    assert references(text, "app/views/pages/home.html.haml") == []
    assert "still here" in haml.read(text).source
    # a revealed conditional comment shows its block to every browser but old IE
    assert haml_at(f'/![if !IE]\n  %script{{src: "{FB}"}}\n') == [
        (2, 3, "meta-pixel", "script-src")
    ]


def test_haml_ruby_output_and_code() -> None:
    text = (
        "%head\n"
        '  = javascript_include_tag "application",\n'
        '    "https://www.googletagmanager.com/gtag/js?id=G-ABC1234", defer: true\n'
    )
    assert haml_at(text) == [(3, 6, "google-analytics", "template-code")]
    text = (
        f'!= javascript_include_tag "{HOTJAR}"\n'
        '&= "https://www.clarity.ms/tag/abc"\n'
        f'~ raw "{LINKEDIN}"\n'
    )
    assert haml_at(text) == [
        (1, 28, "hotjar", "template-code"),
        (2, 5, "microsoft-clarity", "template-code"),
        (3, 8, "linkedin-insight", "template-code"),
    ]


def test_haml_multiline_ruby_with_pipes_is_one_statement() -> None:
    text = f'- pixel = build_pixel "{FB}", |\n    id: 1 |\n%p= pixel\n'
    assert haml_at(text) == [(1, 24, "meta-pixel", "template-code")]
    assert "id: 1" not in haml.read(text).masked  # the continued line is Ruby, not text
    view = haml.read("- items.each do | item |\n  %p= item\n")
    assert view.regions and "item" not in view.masked


def test_haml_helper_onclick_options_render_a_handler() -> None:
    text = (
        "%p\n"
        "  = link_to \"Donate\", donate_path, onClick: \"_gaq.push(['_trackEvent', 'Donations'])\"\n"
        '  = button_to "x", y, :onclick => \'fbq("track", "Lead")\'\n'
    )
    assert haml_at(text) == [
        (2, 46, "google-analytics", "event-handler"),
        (3, 36, "meta-pixel", "event-handler"),
    ]


def test_haml_interpolation_escape_and_handlers() -> None:
    text = f'%p Call us #{{link_to "x", "{HOTJAR}"}}\n'
    assert haml_at(text) == [(1, 28, "hotjar", "template-code")]
    assert haml_at(f'\\%script{{src: "{FB}"}}\n') == []  # escaped: text, not a tag
    text = "%button(type=\"button\" onclick=\"fbq('track', 'Lead')\") Book\n"
    assert haml_at(text) == [(1, 32, "meta-pixel", "event-handler")]
    text = "%a.cta{href: book_path, onclick: \"fbq('track', 'Lead')\"} Book\n"
    assert haml_at(text) == [(1, 35, "meta-pixel", "event-handler")]


def test_generated_pieces_end_where_the_original_construct_ends() -> None:
    text = '%a{onclick: \'fbq("track", "Lead", {em: "x"})\'} Book\n'
    (handler,) = api.scan_text(text, "a.html.haml").sightings
    # the JavaScript is kept as written (single-quoted value), so the call and its keys are read
    assert (handler.location.column, handler.location.end_column) == (14, 45)
    assert handler.identity == "fbq('track') with em"
    text = f'script src="{FB}" async=true\n'
    (loader,) = api.scan_text(text, "a.html.slim").sightings
    assert (loader.location.column, loader.location.end_column) == (1, len(text))


def test_haml_multiline_hashes_raw_html_and_content_for_blocks() -> None:
    text = (
        "%noscript\n"
        "  %img{height: 1, width: 1,\n"
        '    src: "https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1"}\n'
    )
    assert haml_at(text) == [(2, 3, "meta-pixel", "beacon")]
    assert haml_at(f'%body\n  <script src="{HOTJAR}"></script>\n') == [
        (2, 3, "hotjar", "script-src")
    ]
    text = f'= content_for :head do\n  %script{{src: "{LINKEDIN}"}}\n%h1 Page\n'
    assert haml_at(text) == [(2, 3, "linkedin-insight", "script-src")]


def test_haml_tabs_crlf_and_bom() -> None:
    assert haml_at(f'%head\n\t%script{{src: "{FB}"}}\n\t\t%p x\n') == [
        (2, 2, "meta-pixel", "script-src")
    ]
    text = ":javascript\r\n  var id = '#{@id}';\r\n  gtag('config', id);\r\n"
    assert haml_at(text) == [(3, 3, "google-analytics", "inline-js")]
    data = ('%head\r\n  %script{src: "' + FB + '"}\r\n').encode()
    decoded = decode(b"\xef\xbb\xbf" + data).text
    assert haml_at(decoded) == [(2, 3, "meta-pixel", "script-src")]
    assert haml_at("\ufeff" + f'%script{{src: "{FB}"}}') == [(1, 2, "meta-pixel", "script-src")]


def test_haml_render_forms_are_include_edges() -> None:
    text = (
        "= render 'shared/analytics'\n"
        '!= render partial: "shared/pixel"\n'
        '%div= render("shared/chat")\n'
        "%p Hello #{render 'shared/name'}\n"
        "- render 'shared/discarded'\n"
        "-# = render 'shared/commented'\n"
        "/ = render 'shared/html_commented'\n"
        "= render @patient\n"
        '%script{src: "/assets/analytics.js"}\n'
    )
    assert references(text, "app/views/pages/home.html.haml") == [
        ("shared/analytics", "render", 1, 1),
        ("shared/pixel", "render", 2, 1),
        ("shared/chat", "render", 3, 5),
        ("shared/name", "render", 4, 10),
        ("/assets/analytics.js", "script-src", 9, 1),
    ]


# --- Slim ---------------------------------------------------------------------------------------


def test_slim_view_is_the_html_the_tags_render() -> None:
    text = f'doctype html\nhtml\n  head\n    script src="{FB}" async=true defer=false\n'
    assert slim.read(text).source == f'<script src="{FB}" async></script>'
    assert slim_at(text) == [(4, 5, "meta-pixel", "script-src")]


def test_slim_ruby_attribute_values() -> None:
    assert slim_at("script src=pixel_url\n") == []
    assert slim_at(f'script src=asset_url("{FB}")\n') == [(1, 1, "meta-pixel", "script-src")]
    text = 'script src="https://www.googletagmanager.com/gtag/js?id=#{ENV["GA"]}" async=true\n'
    assert slim_at(text) == [(1, 1, "google-analytics", "script-src")]


def test_slim_attribute_wrappers() -> None:
    for wrapped in (
        f'script[src="{FB}" async]',
        f'script(src="{FB}" async)',
        f'script{{src="{FB}" async}}',
    ):
        assert slim_at(wrapped + "\n") == [(1, 1, "meta-pixel", "script-src")], wrapped
    text = f'head\n  script[\n    src="{FB}"\n    async]\n'
    assert slim_at(text) == [(2, 3, "meta-pixel", "script-src")]


def test_slim_javascript_engine_is_copied_exactly() -> None:
    text = "body\n  javascript:\n    var id = '#{ENV[\"GA_ID\"]}';\n    gtag('config', id);\n"
    assert slim_at(text) == [(4, 5, "google-analytics", "inline-js")]
    assert "var id = '_______________';" in slim.read(text).masked
    text = "body\n  javascript [nonce=content_security_policy_nonce]:\n    fbq('init', '1');\n"
    assert slim_at(text) == [(3, 5, "meta-pixel", "inline-js")]
    assert slim_at("head\r\n  javascript:\r\n    fbq('init', '1');\r\n") == [
        (3, 5, "meta-pixel", "inline-js")
    ]


def test_slim_text_blocks_and_inline_html() -> None:
    assert slim_at(f'body\n  | <script src="{HOTJAR}"></script>\n') == [
        (2, 5, "hotjar", "script-src")
    ]
    assert slim_at(f'<script src="{HOTJAR}"></script>\n') == [(1, 1, "hotjar", "script-src")]
    text = "script fbq('init', '123456789012345');\n  fbq('track', 'PageView');\n"
    assert slim_at(text) == [(1, 8, "meta-pixel", "inline-js")]
    text = "script\n  | var a = 1;\n    fbq('track', 'PageView');\n"
    assert slim_at(text) == [(3, 5, "meta-pixel", "inline-js")]


def test_slim_comments_hide_everything_nested_under_them() -> None:
    text = (
        f'/ script src="{FB}"\n'
        "/\n"
        "  javascript:\n"
        "    fbq('init', '1');\n"
        '  == render "shared/pixel"\n'
        f'/! script src="{HOTJAR}"\n'
        "/!\n"
        "  noscript\n"
        '    img src="https://www.facebook.com/tr?id=1&ev=PageView"\n'
        "/[if lt IE 9]\n"
        '  script src="https://www.google-analytics.com/analytics.js"\n'
        '- # javascript_include_tag "https://www.clarity.ms/tag/abc"\n'
        "p still here\n"
    )
    assert slim_at(text) == []
    assert references(text, "app/views/pages/home.html.slim") == []
    assert "still here" in slim.read(text).source


def test_slim_ruby_output_and_code() -> None:
    assert slim_at(f'== javascript_include_tag "{HOTJAR}"\n') == [
        (1, 28, "hotjar", "template-code")
    ]
    text = f'- url = tracker_url "application",\n    "{LINKEDIN}"\np = url\n'
    assert slim_at(text) == [(2, 6, "linkedin-insight", "template-code")]
    text = f'- url = tracker_url "application", \\\n    "{LINKEDIN}"\n'
    assert slim_at(text) == [(2, 6, "linkedin-insight", "template-code")]
    text = 'p\n  = link_to "Back", back_path, onclick: "ttq.track(\'ClickButton\')"\n'
    assert slim_at(text) == [(2, 42, "tiktok-pixel", "event-handler")]


def test_slim_shortcuts_inline_children_and_beacons() -> None:
    text = ".cta#book onclick=\"fbq('track', 'Lead')\" Book now\n"
    assert slim_at(text) == [(1, 20, "meta-pixel", "event-handler")]
    (sighting,) = api.scan_text(
        'noscript: img src="https://www.facebook.com/tr?id=1&ev=PageView"\n', "a.slim"
    ).sightings
    assert (sighting.location.line, sighting.location.column) == (1, 11)
    assert sighting.detail.startswith("noscript <img>")
    text = f'ul\n  li: a href="/x" = "Home"\nbody: div: script src="{FB}"\n'
    assert slim_at(text) == [(3, 12, "meta-pixel", "script-src")]


def test_slim_render_forms_are_include_edges() -> None:
    text = (
        '== render "shared/analytics"\n'
        "= render partial: 'shared/pixel'\n"
        "div = render 'shared/chat'\n"
        "/ = render 'shared/commented'\n"
        "/! == render 'shared/html'\n"
        "- render 'shared/discarded'\n"
        'script src="/assets/analytics.js"\n'
    )
    assert references(text, "app/views/pages/home.html.slim") == [
        ("shared/analytics", "render", 1, 1),
        ("shared/pixel", "render", 2, 1),
        ("shared/chat", "render", 3, 5),
        ("/assets/analytics.js", "script-src", 7, 1),
    ]


# --- markers, suppressions, the graph --------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        ("a.html.haml", "%p x\n-# pixellint: sensitive\n", 2),
        ("a.html.haml", "%p x\n/ pixellint: sensitive\n", 2),
        ("a.html.haml", "-#\n  booking form\n  pixellint: sensitive\n%p x\n", 1),
        ("a.html.haml", ":javascript\n  // pixellint: sensitive\n", 2),
        ("a.html.slim", "p x\n/ pixellint: sensitive\n", 2),
        ("a.html.slim", "p x\n/! pixellint: sensitive\n", 2),
        ("a.html.slim", "javascript:\n  /* pixellint: sensitive */\n", 2),
    ],
)
def test_markers_in_every_comment_form(path: str, text: str, line: int) -> None:
    doc = prepare(path, text, registry.by_path(path))  # type: ignore[arg-type]
    assert (
        getattr(sensitivity.marker(doc), "reason", None)
        == f"'pixellint: sensitive' comment on line {line}"
    )


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.html.haml", '%head\n  %meta{name: "pixellint", content: "sensitive"}\n'),
        ("a.html.slim", 'head\n  meta name="pixellint" content="sensitive"\n'),
    ],
)
def test_a_meta_tag_marks_the_page(path: str, text: str) -> None:
    doc = prepare(path, text, registry.by_path(path))  # type: ignore[arg-type]
    assert getattr(sensitivity.marker(doc), "reason", None) == (
        '<meta name="pixellint" content="sensitive"> on line 2'
    )


def test_a_marker_in_plain_text_is_no_marker() -> None:
    doc = prepare("a.html.slim", "p pixellint: sensitive\n", registry.by_path("a.slim"))  # type: ignore[arg-type]
    assert getattr(sensitivity.marker(doc), "reason", None) is None


def test_suppression_line_is_the_comment_s_last_line() -> None:
    text = (
        "%head\n  -# pixellint: ignore[meta-pixel] reviewed\n  :javascript\n    fbq('init', '1');\n"
    )
    doc = prepare("a.html.haml", text, registry.by_path("a.haml"))  # type: ignore[arg-type]
    (found,) = suppress.suppressions(doc)
    assert (found.line, found.names, found.reason) == (2, frozenset({"meta-pixel"}), "reviewed")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "show.html.haml",
            "-# pixellint: ignore[meta-pixel] BAA signed\n:javascript\n  fbq('init', '1');\n",
        ),
        (
            "show.html.haml",
            ":javascript\n  // pixellint: ignore[meta-pixel] BAA signed\n  fbq('init', '1');\n",
        ),
        (
            "show.html.slim",
            "/ pixellint: ignore[meta-pixel] BAA signed\njavascript:\n  fbq('init', '1');\n",
        ),
        ("show.html.slim", f'/! pixellint: ignore[meta-pixel] BAA signed\nscript src="{FB}"\n'),
    ],
)
def test_suppressions_in_template_and_script_comments(tmp_path: Path, name: str, text: str) -> None:
    root = write_tree(tmp_path, {f"app/views/patients/{name}": text})
    result = api.run([root], config.Config(sensitive=("app/views/patients/**",)), root)
    assert (result.findings, result.suppressed) == ((), 1)


def test_views_render_partials_of_any_rails_template_language(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "app/views/layouts/application.html.slim": 'html\n  head\n    == render "shared/head"\n  body = yield\n',
            "app/views/shared/_head.html.haml": "= render 'shared/pixel'\n",
            "app/views/shared/_pixel.html.erb": f'<script src="{FB}"></script>\n',
            "app/views/patients/show.html.haml": "%h1= @patient.name\n",
        },
    )
    result = api.run([root], config.Config(sensitive=("app/views/patients/**",)), root)
    (finding,) = result.findings
    (exposure,) = finding.exposures
    assert [(s.target, s.kind, s.location.line, s.location.column) for s in exposure.chain] == [
        ("app/views/layouts/application.html.slim", "layout", 1, 1),
        ("app/views/shared/_head.html.haml", "render", 3, 5),
        ("app/views/shared/_pixel.html.erb", "render", 1, 1),
    ]


def test_a_controller_layout_nested_in_the_application_layout(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "app/views/layouts/application.html.haml": f'%html\n  %head\n    %script{{src: "{FB}"}}\n',
            "app/views/layouts/patients.html.slim": '- content_for :nav do\n  nav Portal\n== render template: "layouts/application"\n',
            "app/views/patients/show.html.haml": "%h1= @patient.name\n",
        },
    )
    result = api.run([root], config.Config(sensitive=("app/views/patients/**",)), root)
    (finding,) = result.findings
    (exposure,) = finding.exposures
    assert [(s.target, s.kind, s.location.line, s.location.column) for s in exposure.chain] == [
        ("app/views/layouts/patients.html.slim", "layout", 1, 1),
        ("app/views/layouts/application.html.haml", "render", 3, 1),
    ]


# --- hostile input: linear time -------------------------------------------------------------------

HOSTILE = {
    "haml: unclosed hashes on one line": "%script{" * 40_000,
    "haml: unclosed hashes on many lines": "%script{\n" * 40_000,
    "haml: unclosed html attributes": "%a(" + "b " * 80_000,
    "haml: html attribute openers": "%a(\n" * 40_000,
    "haml: interpolation openers": "%p " + "#{" * 80_000,
    "haml: quotes inside hashes": '%a{"' + '#{"' * 40_000,
    "haml: silent comments": "-#\n" * 40_000 + "pixellint: sensitive",
    "haml: comment blocks of blank lines": ("-# pixellint: ignore[x] y\n" + "  \n" * 50) * 4_000,
    "haml: filters": ":javascript\n" * 40_000,
    "haml: render openers": "= render '" * 40_000,
    "haml: a block with spaces": "- foo do |" + " " * 120_000 + "| x |",
    "haml: pipes": "= a |\n" * 40_000,
    "haml: commas": "= a,\n" * 40_000,
    "haml: deep nesting": "".join(" " * i + "%div\n" for i in range(1_400)),
    "slim: an engine name and spaces": "javascript" + " " * 200_000,
    "slim: an open wrapper": "script[" + "\n" * 40_000,
    "slim: braces in a quoted value": 'a href="' + "{" * 80_000,
    "slim: parentheses in a ruby value": "a x=" + "(" * 80_000,
    "slim: code comments": "/\n" * 40_000 + "pixellint: sensitive",
    "slim: text interpolation": "| " + "#{" * 80_000,
    "slim: inline children": "p: " * 40_000,
    "slim: attributes": "a " + "b=c " * 40_000,
    "slim: broken lines": "- a \\\n" * 40_000,
}


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(catalog.load())


def _analyse_time(text: str, name: str, detector: Detector) -> float:
    started = user_seconds()
    analyse(Task(Path(name), name, True), text.encode(), detector)
    return user_seconds() - started


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_takes_linear_time(name: str, detector: Detector) -> None:
    text = HOSTILE[name]
    path = "app/views/x.html.haml" if name.startswith("haml") else "app/views/x.html.slim"
    small = _analyse_time(text, path, detector)
    double = _analyse_time(text * 2, path, detector)
    assert double < max(4 * small, 0.5), (name, small, double)
    assert double < 10, (name, double)
