"""pytest mode is a door to a green light: it tells the gate's truth (issues 17 and 18).

A green pytest session is read as GO by the people following the pipeline, so:
a session that did not run every blocker of the phase never ends 0 (issue 18,
point 1); paths given beside the ``--itmscheck-*`` options are never silently
dropped (point 2); failed warnings follow the gate's mapping (point 3, issue
17 point 4); attested rules are counted apart (issue 17 point 5); and the
names, evidence and skip messages CI shows speak of servers and rules, not of
the plugin's files (issue 17 point 9). Each session runs in a subprocess, as a
CI job runs it, from the repository (whose pytest settings say
``filterwarnings = error``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from itmscheck.engine import loader
from tests.conftest import LABS, REPO, lab_files
from tests.test_pytest_mode import _cases, _outcome, _pytest

POST = loader.catalog().for_phase("post")
COLLATION_BLOCKERS = sorted(r.id for r in POST if r.severity == "blocker" and "COLLATION" in r.id)
READY = LABS / "ready"


def _server(tmp_path: Path, name: str = "target", **facts: Any) -> list[str | Path]:
    """pytest mode's options for the ready lab after migrating, with some facts of the target changed."""
    document = json.loads((READY / "target-post.json").read_text(encoding="utf-8"))
    for ref, value in facts.items():
        container = document["facts"]
        *parents, key = ref.split("__")
        for parent in parents:
            container = container[parent]
        container[key] = value
    target = tmp_path / f"{name}.json"
    target.write_text(json.dumps(document), encoding="utf-8")
    source = lab_files("ready", "post")[0]  # the 7.0 server collected again after the migration
    return ["--itmscheck-phase", "post", "--itmscheck-source", source,
            "--itmscheck-target", target, "--itmscheck-site", READY / "site.yaml"]


def _drifted(tmp_path: Path) -> list[str | Path]:
    """The ready lab with one defect: the 7.5 CMDB was restored with another collation."""
    return _server(tmp_path, cmdb__collation="Latin1_General_CI_AS")


def _not_run_line(stdout: str) -> str:
    lines = [line for line in stdout.splitlines() if line.startswith("itmscheck") and "did not run"
             in line]
    assert len(lines) == 1, stdout[-3000:]
    return lines[0]


# -- issue 18 point 1: deselecting blockers is not a pass -----------------------------------------

def test_the_drifted_lab_blocks_only_on_collation(itmscheck, tmp_path) -> None:
    """What the cases below rely on: the collation blockers are the only ones that block."""
    args = _drifted(tmp_path)
    run = itmscheck("check", "--phase", "post", "--source", args[3], "--target", args[5],
                    "--site", args[7], "--json", tmp_path / "r.json")
    assert run.code == 1
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert "CH01-SAME-COLLATION" in report["blocking"]
    assert report["blocking"] == COLLATION_BLOCKERS


@pytest.mark.parametrize("narrowing", [
    ["-k", "not COLLATION"],
    ["-m", "not blocker"],
    ["--collect-only"],
    ["--setup-only"],
    ["--setup-plan"],
    ["--deselect", "NS75.post::ch01-introducing-it-management-suite-migration::CH01-SAME-COLLATION"],
    ["-k", "not COLLATION", "-n", "2"],
], ids=["k-not-collation", "m-not-blocker", "collect-only", "setup-only", "setup-plan", "deselect",
        "k-under-xdist"])
def test_a_session_that_leaves_out_blockers_is_not_a_pass(tmp_path, narrowing) -> None:
    done = _pytest(*_drifted(tmp_path), *narrowing)
    assert done.returncode != 0, done.stdout[-3000:]
    line = _not_run_line(done.stdout)
    assert line.startswith("itmscheck: NO-GO"), line
    assert "CH01-SAME-COLLATION" in line
    assert "--itmscheck-partial" in done.stdout  # how to ask for a diagnostic run instead


