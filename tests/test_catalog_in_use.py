"""A catalog passed through the API is the one used everywhere: detection, reports, the cache
key and engine built-in templates. Tracker ids do not live in Python."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import sarif_errors, write_tree

from pixellint import api, catalog
from pixellint.config import Config
from pixellint.report import formatter

CUSTOM = """
[[tracker]]
id = "clinic-beacon"
name = "Clinic Beacon"
vendor = "Acme Health Analytics"
category = "analytics"
docs = "https://example.org/docs"
loaders = ["beacon.acme-health.example/b.js"]
calls = ["acmeTrack"]
"""
PAGE = '<script src="https://beacon.acme-health.example/b.js"></script>\n'
HUGO = '{{ template "_internal/google_analytics.html" . }}\n'


def test_reports_of_a_custom_catalog_name_its_trackers(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"portal/index.html": PAGE})
    result = api.run([root], Config(sensitive=("portal/**",)), root, catalog=catalog.load(CUSTOM))
    document = json.loads(formatter("json")(result))
    assert [(f["tracker"], f["vendor"]) for f in document["findings"]] == [
        ("clinic-beacon", "Acme Health Analytics")
    ]
    sarif = json.loads(formatter("sarif")(result))
    assert sarif_errors(sarif) == []
    assert sarif["runs"][0]["results"][0]["properties"]["vendor"] == "Acme Health Analytics"


def test_the_cache_is_keyed_by_the_catalog_in_use(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "site", {"portal/index.html": PAGE})
    cache = tmp_path / "cache"
    config = Config(sensitive=("portal/**",))
    custom = api.run([root], config, root, catalog=catalog.load(CUSTOM), cache_dir=cache)
    packaged = api.run([root], config, root, cache_dir=cache)
    assert [s.tracker for s in custom.sightings] == ["clinic-beacon"]
    assert packaged.sightings == ()


def test_a_custom_catalog_without_engine_templates_reads_hugo_templates_without_error() -> None:
    result = api.scan_text(HUGO, "layouts/partials/head.html", catalog=catalog.load(CUSTOM))
    assert result.sightings == () and not result.failed
    packaged = api.scan_text(HUGO, "layouts/partials/head.html")
    assert [(s.tracker, s.how) for s in packaged.sightings] == [
        ("google-analytics", "builtin-template")
    ]
