"""``itmscheck plan`` as an administrator runs it: proposals that pass, and honest refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itmscheck.evidence.documents import load_yaml
from tests.conftest import LABS


def _source(tmp_path: Path, lab: str, **resources: object) -> Path:
    """The lab's source snapshot with some resources changed."""
    document = json.loads((LABS / lab / "source.json").read_text())
    document["facts"]["resources"].update(resources)
    path = tmp_path / "source.json"
    path.write_text(json.dumps(document))
    return path


@pytest.mark.parametrize("lab", ["ready", "not-ready"])
def test_plan_proposes_a_site_file_that_passes_every_plan_rule(itmscheck, lab, tmp_path) -> None:
    folder, proposed = LABS / lab, tmp_path / "site.yaml"
    run = itmscheck("plan", "--source", folder / "source.json", "--site", folder / "site.yaml",
                    "--output", proposed)
    assert run.code == 0, run.err
    assert "wave" in run.out.splitlines()[0] and "why" in run.out.splitlines()[0]
    check = itmscheck("check", "--phase", "pre", "--source", folder / "source.json",
                      "--target", folder / "target-pre.json", "--site", proposed,
                      "--json", tmp_path / "report.json")
    results = json.loads((tmp_path / "report.json").read_text())["results"]
    plan_results = {r["rule"]: r["status"] for r in results if r["rule"].startswith("CH02-PLAN-")}
    assert len(plan_results) == 14, check.out
    assert set(plan_results.values()) == {"passed"}, check.out
    # The rest of the site file is kept: only the plan's waves and what they need change.
    original, written = load_yaml(folder / "site.yaml"), load_yaml(proposed)
    assert {k: v for k, v in written.items() if k != "plan"} == {
        k: v for k, v in original.items() if k != "plan"}
    assert written["plan"]["sim_sql_account"] == original["plan"]["sim_sql_account"]


def test_the_labs_own_plans_pass_in_ready_and_fail_in_not_ready(itmscheck, tmp_path) -> None:
    statuses = {}
    for lab in ("ready", "not-ready"):
        folder = LABS / lab
        itmscheck("check", "--phase", "pre", "--source", folder / "source.json", "--target",
                  folder / "target-pre.json", "--site", folder / "site.yaml", "--json", tmp_path / lab)
        statuses[lab] = {r["rule"]: r["status"] for r in json.loads((tmp_path / lab).read_text())["results"]
                         if r["rule"].startswith("CH02-PLAN-")}
    assert set(statuses["ready"].values()) == {"passed"}
    failed = {rule for rule, status in statuses["not-ready"].items() if status == "failed"}
    assert {"CH02-PLAN-PILOT-FIRST", "CH02-PLAN-SITES-SPLIT", "CH02-PLAN-SITE-SERVERS-FIRST",
            "CH02-PLAN-LARGE-WAVE-POLICIES-DISABLED", "CH02-PLAN-HIERARCHY-BOTTOM-UP",
            "CH02-PLAN-REPLICATION-DISABLED"} <= failed


def test_not_ready_plan_divides_the_large_site_and_orders_the_hierarchy_bottom_up(itmscheck) -> None:
    run = itmscheck("plan", "--source", LABS / "not-ready" / "source.json")
    assert run.code == 0, run.err
    plan = load_yaml_text(run.out)["plan"]
    assert [p["agents"] for p in plan["split_sites"]["HQ-Amsterdam"]] == [4600, 4600]
    assert plan["remove_temporarily"] == ["SS-AMS-01"]  # both parts share it: 9,200 agents
    assert plan["waves"][0]["pilot"] is True
    assert all(sum(w["agents"].values()) <= 8000 for w in plan["waves"])
    assert plan["hierarchy"]["order"] == ["NS-BRANCH02.corp.example", "NS70", "NS-PARENT01.corp.example"]
    assert "# The plan passes every CH02-PLAN-* rule" in run.out  # the table rides along as comments


def test_plan_takes_the_hierarchy_from_the_site_file_when_it_declares_one(itmscheck, tmp_path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text("itmscheck_site: 1\nplan:\n  hierarchy:\n    nodes:\n"
                    "      - {name: NS-TOP, parent: null}\n"
                    "      - {name: NS-PARENT01, parent: NS-TOP}\n"
                    "      - {name: NS70, parent: NS-PARENT01}\n"
                    "      - {name: NS-BRANCH02, parent: NS70}\n")
    run = itmscheck("plan", "--source", LABS / "not-ready" / "source.json", "--site", site)
    assert run.code == 0, run.err
    hierarchy = load_yaml_text(run.out)["plan"]["hierarchy"]
    assert hierarchy["order"] == ["NS-BRANCH02", "NS70", "NS-PARENT01", "NS-TOP"]
    assert hierarchy["replication_disabled"] == hierarchy["order"]


def test_plan_refuses_a_hierarchy_that_lacks_the_sources_parent_with_exit_2(itmscheck, tmp_path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text("itmscheck_site: 1\nplan:\n  hierarchy:\n    nodes: [{name: NS70, parent: null}]\n")
    run = itmscheck("plan", "--source", LABS / "not-ready" / "source.json", "--site", site)
    assert run.code == 2
    assert "NS-PARENT01.corp.example" in run.err and "Traceback" not in run.err


def test_plan_says_no_plan_fits_more_than_20000_computers_and_exits_1(itmscheck, tmp_path) -> None:
    run = itmscheck("plan", "--source", _source(tmp_path, "ready", managed_computers=20001))
    assert run.code == 1
    assert "20,001 computers, more than the 20,000" in run.out


def test_plan_with_unknown_sites_exits_2_naming_the_fact(itmscheck, tmp_path) -> None:
    run = itmscheck("plan", "--source", _source(tmp_path, "ready", sites=None))
    assert run.code == 2
    assert run.err.startswith("itmscheck: ") and "resources.sites is unknown" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_plan_with_a_missing_snapshot_exits_2(itmscheck, tmp_path) -> None:
    run = itmscheck("plan", "--source", tmp_path / "nowhere.json")
    assert run.code == 2 and "nowhere.json" in run.err


def test_plan_of_a_server_without_computers_proposes_no_waves(itmscheck, tmp_path) -> None:
    run = itmscheck("plan", "--source", _source(tmp_path, "ready", managed_computers=0,
                                                sites=[], site_servers=[]))
    assert run.code == 0, run.err
    assert load_yaml_text(run.out)["plan"]["waves"] == []


def load_yaml_text(text: str) -> dict:
    import yaml

    return yaml.safe_load(text)
