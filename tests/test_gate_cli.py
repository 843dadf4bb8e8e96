"""The gate as an administrator and a pipeline use it: verdicts and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import LABS, lab_args


@pytest.mark.parametrize("phase", ["pre", "install", "post"])
def test_ready_lab_is_go_in_every_phase(itmscheck, phase, tmp_path) -> None:
    run = itmscheck(*lab_args("ready", phase), "--json", tmp_path / "r.json")
    assert run.code == 0, run.out + run.err
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["verdict"] == "GO"
    assert report["summary"]["passed"] > 0
    # Every rule reads a fact the lab fills in: nothing errors for want of data,
    # and what is skipped is skipped because it does not apply (hardware not reused, ...).
    # A manual rule a person confirmed is attested, counted apart from passed.
    # The one open point is where the guide contradicts itself: its pcAnywhere
    # checklist shuts the 7.0 server down, its own later steps and Table 2-1 keep
    # it running (as this lab does), so that warning stays manual.
    open_points = {r["rule"] for r in report["results"] if r["status"] == "manual"}
    assert open_points <= {"CH11-SHUT-DOWN-70"}
    assert all(r["severity"] != "blocker" for r in report["results"] if r["rule"] in open_points)
    for result in report["results"]:
        if result["rule"] not in open_points:
            assert result["status"] == "passed" or result["message"].startswith(
                {"skipped": "Not applicable", "attested": "Attested by"}[result["status"]])


@pytest.mark.parametrize("phase", ["pre", "install", "post"])
def test_not_ready_lab_is_no_go_with_reasons(itmscheck, phase, tmp_path) -> None:
    run = itmscheck(*lab_args("not-ready", phase), "--json", tmp_path / "r.json")
    assert run.code == 1
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["verdict"] == "NO-GO"
    assert len(report["blocking"]) >= 3
    for rule in report["blocking"]:
        assert rule in run.out  # the console names what blocks


def test_plain_check_runs_the_demo_and_says_so_first(itmscheck) -> None:
    run = itmscheck("check")
    assert run.out.splitlines()[0].startswith("Running the bundled demo environment 'ready'")
    assert run.code == 0


def test_demo_not_ready_is_no_go(itmscheck) -> None:
    run = itmscheck("check", "--demo", "not-ready", "--phase", "install")
    assert run.code == 1
    assert "CH01-SAME-COLLATION" in run.out


def test_every_rule_of_the_phase_appears_in_the_report(itmscheck, tmp_path) -> None:
    from itmscheck.engine import loader

    catalog = loader.catalog()
    for phase in ("pre", "install", "post"):
        itmscheck(*lab_args("not-ready", phase), "--json", tmp_path / f"{phase}.json")
        report = json.loads((tmp_path / f"{phase}.json").read_text())
        assert [r["rule"] for r in report["results"]] == [r.id for r in catalog.for_phase(phase)]


def test_rule_selection_evaluates_only_that_rule(itmscheck, tmp_path) -> None:
    run = itmscheck(*lab_args("not-ready", "pre"), "--rule", "CH02-TARGET-OS",
                    "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    assert [r["rule"] for r in report["results"]] == ["CH02-TARGET-OS"]
    assert run.code == 1


def test_expired_waiver_does_not_apply_and_the_report_says_so(itmscheck, tmp_path) -> None:
    itmscheck(*lab_args("not-ready", "pre"), "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    backup = next(r for r in report["results"] if r["rule"] == "CH02-CMDB-BACKUP")
    assert backup["status"] == "failed"
    assert backup["waiver"]["expired"] is True
    assert "expired on 2026-11-15" in backup["message"]


def test_rules_command_lists_the_catalog_by_chapter(itmscheck) -> None:
    run = itmscheck("rules", "--phase", "post")
    assert run.code == 0
    assert "Chapter 4: Migrating Patch Management Solution" in run.out
    assert "CH04-LINUX-PATCH-TABLES" in run.out
    assert "CH01-SUPPORTED-PATH" not in run.out  # a pre-only rule


def test_console_script_and_module_entry_agree() -> None:
    for command in (["itmscheck"], [sys.executable, "-m", "itmscheck"]):
        done = subprocess.run([*command, *lab_args("ready", "post")], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "Phase post: GO" in done.stdout


def test_collected_at_not_the_wall_clock_decides_backup_age(itmscheck, tmp_path) -> None:
    """The same snapshots give the same verdict on any day."""
    source = json.loads((LABS / "ready" / "source.json").read_text())
    source["collected_at"] = "2027-01-20T09:30:00Z"
    (tmp_path / "source.json").write_text(json.dumps(source))
    args = lab_args("ready", "pre")
    args[args.index("--source") + 1] = str(tmp_path / "source.json")
    run = itmscheck(*args)
    assert run.code == 1
    assert "CH02-CMDB-BACKUP" in run.out


def test_the_console_counts_attested_rules_apart_from_passed(itmscheck, tmp_path) -> None:
    run = itmscheck(*lab_args("ready", "post"), "--json", tmp_path / "r.json")
    summary = json.loads((tmp_path / "r.json").read_text())["summary"]
    assert summary["attested"] > 0
    # CH12-PARENT-ONLY, KB-HIERARCHY-TRUST-AND-REACH and KB-HIERARCHY-PACKAGE-SERVER: the ready
    # lab's 7.5 server is in no hierarchy
    assert summary["skipped"] == 3
    assert run.out.splitlines()[0] == (
        f"Phase post: GO ({sum(summary.values())} rules: {summary['passed']} passed, "
        f"{summary['attested']} attested, 3 skipped)")
