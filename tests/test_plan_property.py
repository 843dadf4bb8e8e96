"""The planner's promise, over generated 7.0 topologies: its plan passes every plan rule.

Generated: sites (0..30, 0..12,000 agents each, at most 20,000 computers in
all, some in no site), so large sites are divided and their parts share or
share out the site servers; site servers serving 1..4 sites with any
services, so shared site servers of more than 8,000 agents are removed and
recreated; every name a site server, a hierarchy node or the snapshot's
parent and children gives in another case or as an FQDN (as ITMS compares
names), and site names with 'ß' (which Windows does not equate with 'ss');
a hierarchy of up to 6 Notification Servers declared in the site file (with
the snapshot still showing the source's links, or not) or seen in the
snapshot only. The rules run in-process, exactly as ``check`` runs them.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itmscheck.engine import loader
from itmscheck.engine.evaluate import evaluate
from itmscheck.evidence.site import site_from_document
from itmscheck.evidence.snapshot import snapshot_from_document
from itmscheck.planning.planner import propose

CATALOG = loader.catalog()
PLAN_RULES = {rule.id for rule in CATALOG.rules if rule.id.startswith("CH02-PLAN-")}


def _per_character(name: str, change: Any) -> str:
    """``change`` applied as Windows changes case: one character at a time ('ß' has no one-letter
    upper case, so 'Straße'.upper() = 'STRASSE' names another site)."""
    return "".join(changed if len(changed := change(c)) == 1 else c for c in name)


def spelt(draw: st.DrawFn, name: str) -> str:
    """The name as another tool might spell it: ITMS compares names ignoring case."""
    return draw(st.sampled_from([name, *(_per_character(name, change)
                                         for change in (str.upper, str.lower, str.swapcase))]))


def server_spelt(draw: st.DrawFn, name: str) -> str:
    """A Notification Server's name, or its FQDN, in any case."""
    return spelt(draw, draw(st.sampled_from([name, f"{name}.corp.example"])))


@st.composite
def hierarchies(draw: st.DrawFn) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    """The source's name, its snapshot's hierarchy facts, and the nodes a site file declares."""
    nodes = [f"NS-{index}" for index in range(draw(st.integers(0, 6)))]
    tree = [{"name": name, "parent": draw(st.sampled_from(nodes[:index])) if index else None}
            for index, name in enumerate(nodes)]
    if not nodes:
        return "NS70", {"parent": None, "children": []}, []
    me = draw(st.sampled_from(nodes))
    declared = draw(st.booleans())
    hierarchy: dict[str, Any] = {"parent": None, "children": []}
    if not declared or draw(st.booleans()):  # the snapshot still shows the source's own links
        parent = next(n["parent"] for n in tree if n["name"] == me)
        hierarchy = {"parent": None if parent is None else server_spelt(draw, parent),
                     "children": [server_spelt(draw, n["name"]) for n in tree if n["parent"] == me]}
    written = [{"name": spelt(draw, n["name"]),
                "parent": None if n["parent"] is None else server_spelt(draw, n["parent"])}
               for n in tree] if declared else []
    return me, hierarchy, written


@st.composite
def topologies(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A source snapshot document and a site file document."""
    budget = draw(st.one_of(st.integers(0, 20000), st.just(20000)))
    sites = []
    for index in range(draw(st.integers(0, 30))):
        # small sites, and large ones that are divided or share site servers with others
        agents = min(budget, draw(st.one_of(st.integers(0, 300), st.integers(3000, 12000))))
        budget -= agents
        sites.append({"name": draw(st.sampled_from([f"Site-{index}", f"Straße-{index}"])), "agents": agents})
    managed = sum(site["agents"] for site in sites) + draw(st.integers(0, budget))
    names = [site["name"] for site in sites]
    servers = []
    for index in range(draw(st.integers(0, 12))):
        served = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True)) if names else []
        services = draw(st.lists(st.sampled_from(["package", "task"]), max_size=2, unique=True))
        servers.append({"name": f"SS-{index:02}", "services": services,
                        "sites": [spelt(draw, site) for site in served]})
    for site in (s for s in sites if s["agents"] > 8000):  # own site servers, shared out among parts
        for _ in range(draw(st.integers(0, 3))):
            servers.append({"name": f"SS-{len(servers):02}", "services": ["package", "task"],
                            "sites": [spelt(draw, site["name"])]})
    me, hierarchy, nodes = draw(hierarchies())
    snapshot = {"itmscheck_snapshot": 1, "role": "source", "collected_at": "2026-11-20T09:30:00Z",
                "facts": {"host": {"name": me}, "hierarchy": hierarchy,
                          "resources": {"managed_computers": managed, "sites": sites,
                                        "site_servers": servers}}}
    site: dict[str, Any] = {"itmscheck_site": 1}
    if nodes:
        site["plan"] = {"hierarchy": {"nodes": nodes}}
    return snapshot, site


# No example database: CI leaves no .hypothesis/ behind; a failure prints its reproduction blob.
@settings(max_examples=150, deadline=None, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(topologies())
def test_the_proposed_plan_passes_every_plan_rule(topology: tuple[dict[str, Any], dict[str, Any]]) -> None:
    snapshot_document, site_document = topology
    source = snapshot_from_document(snapshot_document, "generated source")
    proposal = propose(source, site_document)
    site = site_from_document(proposal.site_document, "proposed site file")
    inputs = loader.inputs(CATALOG, {"source": source, "target": None}, site)
    results = evaluate(CATALOG, inputs, "pre", PLAN_RULES)
    assert len(results) == len(PLAN_RULES)
    statuses = {r.rule: r.status.value for r in results}
    computers = max(snapshot_document["facts"]["resources"]["managed_computers"],
                    sum(s["agents"] for s in snapshot_document["facts"]["resources"]["sites"]))
    assert bool(proposal.plan["waves"]) == (computers > 0)
    if computers > 0:  # every rule passes: none is skipped, none fails
        assert set(statuses.values()) == {"passed"}, ([r.message for r in results
                                                       if r.status.value != "passed"], proposal.plan)
    else:  # nothing to redirect: the wave rules are not applicable, never "passed"
        waves = [r for r in results if r.rule not in ("CH02-PLAN-HIERARCHY-BOTTOM-UP",
                                                     "CH02-PLAN-REPLICATION-DISABLED")]
        assert {r.status.value for r in waves} == {"skipped"}, proposal.plan
        hierarchy = {statuses["CH02-PLAN-HIERARCHY-BOTTOM-UP"], statuses["CH02-PLAN-REPLICATION-DISABLED"]}
        assert hierarchy == ({"passed"} if proposal.plan.get("hierarchy") else {"skipped"})
    # A site server removed temporarily comes back, after every agent of its sites.
    waves = proposal.plan["waves"]
    for server in proposal.plan.get("remove_temporarily", []):
        assert [w for w in waves if server in w.get("site_servers", [])] == [waves[-1]]
        assert not waves[-1].get("agents")
