"""The planner's promise, over generated 7.0 topologies: its plan passes every plan rule.

Sites (0..30, 0..12,000 agents each, at most 20,000 computers in all, some
in no site), site servers serving 1..3 sites with any services, and a
hierarchy of up to 6 Notification Servers declared in the site file or seen
in the snapshot. The rules run in-process, exactly as ``check`` runs them.
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


@st.composite
def topologies(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A source snapshot document and a site file document."""
    budget = draw(st.integers(0, 20000))
    sites = []
    for index in range(draw(st.integers(0, 30))):
        agents = draw(st.integers(0, min(12000, budget)))
        budget -= agents
        sites.append({"name": f"Site-{index}", "agents": agents})
    managed = sum(site["agents"] for site in sites) + draw(st.integers(0, budget))
    names = [site["name"] for site in sites]
    servers = []
    for index in range(draw(st.integers(0, 12))):
        served = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)) if names else []
        services = draw(st.lists(st.sampled_from(["package", "task"]), max_size=2, unique=True))
        servers.append({"name": f"SS-{index:02}", "services": services, "sites": served})
    nodes = [f"NS-{index}" for index in range(draw(st.integers(0, 6)))]
    tree = [{"name": name, "parent": draw(st.sampled_from(nodes[:index])) if index else None}
            for index, name in enumerate(nodes)]
    declared = draw(st.booleans())
    me = draw(st.sampled_from(nodes)) if nodes else None
    hierarchy = {"parent": None, "children": []}
    if me is not None and not declared:  # only the snapshot tells: the source's own neighbours
        hierarchy = {"parent": next(n["parent"] for n in tree if n["name"] == me),
                     "children": [n["name"] for n in tree if n["parent"] == me]}
    snapshot = {"itmscheck_snapshot": 1, "role": "source", "collected_at": "2026-11-20T09:30:00Z",
                "facts": {"host": {"name": me or "NS70"}, "hierarchy": hierarchy,
                          "resources": {"managed_computers": managed, "sites": sites,
                                        "site_servers": servers}}}
    site: dict[str, Any] = {"itmscheck_site": 1}
    if declared and tree:
        site["plan"] = {"hierarchy": {"nodes": tree}}
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
    bad = [f"{r.rule}: {r.status.value}: {r.message}" for r in results
           if r.status.value not in ("passed", "skipped")]
    assert bad == [], proposal.plan
    computers = max(snapshot_document["facts"]["resources"]["managed_computers"],
                    sum(s["agents"] for s in snapshot_document["facts"]["resources"]["sites"]))
    # Skipped only where there is nothing to redirect (no waves, and no hierarchy to order).
    assert all(r.status.value == "passed" for r in results) or not proposal.plan["waves"]
    assert bool(proposal.plan["waves"]) == (computers > 0)
