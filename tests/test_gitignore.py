""".gitignore in the file walk: git's semantics, only inside a work tree, and a named directory is
always scanned; `why_not_walked` says which rule kept a file out."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_linear, write_tree

from pixellint import api
from pixellint.config import Config
from pixellint.discover import SkipKind, kind_of_skip, walk, why_not_walked

PIXEL = "<script>fbq('init', '123456789012345'); fbq('track', 'PageView');</script>\n"
PAGE = "<html><body>hello</body></html>\n"


def repo(root: Path, files: dict[str, str | bytes]) -> Path:
    """A work tree as `git init` leaves it (HEAD, a commented info/exclude) plus `files`."""
    return write_tree(
        root,
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".git/info/exclude": "# git ls-files --others --exclude-from=.git/info/exclude\n"
            "# Lines that start with '#' are comments.\n",
            **files,
        },
    )


def walked(paths: list[Path], root: Path, **options: object) -> list[str]:
    candidates, notes = walk(paths, root, (), **options)  # type: ignore[arg-type]
    assert notes == []
    return [c.rel for c in candidates]


def test_each_gitignore_applies_below_its_own_directory(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            ".gitignore": "# Hugo\n/public/\n/resources/_gen/\n*.orig.html\n",
            "themes/acme/.gitignore": "/static/gen/\r\nnode_modules\r\n",  # written on Windows
            "layouts/index.html": PAGE,
            "layouts/about.orig.html": PAGE,
            "public/index.html": PAGE,
            "resources/_gen/assets/app.js": "x();\n",
            "themes/acme/layouts/base.html": PAGE,
            "themes/acme/layouts/base.orig.html": PAGE,
            "themes/acme/static/gen/bundle.js": "x();\n",
            "themes/acme/static/app.js": "x();\n",
            "static/gen/tracking.js": "x();\n",  # /static/gen/ is anchored to themes/acme
            "content/public/index.md": "# Public\n",  # /public/ is anchored to the top
        },
    )
    assert walked([root], root) == [
        "content/public/index.md",
        "layouts/index.html",
        "static/gen/tracking.js",
        "themes/acme/layouts/base.html",
        "themes/acme/static/app.js",
    ]


def test_negation_and_deeper_files_override_shallower_ones(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            ".gitignore": "*.min.js\n!consent.min.js\n*.generated.html\nbuild/\n!build/index.html\n",
            "emails/.gitignore": "!*.generated.html\n",
            "consent.min.js": "x();\n",
            "app.min.js": "x();\n",
            "app.js": "x();\n",
            "checkout.generated.html": PAGE,
            "emails/welcome.generated.html": PAGE,
            "build/index.html": PAGE,  # git cannot re-include a file inside an ignored directory
        },
    )
    assert walked([root], root) == ["app.js", "consent.min.js", "emails/welcome.generated.html"]


def test_a_directory_pattern_ignores_directories_only_at_any_depth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo(
        tmp_path,
        {
            ".gitignore": "build/\nwidget.js/\n",
            "packages/shop/build/index.html": PAGE,
            "packages/shop/src/index.html": PAGE,
            "widget.js": "x();\n",  # a file: `widget.js/` names directories only
            "legacy/widget.js/index.js": "x();\n",
        },
    )
    entered: list[str] = []
    real_walk = os.walk

    def recording(top: str, **options: Any) -> Iterator[tuple[str, list[str], list[str]]]:
        for step in real_walk(top, **options):
            entered.append(Path(step[0]).relative_to(root).as_posix())
            yield step

    monkeypatch.setattr(os, "walk", recording)
    assert walked([root], root) == ["packages/shop/src/index.html", "widget.js"]
    assert "packages/shop" in entered
    assert not [d for d in entered if "build" in d or "widget" in d]  # ignored: not entered


def test_info_exclude_applies_below_every_gitignore(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            ".git/info/exclude": "# local\nscratch/\n*.local.html\n",
            ".gitignore": "!preview.local.html\n",
            "scratch/try.html": PAGE,
            "draft.local.html": PAGE,
            "preview.local.html": PAGE,
            "index.html": PAGE,
        },
    )
    assert walked([root], root) == ["index.html", "preview.local.html"]


def test_a_worktree_reads_info_exclude_from_the_common_git_dir(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "main/.git/HEAD": "ref: refs/heads/main\n",
            "main/.git/info/exclude": "notes.html\n",
            "main/.git/worktrees/feature/commondir": "../..\n",
            "feature/.git": "gitdir: ../main/.git/worktrees/feature\n",
            "feature/notes.html": PAGE,
            "feature/index.html": PAGE,
        },
    )
    root = tmp_path / "feature"
    assert walked([root], root) == ["index.html"]


def test_without_a_work_tree_gitignore_is_not_read(tmp_path: Path) -> None:
    files = {".gitignore": "dist/\n", "dist/index.html": PAGE, "index.html": PAGE}
    root = write_tree(tmp_path, files)
    assert walked([root], root) == ["dist/index.html", "index.html"]
    (root / ".git").mkdir()
    assert walked([root], root) == ["index.html"]


def test_the_work_tree_may_start_above_the_project_root(tmp_path: Path) -> None:
    repo(tmp_path, {".gitignore": "*.orig.html\nsite/dist/\n"})
    root = write_tree(
        tmp_path / "site",
        {"index.html": PAGE, "index.orig.html": PAGE, "dist/index.html": PAGE},
    )
    assert walked([root], root) == ["index.html"]


def test_a_nested_repository_starts_its_own_rules(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            ".gitignore": "*.orig.html\n",
            "themes/acme/.git": "gitdir: ../../.git/modules/acme\n",  # a submodule
            ".git/modules/acme/info/exclude": "local.html\n",
            "themes/acme/.gitignore": "dist/\n",
            "themes/acme/dist/app.js": "x();\n",
            "themes/acme/local.html": PAGE,
            "themes/acme/base.orig.html": PAGE,  # the outer .gitignore stops at the submodule
            "index.orig.html": PAGE,
        },
    )
    assert walked([root], root) == ["themes/acme/base.orig.html"]
    # without a work tree above, the nested repository's own rules still hold inside it
    plain = write_tree(
        tmp_path / "plain",
        {
            "site/.git/HEAD": "ref: refs/heads/main\n",
            "site/.gitignore": "dist/\n",
            "site/dist/index.html": PAGE,
            ".gitignore": "site/\n",
            "index.html": PAGE,
        },
    )
    assert walked([plain], plain) == ["index.html"]


def test_a_named_directory_is_scanned_even_when_ignored(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            ".gitignore": "dist/\n*.orig.html\n",
            "dist/.gitignore": "drafts/\n",
            "dist/index.html": PAGE,
            "dist/index.orig.html": PAGE,  # the rules above still apply to what is inside
            "dist/drafts/next.html": PAGE,  # and so do the rules inside it
            "src/index.html": PAGE,
        },
    )
    assert walked([root], root) == ["src/index.html"]
    assert walked([root / "dist"], root) == ["dist/index.html"]
    assert walked([root / "dist", root / "src"], root) == ["dist/index.html", "src/index.html"]
    [candidate] = walk([root / "dist" / "index.orig.html"], root, ())[0]
    assert (candidate.rel, candidate.explicit) == ("dist/index.orig.html", True)


def test_a_project_inside_an_ignored_directory_is_scanned(tmp_path: Path) -> None:
    repo(tmp_path, {".gitignore": "/sites/\n*\n!*/\n!*.html\n"})
    root = write_tree(tmp_path / "sites" / "shop", {"index.html": PAGE, "app.js": "x();\n"})
    assert walked([root], root) == ["app.js", "index.html"]


def test_a_named_default_skip_directory_is_scanned(tmp_path: Path) -> None:
    root = repo(tmp_path, {"index.html": PAGE, "vendor/theme/footer.html": PAGE})
    assert walked([root], root) == ["index.html"]
    assert walked([root / "vendor"], root) == ["vendor/theme/footer.html"]


def test_the_whole_run_leaves_ignored_pages_out_unless_named(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            ".gitignore": "/out/\n",
            "src/portal/index.html": PAGE,
            "out/portal/index.html": PAGE + PIXEL,
        },
    )
    config = Config(sensitive=("*/portal/**",))
    assert api.run([root], config, root).findings == ()
    named = api.run([root / "out"], config, root)
    assert [f.location.path for f in named.findings] == ["out/portal/index.html"]


def test_skip_dirs_are_project_relative_and_not_descended_into(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            "index.html": PAGE,
            "shop/pixellint.toml": 'sensitive = ["checkout/**"]\n',
            "shop/checkout/index.html": PAGE,
            "blog/shop/index.html": PAGE,  # same name, another path
        },
    )
    assert walked([root], root, skip_dirs=["shop/"]) == ["blog/shop/index.html", "index.html"]
    assert walked([root], root, skip_dirs=["blog/shop"]) == [
        "index.html",
        "shop/checkout/index.html",
    ]
    assert walked([root / "shop"], root, skip_dirs=["shop"]) == ["shop/checkout/index.html"]


def test_gitignore_false_walks_ignored_files(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            ".gitignore": "dist/\n",
            ".git/info/exclude": "local.html\n",
            "dist/index.html": PAGE,
            "local.html": PAGE,
        },
    )
    assert walked([root], root) == []
    assert walked([root], root, gitignore=False) == ["dist/index.html", "local.html"]
    assert why_not_walked("local.html", root, ()) is not None
    assert why_not_walked("local.html", root, (), gitignore=False) is None


def test_a_pattern_git_cannot_parse_is_skipped_and_the_rest_apply(tmp_path: Path) -> None:
    root = repo(tmp_path, {".gitignore": "\\\n*.orig.html\n", "a.html": PAGE, "a.orig.html": PAGE})
    assert walked([root], root) == ["a.html"]


# --- why_not_walked -----------------------------------------------------------------------------

SITE = {
    ".gitignore": "dist/\n*.orig.html\n",
    ".git/info/exclude": "scratch.html\n",
    "themes/acme/.gitignore": "gen/\n",
    "index.html": PAGE,
    "index.orig.html": PAGE,
    "scratch.html": PAGE,
    "dist/index.html": PAGE,
    "dist/app.js": "x();\n",
    "themes/acme/gen/app.js": "x();\n",
    "themes/acme/base.html": PAGE,
    "themes/acme/node_modules/lib/index.js": "x();\n",
    "vendor/jquery.js": "x();\n",
    "legacy/old.html": PAGE,
    "logo.png": b"\x89PNG\r\n",
    "readme.txt": "hello\n",
}


@pytest.mark.parametrize(
    ("rel", "kind", "reason"),
    [
        ("index.html", None, None),
        ("themes/acme/base.html", None, None),
        ("legacy/old.html", SkipKind.EXCLUDED, "excluded by the config's exclude 'legacy/**'"),
        (
            "vendor/jquery.js",
            SkipKind.DEFAULT_SKIP,
            "under vendor/, which is not scanned by default",
        ),
        (
            "themes/acme/node_modules/lib/index.js",
            SkipKind.DEFAULT_SKIP,
            "under themes/acme/node_modules/, which is not scanned by default",
        ),
        (
            "index.orig.html",
            SkipKind.GITIGNORED,
            "ignored by .gitignore ('*.orig.html' in .gitignore)",
        ),
        (
            "dist/app.js",
            SkipKind.GITIGNORED,
            "under dist/, ignored by .gitignore ('dist/' in .gitignore)",
        ),
        (
            "themes/acme/gen/app.js",
            SkipKind.GITIGNORED,
            "under themes/acme/gen/, ignored by .gitignore ('gen/' in themes/acme/.gitignore)",
        ),
        (
            "scratch.html",
            SkipKind.GITIGNORED,
            "ignored by git ('scratch.html' in .git/info/exclude)",
        ),
        ("logo.png", SkipKind.NOT_READ, "not a file type pixellint reads"),
        ("readme.txt", SkipKind.NOT_READ, "not a file type pixellint reads"),
    ],
)
def test_why_not_walked_names_the_rule(
    tmp_path: Path, rel: str, kind: SkipKind | None, reason: str | None
) -> None:
    root = repo(tmp_path, SITE)
    assert kind_of_skip(rel, root, ("legacy/**",)) is kind
    assert why_not_walked(rel, root, ("legacy/**",)) == reason


def test_a_config_exclude_outranks_the_other_reasons(tmp_path: Path) -> None:
    root = repo(tmp_path, SITE)
    for rel in ("dist/app.js", "vendor/jquery.js", "readme.txt"):
        assert kind_of_skip(rel, root, ("dist/**", "vendor/", "*.txt")) is SkipKind.EXCLUDED


def test_why_not_walked_agrees_with_the_walk_on_every_file(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            **SITE,
            "emails/.gitignore": "*\n!*.html\n!*/\n",
            "emails/welcome.html": PAGE,
            "emails/welcome.js": "x();\n",
            "emails/vendor/footer.html": PAGE,
            "dist/.gitignore": "!index.html\n",
        },
    )
    exclude = ("legacy/**",)
    yielded = {c.rel for c in walk([root], root, exclude)[0]}
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    not_skipped = {rel for rel in files if kind_of_skip(rel, root, exclude) is None}
    assert not_skipped == yielded
    assert yielded == {"emails/welcome.html", "index.html", "themes/acme/base.html"}


# --- cost ---------------------------------------------------------------------------------------


def test_pathspec_is_imported_only_when_an_ignore_file_has_patterns(tmp_path: Path) -> None:
    bare = repo(tmp_path / "bare", {"index.html": PAGE})
    ignoring = repo(tmp_path / "ignoring", {".gitignore": "dist/\n", "index.html": PAGE})
    probe = (
        "import sys\nfrom pathlib import Path\nfrom pixellint.discover import walk\n"
        "walk([Path(sys.argv[1])], Path(sys.argv[1]), ())\nprint('pathspec' in sys.modules)\n"
    )
    for root, imported in ((bare, "False"), (ignoring, "True")):
        out = subprocess.run(
            [sys.executable, "-c", probe, str(root)], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == imported


def test_each_ignore_file_is_parsed_once_per_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pathspec

    root = repo(
        tmp_path,
        {
            ".gitignore": "*.orig.html\n",
            "a/.gitignore": "x.html\n",
            **{f"a/{i}/page.html": PAGE for i in range(20)},
            **{f"b/{i}/page.html": PAGE for i in range(20)},
        },
    )
    parsed: list[int] = []
    original = pathspec.GitIgnoreSpec.from_lines

    def counting(*args: object, **kwargs: object) -> object:
        parsed.append(1)
        return original(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(pathspec.GitIgnoreSpec, "from_lines", counting)
    assert len(walked([root / "a", root / "b"], root)) == 40
    assert len(parsed) == 2


def test_a_walk_with_ignore_files_stays_linear(tmp_path: Path) -> None:
    """5,000 files under a few .gitignore files: twice the files, about twice the time."""
    page = write_tree(tmp_path, {"page.html": PAGE}) / "page.html"
    root = repo(tmp_path / "site", {".gitignore": "dist/\n*.orig.html\n!keep.orig.html\n"})
    for half in ("a", "b"):
        write_tree(
            root / half, {".gitignore": "/cache/\n*.tmp.js\n", "blog/.gitignore": "drafts/\n"}
        )
        for i in range(1250):
            section = root / half / ("blog" if i % 2 else "shop") / f"s{i % 25}"
            section.mkdir(parents=True, exist_ok=True)
            for name in (f"p{i}.html", f"p{i}.orig.html"):
                os.link(page, section / name)  # a hard link: quicker to make than a file
    halves = {1: [root / "a"], 2: [root / "a", root / "b"]}
    assert {n: len(walked(paths, root)) for n, paths in halves.items()} == {1: 1250, 2: 2500}
    assert_linear(lambda n: walk(halves[n], root, ()), "gitignore walk")
