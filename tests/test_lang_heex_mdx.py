"""Phoenix HEEx/EEx templates, Elixir `~H` sigils and MDX: exact masking, exact positions (CRLF,
BOM), the Phoenix and MDX conventions (layouts, function components, imports) and linear time on
hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import user_seconds, write_tree

from pixellint import api, config
from pixellint.api import Result
from pixellint.conventions import phoenix
from pixellint.document import prepare
from pixellint.languages import elixir, heex, mdx, registry
from pixellint.languages.base import Role


def sighted(text: str, path: str) -> list[tuple[str, int, int]]:
    return sorted(
        (s.tracker, s.location.line, s.location.column) for s in api.scan_text(text, path).sightings
    )


def chains(result: Result) -> set[str]:
    """'RULE tracker path:line:col <= page -kind-> target ...' for every finding and page."""
    out = set()
    for finding in result.findings:
        where = f"{finding.location.path}:{finding.location.line}:{finding.location.column}"
        for exposure in finding.exposures:
            via = "".join(f" -{step.kind}-> {step.target}" for step in exposure.chain)
            out.add(f"{finding.rule} {finding.sighting.tracker} {where} <= {exposure.page}{via}")
    return out


def run(root: Path, *sensitive: str, all_pages: bool = False) -> Result:
    return api.run([root], config.Config(sensitive=sensitive), root, all_pages=all_pages)


# --- HEEx masking ---------------------------------------------------------------------------------


def test_heex_masks_every_form_same_length_with_its_role() -> None:
    text = '<div class={@c} :if={@show} {@rest} title="a {b}">{@x} <%= @y %><% end %><%# c %><%!-- d --%></div>'
    view = heex.read(text)
    assert view.masked == (
        "<div class=____ "
        + " " * 11
        + ' _______ title="a {b}">____ '
        + "_" * 9
        + " " * 29
        + "</div>"
    )
    assert list(view.regions) == [
        (11, 15, Role.OUTPUT),
        (16, 27, Role.CONTROL),
        (28, 35, Role.OUTPUT),
        (50, 54, Role.OUTPUT),
        (55, 64, Role.OUTPUT),
        (64, 73, Role.CODE),
        (73, 81, Role.COMMENT),
        (81, 93, Role.COMMENT),
    ]
    assert view.comments == ((73, 81), (81, 93))
    assert view.pieces == ((0, 0, len(text), True),)


def test_heex_script_and_style_bodies_keep_their_braces_but_not_eex() -> None:
    text = "<script>var cfg = {id: 1}; fbq('init', '<%= @pixel_id %>');</script><style>a{color:red}</style><p>{@x}</p>"
    expected = (
        "<script>var cfg = {id: 1}; fbq('init', '" + "_" * 16 + "');</script>"
        "<style>a{color:red}</style><p>____</p>"
    )
    assert heex.read(text).masked == expected


def test_heex_no_curly_interpolation_covers_the_whole_element() -> None:
    text = "<div phx-no-curly-interpolation><div>{x}</div><code>{y}</code></div>{z}"
    assert heex.read(text).masked == text[:-3] + "___"


def test_heex_html_comments_keep_braces_and_eex_is_masked_everywhere() -> None:
    text = "<!-- {x} <%= y %> --><p>{z}</p><%%= literal %>"
    assert heex.read(text).masked == "<!-- {x} " + "_" * 8 + " --><p>___</p><%%= literal %>"


def test_heex_nested_and_unbalanced_braces() -> None:
    text = '<.a b={%{c: {1, 2}}} /><p>{"#{@d}"}</p><p>{ unclosed</p>'
    masked = heex.read(text).masked
    assert masked == "<.a b=" + "_" * 14 + " /><p>" + "_" * 9 + "</p><p>{ unclosed</p>"


def test_braces_around_markup_are_text_so_eex_files_keep_their_scripts() -> None:
    text = "<p>{</p><script>fbq('init', '123456789012345')</script><p>}</p>"
    assert sighted(text, "legacy.html.eex") == [("meta-pixel", 1, 17)]


def test_heex_positions_with_crlf() -> None:
    text = "<%!-- note --%>\r\n<div class={@c}>\r\n  <script>\r\n    fbq('track', 'Lead');\r\n  </script>\r\n</div>\r\n"
    assert sighted(text, "show.html.heex") == [("meta-pixel", 4, 5)]


def test_heex_tracker_url_in_an_attribute_expression() -> None:
    text = '<noscript>\n  <img src={"https://www.facebook.com/tr?id=#{@pixel_id}&ev=PageView"} />\n</noscript>\n'
    assert sighted(text, "pixel.html.heex") == [("meta-pixel", 2, 14)]


def test_heex_comments_hide_trackers_and_components() -> None:
    text = (
        '<%!-- <script async src="https://www.googletagmanager.com/gtag/js?id=G-7KX2Q8ZP4M"></script>\n'
        "<.analytics /> --%>\n"
        "<%# <script>fbq('track', 'Lead')</script> %>\n"
        '<!-- <img src="https://www.facebook.com/tr?id=123456789012345" /> <.pixel /> -->\n'
        "<.header>Hi</.header>\n"
    )
    assert sighted(text, "page.html.heex") == []
    assert list(phoenix.traits("lib/a_web/page.html.heex", text)) == [("calls", ".header")]


def test_heex_marker_and_suppression_in_heex_comments(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "lib/app_web/controllers/visit_html/show.html.heex": (
                "<%!-- pixellint: sensitive --%>\n"
                "<%!-- pixellint: ignore[hotjar] survey reviewed --%>\n"
                "<script>hj('event', 'survey');</script>\n"
                "<script>fbq('track', 'Lead');</script>\n"
            )
        },
    )
    result = run(tmp_path)
    assert chains(result) == {
        "PXL101 meta-pixel lib/app_web/controllers/visit_html/show.html.heex:4:9 <= lib/app_web/controllers/visit_html/show.html.heex"
    }
    assert result.suppressed == 1


def test_heex_commented_out_script_src_is_no_edge(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "lib/app_web/controllers/visit_html/show.html.heex": (
                "<%!-- pixellint: sensitive --%>\n"
                '<%!-- <script src="/js/old.js"></script> --%>\n'
                '<script src="/js/new.js"></script>\n'
            ),
            "priv/static/js/old.js": "fbq('track', 'Lead');\n",
            "priv/static/js/new.js": "hj('event', 'x');\n",
        },
    )
    page = "lib/app_web/controllers/visit_html/show.html.heex"
    assert chains(run(tmp_path)) == {
        f"PXL102 hotjar priv/static/js/new.js:1:1 <= {page} -script-src-> priv/static/js/new.js"
    }


# --- Elixir modules -------------------------------------------------------------------------------

MODULE = '''defmodule AppWeb.Tags do
  @moduledoc """
  Loads <script src="https://connect.facebook.net/en_US/fbevents.js"></script>
  """
  use Phoenix.Component
  # fbq('init', '123456789012345')
  @quote ?"
  @example ~S\'\'\'
  ~H"""<script>fbq('track', 'Example')</script>"""
  \'\'\'
  @gtm "https://www.googletagmanager.com/gtm.js?id=GTM-ABC1234"

  def lead(assigns) do
    ~H"""
    <script>fbq('track', 'Lead');</script>
    """
  end
end
'''


def test_elixir_reads_sigil_bodies_and_string_literals_only() -> None:
    assert sighted(MODULE, "lib/app_web/tags.ex") == [
        ("google-tag-manager", 11, 9),
        ("meta-pixel", 15, 13),
    ]


def test_elixir_masks_everything_but_the_sigil_same_length() -> None:
    view = elixir.read(MODULE)
    body = MODULE.index('~H"""\n    <script>') + 5
    assert len(view.masked) == len(MODULE)
    assert view.masked.strip() == "<script>fbq('track', 'Lead');</script>"
    assert view.masked.index("<script>") == MODULE.index("<script>", body)
    assert view.masked.count("\n") == MODULE.count("\n")
    assert (
        MODULE.index('"https://www.google'),
        MODULE.index("GTM-ABC1234") + 12,
        Role.CODE,
    ) in view.regions


