"""pytest mode: the catalog run as acceptance tests, as a CI job runs it (in a subprocess)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from itmscheck.engine import loader
from tests.conftest import LABS, REPO, lab_files

POST_RULES = loader.catalog().for_phase("post")


def _pytest(*args: str | Path) -> subprocess.CompletedProcess[str]:
    # pytest-benchmark, when installed, warns under xdist; the project turns warnings into errors.
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                           "-p", "no:benchmark", *map(str, args)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


def _lab(lab: str, *extra: str | Path) -> list[str | Path]:
    source, target, site = lab_files(lab, "post")
    return ["--itmscheck-phase", "post", "--itmscheck-source", source,
            "--itmscheck-target", target, "--itmscheck-site", site, *extra]


def _cases(junit: Path) -> dict[str, etree._Element]:
    root = etree.parse(str(junit)).getroot()
    return {f"{c.get('classname')}::{c.get('name')}": c for c in root.iter("testcase")}


def _outcome(case: etree._Element) -> str:
    found = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
    return found[0] if found else "passed"


def test_ready_lab_runs_green_with_one_test_per_rule(tmp_path) -> None:
    done = _pytest(*_lab("ready", "--junitxml", tmp_path / "junit.xml"))
    assert done.returncode == 0, done.stdout[-3000:]
    cases = _cases(tmp_path / "junit.xml")
    assert sorted(name.rsplit("::", 1)[1] for name in cases) == sorted(r.id for r in POST_RULES)
    outcomes = {name.rsplit("::", 1)[1]: _outcome(case) for name, case in cases.items()}
    assert set(outcomes.values()) <= {"passed", "skipped"}  # skipped: not applicable
    skipped = sum(1 for outcome in outcomes.values() if outcome == "skipped")
    attested = sum(1 for rule in POST_RULES if rule.attest and outcomes[rule.id] == "passed")
    assert f"{len(POST_RULES) - skipped - attested} passed" in done.stdout
    assert f"{attested} attested" in done.stdout


def test_not_ready_lab_runs_red_and_says_why(tmp_path) -> None:
    done = _pytest(*_lab("not-ready", "--junitxml", tmp_path / "junit.xml"))
    assert done.returncode == 1
    cases = {name.rsplit("::", 1)[1]: case for name, case in _cases(tmp_path / "junit.xml").items()}
    assert len(cases) == len(POST_RULES)
    failure = cases["CH01-SAME-COLLATION"].find("failure")
    assert failure is not None
    assert "target.cmdb.instance_collation is 'Latin1_General_CI_AS'" in failure.text
    assert "Fix: Restore the 7.0 CMDB backup on a SQL Server instance" in failure.text
    assert 'Guide: "Readiness checklist for IT Management Suite migration", page 19' in failure.text
    assert "Traceback" not in done.stdout


def test_markers_and_keywords_select_rules() -> None:
    blockers = _pytest(*_lab("not-ready", "-m", "blocker", "--collect-only", "-q"))
    collected = re.findall(r"::([A-Z0-9-]+)$", blockers.stdout, re.M)
    assert sorted(collected) == sorted(r.id for r in POST_RULES if r.severity == "blocker")
    chapter = _pytest(*_lab("not-ready", "-m", "ch04", "--collect-only", "-q"))
    assert set(re.findall(r"::([A-Z0-9-]+)$", chapter.stdout, re.M)) == {
        r.id for r in POST_RULES if r.chapter == 4}
    one = _pytest(*_lab("not-ready", "-k", "CH01-SAME-COLLATION"))
    assert one.returncode == 1
    assert re.search(r"1 failed, \d+ deselected", one.stdout)


def test_waived_is_xfail_error_fails_as_not_evaluated_and_not_applicable_skips(
        tmp_path) -> None:
    folder = LABS / "not-ready"
    (tmp_path / "site.yaml").write_text((folder / "site.yaml").read_text(encoding="utf-8") + (
        "  - rule: CH01-SAME-COLLATION\n"
        "    reason: The vendor confirmed both collations sort alike.\n"
        "    by: A. Smit (DBA)\n"
        "    expires: 2026-12-31\n"), encoding="utf-8")
    target = json.loads((folder / "target-post.json").read_text(encoding="utf-8"))
    target["facts"]["platform"]["sim_install_path"] = None
    source = json.loads((folder / "source.json").read_text(encoding="utf-8"))
    for snapshot in (source, target):  # CH04-LINUX-PATCH-TABLES no longer applies
        snapshot["facts"]["platform"]["products"] = [
            p for p in snapshot["facts"]["platform"]["products"]
            if p["name"] != "Patch Management Solution for Linux"]
    (tmp_path / "target.json").write_text(json.dumps(target), encoding="utf-8")
    (tmp_path / "source.json").write_text(json.dumps(source), encoding="utf-8")
    done = _pytest("--itmscheck-phase", "post", "--itmscheck-source", tmp_path / "source.json",
                   "--itmscheck-target", tmp_path / "target.json",
                   "--itmscheck-site", tmp_path / "site.yaml",
                   "-k", "CH01-SAME-COLLATION or CH01-SAME-SIM-PATH or CH04-LINUX-PATCH-TABLES",
                   "--junitxml", tmp_path / "junit.xml")
    cases = {name.rsplit("::", 1)[1]: case for name, case in _cases(tmp_path / "junit.xml").items()}
    waived = cases["CH01-SAME-COLLATION"].find("skipped")
    assert waived.get("type") == "pytest.xfail"
    assert waived.get("message") == ("waived by A. Smit (DBA) until 2026-12-31: "
                                     "The vendor confirmed both collations sort alike.")
    assert "Could not be evaluated" in cases["CH01-SAME-SIM-PATH"].find("failure").text
    skipped = cases["CH04-LINUX-PATCH-TABLES"].find("skipped")
    assert skipped.get("type") == "pytest.skip" and "Not applicable" in skipped.get("message")
    assert "1 failed, 1 skipped" in done.stdout and "1 xfailed" in done.stdout


def _child(lab_file: Path, tmp_path: Path) -> Path:
    """The same server's snapshot as a second 7.5 server of the hierarchy would give it."""
    text = lab_file.read_text(encoding="utf-8")
    for old, new in (("ns75.corp.example", "ns75-child.corp.example"),
                     ('"NS75"', '"NS75-CHILD"'), ("10.20.1.75", "10.20.2.75")):
        text = text.replace(old, new)
    path = tmp_path / f"child-{lab_file.name}"
    path.write_text(text, encoding="utf-8")
    return path


