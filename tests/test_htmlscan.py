"""The tag scanner visits only the tags that matter; what it reports must not depend on that:
elements and on* handlers agree with the stdlib parser, whatever the other tags hold."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from pixellint import htmlscan
from pixellint.source import LineIndex

FIXTURES = Path(__file__).parents[1] / "fixtures"


class _Reference(HTMLParser):
    """Interesting elements and on* handlers as Python's own parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, int, int]] = []
        self.handlers: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        if tag in htmlscan.INTERESTING:
            self.tags.append((tag, line, column + 1))
        for name, value in attrs:
            if name.startswith("on") and len(name) > 3 and (value or "").strip():
                self.handlers.append((tag, name, line))


def both(text: str) -> tuple[_Reference, htmlscan.Scan]:
    reference = _Reference()
    reference.feed(text)
    reference.close()
    return reference, htmlscan.scan(text)


def handlers(scan: htmlscan.Scan, text: str) -> list[tuple[str, str, int]]:
    lines = LineIndex(text)
    return [(e.tag, name, lines.position(e.start)[0]) for e, name, _ in scan.handlers]


PAGE = """<!doctype html>
<html lang="en"><head><title>Book <b>now</b> - onload = 1</title>
<meta name="description" content="Clinic">
<script>var x = '<div onclick="no()">';</script>
</head>
<body class="home" ONLOAD="fbq('track', 'PageView')">
<!-- <img src="https://www.facebook.com/tr?id=1" onerror="gone()"> -->
<nav><a href="/book" onclick="gtag('event', 'book')">Book</a>
<button type="submit" OnClick = 'ttq.track("Submit")' disabled>Go</button></nav>
<p>Click on Submit = done, 3 < 4 and on sale=yes</p>
<div title="a > b" data-tpl="<script src=https://connect.facebook.net/en_US/fbevents.js>"
     onmouseover="_paq.push(['trackEvent'])">x</div>
<pre><code>&lt;script&gt;fbq('init')&lt;/script&gt; <span onclick="a()">s</span></code></pre>
<noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=1&ev=PageView"></noscript>
<textarea>a &lt; b</textarea>
<form onsubmit="">  <input name="dob" onchange="  "></form>
<script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>
</body></html>
"""


def test_elements_and_handlers_agree_with_the_stdlib_parser() -> None:
    reference, scan = both(PAGE)
    lines = LineIndex(PAGE)
    assert [(e.tag, *lines.position(e.start)) for e in scan.elements] == reference.tags
    assert handlers(scan, PAGE) == reference.handlers
    assert [name for _, name, _ in reference.handlers] == [
        "onload", "onclick", "onclick", "onmouseover", "onclick",
    ]  # fmt: skip


def test_context_of_skipped_tags_is_kept() -> None:
    scan = htmlscan.scan(PAGE)
    span = next(e for e, name, _ in scan.handlers if e.tag == "span")
    assert span.inert  # inside <pre><code>: shown as text
    [img] = [e for e in scan.elements if e.tag == "img"]
    assert img.in_noscript
    [script] = [e for e in scan.elements if e.tag == "script" and e.get("src")]
    assert not script.inert and not script.in_noscript


@pytest.mark.parametrize(
    "path",
    sorted((FIXTURES / "trackers").glob("*/*.html")) + sorted((FIXTURES / "sites").rglob("*.html")),
    ids=lambda p: str(p.relative_to(FIXTURES)),
)
def test_every_tracker_fixture_scans_as_the_stdlib_parser_reads_it(path: Path) -> None:
    text = path.read_text("utf-8")
    reference, scan = both(text)
    lines = LineIndex(text)
    assert [(e.tag, *lines.position(e.start)) for e in scan.elements] == reference.tags
    assert handlers(scan, text) == reference.handlers