def test_elixir_sigil_delimiters_and_dialects() -> None:
    text = (
        "defmodule X do\n"
        "  def a(assigns), do: ~H\"<script>fbq('track', 'A')</script>\"\n"
        '  def b(assigns), do: ~H(<img src="https://www.facebook.com/tr?id=123456789012345&ev=B" />)\n'
        "  def c(assigns) do\n"
        '    ~L"""\n'
        "    <p>{not_interpolated}</p><script>hj('event', 'c')</script>\n"
        '    """\n'
        "  end\n"
        "end\n"
    )
    assert sighted(text, "lib/x.ex") == [
        ("hotjar", 6, 38),
        ("meta-pixel", 2, 34),
        ("meta-pixel", 3, 26),
    ]
    assert "<p>{not_interpolated}</p>" in elixir.read(text).masked


def test_elixir_positions_with_crlf_and_bom(tmp_path: Path) -> None:
    source = '\ufeffdefmodule X do\r\n  def a(assigns) do\r\n    ~H"""\r\n    <p>{@x}</p><script>fbq(\'track\', \'A\')</script>\r\n    """\r\n  end\r\nend\r\n'
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "x.ex").write_bytes(source.encode("utf-8"))
    result = run(tmp_path, all_pages=True)
    assert [(s.tracker, s.location.line, s.location.column) for s in result.sightings] == [
        ("meta-pixel", 4, 24)
    ]


