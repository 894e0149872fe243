"""The pre-commit filter and the file walk come from the same registries and agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import write_tree

from pixellint import api
from pixellint.config import CONFIG_FILES, Config
from pixellint.filetypes import is_read, precommit_files
from pixellint.languages.all_languages import LANGUAGES

FILTER = re.compile(precommit_files())
EXTENSIONS = sorted({e for language in LANGUAGES for e in language.extensions})
NOT_READ = ["style.css", "logo.png", "README.txt", "package.json", "data/site.yml", "app.json"]
DATA = ["templates/product.json", "templates/customers/account.json", "portal/portal.11tydata.json",
        "portal/portal.json"]  # fmt: skip


@pytest.mark.parametrize("path", [f"site/page{e}" for e in EXTENSIONS] + DATA + NOT_READ)
def test_pre_commit_filter_matches_exactly_what_the_scanner_reads(path: str) -> None:
    assert bool(FILTER.search(path)) == is_read(path)


@pytest.mark.parametrize("path", [f"site/PAGE{e.upper()}" for e in EXTENSIONS])
def test_upper_case_extensions_are_read_and_filtered_alike(path: str) -> None:
    assert is_read(path) and FILTER.search(path)


@pytest.mark.parametrize("name", CONFIG_FILES)
def test_a_config_change_triggers_the_hook(name: str) -> None:
    assert FILTER.search(f"site/{name}")


def test_a_changed_config_judges_the_whole_project(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pixellint.toml": 'sensitive = ["portal/**"]\n',
            "portal/index.html": "<script>fbq('init', '1'); fbq('track', 'PageView');</script>\n",
        },
    )
    result = api.run([root / "pixellint.toml"], Config(sensitive=("portal/**",)), root)
    assert [(f.rule, f.location.path) for f in result.findings] == [("PXL101", "portal/index.html")]
