"""Hostile and broken input: no exception escapes, positions stay inside the file, SARIF stays
valid, no pattern takes more than linear time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_linear, sarif_errors
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pixellint import api, catalog, config
from pixellint.report import sarif
from pixellint.source import LineIndex, UnreadableFile, decode

PIECES = [
    "<script>", "</script>", "<script src='https://connect.facebook.net/en_US/fbevents.js'>",
    "<noscript>", "<img src=https://www.facebook.com/tr?id=1>", "<!--", "-->", "<pre>", "</pre>",
    "{{", "}}", "{%", "%}", "{#", "#}", "<?php", "?>", "<%", "%>", "{{!--", "--}}", "fbq('init','1')",
    "gtag(", ")", "'", '"', "`", "\\", "\n", "\r\n", "\r", " onclick=\"", "ttq.identify({email: x})",
    "'https://connect.' + 'facebook.net/x/fbevents.js'", "---\n", "pixellint: sensitive",
    "pixellint: ignore[meta-pixel]", "é", "😀", "\ufeff", "\x00", "<", ">", "=", "/", "{", "}",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join)
NAMES = st.sampled_from(
    ["p.html", "p.html.j2", "p.liquid", "p.hbs", "p.php", "p.erb", "p.md", "a.js", "c.vue", "x.py"]
)


def _inside(text: str, line: int, column: int) -> bool:
    index = LineIndex(text)
    return 1 <= line <= len(index.starts) and 1 <= column <= len(index.line_text(line)) + 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, name=NAMES)
def test_any_text_scans_without_error_and_positions_stay_inside(text: str, name: str) -> None:
    result = api.scan_text(text, name)
    for item in (*result.sightings, *result.diagnostics):
        assert _inside(text, item.location.line, item.location.column), item
    assert sarif_errors(json.loads(sarif.render(result))) == []


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_are_decoded_or_refused_cleanly(data: bytes) -> None:
    try:
        decoded = decode(data)
    except UnreadableFile:
        assert b"\x00" in data
        return
    api.scan_text(decoded.text, "page.html")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=st.lists(st.tuples(NAMES, TEXT), min_size=1, max_size=5))
def test_projects_scan_the_same_in_any_order(
    tmp_path_factory: pytest.TempPathFactory, files: list[tuple[str, str]]
) -> None:
    root = tmp_path_factory.mktemp("site")
    for n, (name, text) in enumerate(files):
        (root / f"d{n}").mkdir()
        (root / f"d{n}" / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    cfg = config.Config(sensitive=("d0/**",))
    first = api.run([root], cfg, root)
    reordered = api.run(sorted(root.iterdir(), reverse=True), cfg, root)
    parallel = api.run([root], cfg, root, jobs=2)
    assert first.findings == reordered.findings == parallel.findings
    assert first.diagnostics == reordered.diagnostics == parallel.diagnostics
    assert sarif_errors(json.loads(sarif.render(first))) == []


# --- linear time -----------------------------------------------------------------------------------

ADVERSARIAL = {
    "open tags": "<" * 200_000,
    "unclosed quotes in a tag": '<img src="' + "a'" * 100_000,
    "template openers": "{{" * 100_000 + "{%" * 100_000,
    "php openers": "<?php " * 50_000,
    "quotes and pluses": "'+'" * 100_000,
    "url-ish": "connect.facebook.net/" * 20_000 + "." * 100_000,
    "comments": "<!--" * 100_000,
    "markers": "pixellint: ignore[" * 20_000,
    "deep nesting": "<div>" * 50_000
    + "<script>"
    + "(" * 20_000
    + "fbq('init','1')"
    + ")" * 20_000
    + "</script>",
    "long line": "<p>" + "x" * 2_000_000 + "</p><script>fbq('init','1')</script>",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_takes_linear_time(name: str) -> None:
    text = ADVERSARIAL[name]
    assert_linear(lambda n: api.scan_text(text * n, "page.html.j2"), name)


@pytest.mark.parametrize(
    "name, text, path",
    [
        ("fences", "```\n" * 20_000, "doc.md"),
        ("code spans", "`a` " * 40_000, "doc.md"),
        ("crlf fences", "```js\r\nx\r\n```\r\n" * 10_000, "doc.mdx"),
    ],
)
def test_markdown_blanking_takes_linear_time(name: str, text: str, path: str) -> None:
    assert_linear(lambda n: api.scan_text(text * n, path), name)


def test_catalog_url_patterns_are_linear_on_crafted_urls() -> None:
    loaded = catalog.load()

    def search(n: int) -> None:
        crafted = "https://" + "a." * 10_000 * n + "/" + "x/" * 10_000 * n
        for pattern in loaded.url_patterns:
            pattern.regex.search(crafted)

    assert_linear(search, "crafted url")


def test_deeply_nested_javascript_does_not_crash(tmp_path: Path) -> None:
    code = "var a = " + "[" * 100_000 + "]" * 100_000 + ";\nfbq('init', '1');\n"
    result = api.scan_text(code, "deep.js")
    assert [s.tracker for s in result.sightings] == ["meta-pixel"]
