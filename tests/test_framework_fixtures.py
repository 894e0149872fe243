"""Framework fixture projects (fixtures/frameworks/*) scored page by page against their labels.

Each fixture is shaped like its framework's starter and labelled by reading its code with the
framework's documented semantics (which layout wraps which page), never from pixellint's output.
Every expected (sensitive page, tracker) pair must be reported and nothing else: recall and
precision 1.0. The scorer itself (benchmarks/frameworks.py) is checked on small projects whose
result is known."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import FIXTURES, REPO, write_tree


def _load_scorer() -> ModuleType:
    """benchmarks/ is not an installed package: load the scorer from its file."""
    spec = importlib.util.spec_from_file_location(
        "benchmarks_frameworks", REPO / "benchmarks" / "frameworks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


frameworks = _load_scorer()
PROJECTS = sorted(p for p in (FIXTURES / "frameworks").iterdir() if p.is_dir())
FRAMEWORKS = {
    "nextjs-app", "nextjs-pages", "react-vite", "react-cra", "vue", "nuxt", "angular",
    "sveltekit", "astro", "gatsby", "docusaurus",
}  # fmt: skip


def test_there_is_one_fixture_per_framework() -> None:
    assert {p.name for p in PROJECTS} == FRAMEWORKS


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_fixture_labels_are_consistent(project: Path) -> None:
    """The labels name this folder's framework, pages that exist (an SPA's shell is not matched
    by the globs: its route components are), catalog ids, and no pair both expected and absent;
    pixellint.toml holds the same globs."""
    labels = frameworks.read_labels(project / frameworks.LABELS)
    assert labels.framework == project.name
    assert frameworks.config_mismatch(project, labels) == ""
    assert not labels.expected.keys() & labels.absent.keys()
    known = {t.id for t in frameworks.catalog_module.load().trackers}
    for page, tracker in [*labels.expected, *labels.absent]:
        assert (project / page).is_file(), page
        assert tracker in known or tracker.startswith("other:"), tracker
    assert labels.expected, "a fixture without expected pairs measures nothing"


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_fixture_pages_get_exactly_their_trackers(project: Path) -> None:
    score = frameworks.score_folder(project)
    assert not score.problems, score.problems
    assert (score.recall, score.precision) == (1.0, 1.0), "\n".join(frameworks.details(score))


# --- the scorer on projects whose result is known ------------------------------------------------
GA = (
    '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9"></script>\n'
    "<script>\n  window.dataLayer = window.dataLayer || [];\n"
    "  function gtag(){dataLayer.push(arguments);}\n  gtag('js', new Date());\n"
    "  gtag('config', 'G-ABC123XYZ9');\n</script>\n"
)


def _site(root: Path, labels: dict[str, Any], toml: str = 'sensitive = ["portal/**"]\n') -> Path:
    """A plain HTML site: GA on the portal page, nothing on the about page."""
    write_tree(
        root,
        {
            "portal/index.html": f"<html><head>{GA}</head><body>Your results</body></html>\n",
            "about.html": "<html><body>About us</body></html>\n",
            "pixellint.toml": toml,
            frameworks.LABELS: json.dumps(labels),
        },
    )
    return root


def _labels(
    expected: list[tuple[str, str]], absent: tuple[tuple[str, str], ...] = ()
) -> dict[str, Any]:
    return {
        "framework": "html",
        "project": "clinic",
        "source": "fixture",
        "sensitive": ["portal/**"],
        "expected": [{"page": p, "tracker": t, "via": "inline"} for p, t in expected],
        "absent": [{"page": p, "tracker": t, "why": "test"} for p, t in absent],
    }


def test_scorer_counts_a_found_pair(tmp_path: Path) -> None:
    root = _site(tmp_path, _labels([("portal/index.html", "google-analytics")]))
    score = frameworks.score_folder(root)
    assert (score.expected, score.found, score.reported, score.true_reported) == (1, 1, 1, 1)
    assert (score.misses, score.false, score.problems) == ([], [], [])


def test_scorer_lists_misses_and_false_pairs(tmp_path: Path) -> None:
    """A pixel labelled but not there is a miss; a reported pair labelled absent is false."""
    labels = _labels(
        [("portal/index.html", "meta-pixel"), ("portal/index.html", "other:acme")],
        absent=(("portal/index.html", "google-analytics"),),
    )
    score = frameworks.score_folder(_site(tmp_path, labels))
    assert (score.expected, score.found, score.outside_catalog) == (1, 0, 1)
    assert (score.recall, score.precision) == (0.0, 0.0)
    assert score.misses == ["html/clinic: portal/index.html meta-pixel (via inline)"]
    assert score.false == [
        "html/clinic: portal/index.html google-analytics (labelled absent: test)"
    ]


def test_scorer_counts_google_ads_as_google_analytics(tmp_path: Path) -> None:
    root = _site(tmp_path, _labels([("portal/index.html", "google-ads")]))
    assert frameworks.score_folder(root).found == 1


def test_scorer_reports_a_config_that_differs_from_the_labels(tmp_path: Path) -> None:
    root = _site(
        tmp_path, _labels([("portal/index.html", "google-analytics")]), 'sensitive = ["x/**"]\n'
    )
    score = frameworks.score_folder(root)
    assert score.found == 1  # scored with the labels' globs all the same
    assert len(score.problems) == 1 and "differs" in score.problems[0]


def test_scorer_reports_projects_it_cannot_score(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken"
    write_tree(broken, {frameworks.LABELS: "{not json"})
    assert "unreadable labels" in frameworks.score_folder(broken).problems[0]

    root = _site(tmp_path / "site", _labels([("portal/index.html", "google-analytics")]))

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(frameworks.api, "run", fail)
    score = frameworks.score_folder(root)
    assert "pixellint failed" in score.problems[0]
    assert (score.expected, score.found, len(score.misses)) == (1, 0, 1)


def test_cli_scores_a_labelled_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--labels/--root: `<framework>--<project>.json` labels ROOT/<framework>--<project>/; a
    missing project is reported, not fatal."""
    labels = _labels([("portal/index.html", "google-analytics")])
    _site(tmp_path / "projects" / "html--clinic", labels)
    write_tree(
        tmp_path / "labels",
        {"html--clinic.json": json.dumps(labels), "html--gone.json": json.dumps(labels)},
    )
    out = tmp_path / "scores.json"
    corpus = ["--labels", str(tmp_path / "labels"), "--root", str(tmp_path / "projects")]
    code = frameworks.main([*corpus, "--json", str(out), "-v"])
    captured = capsys.readouterr()
    assert code == 1  # one project could not be scored
    assert "| html | 1 | 1 | 1 | 1.00 | 1 | 1.00 |" in captured.out
    assert "html--gone" in captured.err
    assert json.loads(out.read_text("utf-8"))["all"]["recall"] == 1.0
