"""The plugin's own tests: once installed, its rule is in the catalog and judges evidence."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

DEMO = Path(str(resources.files("itmscheck.demo").joinpath("ready")))


def _itmscheck(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "itmscheck", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def _status(report: Path) -> str:
    results = json.loads(report.read_text())["results"]
    (contoso,) = [r for r in results if r["rule"] == "CONTOSO-CMDB-NAME"]
    return str(contoso["status"])


def test_the_rule_is_listed_with_the_catalog() -> None:
    listing = _itmscheck("rules", "--phase", "post")
    assert "CONTOSO-CMDB-NAME" in listing.stdout, listing.stderr


def test_the_rule_passes_on_the_ready_demo(tmp_path: Path) -> None:
    _itmscheck("check", "--phase", "post", "--demo", "ready", "--json", tmp_path / "r.json")
    assert _status(tmp_path / "r.json") == "passed"


def test_the_rule_fails_when_the_restored_cmdb_name_has_a_space(tmp_path: Path) -> None:
    target = json.loads((DEMO / "target-post.json").read_text())
    target["facts"]["cmdb"]["database"] = "Symantec CMDB"
    (tmp_path / "target.json").write_text(json.dumps(target))
    done = _itmscheck("check", "--phase", "post", "--source", DEMO / "source.json",
                      "--target", tmp_path / "target.json", "--site", DEMO / "site.yaml",
                      "--json", tmp_path / "r.json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert _status(tmp_path / "r.json") == "failed"