def test_elixir_module_traits() -> None:
    text = '''defmodule AppWeb.Widgets do
  @moduledoc """
  <.ignored_in_docs />
  """
  use AppWeb, :live_component
  embed_templates "widgets/*"

  def update(assigns, socket), do: {:ok, assign(socket, assigns)}

  def chat(assigns) do
    ~H"""
    <script src="https://js.intercomcdn.com/frame.js"></script>
    """
  end

  def card(%{kind: "plain"} = assigns) do
    ~H"""
    <div class="card"><.icon name="x" /><.link navigate="/">{@title}</.link></div>
    """
  end

  defp icon(assigns), do: ~H"<span class={@name} />"

  def panel(assigns) do
    ~H"""
    <.card kind="plain" /><.chat /><Other.Mod.thing /><.live_component module={AppWeb.Feed} id="f" />
    """
  end
end
'''
    assert list(phoenix.traits("lib/app_web/widgets.ex", text)) == [
        ("module", "AppWeb.Widgets"),
        ("defines", "chat"),
        ("defines", "card"),
        ("defines-private", "icon"),
        ("defines", "panel"),
        ("inert", "card"),
        ("inert", "icon"),
        ("embeds", "widgets/*"),
        ("live", "component"),
        ("calls", ".icon"),
        ("calls", ".link"),
        ("calls", ".card"),
        ("calls", ".chat"),
        ("calls", "Other.Mod.thing"),
        ("calls", ".live_component"),
        ("live-module", "AppWeb.Feed"),
    ]


# --- the Phoenix convention -----------------------------------------------------------------------


