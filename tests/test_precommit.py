"""pixellint as a pre-commit hook, on real git repositories: a commit's files go through the
hook's `files` filter from .pre-commit-hooks.yaml to the hook's `entry`, as pre-commit does.
`pre-commit try-repo` itself runs when pre-commit is installed (the dev extras)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, write_tree

GTM = '<script async src="https://www.googletagmanager.com/gtm.js?id=GTM-ABC1234"></script>\n'
PIXEL = '<script src="https://connect.facebook.net/en_US/fbevents.js"></script>\n'
PAGE = '{% extends "base.html" %}\n{% block content %}<h1>Results</h1>{% endblock %}\n'


def hook(hook_id: str) -> dict[str, str]:
    """The hook's `entry` and `files` from the manifest (a flat YAML we generate ourselves)."""
    text = (REPO / ".pre-commit-hooks.yaml").read_text("utf-8")
    block = text.split(f"- id: {hook_id}\n", 1)[1].split("\n- id:", 1)[0]
    fields = dict(re.findall(r"^  (\w+): (.*)$", block, re.M))
    fields["files"] = fields["files"].strip('"').encode().decode("unicode_escape")
    return fields


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=repo, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def repository(root: Path, files: dict[str, str]) -> Path:
    git(root, "init", "-q")
    write_tree(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "site")
    return root


def commit_hook(repo: Path, changes: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Stage `changes` and run the pixellint hook on the staged files, as pre-commit would."""
    write_tree(repo, changes)
    git(repo, "add", "-A")
    staged = git(repo, "diff", "--cached", "--name-only").split()
    spec = hook("pixellint")
    files = [f for f in staged if re.search(spec["files"], f)]
    entry = shlex.split(spec["entry"])
    assert entry[0] == "pixellint"
    command = [sys.executable, "-m", "pixellint", *entry[1:], *files]
    env = {**os.environ, "PIXELLINT_NO_CACHE": "1"}
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env)


def monorepo(root: Path) -> Path:
    return repository(
        root,
        {
            "README.md": "# Clinics\n",
            "a/pixellint.toml": 'sensitive = ["templates/portal/**"]\n',
            "a/templates/base.html": "<html>{% block content %}{% endblock %}</html>\n",
            "a/templates/portal/results.html": PAGE,
            "b/pixellint.toml": 'sensitive = ["templates/secure/**"]\n',
            "b/templates/base.html": "<html>{% block content %}{% endblock %}</html>\n",
            "b/templates/secure/x.html": PAGE,
        },
    )


def test_a_commit_that_only_marks_a_page_sensitive_fails_the_hook(tmp_path: Path) -> None:
    repo = repository(
        tmp_path,
        {
            "site/pixellint.toml": "sensitive = []\n",
            "site/templates/base.html": f"<html>{GTM}{{% block content %}}{{% endblock %}}</html>\n",
            "site/templates/portal/results.html": PAGE,
        },
    )
    done = commit_hook(repo, {"site/pixellint.toml": 'sensitive = ["templates/portal/**"]\n'})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "site/templates/base.html:1:7: PXL102 [google-tag-manager]" in done.stdout


def test_a_commit_to_two_sites_is_judged_under_each_sites_config(tmp_path: Path) -> None:
    repo = monorepo(tmp_path)
    done = commit_hook(
        repo,
        {
            "README.md": "# Clinics, updated\n",
            "b/templates/base.html": f"<html>{PIXEL}{{% block content %}}{{% endblock %}}</html>\n",
            "a/templates/base.html": f"<html>{GTM}{{% block content %}}{{% endblock %}}</html>\n",
        },
    )
    assert done.returncode == 1, done.stderr
    found = re.findall(r"^(\S+):\d+:\d+: (PXL\d+) \[([\w-]+)\]", done.stdout, re.M)
    assert found == [
        ("a/templates/base.html", "PXL102", "google-tag-manager"),
        ("b/templates/base.html", "PXL102", "meta-pixel"),
    ]
    whole = subprocess.run(
        [sys.executable, "-m", "pixellint", "check", "."],
        cwd=repo, capture_output=True, text=True, env={**os.environ, "PIXELLINT_NO_CACHE": "1"},
    )  # fmt: skip
    assert re.findall(r"^(\S+):\d+:\d+: (PXL\d+) \[([\w-]+)\]", whole.stdout, re.M) == found


def test_a_commit_of_an_unrelated_file_passes(tmp_path: Path) -> None:
    repo = monorepo(tmp_path)
    done = commit_hook(repo, {"README.md": "# Clinics, again\n"})
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
def test_pre_commit_try_repo_runs_the_hook_from_this_repository(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    repo = monorepo(tmp_path / "site")
    write_tree(
        repo,
        {"a/templates/base.html": f"<html>{GTM}{{% block content %}}{{% endblock %}}</html>\n"},
    )
    git(repo, "add", "-A")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIXELLINT_NO_CACHE": "1",
    }
    done = subprocess.run(
        ["pre-commit", "try-repo", str(REPO), "pixellint", "--verbose"],
        cwd=repo, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "a/templates/base.html:1:7: PXL102 [google-tag-manager]" in done.stdout
