"""Conformance of every registered language: one fixture project per language, shaped like a real
project of its stack, scanned with its own config; the findings (rule, tracker, exact position,
the sensitive page and the chain of includes) must be exactly those in its expected.txt.

Each folder holds a page, a layout and a partial reached through the language's own include
forms, a page marked sensitive by a `pixellint: sensitive` comment in the language's syntax, a
suppressed tracker, and a file `comments.*` with a tracker hidden in every comment form of the
language, which must yield nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from pixellint import api, config
from pixellint.api import Result
from pixellint.languages import registry
from pixellint.languages.all_languages import LANGUAGES

LANGUAGE_FIXTURES = FIXTURES / "languages"
NAMES = sorted(language.name for language in LANGUAGES)


def finding_lines(result: Result) -> set[str]:
    """'RULE tracker path:line:col <= page -> a -> b' for every finding and page it reaches."""
    lines = set()
    for finding in result.findings:
        where = f"{finding.location.path}:{finding.location.line}:{finding.location.column}"
        for exposure in finding.exposures:
            via = " -> ".join([exposure.page, *(step.target for step in exposure.chain)])
            lines.add(f"{finding.rule} {finding.sighting.tracker} {where} <= {via}")
    return lines


def expected_lines(root: Path) -> set[str]:
    text = (root / "expected.txt").read_text("utf-8")
    return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def scan(root: Path) -> Result:
    found = config.config_in(root)
    cfg = config.load(found) if found and found.parent == root else config.Config()
    return api.run([root], cfg, root)


def test_every_registered_language_has_a_fixture_project() -> None:
    missing = [name for name in NAMES if not (LANGUAGE_FIXTURES / name / "expected.txt").is_file()]
    assert not missing


@pytest.mark.parametrize("name", NAMES)
def test_language_fixture_gives_exactly_the_expected_findings(name: str) -> None:
    root = LANGUAGE_FIXTURES / name
    if not (root / "expected.txt").is_file():
        pytest.fail(f"fixtures/languages/{name}/expected.txt is missing")
    result = scan(root)
    assert not [d for d in result.diagnostics if d.code == "PXL905"]
    assert finding_lines(result) == expected_lines(root)


@pytest.mark.parametrize("name", NAMES)
def test_language_fixture_exercises_its_own_syntax(name: str) -> None:
    root = LANGUAGE_FIXTURES / name
    files = [p for p in root.rglob("*") if p.is_file()]
    read_as = {p.relative_to(root).as_posix(): registry.by_path(p.name) for p in files}
    used = {
        registry.for_text(lang, path.read_text("utf-8")).name
        for path, lang in zip(files, read_as.values(), strict=True)
        if lang is not None
    }
    assert any(name in joined.split("+") for joined in used), "files read as this language"
    result = scan(root)
    comments = [p for p in read_as if p.rsplit("/", 1)[-1].startswith("comments.")]
    assert comments, "a comments.* file with a tracker in every comment form"
    assert not [s for s in result.sightings if s.location.path in comments]
    reasons = [e.why for f in result.findings for e in f.exposures]
    assert any("comment on line" in why for why in reasons), "a page marked by a comment"
    assert result.suppressed >= 1, "a suppressed tracker"