def _pytest_with_cache(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """As :func:`_pytest`, with pytest's cache (``--lf``) kept in ``tmp_path``."""
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:benchmark",
                           "-o", f"cache_dir={tmp_path / 'cache'}", *map(str, args)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


def test_last_failed_after_the_evidence_changed_is_not_a_pass(tmp_path) -> None:
    """--lf re-runs what failed before; the blocker that fails now did not run."""
    first = _pytest_with_cache(tmp_path, *_server(tmp_path, cmdb__owner="sa"))
    assert first.returncode == 1, first.stdout[-2000:]  # CH02-SIM-ACCOUNT-OWNS-CMDB, remembered
    again = _pytest_with_cache(tmp_path, *_drifted(tmp_path), "--lf")
    assert re.search(r"\b1 passed, \d+ deselected\b", again.stdout), again.stdout[-2000:]
    assert again.returncode != 0, again.stdout[-3000:]
    assert "CH01-SAME-COLLATION" in _not_run_line(again.stdout)


def test_a_full_session_of_the_drifted_lab_fails_without_a_not_run_line(tmp_path) -> None:
    done = _pytest(*_drifted(tmp_path))
    assert done.returncode == 1
    assert "did not run" not in done.stdout
    assert re.search(r"^itmscheck: NO-GO on NS75 \(phase post\)", done.stdout, re.M), done.stdout[-2000:]


@pytest.mark.parametrize(("selection", "code"), [
    (["-k", "CH01-SAME-COLLATION"], 1),  # a selected blocker blocks
    (["-k", "CH01-SAME-SIM-PATH"], 3),  # what was selected passed: still no GO
    (["-m", "warning"], 3),
])
def test_a_deliberate_partial_session_is_partial_like_check_rule(tmp_path, selection, code) -> None:
    done = _pytest(*_drifted(tmp_path), "--itmscheck-partial", *selection,
                   "--junitxml", tmp_path / "junit.xml")
    assert done.returncode == code, done.stdout[-3000:]
    assert re.search(r"^itmscheck: PARTIAL on NS75 \(phase post\)", done.stdout, re.M), done.stdout[-2000:]
    assert "CH01-SAME-COLLATION" in done.stdout  # ran and failed, or named as not run
    etree.parse(str(tmp_path / "junit.xml"))


def test_a_partial_session_that_ran_everything_is_still_partial(tmp_path) -> None:
    done = _pytest(*_server(tmp_path), "--itmscheck-partial")
    assert done.returncode == 3
    assert re.search(r"^itmscheck: PARTIAL on NS75", done.stdout, re.M)


def test_a_complete_go_session_says_go_and_exits_0(tmp_path) -> None:
    done = _pytest(*_server(tmp_path))
    assert done.returncode == 0, done.stdout[-3000:]
    assert re.search(r"^itmscheck: GO on NS75 \(phase post\)", done.stdout, re.M)


# -- issue 18 point 2: paths are never dropped ----------------------------------------------------

@pytest.mark.parametrize("path", ["failing", "tests/test_diff.py", "no/such/test_path.py"])
def test_paths_beside_itmscheck_options_are_refused_not_dropped(tmp_path, path) -> None:
    if path == "failing":
        path = str(tmp_path / "test_x.py")
        Path(path).write_text("def test_x():\n    assert False\n", encoding="utf-8")
    done = _pytest(*_server(tmp_path), path)
    assert done.returncode == 4, done.stdout[-3000:] + done.stderr
    assert path in done.stderr
    assert "cannot be combined with --itmscheck-" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_snapshots_themselves_may_be_named_as_paths(tmp_path) -> None:
    args = _server(tmp_path)
    done = _pytest(*args, args[args.index("--itmscheck-target") + 1])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr


# -- issue 18 point 3, issue 17 point 4: warnings follow the gate ---------------------------------

@pytest.mark.parametrize(("facts", "rule", "status"), [
    ({"solutions__monitor__windows_2000_pack_enabled": True}, "CH07-WINDOWS-2000-PACK", "failed"),
    ({"solutions__patch_windows__bulletins": None}, "CH04-WINDOWS-BULLETINS", "error"),
])
@pytest.mark.parametrize("strict", [[], ["-W", "error"]], ids=["ini-error", "W-error"])
def test_a_go_session_with_failed_warnings_exits_0_and_shows_them(
        tmp_path, facts, rule, status, strict) -> None:
    done = _pytest(*_server(tmp_path, **facts), *strict, "--junitxml", tmp_path / "junit.xml")
    assert done.returncode == 0, done.stdout[-3000:]
    summary = done.stdout.split("warnings summary", 1)[1]
    assert re.search(rf"::{rule}\n\s+.*RuleWarning: {rule} \[warning, {status}\]: ", summary), summary
    assert re.search(r"=+ .*\b1 warning\b.* =+$", done.stdout, re.M)
    cases = {name.rsplit("::", 1)[1]: case for name, case in _cases(tmp_path / "junit.xml").items()}
    assert _outcome(cases[rule]) == "passed"
    assert {_outcome(case) for case in cases.values()} <= {"passed", "skipped"}


# -- issue 17 point 5: attested apart; point 9: names, evidence and skips CI can read -------------

def test_attested_rules_are_counted_apart_from_passed(tmp_path) -> None:
    done = _pytest(*_server(tmp_path), "-v")
    # Not applicable: the ready lab's 7.5 server is in no hierarchy.
    not_applicable = {"CH12-PARENT-ONLY", "KB-HIERARCHY-TRUST-AND-REACH", "KB-HIERARCHY-PACKAGE-SERVER"}
    attested = [r.id for r in POST if r.attest and r.id not in not_applicable]
    assert attested
    skipped = len(not_applicable)
    passed = len(POST) - len(attested) - skipped
    assert re.search(rf"\b{passed} passed, {skipped} skipped, {len(attested)} attested\b", done.stdout)
    for rule in attested:
        assert re.search(rf"::{rule} ATTESTED\b", done.stdout), rule
    counts = f"{passed} passed, {len(attested)} attested, {skipped} skipped"
    assert re.search(rf"^itmscheck: GO on NS75 .*\({counts}\)$", done.stdout, re.M)


def test_classnames_name_the_server_phase_and_chapter_not_a_file(tmp_path) -> None:
    done = _pytest(*_drifted(tmp_path), "--junitxml", tmp_path / "junit.xml")
    root = etree.parse(str(tmp_path / "junit.xml")).getroot()
    classnames = {case.get("classname") for case in root.iter("testcase")}
    assert classnames and all(re.fullmatch(r"NS75\.post\.ch\d\d-[a-z0-9-]+", c) for c in classnames), (
        classnames)
    assert "json" not in " ".join(classnames)
    failure = next(c for c in root.iter("testcase") if c.get("name") == "CH01-SAME-COLLATION").find(
        "failure")
    # Evidence as JSON, as in every other report: not Python's repr.
    assert 'target.cmdb.collation = "Latin1_General_CI_AS"' in failure.text
    assert "= 'Latin1_General_CI_AS'" not in failure.text
    assert done.returncode == 1


def test_skip_messages_carry_no_plugin_file_paths(tmp_path) -> None:
    products = json.loads((READY / "target-post.json").read_text(encoding="utf-8"))["facts"][
        "platform"]["products"]
    done = _pytest(*_server(tmp_path, platform__products=[  # chapter 4's Linux rules do not apply
        p for p in products if p["name"] != "Patch Management Solution for Linux"]),
        "-rs", "--junitxml", tmp_path / "junit.xml")
    root = etree.parse(str(tmp_path / "junit.xml")).getroot()
    skipped = list(root.iter("skipped"))
    assert skipped, "the ready lab after migrating has rules that do not apply"
    for element in skipped:
        text = f"{element.get('message')} {element.text}"
        assert "acceptance" not in text and ".py" not in text, text
    lines = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert lines and not [line for line in lines if ".py" in line or "acceptance" in line], lines


@pytest.mark.parametrize("narrowing", [[], ["-m", "not blocker"], ["--collect-only"]],
                         ids=["all", "m-not-blocker", "collect-only"])
def test_the_gatekeeper_cannot_be_switched_off(tmp_path, narrowing) -> None:
    """``-p no:itmscheck-gatekeeper`` would leave pytest's own status, which knows no blocker left out."""
    done = _pytest(*_drifted(tmp_path), "-p", "no:itmscheck-gatekeeper", *narrowing)
    assert done.returncode == 4, done.stdout[-3000:] + done.stderr[-3000:]
    assert "itmscheck-gatekeeper" in done.stderr + done.stdout
