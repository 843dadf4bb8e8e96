"""The plan rules at their edges (issue 20): each limit exactly, one below and one above; every
name compared as ITMS compares it; every way a plan or hierarchy contradicts the source, and
the exact sentence an administrator reads for each.

The planning model (topology, plan, sites, hierarchy) is tested as the pure functions it is;
the plan check types are given the ``ready`` lab changed as a rule case changes it
(:func:`tests.support.rule_cases.build_inputs`), and judged with their own parameters.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from itmscheck.engine import loader
from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import Outcome, State
from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_json, load_yaml
from itmscheck.evidence.site import Site as SiteFile
from itmscheck.evidence.snapshot import snapshot_from_document
from itmscheck.planning.hierarchy import Hierarchy, SourceLinks, link_problems, source_links
from itmscheck.planning.names import Names, same_server, server_key
from itmscheck.planning.plan import Part, Plan, wave_label
from itmscheck.planning.reading import check_plan, read_hierarchy, read_plan, refusal
from itmscheck.planning.refused import Refused
from itmscheck.planning.sites import Site, plan_sites, rebuilt, removable, served_sites
from itmscheck.planning.topology import NO_SITE, SiteServer, Topology
from itmscheck.types.plan_coverage import PlanCoverage
from itmscheck.types.plan_has import PlanHas
from itmscheck.types.plan_hierarchy_order import PlanHierarchyOrder
from itmscheck.types.plan_names import PlanNames
from itmscheck.types.plan_pilot import PlanPilot
from itmscheck.types.plan_redirect_order import PlanRedirectOrder
from itmscheck.types.plan_shared_site_servers import PlanSharedSiteServers
from itmscheck.types.plan_split_sites import PlanSplitSites
from itmscheck.types.plan_task_before_package import PlanTaskBeforePackage
from itmscheck.types.plan_wave_sizes import PlanWaveSizes
from tests.conftest import LABS
from tests.support.rule_cases import Case, build_inputs

CATALOG = loader.catalog()
PASS, FAIL = State.PASS, State.FAIL


def judge(check: CheckType, spec: dict[str, Any] | None = None) -> Outcome:
    """What ``check`` decides on the ready lab changed by ``spec`` (``set``, ``unset``, ``unknown``
    as in a rule case)."""
    case = Case("CH02-PLAN-EDGES", "edges", {"lab": "ready", **(spec or {})}, Path("plan-edges.yaml"))
    return check.evaluate(Facts(build_inputs(case, CATALOG, "pre")))


def topology(sites: dict[str, int], servers: dict[str, tuple[list[str], list[str]]],
             managed: int | None = None) -> Topology:
    """A source of ``sites`` (name: agents) and ``servers`` (name: (sites, services))."""
    return Topology.read([{"name": name, "agents": agents} for name, agents in sites.items()],
                         [{"name": name, "sites": served, "services": services}
                          for name, (served, services) in servers.items()],
                         sum(sites.values()) if managed is None else managed)


def wave(name: str, agents: dict[str, int] | None = None, servers: list[str] | None = None,
         **more: Any) -> dict[str, Any]:
    return {"name": name, "agents": agents or {}, "site_servers": servers or [], **more}


# -- names: ordinal, case-insensitive, the first spelling kept ---------------------------------

def test_names_keep_the_first_spelling_and_say_whether_a_name_was_known() -> None:
    names = Names()
    assert names.add("HQ-Amsterdam") == ("HQ-Amsterdam", False)
    assert names.add("hq-amsterdam") == ("HQ-Amsterdam", True)
    assert names.add("HQ-Amsterdam") == ("HQ-Amsterdam", True)
    assert names.resolve("HQ-AMSTERDAM") == "HQ-Amsterdam"
    assert names.resolve("Branch-Utrecht") == "Branch-Utrecht"
    assert "hq-AMSTERDAM" in names and "Branch-Utrecht" not in names
    assert 7 not in names and None not in names


@pytest.mark.parametrize(("left", "right", "also", "same"), [
    ("NS70", "ns70.corp.example", (), True),
    ("https://NS70:443/Altiris/", "ns70", (), True),
    ("10.20.5.1", "10.99.7.7", (), False),
    ("NS-A", "NS-B", (), False),
    ("10.20.1.10", "NS70", ("ns70.corp.example", "10.20.1.10"), True),
    ("ns70.corp.example", "NS-X", ("NS70",), True),
])
def test_same_server_compares_computer_names_and_the_servers_other_names(
        left: str, right: str, also: tuple[str, ...], same: bool) -> None:
    assert same_server(left, right, *also) is same
    assert (server_key(left) == server_key(right)) is (same and not also)


def test_a_refusal_names_its_field_as_an_error_names_it() -> None:
    refused = Refused("site", ["plan", "split_sites", "HQ", 0, "site_servers", 1], "no")
    assert refused.field == "plan.split_sites.HQ[0].site_servers[1]"
    assert (refused.document, refused.message, str(refused)) == ("site", "no", "no")
    assert refused.path == ["plan", "split_sites", "HQ", 0, "site_servers", 1]


# -- the topology: sites, site servers, (no site) ---------------------------------------------

def test_topology_reads_sites_site_servers_and_their_services() -> None:
    source = topology({"HQ": 100, "Branch": 50},
                      {"SS-1": (["hq", "BRANCH"], ["package", "task"]), "SS-2": (["Branch"], ["package"]),
                       "SS-3": ([], ["task"]), "SS-4": (["HQ"], [])},
                      managed=150)
    assert source.sites == {"HQ": 100, "Branch": 50, NO_SITE: 0}
    assert source.site_servers["SS-1"] == SiteServer("SS-1", frozenset({"package", "task"}), ("HQ", "Branch"))
    assert source.site_servers["SS-3"].sites == (NO_SITE,)  # serving no site: the agents in none
    assert [(s.task, s.package_only) for s in source.site_servers.values()] == [
        (True, False), (False, True), (True, False), (False, False)]
    assert source.problems == () and source.managed_computers == 150


@pytest.mark.parametrize(("managed", "sites", "computers"), [
    (150, {"HQ": 100, NO_SITE: 50}, 150),
    (151, {"HQ": 100, NO_SITE: 51}, 151),
    (101, {"HQ": 100, NO_SITE: 1}, 101),
    (100, {"HQ": 100}, 100),
    (90, {"HQ": 100}, 100),  # the sites say more than the managed computers: their agents count
])
def test_agents_in_no_site_are_the_managed_computers_beyond_the_sites(
        managed: int, sites: dict[str, int], computers: int) -> None:
    source = topology({"HQ": 100}, {"SS-1": (["HQ"], ["task"])}, managed=managed)
    assert source.sites == sites
    assert source.computers == computers


def test_a_site_server_of_no_site_makes_the_no_site_group_even_without_agents() -> None:
    source = topology({"HQ": 100}, {"SS-0": ([], ["package"])}, managed=90)
    assert source.sites == {"HQ": 100, NO_SITE: 0}


def test_a_site_or_site_server_listed_twice_is_one_to_itms_and_a_problem() -> None:
    source = Topology.read([{"name": "HQ", "agents": 100}, {"name": "hq", "agents": 20},
                            {"name": "Branch", "agents": 5}, {"name": "Branch", "agents": 5}],
                           [{"name": "SS-1", "sites": ["HQ"], "services": ["task"]},
                            {"name": "ss-1", "sites": ["Branch"], "services": ["package"]},
                            {"name": "SS-2", "sites": ["Branch"]}, {"name": "SS-2", "sites": ["Branch"]}],
                           130)
    assert source.sites == {"HQ": 120, "Branch": 10}
    assert source.site_servers["SS-1"] == SiteServer("SS-1", frozenset({"task", "package"}), ("HQ", "Branch"))
    assert source.site_servers["SS-2"] == SiteServer("SS-2", frozenset(), ("Branch",))
    assert source.problems == (
        "the source lists site 'HQ' twice (also as 'hq': ITMS compares names ignoring case)",
        "the source lists site 'Branch' twice",
        "the source lists site server 'SS-1' twice (also as 'ss-1': ITMS compares names ignoring case)",
        "the source lists site server 'SS-2' twice")


def test_a_site_named_like_the_no_site_group_is_not_listed_twice() -> None:
    source = Topology.read([{"name": NO_SITE, "agents": 5}], [], 5)
    assert source.problems == () and source.sites == {NO_SITE: 5}


def test_a_site_server_of_a_site_the_source_does_not_list_is_a_problem() -> None:
    source = topology({"HQ": 10}, {"SS-1": (["HQ", "Elsewhere"], ["task"]), "SS-0": ([], ["task"])})
    assert source.problems == ("site server SS-1 serves site 'Elsewhere', which the source does not list",)


# -- the plan: waves, divisions, removals ------------------------------------------------------

LAB = topology({"HQ-Amsterdam": 6120, "Branch-Rotterdam": 3870, "Branch-Utrecht": 2410},
               {"SS-AMS-01": (["HQ-Amsterdam"], ["package", "task"]),
                "SS-RTM-01": (["Branch-Rotterdam"], ["package", "task"]),
                "SS-UTR-01": (["Branch-Utrecht"], ["package"])})


def test_a_plan_reads_each_wave_as_itms_names_its_sites_and_site_servers() -> None:
    plan = Plan.read([wave("Pilot", {"hq-amsterdam": 100}, ["ss-ams-01"], pilot=True),
                      {"name": 2, "agents": None, "site_servers": None, "frequent_policies_disabled": 1},
                      wave("Rest", {"HQ-Amsterdam": 6020, "Branch-Rotterdam": "3870"}, ["SS-RTM-01"])],
                     {}, ["ss-utr-01"], LAB)
    assert [(w.name, w.pilot, w.site_servers, w.agents, w.policies_disabled) for w in plan.waves] == [
        ("Pilot", True, ("SS-AMS-01",), {"HQ-Amsterdam": 100}, False),
        ("2", False, (), {}, True),
        ("Rest", False, ("SS-RTM-01",), {"HQ-Amsterdam": 6020, "Branch-Rotterdam": 3870}, False)]
    assert plan.remove_temporarily == frozenset({"SS-UTR-01"}) and plan.problems == ()
    assert plan.waves[2].computers == 9890
    assert (plan.first_wave("HQ-Amsterdam"), plan.last_wave("HQ-Amsterdam")) == (0, 2)
    assert (plan.first_wave("Branch-Utrecht"), plan.last_wave("Branch-Utrecht")) == (None, None)
    assert plan.redirected("HQ-Amsterdam") == 6120 and plan.redirected("Branch-Utrecht") == 0
    assert plan.position("SS-RTM-01") == (2, 0) and plan.position("SS-UTR-01") is None
    assert (wave_label(plan, 2), wave_label(plan, None)) == ("wave 3 (Rest)", "no wave")


def test_a_wave_of_no_agents_for_a_site_is_not_its_first_or_last() -> None:
    plan = Plan.read([wave("A", {"HQ-Amsterdam": 0}), wave("B", {"HQ-Amsterdam": 1}),
                      wave("C", {"HQ-Amsterdam": 1}), wave("D", {"HQ-Amsterdam": 0})], {}, [], LAB)
    assert (plan.first_wave("HQ-Amsterdam"), plan.last_wave("HQ-Amsterdam")) == (1, 2)


def test_a_site_server_placed_second_in_a_later_wave_has_that_position() -> None:
    plan = Plan.read([wave("A", servers=["SS-AMS-01"]), wave("B", servers=["SS-UTR-01", "SS-RTM-01"])],
                     {}, [], LAB)
    assert plan.position("SS-RTM-01") == (1, 1) and plan.position("SS-AMS-01") == (0, 0)


def test_a_plan_lists_each_name_given_twice_as_a_problem_and_keeps_it_once() -> None:
    plan = Plan.read([wave("Pilot", {"HQ-Amsterdam": 100, "hq-amsterdam": 20}, ["SS-AMS-01", "ss-ams-01"]),
                      wave("Two", {"Branch-Utrecht": 1}, ["SS-UTR-01", "SS-RTM-01", "SS-UTR-01"])],
                     {}, ["SS-RTM-01", "ss-rtm-01", "SS-UTR-01"], LAB)
    assert plan.waves[0].agents == {"HQ-Amsterdam": 120}
    assert plan.waves[0].site_servers == ("SS-AMS-01",)
    assert plan.waves[1].site_servers == ("SS-UTR-01", "SS-RTM-01")
    assert plan.remove_temporarily == frozenset({"SS-RTM-01", "SS-UTR-01"})
    assert plan.problems == (
        "wave 1 (Pilot) names site server 'SS-AMS-01' twice",
        "wave 1 names site 'HQ-Amsterdam' twice (also as 'hq-amsterdam')",
        "wave 2 (Two) names site server 'SS-UTR-01' twice",
        "remove_temporarily names site server 'SS-RTM-01' twice")


def test_a_divided_site_is_named_by_its_parts_and_keeps_its_servers() -> None:
    source = topology({"HQ": 9000, "Branch": 100},
                      {"SS-1": (["HQ"], ["task"]), "SS-2": (["HQ"], ["package"]), "SS-3": (["Branch"], [])})
    plan = Plan.read([wave("One", {"hq-1": 10, "HQ-2": 5, "branch": 1, "hq": 2})],
                     {"hq": [{"name": "HQ-1", "agents": 4500, "site_servers": ["ss-2", "SS-2"]},
                             {"name": "HQ-2", "agents": "4500"}]}, [], source)
    assert plan.split_sites == {"HQ": (Part("HQ-1", 4500, ("SS-2",)), Part("HQ-2", 4500, None))}
    # the divided site itself as the source spells it (CH02-PLAN-MATCHES-SOURCE then names it)
    assert plan.waves[0].agents == {"HQ-1": 10, "HQ-2": 5, "Branch": 1, "HQ": 2}
    assert plan.problems == ()


def test_a_site_divided_twice_or_a_part_named_like_a_site_is_a_problem() -> None:
    source = topology({"HQ": 9000, "Branch": 100}, {"SS-1": (["HQ"], ["task"])})
    plan = Plan.read([], {"HQ": [{"name": "branch", "agents": 9000}], "hq": [{"name": "X", "agents": 1}],
                          "Elsewhere": [{"name": "Y", "agents": 1, "site_servers": ["SS-1"]}]}, [], source)
    assert plan.split_sites == {"HQ": (Part("branch", 9000, None),),
                                "Elsewhere": (Part("Y", 1, ("SS-1",)),)}
    assert plan.problems == ("split_sites divides 'HQ' twice (also as 'hq')",
                             "site name 'Branch' is used twice (also as 'branch')")
    same = Plan.read([], {"HQ": [{"name": "Branch", "agents": 9000}]}, [], source)
    assert same.problems == ("site name 'Branch' is used twice",)


def test_a_part_naming_a_site_server_of_another_site_is_refused_where_it_is() -> None:
    source = topology({"HQ": 9000, "Branch": 100},
                      {"SS-1": (["HQ"], ["task"]), "SS-2": (["HQ"], []), "SS-9": (["Branch"], ["task"])})
    with pytest.raises(Refused) as refused:
        Plan.read([], {"hq": [{"name": "A", "agents": 1, "site_servers": ["SS-1"]},
                              {"name": "B", "agents": 1, "site_servers": ["SS-1", "ss-9"]}]}, [], source)
    assert refused.value.document == "site"
    assert refused.value.field == "plan.split_sites.hq[1].site_servers[1]"
    assert refused.value.message == ("'SS-9' is not a site server of HQ in the source snapshot (its site "
                                     "servers: SS-1, SS-2): a part of a divided site is served by the site's "
                                     "own site servers")
    lonely = topology({"HQ": 9000}, {"SS-9": (["Elsewhere"], ["task"])})
    with pytest.raises(Refused, match=r"\(its site servers: none\)"):
        Plan.read([], {"HQ": [{"name": "A", "agents": 1, "site_servers": ["SS-9"]}]}, [], lonely)


# -- the sites of a plan: parts and the site servers serving them -----------------------------

def test_each_part_is_served_by_its_named_servers_and_those_no_part_names() -> None:
    source = topology({"HQ": 9000, "Branch": 100},
                      {"SS-1": (["HQ"], ["task"]), "SS-2": (["HQ"], ["package"]), "SS-3": (["HQ"], []),
                       "SS-B": (["Branch", "HQ"], ["task"])})
    plan = Plan.read([], {"HQ": [{"name": "HQ-1", "agents": 4000, "site_servers": ["SS-1"]},
                                 {"name": "HQ-2", "agents": 5000}]}, [], source)
    sites = plan_sites(source, plan)
    assert sites == {"HQ-1": Site("HQ-1", 4000, "HQ", ("SS-1", "SS-2", "SS-3", "SS-B")),
                     "HQ-2": Site("HQ-2", 5000, "HQ", ("SS-1", "SS-2", "SS-3", "SS-B")),
                     "Branch": Site("Branch", 100, "Branch", ("SS-B",))}
    assert {server: [s.name for s in of] for server, of in served_sites(sites).items()} == {
        "SS-1": ["HQ-1", "HQ-2"], "SS-2": ["HQ-1", "HQ-2"], "SS-3": ["HQ-1", "HQ-2"],
        "SS-B": ["HQ-1", "HQ-2", "Branch"]}
    both = Plan.read([], {"HQ": [{"name": "HQ-1", "agents": 4000, "site_servers": ["SS-1", "SS-3"]},
                                 {"name": "HQ-2", "agents": 5000, "site_servers": ["SS-2", "SS-B"]}]},
                     [], source)
    assert [s.site_servers for s in plan_sites(source, both).values()] == [
        ("SS-1", "SS-3"), ("SS-2", "SS-B"), ("SS-B",)]


@pytest.mark.parametrize(("agents", "limit", "shared"), [
    ((5000, 3000), 8000, []), ((5000, 3001), 8000, ["SS-1"]), ((5000, 3001), 8001, []),
    ((9000, 0), 8000, []),  # one site alone is no sharing, however large
])
def test_a_site_server_is_removable_when_its_sites_total_more_than_the_limit(
        agents: tuple[int, int], limit: int, shared: list[str]) -> None:
    source = topology({"A": agents[0], "B": agents[1]},
                      {"SS-1": (["A", "B"] if agents[1] else ["A"], ["package"]), "SS-2": (["B"], [])})
    sites = plan_sites(source, Plan.read([], {}, [], source))
    assert list(removable(sites, limit)) == shared
    # the guide's own limit: 8,000 agents
    assert sorted(rebuilt(sites, Plan.read([], {}, ["SS-1", "SS-2"], source))) == (
        ["SS-1"] if agents[1] and sum(agents) > 8000 else [])


# -- reading a plan from the inputs: refusals name the file, the line and the field -----------

def lab_inputs(site_text: str | None, tmp_path: Path, unknown: dict[str, str] | None = None,
               **facts: Any) -> Inputs:
    """The ready lab's source (its ``facts`` updated at top level, ``unknown`` facts marked) and a
    site file of ``site_text`` (None: a site document read from no file), as the loader hands them
    over, unchecked."""
    document = load_json(LABS / "ready" / "source.json")
    document["facts"].update(facts)
    document["unknown"] = unknown or {}
    source = snapshot_from_document(document, "snap/source.json")
    if site_text is None:
        site = SiteFile({"itmscheck_site": 1, "plan": {"split_sites": {"HQ-Amsterdam": [
            {"name": "A", "agents": 1, "site_servers": ["SS-UTR-01"]}]}}})
    else:
        (tmp_path / "site.yaml").write_text(site_text)
        site = SiteFile(load_yaml(tmp_path / "site.yaml"), str(tmp_path / "site.yaml"))
    return Inputs({"source": source, "target": None}, site, CATALOG.tables, {})


PART_OF_ANOTHER_SITE = ("itmscheck_site: 1\nplan:\n  split_sites:\n    HQ-Amsterdam:\n"
                        "      - {name: A, agents: 6000}\n"
                        "      - name: B\n        agents: 120\n        site_servers: [SS-AMS-01, "
                        "SS-UTR-01]\n")
WRONG_PART = ("'SS-UTR-01' is not a site server of HQ-Amsterdam in the source snapshot (its site servers: "
              "SS-AMS-01): a part of a divided site is served by the site's own site servers")


def test_a_refused_plan_names_the_site_file_its_line_and_the_field(tmp_path: Path) -> None:
    with pytest.raises(InputError) as refused:
        read_plan(Facts(lab_inputs(PART_OF_ANOTHER_SITE, tmp_path)))
    error = refused.value
    assert (error.file, error.line, error.field) == (str(tmp_path / "site.yaml"), 8,
                                                     "plan.split_sites.HQ-Amsterdam[1].site_servers[1]")
    assert error.message == WRONG_PART
    assert refused.value.__cause__ is None and refused.value.__suppress_context__


def test_a_refused_plan_of_a_site_document_read_from_no_file_names_the_site_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as refused:
        read_plan(Facts(lab_inputs(None, tmp_path)))
    assert (refused.value.file, refused.value.line) == ("site file", None)
    assert refused.value.field == "plan.split_sites.HQ-Amsterdam[0].site_servers[0]"


def test_a_source_that_is_its_own_parent_is_refused_naming_the_snapshot_and_its_fact(
        tmp_path: Path) -> None:
    inputs = lab_inputs("itmscheck_site: 1\n", tmp_path, hierarchy={"parent": "10.20.1.10", "children": []})
    with pytest.raises(InputError) as refused:
        read_hierarchy(Facts(inputs))
    error = refused.value
    assert (error.file, error.line, error.field) == ("snap/source.json", None, "facts.hierarchy.parent")
    assert error.message == ("'10.20.1.10' is the server itself (NS70): a Notification Server is not "
                             "its own parent")
    assert error.__cause__ is None and error.__suppress_context__


@pytest.mark.parametrize(("host", "refused"), [
    ({"name": "NS70", "fqdn": "ns70.corp.example", "ip_addresses": ["10.20.1.10"]}, True),
    ({"name": "NS70", "fqdn": "ns-alias.corp.example", "ip_addresses": []}, True),
    ({"name": "NS70", "fqdn": None, "ip_addresses": ["10.20.1.10"]}, True),
    ({"name": "NS70", "fqdn": None, "ip_addresses": []}, False),
])
def test_a_link_to_the_sources_fqdn_or_address_is_a_link_to_itself(
        tmp_path: Path, host: dict[str, Any], refused: bool) -> None:
    children = ["NS-CHILD", "ns-alias.corp.example", "10.20.1.10"]
    inputs = lab_inputs("itmscheck_site: 1\n", tmp_path, hierarchy={"parent": None, "children": children},
                        host=host)
    if refused:
        with pytest.raises(InputError, match=r"is the server itself"):
            read_hierarchy(Facts(inputs))
    else:
        assert read_hierarchy(Facts(inputs))[1] == SourceLinks("NS70", None, tuple(children))


def test_the_sources_other_names_are_read_only_when_they_are_known(tmp_path: Path) -> None:
    inputs = lab_inputs("itmscheck_site: 1\n", tmp_path, {"host.fqdn": "WMI denied"},
                        hierarchy={"parent": "NS-TOP", "children": []})
    assert read_hierarchy(Facts(inputs)) == (Hierarchy({}), SourceLinks("NS70", "NS-TOP", ()))


def test_the_hierarchy_needs_the_sources_name_only_when_there_is_a_link_or_a_node(tmp_path: Path) -> None:
    facts = Facts(lab_inputs("itmscheck_site: 1\n", tmp_path))
    assert read_hierarchy(facts) == (Hierarchy({}), SourceLinks(None, None, ()))
    # the evidence a report shows is what the rule needed: no name, FQDN or address of the source
    assert set(facts.evidence) == {"site.plan.hierarchy.nodes", "source.hierarchy.parent",
                                   "source.hierarchy.children"}
    inputs = lab_inputs("itmscheck_site: 1\n", tmp_path, host={})
    assert read_hierarchy(Facts(inputs)) == (Hierarchy({}), SourceLinks(None, None, ()))
    inputs = lab_inputs("itmscheck_site: 1\nplan:\n  hierarchy:\n    nodes: [{name: NS70, parent: null}]\n",
                        tmp_path)
    assert read_hierarchy(Facts(inputs)) == (Hierarchy({"NS70": None}), SourceLinks("NS70", None, ()))


def test_check_plan_refuses_before_any_rule_runs_and_only_a_plan(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is not a site server of HQ-Amsterdam"):
        check_plan(lab_inputs(PART_OF_ANOTHER_SITE, tmp_path))
    check_plan(lab_inputs("itmscheck_site: 1\n", tmp_path, hierarchy={"parent": "NS70", "children": []}))
    no_source = replace(lab_inputs(PART_OF_ANOTHER_SITE, tmp_path), snapshots={"source": None})
    check_plan(no_source)


def test_check_plan_reads_the_hierarchy_when_the_sources_sites_are_unknown(tmp_path: Path) -> None:
    inputs = lab_inputs("itmscheck_site: 1\nplan:\n  hierarchy:\n    nodes: [{name: NS70, parent: null}]\n",
                        tmp_path, {"resources.sites": "CMDB timed out"},
                        hierarchy={"parent": "ns70.corp.example", "children": []})
    with pytest.raises(InputError, match="is the server itself"):
        check_plan(inputs)
    # what cannot be read is left to the rules
    check_plan(lab_inputs(PART_OF_ANOTHER_SITE, tmp_path, {"resources.sites": "CMDB timed out"}))


def test_a_refusal_without_a_source_snapshot_names_the_source_snapshot(tmp_path: Path) -> None:
    inputs = replace(lab_inputs("itmscheck_site: 1\n", tmp_path), snapshots={"source": None})
    error = refusal(Facts(inputs), Refused("source", ["hierarchy", "children", 2], "is itself"))
    assert (error.file, error.message, error.field, error.line) == (
        "source snapshot", "is itself", "facts.hierarchy.children[2]", None)


# -- the hierarchy: nodes by their first spelling, links as the snapshot shows them -----------

def test_hierarchy_nodes_keep_their_first_spelling_and_resolve_parents_to_it() -> None:
    hierarchy = Hierarchy.read([{"name": "NS-TOP", "parent": None},
                                {"name": "ns70.corp.example", "parent": "ns-top.corp.example"},
                                {"name": "NS70", "parent": "NS-TOP"},
                                {"name": "NS-CHILD", "parent": "https://NS70:443/Altiris/"},
                                {"name": "NS-X", "parent": "NS-GONE"}])
    assert hierarchy.parents == {"NS-TOP": None, "ns70.corp.example": "NS-TOP",
                                 "NS-CHILD": "ns70.corp.example", "NS-X": "NS-GONE"}
    assert hierarchy.duplicates == ("ns70.corp.example",)
    assert hierarchy.problems() == ["node 'ns70.corp.example' is listed twice",
                                    "NS-X's parent 'NS-GONE' is not a node"]
    assert hierarchy.node("NS70") == "ns70.corp.example" and hierarchy.node("NS-NONE") is None
    assert hierarchy.children("ns70.corp.example") == ["NS-CHILD"] and hierarchy.children("NS-X") == []
    assert hierarchy.neighbours("ns70.corp.example") == ["NS-TOP", "NS-CHILD"]
    assert hierarchy.neighbours("NS-TOP") == ["ns70.corp.example"]
    assert hierarchy.neighbours("NS-CHILD") == ["ns70.corp.example"]
    assert hierarchy.neighbours("NS-ELSE") == []


@pytest.mark.parametrize(("index", "parent"), [(0, "NS70"), (1, "ns-a.corp.example"), (1, "\\\\NS-A\\share")])
def test_a_node_that_is_its_own_parent_is_refused_where_it_is(index: int, parent: str) -> None:
    nodes = [{"name": "NS70", "parent": None}, {"name": "NS-A", "parent": "NS70"}]
    nodes[index] = {"name": nodes[index]["name"], "parent": parent}
    with pytest.raises(Refused) as refused:
        Hierarchy.read(nodes)
    assert (refused.value.document, refused.value.field) == ("site", f"plan.hierarchy.nodes[{index}].parent")
    assert refused.value.message == (f"{nodes[index]['name']} is its own parent: a Notification Server's "
                                     "parent is another server (null for the top)")


def test_every_node_of_a_cycle_is_its_own_ancestor() -> None:
    hierarchy = Hierarchy({"NS-A": "NS-B", "NS-B": "NS-C", "NS-C": "NS-A", "NS-D": None, "NS-E": "NS-D"})
    assert hierarchy.problems() == ["NS-A is its own ancestor (a cycle)", "NS-B is its own ancestor (a "
                                                                          "cycle)",
                                    "NS-C is its own ancestor (a cycle)"]
    assert Hierarchy({"NS-A": "NS-A"}).problems() == ["NS-A is its own ancestor (a cycle)"]


def test_bottom_up_puts_the_deepest_servers_first_and_keeps_the_order_of_equals() -> None:
    hierarchy = Hierarchy({"NS-TOP": None, "NS-MID": "NS-TOP", "NS-LOW": "NS-MID", "NS-SIDE": "NS-TOP",
                           "NS-OUT": "NS-GONE", "NS-LOW2": "NS-MID"})
    assert [hierarchy.depth(n) for n in hierarchy.parents] == [0, 1, 2, 1, 0, 2]
    assert hierarchy.bottom_up() == ["NS-LOW", "NS-LOW2", "NS-MID", "NS-SIDE", "NS-TOP", "NS-OUT"]


def test_the_depth_of_a_node_in_a_cycle_stops_after_walking_every_node_once() -> None:
    assert Hierarchy({"NS-A": "NS-B", "NS-B": "NS-A"}).depth("NS-A") == 3
    assert Hierarchy({"NS-A": "NS-A"}).depth("NS-A") == 2


@pytest.mark.parametrize(("parent", "children", "field", "message"), [
    ("ns70.corp.example", [], "hierarchy.parent",
     "'ns70.corp.example' is the server itself (NS70): a Notification Server is not its own parent"),
    ("10.20.1.10", [], "hierarchy.parent",
     "'10.20.1.10' is the server itself (NS70): a Notification Server is not its own parent"),
    (None, ["NS-B", "https://ns70/Altiris"], "hierarchy.children[1]",
     "'https://ns70/Altiris' is the server itself: a child is another server, below this one, once"),
    (None, ["NS-B", "NS-C", "ns-b.corp.example"], "hierarchy.children[2]",
     "'ns-b.corp.example' is listed twice (also as 'NS-B'): a child is another server, below this one, once"),
    ("NS-TOP", ["NS-B", "ns-top.corp.example"], "hierarchy.children[1]",
     "'ns-top.corp.example' is also its parent: a child is another server, below this one, once"),
    ("NS-TOP", ["NS70.corp.example"], "hierarchy.children[0]",
     "'NS70.corp.example' is the server itself: a child is another server, below this one, once"),
])
def test_the_snapshots_links_are_refused_when_they_name_the_server_itself_or_twice(
        parent: str | None, children: list[str], field: str, message: str) -> None:
    with pytest.raises(Refused) as refused:
        source_links("NS70", parent, children, ["ns70.corp.example", "10.20.1.10"])
    assert (refused.value.document, refused.value.field, refused.value.message) == ("source", field, message)


def test_the_snapshots_links_are_kept_as_given() -> None:
    assert source_links("NS70", "NS-TOP", ["NS-B", "NS-C"], ["10.20.1.10"]) == SourceLinks(
        "NS70", "NS-TOP", ("NS-B", "NS-C"))
    assert source_links(None, "NS70", ["NS70", "NS70"]) == SourceLinks(None, "NS70", ("NS70", "NS70"))
    assert [SourceLinks("N", p, c).linked for p, c in [(None, ()), ("P", ()), (None, ("C",))]] == [
        False, True, True]


NODES = Hierarchy({"NS-TOP": None, "NS70": "NS-TOP", "NS-B": "NS70", "NS-C": "NS70"})


@pytest.mark.parametrize(("hierarchy", "links", "problems"), [
    (NODES, SourceLinks("NS70", "ns-top.corp.example", ("ns-b", "NS-C.corp.example")), []),
    (NODES, SourceLinks("ns70.corp.example", None, ()), []),  # the links were removed, as the guide asks
    (Hierarchy({}), SourceLinks(None, None, ()), []),
    (Hierarchy({}), SourceLinks("NS70", "NS-TOP", ("NS-B",)),
     ["the source's hierarchy names NS-TOP, which is not a node of the plan",
      "the source's hierarchy names NS-B, which is not a node of the plan"]),
    (NODES, SourceLinks(None, None, ()), ["the source server None is not a node of the plan"]),
    (NODES, SourceLinks("NS-ELSE", "NS-GONE", ()),
     ["the source's hierarchy names NS-GONE, which is not a node of the plan",
      "the source server NS-ELSE is not a node of the plan"]),
    (NODES, SourceLinks("NS70", None, ("NS-B", "NS-C")),
     ["the plan gives NS70 the parent NS-TOP, but the source has no parent"]),
    (NODES, SourceLinks("NS-TOP", "NS-B", ("NS70",)),
     ["the source's parent is NS-B, but the plan gives NS-TOP no parent"]),
    (NODES, SourceLinks("NS70", "NS-C", ("NS-B",)),
     ["the source's parent is NS-C, but the plan gives NS70 the parent NS-TOP",
      "the plan makes NS-C a child of NS70, but the source has no such child"]),
    (NODES, SourceLinks("NS-B", "NS70", ("NS-C", "NS-NEW")),
     ["the source's hierarchy names NS-NEW, which is not a node of the plan",
      "the source's child NS-C is not a child of NS-B in the plan"]),
])
def test_the_plans_nodes_must_agree_with_the_snapshots_links(
        hierarchy: Hierarchy, links: SourceLinks, problems: list[str]) -> None:
    assert link_problems(hierarchy, links) == problems


# -- the plan check types, each on the ready lab changed where the edge is ---------------------
# The ready lab: HQ-Amsterdam 6,120 agents (SS-AMS-01: package and task), Branch-Rotterdam 3,870
# (SS-RTM-01: package and task), Branch-Utrecht 2,410 (SS-UTR-01: package only); three waves:
# 1 "Pilot (IT department, Amsterdam)" (SS-AMS-01, HQ 150), 2 "Branches Rotterdam and Utrecht"
# (SS-RTM-01, SS-UTR-01, 3,870 + 2,410), 3 "Head office Amsterdam" (HQ 5,970).

PILOT, BRANCHES, HEAD = ("site.plan.waves[Pilot (IT department, Amsterdam)]",
                         "site.plan.waves[Branches Rotterdam and Utrecht]", "site.plan.waves[Head office "
                                                                            "Amsterdam]")
NOTHING = {"source.resources.managed_computers": 0, "source.resources.sites": [],
           "source.resources.site_servers": []}
ONE_NODE = {"site.plan.hierarchy": {"nodes": [{"name": "NS70", "parent": None}], "order": ["NS70"]}}


def check_outcome(check: CheckType, spec: dict[str, Any], state: State, message: str) -> None:
    outcome = judge(check, spec)
    assert (outcome.state, outcome.message) == (state, message)


@pytest.mark.parametrize(("parts", "spec", "state", "message"), [
    (["waves"], {}, PASS, "The site file's plan has redirect waves."),
    (["hierarchy", "waves"], {"set": ONE_NODE}, PASS,
     "The site file's plan has hierarchy nodes and redirect waves."),
    (["waves"], {"set": NOTHING}, FAIL, "the source manages no computers (resources.managed_computers and "
                                        "the sites' agents are 0): there is nothing to redirect."),
    (["waves", "hierarchy"], {"set": {**NOTHING, **ONE_NODE}}, PASS, "The site file's plan has hierarchy "
                                                                     "nodes."),
    (["waves", "hierarchy"], {"unset": ["site.plan.waves"]}, FAIL,
     "the site file's plan has no redirect waves or hierarchy nodes."),
    (["hierarchy"], {}, FAIL, "the site file's plan has no hierarchy nodes."),
    (["hierarchy"], {"set": ONE_NODE, "unknown": {"source.resources": "CMDB timed out"}}, PASS,
     "The site file's plan has hierarchy nodes."),  # the source's computers matter to waves only
    (["waves"], {"set": {**NOTHING, "source.resources.sites": [{"name": "HQ-Amsterdam", "agents": 1}]}}, PASS,
     "The site file's plan has redirect waves."),
])
def test_plan_has_waves_only_with_computers_to_redirect(
        parts: list[str], spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanHas({"parts": parts}), spec, state, message)


@pytest.mark.parametrize(("params", "spec", "state", "message"), [
    ({"max": 12400, "per": "plan"}, {}, PASS, "The 3 waves redirect 12,400 computers to the 7.5 server, at "
                                              "most 12,400."),
    ({"max": 12399, "per": "plan"}, {}, FAIL,
     "The 3 waves redirect 12,400 computers to the 7.5 server, more than 12,399."),
    ({"max": 6280}, {}, PASS, "Every one of the 3 waves redirects at most 6,280 computers; the largest "
                              "6,280."),
    ({"max": 6280, "per": "wave"}, {}, PASS,
     "Every one of the 3 waves redirects at most 6,280 computers; the largest 6,280."),
    ({"max": 6279}, {}, FAIL,
     "1 of 3 waves redirect more than 6,279 computers: wave 2 (Branches Rotterdam and Utrecht: 6,280)."),
    ({"max": 5000}, {"set": {f"{BRANCHES}.frequent_policies_disabled": True}}, FAIL,
     "2 of 3 waves redirect more than 5,000 computers: wave 2 (Branches Rotterdam and Utrecht: 6,280), "
     "wave 3 (Head office Amsterdam: 5,970)."),
    ({"max": 6000, "unless_policies_disabled": True}, {}, FAIL,
     "1 of 3 waves redirect more than 6,000 computers without the frequent policies and tasks disabled "
     "(frequent_policies_disabled): wave 2 (Branches Rotterdam and Utrecht: 6,280)."),
    ({"max": 6000, "unless_policies_disabled": True},
     {"set": {f"{BRANCHES}.frequent_policies_disabled": True}},
     PASS, "No wave redirects more than 6,000 computers with the frequent policies and tasks enabled; the "
           "largest of 3 redirects 6,280."),
    ({"max": 6000, "unless_policies_disabled": False},
     {"set": {f"{BRANCHES}.frequent_policies_disabled": True}},
     FAIL, "1 of 3 waves redirect more than 6,000 computers: wave 2 (Branches Rotterdam and Utrecht: "
           "6,280)."),
    ({"max": 5000, "unless_policies_disabled": True}, {"set": {"site.plan.waves": []}}, PASS,
     "No wave redirects more than 5,000 computers with the frequent policies and tasks enabled; the largest "
     "of 0 redirects 0."),
    ({"max": 5000}, {"set": {"site.plan.waves": []}}, PASS,
     "Every one of the 0 waves redirects at most 5,000 computers; the largest 0."),
])
def test_plan_wave_sizes_measures_each_wave_or_the_plan_against_the_limit(
        params: dict[str, Any], spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanWaveSizes(params), spec, state, message)


HQ_PARTS = "site.plan.split_sites"


@pytest.mark.parametrize(("limit", "spec", "state", "message"), [
    (8000, {}, PASS, "No site is redirected with more than 8,000 agents; the largest has 6,120."),
    (6120, {}, PASS, "No site is redirected with more than 6,120 agents; the largest has 6,120."),
    (6119, {}, FAIL, "Sites of more than 6,119 agents must be divided into smaller sites before they are "
                     "redirected: HQ-Amsterdam (6,120 agents) is not divided."),
    (6000, {"set": {HQ_PARTS: {"HQ-Amsterdam": [{"name": "A", "agents": 6000},
                                                {"name": "B", "agents": 120}]}}},
     PASS, "No site is redirected with more than 6,000 agents (divided: HQ-Amsterdam into 2)."),
    (3000, {"set": {HQ_PARTS: {"HQ-Amsterdam": [{"name": "A", "agents": 3120}, {"name": "B", "agents": 3000}],
                               "Branch-Rotterdam": [{"name": "R1", "agents": 1870},
                                                    {"name": "R2", "agents": 2000}],
                               "Branch-Utrecht": [{"name": "U", "agents": 2410}]}}},
     FAIL, "Sites of more than 3,000 agents must be divided into smaller sites before they are redirected: "
           "HQ-Amsterdam: parts over 3,000 agents: A (3,120)."),
    (3120, {"set": {HQ_PARTS: {"HQ-Amsterdam": [{"name": "A", "agents": 3120}, {"name": "B", "agents": 3000}],
                               "Branch-Rotterdam": [{"name": "R1", "agents": 1870},
                                                    {"name": "R2", "agents": 2000}],
                               "Branch-Utrecht": [{"name": "U", "agents": 2410}]}}},
     PASS, "No site is redirected with more than 3,120 agents (divided: HQ-Amsterdam into 2, "
           "Branch-Rotterdam "
           "into 2, Branch-Utrecht into 1)."),
    (3000, {"set": {HQ_PARTS: {"HQ-Amsterdam": [{"name": "A", "agents": 3060},
                                                {"name": "B", "agents": 3060}]}}},
     FAIL, "Sites of more than 3,000 agents must be divided into smaller sites before they are redirected: "
           "HQ-Amsterdam: parts over 3,000 agents: A (3,060), B (3,060); Branch-Rotterdam (3,870 agents) is "
           "not divided."),
    (3000, {"set": {HQ_PARTS: {"HQ-Amsterdam": [{"name": "A", "agents": 3001}, {"name": "B", "agents": 3000}],
                               "Branch-Rotterdam": [{"name": "R", "agents": 3870}]}}},
     FAIL, "Sites of more than 3,000 agents must be divided into smaller sites before they are redirected: "
           "HQ-Amsterdam: its parts add up to 6,001 agents, not its 6,120; HQ-Amsterdam: parts over 3,000 "
           "agents: A (3,001); Branch-Rotterdam: parts over 3,000 agents: R (3,870)."),
    (8000, {"set": {HQ_PARTS: {"Branch-Utrecht": [{"name": "U", "agents": 2411}],
                               "Elsewhere": [{"name": "E", "agents": 1}]}}},
     FAIL, "Sites of more than 8,000 agents must be divided into smaller sites before they are redirected: "
           "Branch-Utrecht: its parts add up to 2,411 agents, not its 2,410."),
    (8000, {"set": {HQ_PARTS: {"Elsewhere": [{"name": "E", "agents": 1}]}}}, PASS,
     "No site is redirected with more than 8,000 agents; the largest has 6,120."),
    (10, {"set": NOTHING}, PASS, "No site is redirected with more than 10 agents; the largest has 0."),
    (8000, {"set": {"source.resources.managed_computers": 20401}}, FAIL,
     "Sites of more than 8,000 agents must be divided into smaller sites before they are redirected: "
     "(no site) (8,001 agents) is not divided."),
])
def test_plan_split_sites_divides_each_site_over_the_limit_exactly(
        limit: int, spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanSplitSites({"max": limit}), spec, state, message)


@pytest.mark.parametrize(("params", "spec", "state", "message"), [
    ({"max_share": 0.1, "small_enough": 150}, {}, PASS,
     "The first wave (Pilot (IT department, Amsterdam)) is a pilot of 150 of 12,400 computers (at most "
     "1,240)."),
    ({"max_share": 0.1, "small_enough": 150}, {"set": {f"{PILOT}.agents": {"HQ-Amsterdam": 1240}}}, PASS,
     "The first wave (Pilot (IT department, Amsterdam)) is a pilot of 1,240 of 12,400 computers (at most "
     "1,240)."),
    ({"max_share": 0.1, "small_enough": 150}, {"set": {f"{PILOT}.agents": {"HQ-Amsterdam": 1241}}}, FAIL,
     "The first wave must be a small pilot group: the first wave (Pilot (IT department, Amsterdam)) "
     "redirects 1,241 of 12,400 computers, more than a small group (1,240)."),
    ({"max_share": 0.0999, "small_enough": 150}, {"set": {f"{PILOT}.agents": {"HQ-Amsterdam": 1239}}}, FAIL,
     "The first wave must be a small pilot group: the first wave (Pilot (IT department, Amsterdam)) "
     "redirects 1,239 of 12,400 computers, more than a small group (1,238)."),  # 1,238.76 rounds down
    ({"max_share": 0.1, "small_enough": 2000}, {"set": {f"{PILOT}.agents": {"HQ-Amsterdam": 2000}}}, PASS,
     "The first wave (Pilot (IT department, Amsterdam)) is a pilot of 2,000 of 12,400 computers (at most "
     "2,000)."),
    ({"max_share": 0.1, "small_enough": 150}, {"set": {f"{PILOT}.agents": {"HQ-Amsterdam": 1}}}, PASS,
     "The first wave (Pilot (IT department, Amsterdam)) is a pilot of 1 of 12,400 computers (at most "
     "1,240)."),
    ({"max_share": 0.1, "small_enough": 150}, {"set": {"site.plan.waves": [
        {"name": "A", "site_servers": ["SS-AMS-01"]},
        {"name": "B", "pilot": True, "agents": {"HQ-Amsterdam": 1}},
        {"name": "C", "pilot": False}, {"name": "D", "pilot": True}]}}, FAIL,
     "The first wave must be a small pilot group: the first wave (A) is not marked pilot; the first wave (A) "
     "redirects no computers; a pilot comes after the first wave: wave 2 (B), wave 4 (D)."),
    ({"max_share": 0.1, "small_enough": 150}, {"set": {"site.plan.waves": []}}, FAIL,
     "The plan has no waves, so no pilot group."),
])
def test_plan_pilot_wants_a_first_wave_marked_pilot_of_at_least_one_and_few_computers(
        params: dict[str, Any], spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanPilot(params), spec, state, message)


TWO_WAVES = [{"name": "Pilot", "pilot": True, "site_servers": ["SS-AMS-01"], "agents": {"HQ-Amsterdam": 150}},
             {"name": "Branches", "agents": {"Branch-Rotterdam": 3870, "Branch-Utrecht": 2000}}]


@pytest.mark.parametrize(("spec", "state", "message"), [
    ({}, PASS, "The waves redirect all 12,400 computers of 3 sites and bring all 3 site servers (redirected, "
               "or removed and recreated)."),
    ({"set": {"site.plan.waves": TWO_WAVES}}, FAIL,
     "The plan leaves 6,380 computers (HQ-Amsterdam: 5,970, Branch-Utrecht: 410) and site servers SS-RTM-01, "
     "SS-UTR-01 (in no wave) on 7.0."),
    ({"set": {"site.plan.waves": TWO_WAVES, "site.plan.remove_temporarily": ["SS-UTR-01", "SS-RTM-01"],
              "source.resources.site_servers": [
                  {"name": "SS-UTR-01", "services": [], "sites": ["Branch-Utrecht"]},
                  {"name": "SS-RTM-01", "services": [], "sites": ["HQ-Amsterdam"]},
                  {"name": "SS-AMS-01", "services": [], "sites": ["HQ-Amsterdam"]},
                  {"name": "SS-ZZ", "services": [], "sites": ["HQ-Amsterdam"]},
                  {"name": "SS-AA", "services": [], "sites": ["HQ-Amsterdam"]}]}}, FAIL,
     "The plan leaves 6,380 computers (HQ-Amsterdam: 5,970, Branch-Utrecht: 410) and site servers SS-AA, "
     "SS-ZZ (in no wave) on 7.0, and never recreates site servers SS-RTM-01, SS-UTR-01 (removed temporarily, "
     "in no wave)."),
    ({"set": {f"{BRANCHES}.site_servers": ["SS-UTR-01"], "site.plan.remove_temporarily": ["SS-RTM-01"]}},
     FAIL,
     "The plan never recreates site servers SS-RTM-01 (removed temporarily, in no wave)."),
    ({"set": {f"{BRANCHES}.site_servers": ["SS-UTR-01"], f"{HEAD}.site_servers": ["SS-RTM-01"],
              "site.plan.remove_temporarily": ["SS-RTM-01"]}}, PASS,
     "The waves redirect all 12,400 computers of 3 sites and bring all 3 site servers (redirected, "
     "or removed and recreated)."),
    ({"set": {f"{BRANCHES}.site_servers": []}}, FAIL,
     "The plan leaves site servers SS-RTM-01, SS-UTR-01 (in no wave) on 7.0."),
    ({"set": {f"{BRANCHES}.agents": {"Branch-Rotterdam": 3871, "Branch-Utrecht": 2409}}}, FAIL,
     "The plan leaves 1 computers (Branch-Utrecht: 1) on 7.0."),
    ({"set": {"site.plan.split_sites": {"HQ-Amsterdam": [{"name": "HQ-1", "agents": 3000},
                                                         {"name": "HQ-2", "agents": 3120}]},
              f"{PILOT}.agents": {"HQ-1": 150}, f"{HEAD}.agents": {"HQ-1": 2850, "HQ-2": 3120}}}, PASS,
     "The waves redirect all 12,400 computers of 3 sites and bring all 3 site servers (redirected, "
     "or removed and recreated)."),
    ({"set": {"site.plan.split_sites": {"HQ-Amsterdam": [{"name": "HQ-1", "agents": 3000},
                                                         {"name": "HQ-2", "agents": 3120}]},
              f"{PILOT}.agents": {"HQ-1": 150}, f"{HEAD}.agents": {"HQ-1": 2850, "HQ-2": 3119}}}, FAIL,
     "The plan leaves 1 computers (HQ-Amsterdam: 1) on 7.0."),
])
def test_plan_coverage_counts_every_sites_agents_and_every_site_server(
        spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanCoverage({}), spec, state, message)


WRONG_NAMES = {
    "site.plan.split_sites": {"hq-amsterdam": [{"name": "HQ-1", "agents": 3000},
                                               {"name": "HQ-2", "agents": 3000}],
                              "Nowhere": [{"name": "N-1", "agents": 5}]},
    "site.plan.waves": [
        {"name": "One", "agents": {"hq-AMSTERDAM": 10, "HQ-1": 3200, "Atlantis": 5},
         "site_servers": ["SS-AMS-01", "SS-GHOST"]},
        {"name": "Two", "agents": {"Branch-Rotterdam": 3870, "Branch-Utrecht": 2410, "HQ-2": 3000, "N-1": 5},
         "site_servers": ["ss-ams-01"]}],
    "site.plan.remove_temporarily": ["SS-ZZ", "SS-AA", "SS-UTR-01"]}


@pytest.mark.parametrize(("spec", "state", "message"), [
    ({}, PASS, "The plan's 3 waves name only the source's sites (3 after divisions) and site servers, each "
               "at most once, and redirect at most its 12,400 computers."),
    ({"set": {"source.resources.managed_computers": 12500,
              "site.plan.split_sites": {"HQ-Amsterdam": [{"name": "HQ-1", "agents": 3000},
                                                         {"name": "HQ-2", "agents": 3120}]},
              f"{PILOT}.agents": {"HQ-1": 150}, f"{HEAD}.agents": {"HQ-1": 2850, "HQ-2": 3120}}}, PASS,
     "The plan's 3 waves name only the source's sites (5 after divisions) and site servers, each at most "
     "once, and redirect at most its 12,500 computers."),
    ({"set": WRONG_NAMES}, FAIL,
     "The plan does not match the source: split_sites names 'Nowhere', not a site of the source; "
     "HQ-Amsterdam: its parts add up to 6,000 agents, not its 6,120; wave 1 names 'HQ-Amsterdam', which is "
     "divided: name its parts; wave 1 names site 'Atlantis', not a site of the source; wave 1 names site "
     "server 'SS-GHOST', not a site server of the source; wave 2 names site 'N-1', not a site of the source; "
     "site server 'SS-AMS-01' is redirected in 2 waves; HQ-1 has 3,000 agents but the waves redirect 3,200; "
     "the waves redirect 12,500 computers, but the source has 12,400; remove_temporarily names 'SS-AA', not "
     "a site server of the source; remove_temporarily names 'SS-ZZ', not a site server of the source."),
    ({"set": {"source.resources.sites": [{"name": "HQ-Amsterdam", "agents": 6120},
                                         {"name": "hq-amsterdam", "agents": 0},
                                         {"name": "Branch-Rotterdam", "agents": 3870},
                                         {"name": "Branch-Utrecht", "agents": 2410}],
              f"{PILOT}.agents": {"HQ-Amsterdam": 100, "HQ-AMSTERDAM": 50}}}, FAIL,
     "The plan does not match the source: the source lists site 'HQ-Amsterdam' twice (also as "
     "'hq-amsterdam': ITMS compares names ignoring case); wave 1 names site 'HQ-Amsterdam' twice (also as "
     "'HQ-AMSTERDAM')."),
    ({"set": {f"{PILOT}.agents": {"HQ-Amsterdam": 151}}}, FAIL,
     "The plan does not match the source: HQ-Amsterdam has 6,120 agents but the waves redirect 6,121; the "
     "waves redirect 12,401 computers, but the source has 12,400."),
    ({"set": {f"{BRANCHES}.site_servers": ["SS-RTM-01", "SS-UTR-01", "ss-rtm-01"]}}, FAIL,
     "The plan does not match the source: wave 2 (Branches Rotterdam and Utrecht) names site server "
     "'SS-RTM-01' twice."),
])
def test_plan_names_wants_the_sources_own_names_each_once_and_numbers_that_add_up(
        spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanNames({}), spec, state, message)


SHARED = {"source.resources.site_servers": [
    {"name": "SS-AMS-01", "services": ["package", "task"], "sites": ["HQ-Amsterdam", "Branch-Rotterdam"]},
    {"name": "SS-UTR-01", "services": ["package"], "sites": ["Branch-Utrecht"]}]}
SHARED_RECREATED = {**SHARED, "site.plan.remove_temporarily": ["SS-AMS-01"], "site.plan.waves": [
    {"name": "Pilot", "pilot": True, "agents": {"HQ-Amsterdam": 150}},
    {"name": "Branches", "site_servers": ["SS-UTR-01"],
     "agents": {"Branch-Rotterdam": 3870, "Branch-Utrecht": 2410}},
    {"name": "Head office", "agents": {"HQ-Amsterdam": 5970}},
    {"name": "Recreate", "site_servers": ["SS-AMS-01"]}]}
FIRST = "Site servers must be redirected and upgraded before the agents of their site: "
EARLY = "Package servers must not be upgraded before their client base is targeted: "


@pytest.mark.parametrize(("require", "spec", "state", "message"), [
    ("site_servers_first", {}, PASS,
     "Each of the 3 site servers of the redirected sites moves no later than its site's first agents."),
    ("site_servers_first", {"set": {f"{BRANCHES}.site_servers": ["SS-RTM-01"],
                                    f"{HEAD}.site_servers": ["SS-UTR-01"]}}, FAIL,
     FIRST + "Branch-Utrecht's agents start in wave 2 (Branches Rotterdam and Utrecht) but its site server "
             "SS-UTR-01 is redirected in wave 3 (Head office Amsterdam)."),
    ("site_servers_first", {"set": {f"{BRANCHES}.site_servers": [], f"{HEAD}.site_servers": ["SS-UTR-01"]}},
     FAIL,
     FIRST + "Branch-Rotterdam's agents start in wave 2 (Branches Rotterdam and Utrecht) but its site server "
             "SS-RTM-01 is redirected in no wave; Branch-Utrecht's agents start in wave 2 (Branches "
             "Rotterdam and Utrecht) but its site server SS-UTR-01 is redirected in wave 3 (Head office "
             "Amsterdam)."),
    ("site_servers_first", {"set": {f"{BRANCHES}.agents": {"Branch-Rotterdam": 3870}}}, PASS,
     "Each of the 2 site servers of the redirected sites moves no later than its site's first agents."),
    ("site_servers_first", {"set": {"site.plan.waves": [
        {"name": "W1", "site_servers": ["SS-RTM-01"],
         "agents": {"Branch-Rotterdam": 3870, "Branch-Utrecht": 2410}},
        {"name": "W2", "site_servers": ["SS-UTR-01"]}]}}, FAIL,  # HQ-Amsterdam's agents are in no wave
     FIRST + "Branch-Utrecht's agents start in wave 1 (W1) but its site server SS-UTR-01 is redirected in "
             "wave 2 (W2)."),
    ("site_servers_first", {"set": {**SHARED_RECREATED, "source.resources.site_servers": [
        *SHARED["source.resources.site_servers"],
        {"name": "SS-RTM-02", "services": ["task"], "sites": ["Branch-Rotterdam"]}]}}, FAIL,
     FIRST + "Branch-Rotterdam's agents start in wave 2 (Branches) but its site server SS-RTM-02 is "
             "redirected in no wave."),  # SS-AMS-01 serves it too, but is recreated after it
    ("site_servers_first", {"set": SHARED_RECREATED}, PASS,
     "Each of the 1 site servers of the redirected sites moves no later than its site's first agents."),
    ("package_servers_not_early", {}, PASS,
     "Each of the 3 package servers in the waves is upgraded with or after its sites' first agents."),
    ("package_servers_not_early", {"set": {f"{PILOT}.site_servers": ["SS-AMS-01", "SS-UTR-01"],
                                           f"{BRANCHES}.site_servers": ["SS-RTM-01"]}}, FAIL,
     EARLY + "package server SS-UTR-01 is upgraded in wave 1 (Pilot (IT department, Amsterdam)), but the "
             "agents of Branch-Utrecht are targeted only from wave 2 (Branches Rotterdam and Utrecht)."),
    ("package_servers_not_early", {"set": {f"{PILOT}.site_servers": ["SS-UTR-01", "SS-AMS-01", "SS-RTM-01"],
                                           f"{BRANCHES}.site_servers": []}}, FAIL,
     EARLY + "package server SS-RTM-01 is upgraded in wave 1 (Pilot (IT department, Amsterdam)), but the "
             "agents of Branch-Rotterdam are targeted only from wave 2 (Branches Rotterdam and Utrecht); "
             "package server SS-UTR-01 is upgraded in wave 1 (Pilot (IT department, Amsterdam)), but the "
             "agents of Branch-Utrecht are targeted only from wave 2 (Branches Rotterdam and Utrecht)."),
    ("package_servers_not_early", {"set": {
        "source.resources.sites": [{"name": "HQ-Amsterdam", "agents": 6120},
                                   {"name": "Branch-Rotterdam", "agents": 3870},
                                   {"name": "Branch-Utrecht", "agents": 2410}, {"name": "Tiny", "agents": 1}],
        "source.resources.managed_computers": 12401,
        "source.resources.site_servers": [
            {"name": "SS-AMS-01", "services": ["package", "task"], "sites": ["HQ-Amsterdam"]},
            {"name": "SS-UTR-01", "services": ["package"], "sites": ["Branch-Utrecht", "Tiny"]},
            {"name": "SS-X", "services": ["package"], "sites": ["Nowhere"]}],
        f"{BRANCHES}.site_servers": ["SS-UTR-01", "SS-X"]}}, FAIL,  # SS-X serves no site of the source
     EARLY + "package server SS-UTR-01 is upgraded in wave 2 (Branches Rotterdam and Utrecht), but the "
             "agents of Tiny are targeted in no wave."),
    ("package_servers_not_early", {"set": {f"{BRANCHES}.agents": {"Branch-Rotterdam": 3870}}}, FAIL,
     EARLY + "package server SS-UTR-01 is upgraded in wave 2 (Branches Rotterdam and Utrecht), but the "
             "agents of Branch-Utrecht are targeted in no wave."),
    ("package_servers_not_early", {"set": {
        "source.resources.sites": [{"name": "HQ-Amsterdam", "agents": 6120},
                                   {"name": "Branch-Rotterdam", "agents": 3870},
                                   {"name": "Branch-Utrecht", "agents": 2410},
                                   {"name": "Empty", "agents": 0}],
        "source.resources.site_servers": [
            {"name": "SS-AMS-01", "services": ["task"], "sites": ["HQ-Amsterdam"]},
            {"name": "SS-RTM-01", "services": ["package", "task"], "sites": ["Branch-Rotterdam"]},
            {"name": "SS-UTR-01", "services": ["package"], "sites": ["Branch-Utrecht", "Empty"]},
            {"name": "SS-OFF", "services": ["package"], "sites": ["Branch-Utrecht"]}]}}, PASS,
     "Each of the 2 package servers in the waves is upgraded with or after its sites' first agents."),
    ("package_servers_not_early", {"set": {**SHARED_RECREATED, "site.plan.waves": [
        {"name": "Pilot", "pilot": True, "agents": {"HQ-Amsterdam": 150}},
        {"name": "Branches", "site_servers": ["SS-UTR-01", "SS-AMS-01"],
         "agents": {"Branch-Rotterdam": 3870, "Branch-Utrecht": 2410}},
        {"name": "Head office", "agents": {"HQ-Amsterdam": 5970}}]}}, PASS,
     "Each of the 2 package servers in the waves is upgraded with or after its sites' first agents."),
])
def test_plan_redirect_order_moves_site_servers_with_their_sites_first_agents(
        require: str, spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanRedirectOrder({"require": require}), spec, state, message)


SHARED_OF = "Shared site servers of more than 8,000 agents: "


@pytest.mark.parametrize(("spec", "state", "message"), [
    ({}, PASS, "No site server is shared by sites of more than 8,000 agents in total, and none is removed."),
    ({"set": SHARED_RECREATED}, PASS, "The shared site servers of more than 8,000 agents (SS-AMS-01) are "
                                      "removed from 7.0 while their sites move and recreated after them."),
    ({"set": {**SHARED_RECREATED, "site.plan.remove_temporarily": ["SS-UTR-01", "SS-AMS-01"],
              "source.resources.site_servers": [
                  {"name": "SS-UTR-01", "services": ["package"], "sites": ["Branch-Utrecht", "HQ-Amsterdam"]},
                  {"name": "SS-AMS-01", "services": ["task"], "sites": ["HQ-Amsterdam", "Branch-Rotterdam"]}],
              "site.plan.waves": [
                  {"name": "Pilot", "pilot": True, "agents": {"HQ-Amsterdam": 150}},
                  {"name": "Rest",
                   "agents": {"Branch-Rotterdam": 3870, "Branch-Utrecht": 2410, "HQ-Amsterdam": 5970}},
                  {"name": "Recreate", "site_servers": ["SS-UTR-01", "SS-AMS-01"]}]}}, PASS,
     "The shared site servers of more than 8,000 agents (SS-AMS-01, SS-UTR-01) are removed from 7.0 while "
     "their sites move and recreated after them."),
    ({"set": SHARED}, FAIL, SHARED_OF + "SS-AMS-01 serves HQ-Amsterdam, Branch-Rotterdam (9,990 agents) but "
                                        "is not in remove_temporarily."),
    ({"set": {**SHARED_RECREATED, "site.plan.waves": SHARED_RECREATED["site.plan.waves"][:3]}}, FAIL,
     SHARED_OF + "SS-AMS-01 is removed temporarily but no wave recreates it."),
    ({"set": {**SHARED_RECREATED, "site.plan.waves": [*SHARED_RECREATED["site.plan.waves"][:2],
                                                      {"name": "Head office", "site_servers": ["SS-AMS-01"],
                                                       "agents": {"HQ-Amsterdam": 5970}}]}}, FAIL,
     SHARED_OF + "SS-AMS-01 is recreated in wave 3 (Head office), not after the last agents of its sites in "
                 "wave 3 (Head office)."),
    ({"set": {**SHARED_RECREATED, "site.plan.waves": [{"name": "Recreate", "site_servers": ["SS-AMS-01"]}]}},
     PASS, "The shared site servers of more than 8,000 agents (SS-AMS-01) are removed from 7.0 while their "
           "sites move and recreated after them."),  # no agents moved yet: the other rules say so
    ({"set": {"site.plan.remove_temporarily": ["SS-UTR-01", "SS-GHOST", "SS-RTM-01"]}}, FAIL,
     SHARED_OF + "SS-RTM-01 is in remove_temporarily, but the guide removes only a site server shared by "
                 "sites of more than 8,000 agents in total; it serves Branch-Rotterdam (3,870): redirect it "
                 "with its site instead; SS-UTR-01 is in remove_temporarily, but the guide removes only a "
                 "site server shared by sites of more than 8,000 agents in total; it serves Branch-Utrecht "
                 "(2,410): redirect it with its site instead."),
    ({"set": {"site.plan.remove_temporarily": ["SS-UTR-01"], "source.resources.site_servers": [
        {"name": "SS-AMS-01", "services": ["task"], "sites": ["HQ-Amsterdam"]},
        {"name": "SS-UTR-01", "services": ["package"], "sites": ["Branch-Utrecht", "Branch-Rotterdam"]}]}},
     FAIL, SHARED_OF + "SS-UTR-01 is in remove_temporarily, but the guide removes only a site server shared "
                       "by sites of more than 8,000 agents in total; it serves Branch-Rotterdam (3,870), "
                       "Branch-Utrecht (2,410): redirect it with its site instead."),
    ({"set": {"site.plan.remove_temporarily": ["SS-UTR-01"], "source.resources.site_servers": [
        {"name": "SS-AMS-01", "services": ["task"], "sites": ["HQ-Amsterdam"]},
        {"name": "SS-UTR-01", "services": ["package"], "sites": ["Nowhere"]}]}}, FAIL,
     SHARED_OF + "SS-UTR-01 is in remove_temporarily, but the guide removes only a site server shared by "
                 "sites of more than 8,000 agents in total; it serves no site: redirect it with its site "
                 "instead."),
])
def test_plan_shared_site_servers_removes_and_recreates_only_the_guides_shared_servers(
        spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanSharedSiteServers({"max": 8000}), spec, state, message)


def test_plan_shared_site_servers_takes_its_limit_from_the_rule() -> None:
    check_outcome(PlanSharedSiteServers({"max": 9990}), {"set": SHARED}, PASS,
                  "No site server is shared by sites of more than 9,990 agents in total, and none is "
                  "removed.")
    check_outcome(PlanSharedSiteServers({"max": 9989}), {"set": SHARED}, FAIL,
                  "Shared site servers of more than 9,989 agents: SS-AMS-01 serves HQ-Amsterdam, "
                  "Branch-Rotterdam "
                  "(9,990 agents) but is not in remove_temporarily.")


ROTTERDAM_BOTH = {"source.resources.site_servers": [
    {"name": "SS-AMS-01", "services": ["package", "task"], "sites": ["HQ-Amsterdam"]},
    {"name": "SS-RTM-01", "services": ["task"], "sites": ["Branch-Rotterdam"]},
    {"name": "SS-UTR-01", "services": ["package"], "sites": ["Branch-Utrecht", "Branch-Rotterdam"]},
    {"name": "SS-RTM-02", "services": ["package"], "sites": ["Branch-Rotterdam"]}]}


@pytest.mark.parametrize(("spec", "state", "message"), [
    ({}, PASS, "No site has both a task server and a package server in the waves."),
    ({"set": ROTTERDAM_BOTH}, PASS, "In every site the task servers come before the package servers (1 "
                                    "pairs)."),
    ({"set": {**ROTTERDAM_BOTH, f"{HEAD}.site_servers": ["SS-RTM-02"]}}, PASS,
     "In every site the task servers come before the package servers (2 pairs)."),
    ({"set": {**ROTTERDAM_BOTH, f"{BRANCHES}.site_servers": ["SS-UTR-01", "SS-RTM-01"]}}, FAIL,
     "Task servers must be redirected before package servers: in Branch-Rotterdam, package server SS-UTR-01 "
     "(wave 2 (Branches Rotterdam and Utrecht)) before task server SS-RTM-01 (wave 2 (Branches Rotterdam and "
     "Utrecht))."),
    ({"set": {**ROTTERDAM_BOTH, f"{PILOT}.site_servers": ["SS-AMS-01", "SS-RTM-02"],
              f"{BRANCHES}.site_servers": ["SS-RTM-01", "SS-UTR-01"]}}, FAIL,
     "Task servers must be redirected before package servers: in Branch-Rotterdam, package server SS-RTM-02 "
     "(wave 1 (Pilot (IT department, Amsterdam))) before task server SS-RTM-01 (wave 2 (Branches Rotterdam "
     "and Utrecht))."),
    ({"set": {**ROTTERDAM_BOTH, f"{PILOT}.site_servers": ["SS-AMS-01", "SS-RTM-02", "SS-UTR-01"],
              f"{BRANCHES}.site_servers": ["SS-RTM-01"]}}, FAIL,
     "Task servers must be redirected before package servers: in Branch-Rotterdam, package server SS-UTR-01 "
     "(wave 1 (Pilot (IT department, Amsterdam))) before task server SS-RTM-01 (wave 2 (Branches Rotterdam "
     "and Utrecht)); in Branch-Rotterdam, package server SS-RTM-02 (wave 1 (Pilot (IT department, "
     "Amsterdam))) before task server SS-RTM-01 (wave 2 (Branches Rotterdam and Utrecht))."),
    ({"set": {**ROTTERDAM_BOTH, f"{PILOT}.site_servers": ["SS-AMS-01", "SS-RTM-02", "SS-GHOST"],
              f"{BRANCHES}.site_servers": ["SS-RTM-01", "SS-UTR-01"],
              "site.plan.remove_temporarily": ["SS-RTM-02"]}}, FAIL,
     "Task servers must be redirected before package servers: in Branch-Rotterdam, package server SS-RTM-02 "
     "(wave 1 (Pilot (IT department, Amsterdam))) before task server SS-RTM-01 (wave 2 (Branches Rotterdam "
     "and Utrecht))."),  # removed without the guide's reason: ordered like any other
    ({"set": {**SHARED_RECREATED, "source.resources.site_servers": [
        {"name": "SS-AMS-01", "services": ["package"], "sites": ["HQ-Amsterdam", "Branch-Rotterdam"]},
        {"name": "SS-UTR-01", "services": ["task"], "sites": ["Branch-Utrecht", "Branch-Rotterdam"]}]}}, PASS,
     "No site has both a task server and a package server in the waves."),  # the shared one is recreated
])
def test_plan_task_before_package_orders_task_servers_first_within_each_site(
        spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanTaskBeforePackage({}), spec, state, message)


THREE_NODES = [{"name": "NS-TOP", "parent": None}, {"name": "NS70", "parent": "NS-TOP"},
               {"name": "NS-CHILD", "parent": "ns70.corp.example"}]
BOTTOM_UP = "The hierarchy must be migrated bottom up: "


@pytest.mark.parametrize(("spec", "state", "message"), [
    ({}, PASS, "Neither the plan nor the source has a hierarchy: nothing to order."),
    ({"set": {"site.plan.hierarchy": {"nodes": THREE_NODES,
                                      "order": ["ns-child.corp.example", "ns70", "NS-TOP"]}}},
     PASS, "The 3 Notification Servers are migrated bottom up: NS-CHILD, NS70, NS-TOP."),
    ({"set": {"site.plan.hierarchy": {"nodes": THREE_NODES, "order": ["NS70", "NS-X", "ns70", "NS-CHILD"]}}},
     FAIL, BOTTOM_UP + "NS70 is in the order 2 times; NS-TOP is not in the order; NS-X is in the order but "
                       "not a node; NS70 is migrated before its child NS-CHILD."),
    ({"set": {"site.plan.hierarchy": {"nodes": [*THREE_NODES, {"name": "NS-TOP", "parent": None}],
                                      "order": ["NS-CHILD", "NS70", "NS-TOP"]}}},
     FAIL, BOTTOM_UP + "node 'NS-TOP' is listed twice."),
    ({"set": {"source.hierarchy.parent": "NS-PARENT01.corp.example"}}, FAIL,
     BOTTOM_UP + "the source's hierarchy names NS-PARENT01.corp.example, which is not a node of the plan."),
    ({"set": {"source.hierarchy.children": ["NS-B"], "site.plan.hierarchy": {
        "nodes": [{"name": "NS70", "parent": None}, {"name": "NS-B", "parent": "NS70"}],
        "order": ["NS-B", "NS70"]}}},
     PASS, "The 2 Notification Servers are migrated bottom up: NS-B, NS70."),
    ({"set": {"site.plan.hierarchy": {"nodes": [{"name": "NS70", "parent": None}], "order": []}}},
     FAIL, BOTTOM_UP + "NS70 is not in the order."),
])
def test_plan_hierarchy_order_wants_every_node_once_and_children_before_parents(
        spec: dict[str, Any], state: State, message: str) -> None:
    check_outcome(PlanHierarchyOrder({"require": "bottom_up"}), spec, state, message)


@pytest.mark.parametrize(("disabled", "state", "message"), [
    (["ns-top.corp.example", "NS70", "ns-child"], PASS, "Replication is disabled on all 3 linked nodes of "
                                                        "the hierarchy."),
    (["NS-TOP", "NS70"], FAIL, "Replication must be disabled on each node being migrated and its parent and "
                               "children: not on NS-CHILD (next to NS70)."),
    ([], FAIL, "Replication must be disabled on each node being migrated and its parent and children: not on "
               "NS-TOP (next to NS70), NS70 (next to NS-TOP, NS-CHILD), NS-CHILD (next to NS70)."),
])
def test_plan_hierarchy_order_wants_replication_off_on_every_linked_node(
        disabled: list[str], state: State, message: str) -> None:
    spec = {"set": {"site.plan.hierarchy": {"nodes": [*THREE_NODES, {"name": "NS-LONE", "parent": None}],
                                            "order": [], "replication_disabled": disabled}}}
    check_outcome(PlanHierarchyOrder({"require": "replication_disabled"}), spec, state, message)


def test_a_hierarchy_of_unlinked_nodes_needs_no_replication_disabled() -> None:
    check_outcome(PlanHierarchyOrder({"require": "replication_disabled"}), {}, PASS,
                  "No two Notification Servers of the plan are linked.")
    check_outcome(PlanHierarchyOrder({"require": "replication_disabled"}), {"set": ONE_NODE}, PASS,
                  "No two Notification Servers of the plan are linked.")


def test_a_site_divided_into_no_parts_keeps_its_agents_on_70(tmp_path: Path) -> None:
    # The schema wants parts; a site document read without it must still not lose the site's agents.
    site = ("itmscheck_site: 1\nplan:\n  split_sites: {HQ-Amsterdam: [], Tiny: []}\n  waves:\n"
            "    - {name: All, site_servers: [SS-AMS-01, SS-RTM-01, SS-UTR-01],\n"
            "       agents: {Branch-Rotterdam: 3870, Branch-Utrecht: 2410}}\n")
    resources = load_json(LABS / "ready" / "source.json")["facts"]["resources"]
    resources["sites"].append({"name": "Tiny", "agents": 1})
    resources["managed_computers"] += 1
    outcome = PlanCoverage({}).evaluate(Facts(lab_inputs(site, tmp_path, resources=resources)))
    assert (outcome.state, outcome.message) == (
        FAIL, "The plan leaves 6,121 computers (HQ-Amsterdam: 6,120, Tiny: 1) on 7.0.")
