"""``itmscheck plan``: propose redirect waves that satisfy every CH02-PLAN-* rule.

From the 7.0 snapshot's sites, site servers, agents and hierarchy (or the
site file's ``plan.hierarchy.nodes``) it proposes, in this order:

1. divide every site (or the agents in no site) of more than 8,000 agents into
   near-equal parts (:mod:`itmscheck.planning.splitting`);
2. remove temporarily every site server shared by sites of more than 8,000
   agents in total, and only those (the one case where the guide removes one);
3. group the sites that share site servers: a package server must move in the
   wave of its sites' first agents and no later than any of them, so a group's
   site servers and the first agents of all its sites go into one wave;
4. a pilot wave first: the group with the fewest sites whose agents can fill
   it, about 1% of the computers (at most 150, at least one per site);
5. then fill waves of 8,000 computers group by group, each group opening with
   its site servers (task servers listed first) and one agent of each site;
   site servers of no agents' site go into the last wave, and a last wave
   recreates the site servers removed in step 2, after all their sites' agents;
6. the hierarchy is migrated deepest first, with replication disabled on every
   linked node (:mod:`itmscheck.planning.migration_order`).

Steps 3-5 are :mod:`itmscheck.planning.wave_packing`. Names are the source's,
compared as ITMS compares them; a source that lists one site or site server
twice (in two spellings) cannot be planned: exit 2.

Where no plan can pass (more than 20,000 computers for one 7.5 server) it
says so: :class:`PlanImpossible`, exit 1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from itmscheck.errors import InputError
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.planning.migration_order import migration_order
from itmscheck.planning.plan import Plan
from itmscheck.planning.sites import plan_sites, removable
from itmscheck.planning.splitting import split_sites
from itmscheck.planning.topology import REDIRECT_AT_ONCE, Topology
from itmscheck.planning.wave_packing import pack_waves

MANAGED_AT_MOST = 20000  # "20,000 computers can be managed with a single Notification Server"


class PlanImpossible(Exception):
    """No plan can pass the plan rules for this source (said in one sentence)."""


@dataclass(frozen=True)
class Proposal:
    plan: dict[str, Any]
    site_document: dict[str, Any]
    rows: list[tuple[str, str, str, str, str]]
    notes: list[str]


def propose(source: Snapshot, site_document: dict[str, Any] | None,
            site_file: str = "site file") -> Proposal:
    """A plan for ``source``, in a copy of ``site_document`` (whose plan keys it replaces)."""

    def fact(path: str, null: bool = False) -> Any:
        return _fact(source, path, null)

    topology = Topology.read(fact("resources.sites"), fact("resources.site_servers"),
                             fact("resources.managed_computers"))
    if topology.problems:
        raise InputError(source.file, "; ".join(topology.problems) + ": a plan needs each site and "
                                      "site server once", field="facts.resources")
    total = sum(topology.sites.values())
    if total > MANAGED_AT_MOST:
        raise PlanImpossible(
            f"The source has {total:,} computers, more than the {MANAGED_AT_MOST:,} a single "
            "Notification Server can manage: no plan for one 7.5 server passes CH02-PLAN-WITHIN-20000. "
            "Keep some of them on another Notification Server (a hierarchy) and plan each server.")
    notes: list[str] = []
    split = split_sites(topology, notes)
    sites = plan_sites(topology, Plan((), split, frozenset()))
    removed = sorted(removable(sites))
    notes += [f"{server} is removed from 7.0 temporarily: its sites total more than "
              f"{REDIRECT_AT_ONCE:,} agents; it is recreated in 7.5 in the last wave, once they are "
              "all redirected." for server in removed]
    waves = pack_waves(topology, sites, set(removed), total)
    # Plain dicts and lists (the YAML loader's own types would not dump), a copy to change.
    document: dict[str, Any] = (json.loads(json.dumps(site_document)) if site_document
                                else {"itmscheck_site": 1})
    plan = {key: value for key, value in (document.get("plan") or {}).items()
            if key not in ("waves", "split_sites", "remove_temporarily", "hierarchy")}
    if split:
        plan["split_sites"] = {site: [{"name": p.name, "agents": p.agents}
                                      | ({"site_servers": list(p.site_servers)} if p.site_servers else {})
                                      for p in parts] for site, parts in split.items()}
    if removed:
        plan["remove_temporarily"] = removed
    plan["waves"] = [{"name": w.name} | ({"pilot": True} if w.pilot else {})
                     | ({"site_servers": w.site_servers} if w.site_servers else {})
                     | ({"agents": w.agents} if w.agents else {}) for w in waves]
    hierarchy = migration_order(source, site_document, site_file, fact)
    if hierarchy:
        plan["hierarchy"] = hierarchy
        notes.append(f"Hierarchy: migrate {', '.join(hierarchy['order'])} in this order (bottom up), "
                     "replication disabled on every node.")
    document["plan"] = plan
    rows = [(f"{i}. {w.name}", f"{sum(w.agents.values()):,}",
             ", ".join(f"{site}: {count:,}" for site, count in w.agents.items()) or "-",
             ", ".join(w.site_servers) or "-", "; ".join(w.why)) for i, w in enumerate(waves, 1)]
    return Proposal(plan, document, rows, notes)


def _fact(source: Snapshot, path: str, null: bool = False) -> Any:
    """A source fact; unknown (or null, unless ``null`` allows it) is bad input for a plan."""
    reason = source.unknown_reason(path)
    node: Any = source.facts
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if reason is not None or (node is None and not null):
        raise InputError(source.file, f"{path} is unknown ({reason or 'missing or null'}): "
                                      "a plan needs the sites, site servers, managed computers "
                                      "and hierarchy of the source", field=f"facts.{path}")
    return node
