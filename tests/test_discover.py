"""Which files are read: first-party files are never skipped by their name."""

from __future__ import annotations

from pathlib import Path

from conftest import write_tree

from pixellint import api
from pixellint.config import Config


def test_a_minified_first_party_bundle_loaded_by_a_sensitive_page_is_read(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "portal/index.html": '<script src="/js/all.min.js"></script>\n',
            "js/all.min.js": "!function(){fbq('init','123456789012345');fbq('track','PageView')}();\n",
            "js/jquery-3.7.1.min.js": "/*! jQuery v3.7.1 */!function(e){e.fn=1}(window);\n",
        },
    )
    result = api.run([root], Config(sensitive=("portal/**",)), root)
    assert [(f.rule, f.location.path, f.sighting.tracker) for f in result.findings] == [
        ("PXL102", "js/all.min.js", "meta-pixel")
    ]
    assert result.files_scanned == 3