def test_phoenix_16_layouts_render_and_static_assets(tmp_path: Path) -> None:
    root = "\ufeff<!DOCTYPE html>\r\n<html>\r\n<head>\r\n" + (
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-7KX2Q8ZP4M"></script>\r\n'
        '<script defer phx-track-static src="<%= Routes.static_path(@conn, "/js/app.js") %>"></script>\r\n'
        "</head>\r\n<body><%= @inner_content %></body>\r\n</html>\r\n"
    )
    write_tree(
        tmp_path,
        {
            "lib/shop_web/templates/layout/root.html.heex": root.encode("utf-8"),
            "lib/shop_web/templates/layout/app.html.eex": "<main><%= @inner_content %></main>\n",
            "lib/shop_web/templates/layout/live.html.leex": "<main><%= @inner_content %></main>\n",
            "lib/shop_web/templates/patient/show.html.eex": (
                "<%# pixellint: sensitive %>\n"
                "<h1><%= @patient.name %></h1>\n"
                '<%= render ShopWeb.SharedView, "tracking.html", assigns %>\n'
                '<%= render "form.html", assigns %>\n'
            ),
            "lib/shop_web/templates/patient/form.html.eex": "<script>fbq('track', 'Lead');</script>\n",
            "lib/shop_web/templates/shared/tracking.html.eex": "<script>\n  hj('event', 'x');\n</script>\n",
            "lib/shop_web/live/chart_live.ex": (
                "defmodule ShopWeb.ChartLive do\n"
                "  # pixellint: sensitive\n"
                "  use ShopWeb, :live_view\n"
                "  def mount(_p, _s, socket), do: {:ok, socket}\n"
                '  def render(assigns), do: ~L"<div><%= @chart %></div>"\n'
                "end\n"
            ),
            "assets/js/app.js": 'import "phoenix_html"\nimport Hotjar from "@hotjar/browser"\n',
        },
    )
    show, chart = "lib/shop_web/templates/patient/show.html.eex", "lib/shop_web/live/chart_live.ex"
    layout = "lib/shop_web/templates/layout"
    assert chains(run(tmp_path)) == {
        f"PXL102 hotjar lib/shop_web/templates/shared/tracking.html.eex:2:3 <= {show} -render-> lib/shop_web/templates/shared/tracking.html.eex",
        f"PXL102 meta-pixel lib/shop_web/templates/patient/form.html.eex:1:9 <= {show} -render-> lib/shop_web/templates/patient/form.html.eex",
        f"PXL102 google-analytics {layout}/root.html.heex:4:1 <= {show} -layout-> {layout}/app.html.eex -root-layout-> {layout}/root.html.heex",
        f"PXL102 google-analytics {layout}/root.html.heex:4:1 <= {chart} -layout-> {layout}/live.html.leex -root-layout-> {layout}/root.html.heex",
        f"PXL102 hotjar assets/js/app.js:2:20 <= {show} -layout-> {layout}/app.html.eex -root-layout-> {layout}/root.html.heex -script-src-> assets/js/app.js",
        f"PXL102 hotjar assets/js/app.js:2:20 <= {chart} -layout-> {layout}/live.html.leex -root-layout-> {layout}/root.html.heex -script-src-> assets/js/app.js",
    }
    steps = {
        (s.location.line, s.location.column, s.kind)
        for f in run(tmp_path).findings
        for e in f.exposures
        for s in e.chain
        if s.location.path == f"{layout}/root.html.heex" or s.location.path == show
    }
    assert steps == {(5, 48, "script-src"), (1, 1, "layout"), (3, 1, "render"), (4, 1, "render")}


PHOENIX_17 = {
    "lib/app_web/components/core_components.ex": '''defmodule AppWeb.CoreComponents do
  use Phoenix.Component

  def button(assigns) do
    ~H"""
    <button {@rest}>{render_slot(@inner_block)}</button>
    """
  end

  def analytics(assigns) do
    ~H"""
    <script async src="https://plausible.io/js/script.js"></script>
    """
  end
end
''',
    "lib/app_web/components/widgets.ex": '''defmodule AppWeb.Widgets do
  use Phoenix.Component

  def chat(assigns) do
    ~H"""
    <script>hj('event', 'chat_open');</script>
    """
  end
end
''',
    "lib/app_web/components/layouts.ex": 'defmodule AppWeb.Layouts do\n  use AppWeb, :html\n  embed_templates "layouts/*"\nend\n',
    "lib/app_web/components/layouts/root.html.heex": "<html><body>{@inner_content}</body></html>\n",
    "lib/app_web/components/layouts/app.html.heex": "<main>{@inner_content}</main>\n",
    "lib/app_web/controllers/page_html.ex": '''defmodule AppWeb.PageHTML do
  use AppWeb, :html
  embed_templates "page_html/*"

  def hero(assigns) do
    ~H"""
    <img src="https://www.facebook.com/tr?id=123456789012345&ev=PageView" />
    """
  end
end
''',
    "lib/app_web/controllers/page_html/home.html.heex": (
        "<.button>Go</.button>\n"
        "<.hero />\n"
        "<.banner />\n"
        "<!-- <.analytics /> -->\n"
        "<AppWeb.Widgets.chat />\n"
    ),
    "lib/app_web/controllers/page_html/banner.html.heex": "<script>\n  ttq.page();\n</script>\n",
}


def test_phoenix_function_components_resolve_to_their_definitions(tmp_path: Path) -> None:
    write_tree(tmp_path, PHOENIX_17)
    home = "lib/app_web/controllers/page_html/home.html.heex"
    found = {line for line in chains(run(tmp_path, home)) if " <= " + home in line}
    assert found == {
        f"PXL102 meta-pixel lib/app_web/controllers/page_html.ex:7:5 <= {home} -component-> lib/app_web/controllers/page_html.ex",
        f"PXL102 tiktok-pixel lib/app_web/controllers/page_html/banner.html.heex:2:3 <= {home} -component-> lib/app_web/controllers/page_html/banner.html.heex",
        f"PXL102 hotjar lib/app_web/components/widgets.ex:6:13 <= {home} -component-> lib/app_web/components/widgets.ex",
    }