def test_two_notification_servers_run_in_parallel_one_per_worker(tmp_path) -> None:
    ready = LABS / "ready"
    source = lab_files("ready", "post")[0]
    done = _pytest("--itmscheck-phase", "post",
                   "--itmscheck-source", source,
                   "--itmscheck-target", ready / "target-post.json",
                   "--itmscheck-source", _child(source, tmp_path),
                   "--itmscheck-target", _child(ready / "target-post.json", tmp_path),
                   "--itmscheck-site", ready / "site.yaml",
                   "-n", "2", "-v", "--junitxml", tmp_path / "junit.xml")
    assert done.returncode == 0, done.stdout[-3000:]
    cases = _cases(tmp_path / "junit.xml")
    assert len(cases) == 2 * len(POST_RULES)  # classname + name unique across servers
    workers: dict[str, set[str]] = {}
    for worker, server in re.findall(r"^\[(gw\d)\] .*?(?:PASSED|ATTESTED) (\S+?)::", done.stdout, re.M):
        workers.setdefault(server, set()).add(worker)
    assert set(workers) == {"NS75.post", "NS75-CHILD.post"}
    assert all(len(ids) == 1 for ids in workers.values())  # a server stays on one worker
    assert workers["NS75.post"] != workers["NS75-CHILD.post"]
    assert re.search(r"^itmscheck: GO on NS75 \(phase post\)", done.stdout, re.M)
    assert re.search(r"^itmscheck: GO on NS75-CHILD \(phase post\)", done.stdout, re.M)


def test_without_itmscheck_options_the_plugin_changes_nothing() -> None:
    done = _pytest("--collect-only", "-q", "tests/test_diff.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "tests/test_diff.py::test_ready_lab_shows_only_expected_differences_and_exits_0" in (
        done.stdout)
    assert ".json::" not in done.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--itmscheck-phase", "post", "--itmscheck-source", "missing.json"],
     "itmscheck: missing.json: no such file"),
    (["--itmscheck-source", str(LABS / "ready" / "source.json")],
     "--itmscheck-phase and --itmscheck-source are needed"),
    (["--itmscheck-partial"], "--itmscheck-phase and --itmscheck-source are needed"),
    # Two snapshots of one server: their tests and JUnit names would collide.
    (["--itmscheck-phase", "post", "--itmscheck-source", str(LABS / "ready" / "source.json"),
      "--itmscheck-target", str(LABS / "ready" / "target-pre.json"),
      "--itmscheck-target", str(LABS / "ready" / "target-post.json")],
     "target-post.json are both the server 'NS75': check them in separate sessions"),
])
def test_bad_input_is_a_usage_error_naming_the_file(args, message) -> None:
    done = _pytest(*args)
    assert done.returncode == 4  # pytest's usage error
    assert message in done.stderr
    assert "Traceback" not in done.stderr
