"""Issue 6: the benchmark machinery at a tiny size, and the caches that made check fast.

The benchmark itself (bench/run.py) is a script, not a timed test; this runs
it on two tiny labs so that it cannot rot, and proves the speed-ups keep the
results: the shipped schemas are still valid (no longer re-checked at every
start), a cached catalog is the catalog, and no cache can go stale or be
planted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from itmscheck.cache import cache_dir
from itmscheck.collectors.cmdb.sqlguard import PASSED_FILE, UnsafeSql, guarded
from itmscheck.engine import loader
from itmscheck.engine.catalog_cache import PREFIX, content_key
from itmscheck.engine.evaluate import evaluate
from itmscheck.plugins import plugin_manager

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ITMSCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("ITMSCHECK_NO_CACHE", raising=False)
    loader._load.cache_clear()
    yield folder
    loader._load.cache_clear()


def _types() -> list[type]:
    return [t for group in plugin_manager().hook.itmscheck_check_types() for t in group]


def _results(catalog: object) -> list[tuple[str, str, str]]:
    source, target, site = (REPO / "examples" / "lab" / "not-ready" / name
                            for name in ("source.json", "target-post.json", "site.yaml"))
    inputs = loader.load_inputs(catalog, source, target, site)  # type: ignore[arg-type]
    return [(r.rule, r.status.value, r.message)
            for r in evaluate(catalog, inputs, "post")]  # type: ignore[arg-type]


def test_every_shipped_schema_is_valid_draft_2020_12():
    # schemas.schema() no longer meta-validates at every start (90 ms a schema): proven here.
    folder = resources.files("itmscheck.rules").joinpath("schema")
    names = [item.name for item in folder.iterdir() if item.name.endswith(".json")]
    assert names
    for name in names:
        Draft202012Validator.check_schema(json.loads(folder.joinpath(name).read_text("utf-8")))


def test_a_cached_catalog_gives_the_same_results_as_the_loaded_one(private_cache: Path):
    loaded = loader.catalog()
    stored = list(private_cache.glob(f"{PREFIX}*.pickle"))
    assert len(stored) == 1 and stored[0].stat().st_mode & 0o077 == 0
    loader._load.cache_clear()
    cached = loader.catalog()
    assert cached is not loaded  # read back from the file, not this process's memory
    assert [r.id for r in cached.rules] == [r.id for r in loaded.rules]
    assert cached.tables == loaded.tables
    assert _results(cached) == _results(loaded)


def test_any_change_to_a_rule_file_makes_a_new_key(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules, ignore=shutil.ignore_patterns("schema"))
    before = content_key([rules], _types())
    first = sorted(rules.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n# one more comment\n", encoding="utf-8")
    assert content_key([rules], _types()) != before


def test_a_planted_or_damaged_cache_file_is_ignored(private_cache: Path):
    loader.catalog()
    stored = next(private_cache.glob(f"{PREFIX}*.pickle"))
    os.chmod(stored, 0o666)  # writable by others: a pickle from there is never loaded
    loader._load.cache_clear()
    assert len(loader.catalog().rules) > 100
    stored.write_bytes(b"not a pickle")
    os.chmod(stored, 0o600)
    loader._load.cache_clear()
    assert len(loader.catalog().rules) > 100


def test_no_cache_means_nothing_is_written(private_cache: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ITMSCHECK_NO_CACHE", "1")
    assert cache_dir() is None
    loader.catalog()
    assert not private_cache.exists()


def test_the_guard_remembers_passes_never_refusals(private_cache: Path):
    guarded("SELECT COUNT(*) AS n FROM dbo.Item", "fine")
    memo = private_cache / PASSED_FILE
    assert len(memo.read_text(encoding="ascii").split()) == 1
    guarded("SELECT COUNT(*) AS n FROM dbo.Item", "fine")  # remembered: not written twice
    assert len(memo.read_text(encoding="ascii").split()) == 1
    for _ in range(2):  # refused every time, never remembered
        with pytest.raises(UnsafeSql, match="DELETE"):
            guarded("DELETE FROM dbo.Item", "bad")
    assert len(memo.read_text(encoding="ascii").split()) == 1


def test_the_benchmark_runs_end_to_end_at_a_tiny_size(capsys: pytest.CaptureFixture[str]):
    from tests.pg_lab import LAB_PACKAGES
    from tests.support.system import require

    require(*LAB_PACKAGES)
    from bench.run import Bench

    lines: list[str] = []
    final = Bench([100, 300], 1, lines.append).run()
    match = re.fullmatch(r"collect_vs_raw=(\S+) check_s=(\S+) startup_s=(\S+) "
                         r"roundtrips_100=(\d+) roundtrips_300=(\d+) peak_mb_300=(\d+)", final)
    assert match, final
    assert match.group(4) == match.group(5)  # set-based: as many round trips at every size
    assert float(match.group(1)) > 0 and 0 < int(match.group(6)) < 200
    assert any("the same at every size" in line for line in lines)
    cmdb = [re.fullmatch(r"collect_vs_raw_300=\S+ cmdb_vs_raw_sql_300=(\S+)", line)
            for line in lines]
    assert any(m and float(m.group(1)) > 0 for m in cmdb), lines  # read from collect's own log