def test_phoenix_a_call_to_an_inert_component_is_no_edge(tmp_path: Path) -> None:
    write_tree(tmp_path, PHOENIX_17)
    result = run(tmp_path, all_pages=True)
    pages = {
        exposure.page
        for finding in result.findings
        if finding.sighting.tracker == "plausible"
        for exposure in finding.exposures
    }
    # <.button> is inert and <.analytics /> sits in an HTML comment: only the module itself
    assert pages == {"lib/app_web/components/core_components.ex"}


def test_phoenix_root_layout_wraps_app_layout_and_pages(tmp_path: Path) -> None:
    write_tree(tmp_path, PHOENIX_17)
    write_tree(
        tmp_path,
        {
            "lib/app_web/components/layouts/root.html.heex": (
                "<html><head>\n<script>clarity('set', 'x', 'y');</script>\n</head>\n"
                "<body>{@inner_content}</body></html>\n"
            ),
            "lib/app_web/live/visit_live/show.ex": (
                "defmodule AppWeb.VisitLive.Show do\n  use AppWeb, :live_view\n"
                "  def mount(_p, _s, socket), do: {:ok, socket}\nend\n"
            ),
            "lib/app_web/live/visit_live/show.html.heex": "<%!-- pixellint: sensitive --%>\n<p>{@visit.reason}</p>\n",
        },
    )
    layouts = "lib/app_web/components/layouts"
    assert chains(run(tmp_path)) == {
        f"PXL102 microsoft-clarity {layouts}/root.html.heex:2:9 <= lib/app_web/live/visit_live/show.ex -layout-> {layouts}/app.html.heex -root-layout-> {layouts}/root.html.heex"
    }


def test_phoenix_live_component_renders_its_colocated_template(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "lib/app_web/live/visit_live/show.ex": (
                "defmodule AppWeb.VisitLive.Show do\n"
                "  # pixellint: sensitive\n"
                "  use AppWeb, :live_view\n"
                "  def render(assigns) do\n"
                '    ~H"""\n'
                '    <.live_component module={AppWeb.VisitLive.Notes} id="notes" />\n'
                '    """\n'
                "  end\n"
                "end\n"
            ),
            "lib/app_web/live/visit_live/notes.ex": (
                "defmodule AppWeb.VisitLive.Notes do\n  use AppWeb, :live_component\nend\n"
            ),
            "lib/app_web/live/visit_live/notes.html.heex": '<div id={@id}>\n  <script>hj("event", "notes");</script>\n</div>\n',
        },
    )
    live = "lib/app_web/live/visit_live"
    assert chains(run(tmp_path)) == {
        f"PXL102 hotjar {live}/notes.html.heex:2:11 <= {live}/show.ex -live-> {live}/notes.ex -template-> {live}/notes.html.heex"
    }


# --- MDX ------------------------------------------------------------------------------------------


def test_mdx_esm_blocks() -> None:
    text = (
        "---\ntitle: x\n---\n"  # 0..17
        "import A from './A'\n"  # 17..36, a block right after the front matter
        "export const b = {\n\n  c: 1,\n}\n"  # still open at the blank line: one block
        "\n"
        "Text that goes on\nimport not from 'a paragraph'\n"
        "\n"
        "```js\nimport C from 'c'\n```\n"
        "\n"
        "~~~~\n```\nimport D from 'd'\n~~~~\n"
        "\n"
        "  import E from 'indented'\n"
        "\n"
        "import('dynamic')\n"
        "\n"
        "import F from 'f'\r\nexport default F\r\n\r\n"
    )
    blocks = [text[start:end] for start, end in mdx.esm_blocks(text)]
    assert blocks == [
        "import A from './A'\nexport const b = {\n\n  c: 1,\n}",
        "import F from 'f'\r\nexport default F",
    ]


