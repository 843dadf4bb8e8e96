"""`itmscheck fleet` end to end: the bundled demo and fleets changed from it, through the command line."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from itmscheck.evidence.fleet_file import load_fleet_file
from itmscheck.fleet.judge import judge_fleet
from itmscheck.fleet.runs import run_servers
from tests.conftest import LABS
from tests.support.fleet_lab import DEMO, DEMO_MEMBERS, write_fleet

FLEET = LABS / "fleet" / "fleet.yaml"


def test_without_a_file_fleet_runs_the_bundled_demo_and_says_so_first(itmscheck) -> None:
    run = itmscheck("fleet")
    assert run.out.splitlines()[0].startswith(
        "Running the bundled fleet demo (examples/lab/fleet, phase pre)")
    assert run.code == 0
    assert run.out.splitlines()[-1] == "GO: every server and every cross-server rule is GO for pre."


@pytest.mark.parametrize(("phase", "code", "verdicts", "why"), [
    ("pre", 0, {"NS70-HQ": "GO", "NS70-BR01": "GO", "NS70-BR02": "GO"}, None),
    ("install", 1, {"NS70-HQ": "NO EVIDENCE", "NS70-BR01": "GO", "NS70-BR02": "GO"},
     "NO-GO: not GO for install: NS70-HQ."),
    # BR01 is migrated, but its hierarchy is not re-established yet (step 16 waits for its parent).
    ("post", 1, {"NS70-HQ": "NO EVIDENCE", "NS70-BR01": "NO-GO", "NS70-BR02": "NO-GO"},
     "NO-GO: not GO for post: NS70-HQ, NS70-BR01, NS70-BR02."),
])
def test_the_demo_fleet_is_go_for_a_phase_only_when_every_server_is(itmscheck, phase, code, verdicts,
                                                                    why) -> None:
    run = itmscheck("fleet", FLEET, "--phase", phase)
    assert run.code == code
    shown = dict(re.findall(r"^ +(NS70-\w+) +(GO|NO-GO|NO EVIDENCE) ", run.out, re.M))
    assert shown == verdicts
    if why:
        assert run.out.splitlines()[-1] == why


def test_the_bundled_demo_is_what_the_fleet_builder_makes(tmp_path: Path) -> None:
    write_fleet(tmp_path, "Contoso hierarchy (bundled fleet demo)", DEMO_MEMBERS)
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert built == sorted(p.relative_to(DEMO) for p in DEMO.rglob("*") if p.is_file())
    for path in built:
        assert (tmp_path / path).read_bytes() == (DEMO / path).read_bytes(), path


def _demo_copy(tmp_path: Path) -> Path:
    shutil.copytree(DEMO, tmp_path / "fleet")
    return tmp_path / "fleet" / "fleet.yaml"


def test_a_parent_installed_before_its_child_is_migrated_blocks_the_fleet(itmscheck, tmp_path) -> None:
    early = [replace(DEMO_MEMBERS[0], phases=("pre", "install")), *DEMO_MEMBERS[1:]]
    fleet = write_fleet(tmp_path, "parent too early", early)
    run = itmscheck("fleet", fleet, "--phase", "pre")
    assert run.code == 1
    assert "failed   FLEET-BOTTOM-UP: Not bottom up: NS70-HQ is installed while its child NS70-BR02 is " \
           "not migrated." in run.out
    assert run.out.splitlines()[-1] == "NO-GO: blocked by FLEET-BOTTOM-UP."


def test_the_pool_gives_the_same_runs_as_one_process() -> None:
    servers = load_fleet_file(FLEET).servers
    assert run_servers(servers, workers=2) == run_servers(servers, workers=1)


def test_a_cross_server_error_is_no_go(tmp_path) -> None:
    fleet = _demo_copy(tmp_path)
    snapshot = fleet.parent / "branch02" / "source-post.json"
    snapshot.write_text(snapshot.read_text(encoding="utf-8").replace('"running": 0', '"running": null'),
                        encoding="utf-8")
    judgement = judge_fleet(fleet, "pre", workers=1)
    assert [r.rule for r in judgement.cross if r.status.value == "error"] == \
        ["FLEET-REPLICATION-OFF-AROUND-MIGRATING"]
    assert judgement.verdict == "NO-GO"
