"""``itmscheck plan`` as an administrator runs it: proposals that pass, and honest refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itmscheck.evidence.documents import load_yaml
from tests.conftest import LABS, REPO


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
    assert all(sum(w.get("agents", {}).values()) <= 8000 for w in plan["waves"])
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


def test_plan_recreates_the_site_server_it_removes_after_all_its_agents(itmscheck) -> None:
    # HQ-Amsterdam (9,200 agents, one site server) is divided; its parts share SS-AMS-01, so the
    # guide removes it temporarily, and "After you redirect all the sites ..., recreate" it.
    run = itmscheck("plan", "--source", LABS / "not-ready" / "source.json")
    assert run.code == 0, run.err
    waves = load_yaml_text(run.out)["plan"]["waves"]
    assert [w["name"] for w in waves if "SS-AMS-01" in w.get("site_servers", [])] == [waves[-1]["name"]]
    assert waves[-1]["site_servers"] == ["SS-AMS-01"] and not waves[-1].get("agents")
    assert all(w.get("agents") for w in waves[:-1])


def test_plan_serves_a_site_whose_site_server_names_it_in_another_case(itmscheck, tmp_path) -> None:
    servers = [{"name": "SS-AMS-01", "services": ["package", "task"], "sites": ["hq-AMSTERDAM"]},
               {"name": "SS-RTM-01", "services": ["package", "task"], "sites": ["Branch-Rotterdam"]},
               {"name": "SS-UTR-01", "services": ["package"], "sites": ["BRANCH-UTRECHT"]}]
    run = itmscheck("plan", "--source", _source(tmp_path, "ready", site_servers=servers))
    assert run.code == 0, run.err
    waves = load_yaml_text(run.out)["plan"]["waves"]
    for server, site in (("SS-AMS-01", "HQ-Amsterdam"), ("SS-UTR-01", "Branch-Utrecht")):
        first = next(i for i, w in enumerate(waves) if site in w.get("agents", {}))
        assert server in waves[first].get("site_servers", []), (server, waves)


def test_plan_refuses_a_source_that_lists_one_site_twice_in_two_spellings(itmscheck, tmp_path) -> None:
    sites = [{"name": "HQ-Amsterdam", "agents": 6120}, {"name": "hq-amsterdam", "agents": 80}]
    run = itmscheck("plan", "--source", _source(tmp_path, "ready", sites=sites))
    assert run.code == 2
    assert "the source lists site 'HQ-Amsterdam' twice (also as 'hq-amsterdam'" in run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize(("hierarchy", "words"), [
    ({"parent": "ns70.corp.example", "children": []}, "facts.hierarchy.parent: 'ns70.corp.example' is the "
                                                      "server itself (NS70)"),
    ({"parent": None, "children": ["NS-BRANCH02", "Ns70"]}, "facts.hierarchy.children[1]: 'Ns70' is the "
                                                           "server itself"),
    ({"parent": None, "children": ["NS-B.corp.example", "ns-b"]}, "facts.hierarchy.children[1]: 'ns-b' is "
                                                                 "listed twice"),
])
def test_plan_refuses_a_server_that_is_its_own_parent_or_child_or_a_child_twice_with_exit_2(
        itmscheck, tmp_path, hierarchy, words) -> None:
    document = json.loads((LABS / "ready" / "source.json").read_text())
    document["facts"]["hierarchy"].update(hierarchy)
    source = tmp_path / "source.json"
    source.write_text(json.dumps(document))
    run = itmscheck("plan", "--source", source)
    assert run.code == 2, run.out
    assert run.err.startswith(f"itmscheck: {source}: {words}")
    assert "please report" not in run.out + run.err


def test_plan_refuses_a_declared_hierarchy_that_turns_the_source_upside_down(itmscheck, tmp_path) -> None:
    # The snapshot: NS-PARENT01 above NS70 above NS-BRANCH02. Bottom up on these nodes is top down.
    site = tmp_path / "site.yaml"
    site.write_text("itmscheck_site: 1\nplan:\n  hierarchy:\n    nodes:\n"
                    "      - {name: NS-BRANCH02, parent: null}\n"
                    "      - {name: NS70, parent: NS-BRANCH02}\n"
                    "      - {name: NS-PARENT01, parent: NS70}\n")
    run = itmscheck("plan", "--source", LABS / "not-ready" / "source.json", "--site", site)
    assert run.code == 2, run.out
    assert run.err.startswith(f"itmscheck: {site}:4: plan.hierarchy.nodes: the source's parent is "
                              "NS-PARENT01.corp.example, but the plan gives NS70 the parent NS-BRANCH02")


def load_yaml_text(text: str) -> dict:
    import yaml

    return yaml.safe_load(text)


def test_a_plan_naming_what_the_source_lacks_is_refused_as_the_inputs_load() -> None:
    # Before any rule runs, so check, pytest mode and every other entry point refuse it alike.
    from itmscheck.engine import loader
    from itmscheck.errors import InputError

    site = REPO / "tests" / "bad_input" / "site-plan-part-unknown-site-server.yaml"
    with pytest.raises(InputError) as refused:
        loader.load_inputs(loader.catalog(), LABS / "ready" / "source.json", None, site)
    assert refused.value.field == "plan.split_sites.HQ-Amsterdam[1].site_servers[0]"
    assert refused.value.line == 6
