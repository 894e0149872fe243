"""One positive and one tricky negative fixture per catalog entry (fixtures/trackers/<id>/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, sightings

FOLDERS = sorted((FIXTURES / "trackers").iterdir())
_EXPECT = re.compile(r"<!-- expect: ([a-z0-9-]+) -->")


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_positive_fixture_finds_exactly_its_tracker(folder: Path) -> None:
    text = (folder / "positive.html").read_text("utf-8")
    expected = set(_EXPECT.findall(text))
    found = sightings(text, "positive.html")
    assert expected == {folder.name}
    assert {s.tracker for s in found} == expected
    first_line = text[: _EXPECT.search(text).end()].count("\n") + 2  # type: ignore[union-attr]
    assert min(s.location.line for s in found) >= first_line


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_negative_fixture_finds_nothing(folder: Path) -> None:
    text = (folder / "negative.html").read_text("utf-8")
    assert sightings(text, "negative.html") == []
