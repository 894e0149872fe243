"""Rails helpers: the JavaScript a helper's Ruby strings print (`javascript_tag("…")`,
`"…".html_safe`, `content_tag(:script, …)`, a `<<~JS` heredoc) is analysed in place, and a view
that calls a helper method uses the helper's file, so its tracker reaches the view's page."""

from __future__ import annotations

from pathlib import Path

from conftest import write_tree

from pixellint import api, config
from pixellint.languages import ruby_js

HELPER = """module AnalyticsHelper
  # javascript_tag("ga('send', 'commented-out')")
  def analytics_tag
    javascript_tag("ga('create', 'UA-1234567-1', 'auto'); ga('send', 'pageview');")
  end

  def track_event(name)
    "ga('send', 'event', '#{name}');".html_safe
  end

  def pixel_tag
    content_tag(:script, "fbq('track', 'Lead');")
  end

  def tiktok_tag
    <<~JS.html_safe
      <script>ttq.page();</script>
    JS
  end

  def greeting
    "<b>Hello</b>".html_safe
  end
end
"""
VIEWS = {
    "app/views/layouts/application.html.erb": "<html><head><%= analytics_tag %></head><body><%= yield %></body></html>\n",
    "app/views/appointments/new.html.erb": '<h1>Book</h1>\n<%= link_to "Book", "#", onclick: track_event("book") %>\n',
    "app/views/pages/home.html.erb": "<h1>Home</h1>\n",
    "app/views/layouts/marketing.html.erb": "<html><%= pixel_tag %><%= yield %></html>\n",
}


def test_javascript_in_helper_strings_is_found_at_its_position_and_comments_are_not() -> None:
    found = {(start, code.strip()) for start, _end, code in ruby_js.scripts(HELPER)}
    offsets = {code: start for start, code in found}
    assert HELPER[
        offsets["ga('create', 'UA-1234567-1', 'auto'); ga('send', 'pageview');"] :
    ].startswith("ga('create'")
    assert "ga('send', 'event', '_______');" in offsets
    assert "fbq('track', 'Lead');" in offsets
    assert "ttq.page();" in offsets
    assert not any("commented-out" in code or "Hello" in code for code in offsets)


def test_a_helper_tracker_reaches_the_views_that_call_it(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "app/helpers/analytics_helper.rb": HELPER,
            **VIEWS,
            "pixellint.toml": 'sensitive = ["app/views/appointments/**"]\n',
        },
    )
    result = api.run([tmp_path], config.load(tmp_path / "pixellint.toml"), tmp_path)
    found = {
        (
            f.rule,
            f.sighting.tracker,
            f.location.line,
            " -> ".join([e.page, *(s.target for s in e.chain)]),
        )
        for f in result.findings
        for e in f.exposures
    }
    page = "app/views/appointments/new.html.erb"
    assert found == {
        (
            "PXL102",
            "google-analytics",
            4,
            f"{page} -> app/helpers/analytics_helper.rb",
        ),
        ("PXL102", "google-analytics", 8, f"{page} -> app/helpers/analytics_helper.rb"),
        ("PXL102", "meta-pixel", 12, f"{page} -> app/helpers/analytics_helper.rb"),
        ("PXL102", "tiktok-pixel", 17, f"{page} -> app/helpers/analytics_helper.rb"),
    }
