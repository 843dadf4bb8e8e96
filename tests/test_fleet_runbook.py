"""The run-book: Table 2-2's 16 steps in the guide's words, and each server placed on them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from itmscheck.engine import loader
from itmscheck.evidence.documents import load_yaml
from itmscheck.fleet.judge import FleetJudgement, judge_fleet
from itmscheck.fleet.runbook import fleet_next, place
from itmscheck.fleet.steps import table
from tests.conftest import REPO
from tests.support.fleet_lab import DEMO
from tests.test_guide_sections import _words, guide_text  # noqa: F401 (a fixture)


@pytest.fixture(scope="module")
def demo() -> FleetJudgement:
    return judge_fleet(DEMO / "fleet.yaml", "post", workers=1)


def _states(judgement: FleetJudgement, name: str) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Each step not done: its state, and whom it waits for or which rules block it."""
    return {p.step.number: (p.state, p.waiting_for if p.state == "waiting" else p.blockers)
            for p in place(judgement.view, name) if p.state != "done"}


def test_the_table_has_the_guides_16_steps_in_its_words(guide_text: str) -> None:  # noqa: F811
    steps = table().steps
    assert [step.number for step in steps] == list(range(1, 17))
    for step in steps:
        assert f"Step {step.number}\t{step.action}" in guide_text, step.number


def test_each_step_names_rules_of_its_phase_and_pages_of_the_guides_headings() -> None:
    phases = {rule.id: rule.phases for rule in loader.catalog().rules}
    rows = {(row["section"], row["page"])
            for row in load_yaml(REPO / "rules" / "data" / "guide_sections.yaml")["rows"]}
    assert (table().section, table().page) in rows
    for step in table().steps:
        for phase, ids in step.rules.items():
            assert all(phase in phases[rule] for rule in ids), (step.number, phase, ids)
        assert all(see in rows for see in step.see), step.number


def test_the_demo_servers_stand_where_their_evidence_puts_them(demo: FleetJudgement) -> None:
    # The parent: prepared (steps 1-3 and 5 done), its restore next, its installation waiting for BR02.
    assert _states(demo, "NS70-HQ") == {4: ("next", ()), **{n: ("waiting", ("NS70-BR02",))
                                                          for n in range(6, 17)}}
    # BR01: migrated, re-establishing the hierarchy waits for its parent.
    assert _states(demo, "NS70-BR01") == {16: ("waiting", ("NS70-HQ",))}
    # BR02: its migrated data not verified (step 8 blocked), the same wait at step 16.
    assert _states(demo, "NS70-BR02") == {8: ("blocked", ("CH01-MIGRATED-DATA-VERIFIED",)),
                                          16: ("waiting", ("NS70-HQ",))}


def test_what_to_do_next_lists_the_actionable_steps_bottom_up(demo: FleetJudgement) -> None:
    assert [(name, p.step.number, p.state) for name, p in fleet_next(demo.view)] == \
        [("NS70-BR02", 8, "blocked"), ("NS70-HQ", 4, "next")]


def test_once_the_last_child_is_migrated_the_parent_waits_no_more(tmp_path: Path) -> None:
    shutil.copytree(DEMO, tmp_path / "fleet")
    site = tmp_path / "fleet" / "branch02" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "attestations:\n", "attestations:\n  CH01-MIGRATED-DATA-VERIFIED: {by: P. Bakker, on: 2026-11-22}\n"),
        encoding="utf-8")
    judgement = judge_fleet(tmp_path / "fleet" / "fleet.yaml", "post", workers=1)
    assert _states(judgement, "NS70-BR02") == {16: ("waiting", ("NS70-HQ",))}
    assert _states(judgement, "NS70-HQ") == {4: ("next", ()), **{n: ("later", ()) for n in range(6, 17)}}
    assert [(name, p.step.number) for name, p in fleet_next(judgement.view)] == [("NS70-HQ", 4)]


def test_the_console_prints_the_run_book_and_what_to_do_next(itmscheck) -> None:
    run = itmscheck("fleet", DEMO / "fleet.yaml", "--phase", "post")
    assert "NO-GO        being migrated; evidence up to post, 2 blocking; step 8 blocked by " \
           "CH01-MIGRATED-DATA-VERIFIED" in run.out
    assert "  NS70-HQ: do step 4, \u201cRestore the backed up 7.0 database.\u201d (p. 28; see p. 35, 36)" \
        in run.out