def test_mdx_masks_jsx_comments_and_expressions() -> None:
    text = (
        "# T\n\nA {/* pixellint: sensitive */} b {props.items.map((i) => ({i}))} \\{not} `{code}`\n"
    )
    doc = prepare("p.mdx", text, registry.by_path("p.mdx"))
    assert doc.masked == "# T\n\nA " + " " * 28 + " b " + "_" * 31 + " \\{not} " + " " * 8 + "\n"
    assert [(r.start, r.end, r.kind) for r in doc.regions] == [
        (7, 35, Role.COMMENT),
        (38, 69, Role.OUTPUT),
    ]


def test_mdx_esm_is_javascript_and_fences_are_not() -> None:
    text = (
        "---\r\ntitle: Video visits\r\n---\r\n"
        "\r\n"
        'import ReactGA from "react-ga4";\r\n'
        "\r\n"
        '{/* <script src="https://connect.facebook.net/en_US/fbevents.js"></script> */}\r\n'
        '<iframe src={"https://www.googletagmanager.com/ns.html?id=GTM-ABC1234"} />\r\n'
        "\r\n"
        "```js\r\n"
        "import posthog from 'posthog-js';\r\n"
        "fbq('track', 'Lead');\r\n"
        "```\r\n"
        "\r\n"
        "export const onJoin = () => ttq.track('Contact');\r\n"
    )
    assert sighted(text, "docs/visit.mdx") == [
        ("google-analytics", 5, 21),
        ("google-tag-manager", 8, 15),
        ("tiktok-pixel", 15, 29),
    ]


def test_markdown_fence_closes_in_a_crlf_file() -> None:
    text = "```js\r\nfbq('track', 'Lead');\r\n```\r\n\r\n<script>fbq('init', '123456789012345')</script>\r\n"
    assert sighted(text, "docs/page.mdx") == [("meta-pixel", 5, 9)]


def test_a_self_closing_script_in_mdx_has_no_body() -> None:
    text = (
        '<script async src="https://plausible.io/js/script.js" />\n\n'
        "Book a visit.\n\n"
        '<img src="https://www.facebook.com/tr?id=123456789012345&ev=PageView" />\n'
    )
    found = api.scan_text(text, "docs/visit.mdx").sightings
    assert [(s.tracker, s.location.line, s.location.column, s.how) for s in found] == [
        ("plausible", 1, 1, "script-src"),
        ("meta-pixel", 5, 1, "beacon"),
    ]


def test_mdx_imports_of_project_files_are_edges(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "website/docusaurus.config.js": "export default {title: 'Help'};\n",
            "website/src/theme/Root.js": "export default function Root({children}) {\n  window.hj('event', 'x');\n  return children;\n}\n",
            "website/src/components/Widget.jsx": "export default function W() {\n  fbq('track', 'Lead');\n}\n",
            "website/docs/guide/Checklist/index.tsx": "export default () => { ttq.page(); return null; };\n",
            "website/docs/_shared.mdx": '<img src="https://px.ads.linkedin.com/collect/?pid=1&fmt=gif" />\n',
            "website/docs/guide/page.mdx": (
                "{/* pixellint: sensitive */}\n"
                "\n"
                "import Widget from '@site/src/components/Widget';\n"
                'import Checklist from "./Checklist";\n'
                "import Shared from '../_shared.mdx';\n"
                "import Tabs from '@theme/Tabs';\n"
                "import ReactPixel from 'react-facebook-pixel';\n"
                "\n"
                "```js\n"
                "import Hidden from '../_hidden';\n"
                "```\n"
            ),
            "website/docs/_hidden.js": "hj('event', 'hidden');\n",
        },
    )
    result = run(tmp_path)
    page = "website/docs/guide/page.mdx"
    assert chains(result) == {
        f"PXL101 meta-pixel {page}:7:24 <= {page}",
        f"PXL102 meta-pixel website/src/components/Widget.jsx:2:3 <= {page} -import-> website/src/components/Widget.jsx",
        f"PXL102 tiktok-pixel website/docs/guide/Checklist/index.tsx:1:24 <= {page} -import-> website/docs/guide/Checklist/index.tsx",
        f"PXL102 linkedin-insight website/docs/_shared.mdx:1:1 <= {page} -import-> website/docs/_shared.mdx",
        f"PXL102 hotjar website/src/theme/Root.js:2:3 <= {page} -theme-root-> website/src/theme/Root.js",
    }
    steps = {
        (s.location.line, s.location.column, s.target)
        for f in result.findings
        for e in f.exposures
        for s in e.chain
        if s.kind == "import"
    }
    assert steps == {
        (3, 1, "website/src/components/Widget.jsx"),
        (4, 1, "website/docs/guide/Checklist/index.tsx"),
        (5, 1, "website/docs/_shared.mdx"),
    }
    assert not [d for d in result.diagnostics if d.code == "PXL903"]


