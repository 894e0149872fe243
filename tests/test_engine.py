"""Cache and parallel runs change speed, never results; the library API returns plain values."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from pixellint import api, config
from pixellint.report import json_report


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "demo-site", root)
    for name in ("jekyll", "django", "wordpress"):
        shutil.copytree(FIXTURES / "sites" / name, root / name)
    return root


def report(site: Path, **options: object) -> str:
    cfg = config.load(site / "pixellint.toml")
    return json_report.render(api.run([site], cfg, site, **options))  # type: ignore[arg-type]


def test_parallel_output_is_byte_identical(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pixellint import workers

    monkeypatch.setattr(api, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(workers, "_POOL_MIN_JOBS", 2)
    assert report(site, jobs=2) == report(site, jobs=1)


def test_a_few_files_are_analysed_without_starting_processes(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starting workers costs more than a pre-commit run's few files: none are started."""
    from concurrent import futures

    def no_pool(*_: object, **__: object) -> None:
        raise AssertionError("a process pool was started for a few files")

    monkeypatch.setattr(api, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(futures, "ProcessPoolExecutor", no_pool)
    assert report(site, jobs=2) == report(site, jobs=1)


def test_cached_runs_give_the_same_result_and_see_changes(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = report(site)
    assert report(site, cache_dir=cache) == first  # cold cache
    assert report(site, cache_dir=cache) == first  # whole-run hit
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    page = site / "portal" / "index.html"
    os.utime(page, ns=(1, 1))  # touched, same bytes
    assert report(site, cache_dir=cache) == first
    page.write_text(
        page.read_text() + '\n<script src="https://www.clarity.ms/tag/abc123"></script>\n'
    )
    changed = json.loads(report(site, cache_dir=cache))
    assert "microsoft-clarity" in {f["tracker"] for f in changed["findings"]}
    assert json.loads(report(site))["findings"] == changed["findings"]


def test_a_tampered_cache_is_a_miss_not_an_error(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = report(site, cache_dir=cache)
    for entry in cache.rglob("*.json"):
        entry.write_text('{"~": "Result", "v": [1]}' if "runs" in entry.parts else "{not json")
    assert report(site, cache_dir=cache) == first


@pytest.mark.parametrize(
    "damage", ['{"~": "Popen", "v": [["x"]]}', "{oops", '{"~": "Location"}', "7"]
)
def test_damaged_facts_in_a_snapshot_are_misses(site: Path, tmp_path: Path, damage: str) -> None:
    """Each file's facts are kept as text and decoded only when used: text that does not
    decode to facts is a miss, for an unchanged file and for a touched one."""
    cache = tmp_path / "cache"
    first = report(site, cache_dir=cache)
    for path in cache.rglob("runs/*.json"):
        path.unlink()  # no whole-run answer: the per-file facts are used
    [snapshot] = cache.rglob("snapshot.json")
    data = json.loads(snapshot.read_text())
    for entry in data["files"].values():
        entry[4] = damage
    snapshot.write_text(json.dumps(data))
    os.utime(site / "portal" / "index.html", ns=(1, 1))  # touched, same bytes
    assert report(site, cache_dir=cache) == first


def test_cache_entries_cannot_name_arbitrary_classes(tmp_path: Path) -> None:
    from pixellint.cache import Cache

    cache = Cache(tmp_path, "salt")
    cache.put("k", {"anything": 1})
    (tmp_path / "v1" / "runs" / "k.json").write_text(
        '{"~": "Popen", "v": [["touch", "/tmp/pwned"]]}'
    )
    assert cache.get("k", api.Result) is None


def test_results_are_plain_picklable_values(site: Path) -> None:
    result = api.run([site], config.load(site / "pixellint.toml"), site)
    assert pickle.loads(pickle.dumps(result)) == result
    one = api.scan_text("<script>ttq.identify({email: e})</script>", "page.html")
    assert pickle.loads(pickle.dumps(one)) == one
    assert [f.rule for f in one.findings] == ["PXL103"]


def test_result_does_not_depend_on_file_order(site: Path) -> None:
    cfg = config.load(site / "pixellint.toml")
    forward = api.run(sorted(site.iterdir()), cfg, site)
    backward = api.run(sorted(site.iterdir(), reverse=True), cfg, site)
    assert forward.findings == backward.findings and forward.diagnostics == backward.diagnostics
