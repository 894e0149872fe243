"""The catalog is reviewed data: it must load, validate, and have fixtures for every entry."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from pixellint import catalog
from pixellint.catalog import CATEGORIES, CatalogError

REQUIRED = {
    "meta-pixel", "google-analytics", "google-tag-manager", "google-ads", "google-floodlight",
    "microsoft-uet", "microsoft-clarity", "linkedin-insight", "tiktok-pixel", "x-pixel",
    "pinterest-tag", "snap-pixel", "reddit-pixel", "nextdoor-pixel", "quora-pixel", "hotjar",
    "fullstory", "mouseflow", "crazy-egg", "lucky-orange", "logrocket", "heap", "mixpanel",
    "amplitude", "segment", "adobe-analytics", "adobe-launch", "tealium-iq", "hubspot",
    "marketo-munchkin", "pardot", "criteo", "taboola", "outbrain", "the-trade-desk", "yahoo-dot",
    "amazon-ads", "yandex-metrica", "matomo-cloud", "piwik-pro", "quantum-metric",
    "contentsquare", "smartlook", "us-dap",
}  # fmt: skip


def test_packaged_catalog_covers_the_technologies_regulators_name() -> None:
    loaded = catalog.load()
    ids = {t.id for t in loaded.trackers}
    assert ids >= REQUIRED
    assert len(ids) >= 45
    assert {t.category for t in loaded.trackers} <= set(CATEGORIES)


def test_every_tracker_has_a_positive_and_a_negative_fixture() -> None:
    for tracker in catalog.load().trackers:
        folder = FIXTURES / "trackers" / tracker.id
        assert (folder / "positive.html").is_file(), tracker.id
        assert (folder / "negative.html").is_file(), tracker.id


def test_every_entry_links_its_vendor_documentation() -> None:
    for tracker in catalog.load().trackers:
        assert tracker.docs.startswith("https://"), tracker.id


GOOD = """
[[tracker]]
id = "acme-pixel"
name = "Acme Pixel"
vendor = "Acme"
category = "advertising"
docs = "https://acme.example/docs"
loaders = ["cdn.acme-ads.example/pixel.js"]
calls = ["acme"]
"""


def test_a_minimal_entry_loads_and_compiles_its_url_glob() -> None:
    loaded = catalog.load(GOOD)
    (pattern,) = loaded.url_patterns
    assert pattern.regex.search("https://cdn.acme-ads.example/pixel.js?id=1")
    assert not pattern.regex.search("https://cdn.acme-ads.example.evil/pixel.jsx")
    assert loaded.calls == {"acme": ("acme-pixel",)}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('category = "advertising"', 'category = "adverts"'), "category must be one of"),
        (('calls = ["acme"]', 'calls = ["acme"]\ncolour = "red"'), "unknown key(s) colour"),
        (
            (
                'loaders = ["cdn.acme-ads.example/pixel.js"]',
                'loaders = ["https://cdn.acme-ads.example/p.js"]',
            ),
            "without a scheme",
        ),
        (('calls = ["acme"]', 'calls = ["acme("]'), "not a dotted JavaScript name"),
        (('calls = ["acme"]', 'calls = ["acme"]\nids = ["(unclosed"]'), "bad id pattern"),
        (('docs = "https://acme.example/docs"', 'docs = "http://acme.example/docs"'), "https://"),
        (('id = "acme-pixel"', 'id = "Acme Pixel"'), "lower-case"),
    ],
)
def test_invalid_entries_are_rejected_with_the_key_named(
    change: tuple[str, str], message: str
) -> None:
    with pytest.raises(CatalogError, match=message.replace("(", r"\(").replace(")", r"\)")):
        catalog.load(GOOD.replace(*change))


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(CatalogError, match="duplicate id"):
        catalog.load(GOOD + GOOD)
