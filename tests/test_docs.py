"""Docs that are generated must match their source."""

from __future__ import annotations

from conftest import REPO

from pixellint.rules import markdown


def test_rules_doc_is_generated_from_the_rules() -> None:
    assert (REPO / "docs" / "rules.md").read_text("utf-8") == markdown()


def test_pre_commit_manifest_runs_the_installed_command() -> None:
    text = (REPO / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert "entry: pixellint check --force-exclude" in text and "require_serial: true" in text


def test_pre_commit_manifest_is_generated_from_the_registries() -> None:
    from tools.precommit_manifest import manifest

    assert (REPO / ".pre-commit-hooks.yaml").read_text("utf-8") == manifest()


def test_languages_doc_is_generated_from_the_registry() -> None:
    from pixellint.filetypes import markdown as languages_markdown

    assert (REPO / "docs" / "languages.md").read_text("utf-8") == languages_markdown()