# --- linear time ----------------------------------------------------------------------------------

HOSTILE = {
    "heex eex openers": ("p.html.heex", "<%" * 120_000),
    "heex eex comments": ("p.html.heex", "<%!--" * 80_000),
    "heex braces": ("p.html.heex", "{" * 120_000),
    "heex nested braces": ("p.html.heex", "{" * 80_000 + "}" * 80_000),
    "heex tags with root braces": ("p.html.heex", "<div {" * 40_000),
    "heex attribute braces": ("p.html.heex", "<a b={" * 40_000),
    "heex unclosed quotes": ("p.html.heex", '<a b="' * 60_000),
    "heex braces around markup": ("p.html.eex", "{<a " * 60_000 + "}" * 10),
    "heex scripts": ("p.html.heex", "<script>{" * 40_000),
    "heex no curly": ("p.html.heex", "<div phx-no-curly-interpolation>" * 12_000),
    "heex one long expression": ("p.html.heex", "{" + "a" * 400_000),
    "elixir sigils": ("lib/a.ex", '~H"""' * 80_000),
    "elixir quotes": ("lib/a.ex", '"' * 200_000),
    "elixir char literals": ("lib/a.ex", "?" * 200_000),
    "elixir one-line sigils": ("lib/a.ex", '~H"' * 80_000),
    "elixir defs": ("lib/a.ex", "def a(assigns) do\n" * 20_000),
    "elixir calls in a sigil": ("lib/a.ex", '~H"""\n' + "<.a " * 80_000),
    "mdx jsx comments": ("p.mdx", "{/*" * 120_000),
    "mdx braces": ("p.mdx", "{" * 120_000),
    "mdx nested braces": ("p.mdx", "{a{b{c{d" * 40_000),
    "mdx imports": ("p.mdx", "import a\n" * 40_000),
    "mdx open exports": ("p.mdx", "\nexport {\n" * 32_000),
    "mdx import quotes": ("p.mdx", "import '" * 40_000),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_takes_linear_time(name: str) -> None:
    path, text = HOSTILE[name]
    start = user_seconds()
    api.scan_text(text, path)
    small = user_seconds() - start
    start = user_seconds()
    api.scan_text(text * 2, path)
    double = user_seconds() - start
    assert double < max(4 * small, 0.5), (name, small, double)


def test_phoenix_traits_and_esm_blocks_are_linear() -> None:
    """The parts the scan above does not run: the convention's traits and MDX fences."""
    for make in (lambda n: '~H"""\n' + "<.a " * n, lambda n: "def a(assigns) do\n" * n):
        start = user_seconds()
        list(phoenix.traits("lib/a.ex", make(40_000)))
        small = user_seconds() - start
        start = user_seconds()
        list(phoenix.traits("lib/a.ex", make(80_000)))
        assert user_seconds() - start < max(4 * small, 0.5)
    start = user_seconds()
    mdx.esm_blocks("```\nimport a from 'b'\n" * 40_000)
    small = user_seconds() - start
    start = user_seconds()
    mdx.esm_blocks("```\nimport a from 'b'\n" * 80_000)
    assert user_seconds() - start < max(4 * small, 0.5)


def test_a_module_with_many_sigils_is_read_in_linear_time() -> None:
    from conftest import assert_linear

    from pixellint import graph
    from pixellint.document import prepare
    from pixellint.languages import registry

    unit = (
        '  def card(assigns) do\n    ~H"""\n    <div><.icon name="x" /><.link>go</.link></div>\n'
        '    """\n  end\n'
    )
    elixir = registry.by_path("a.ex")
    assert elixir is not None

    def node(n: int) -> None:
        text = "defmodule AppWeb.Cards do\n" + unit * 1_500 * n + "end\n"
        graph.node_of(prepare("lib/app_web/cards.ex", text, elixir))

    assert_linear(node, "sigils")
