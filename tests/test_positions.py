"""Positions are exact: 1-based line and column in the original file, whatever surrounds them."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import FIXTURES, sightings

from pixellint import htmlscan
from pixellint.source import LineIndex, decode

SNIPPET = '<script src="https://connect.facebook.net/en_US/fbevents.js"></script>'


def _position(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize(
    ("prefix", "path"),
    [
        ("<head>\n  <title>{{ page.title | escape }} — Riverside</title>\n  ", "base.html"),
        ("{% if site.analytics %}{# analytics, reviewed #}\n\t", "base.html.j2"),
        ("<?php if ($cfg->pixel && $x > 1) { ?>\n<?= $head ?> ", "header.php"),
        ("<% if Rails.env.production? %>\n  <%= csrf_meta_tags %> ", "application.html.erb"),
        ("{{#if settings.pixel}}{{> head-meta}}\n    ", "default.hbs"),
        ('{{ if .Site.Params.pixel }}{{ partial "seo.html" . }}\n', "baseof.html"),
        ("<p>Ünïcödé 😀 naïve café</p>\n<p>日本語</p> ", "page.html"),
    ],
)
def test_columns_after_template_syntax_and_non_ascii(prefix: str, path: str) -> None:
    text = prefix + SNIPPET + "\n"
    (found,) = sightings(text, path)
    assert (found.location.line, found.location.column) == _position(text, "<script")


def test_crlf_line_endings_and_a_utf8_bom() -> None:
    body = (
        '<html>\r\n<head>\r\n  <meta charset="utf-8">\r\n  '
        + SNIPPET
        + "\r\n<script>\r\n  fbq('track', 'Lead');\r\n</script>"
    )
    data = b"\xef\xbb\xbf" + body.encode("utf-8")
    decoded = decode(data)
    found = sightings(decoded.text, "page.html")
    assert [(s.location.line, s.location.column) for s in found] == [(4, 3), (6, 3)]


def test_lone_carriage_returns_count_as_line_breaks() -> None:
    index = LineIndex("a\rb\r\nc\nd")
    assert [index.position(i) for i in (0, 2, 5, 7)] == [(1, 1), (2, 1), (3, 1), (4, 1)]


def test_meta_charset_is_honoured_when_the_file_is_not_utf8() -> None:
    data = '<meta charset="windows-1252">\n<p>Café</p>\n'.encode("cp1252") + SNIPPET.encode()
    decoded = decode(data)
    assert decoded.encoding == "cp1252" and not decoded.note
    (found,) = sightings(decoded.text)
    assert (found.location.line, found.location.column) == (3, 1)


class _Reference(HTMLParser):
    """stdlib html.parser: the reference for start-tag positions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in htmlscan.INTERESTING:
            line, column = self.getpos()
            self.tags.append((tag, line, column + 1))


@pytest.mark.parametrize(
    "path",
    [
        *sorted((FIXTURES / "trackers").glob("*/positive.html"))[:20],
        FIXTURES / "demo-site" / "_includes" / "meta-pixel.html",
    ],
    ids=lambda p: p.parent.name,
)
def test_scanner_agrees_with_stdlib_html_parser(path: object) -> None:
    text = path.read_text("utf-8")  # type: ignore[attr-defined]
    reference = _Reference()
    reference.feed(text)
    reference.close()
    lines = LineIndex(text)
    ours = [(e.tag, *lines.position(e.start)) for e in htmlscan.scan(text).elements]
    assert ours == reference.tags


def test_unclosed_script_at_end_of_file_keeps_its_body() -> None:
    (found,) = sightings("<p>x</p>\n<script>\nfbq('init', '812345678901234');")
    assert (found.location.line, found.location.column) == (3, 1)


def test_script_in_a_quoted_attribute_is_not_a_tag() -> None:
    assert (
        sightings(
            '<div data-x="<script src=https://connect.facebook.net/en_US/fbevents.js>"></div>'
        )
        == []
    )
