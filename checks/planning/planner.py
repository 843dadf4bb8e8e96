"""``itmscheck plan``: propose redirect waves that satisfy every CH02-PLAN-* rule.

From the 7.0 snapshot's sites, site servers, agents and hierarchy (or the
site file's ``plan.hierarchy.nodes``) it proposes, in this order:

1. divide every site (or the agents in no site) of more than 8,000 agents into
   near-equal parts, giving each part its own share of the site's site servers
   when there are enough of them (proportional groups);
2. remove temporarily every site server shared by sites of more than 8,000
   agents in total;
3. group the sites that share site servers: a package server must move in the
   wave of its sites' first agents and no later than any of them, so a group's
   site servers and the first agents of all its sites go into one wave;
4. a pilot wave first: the group with the fewest sites whose agents can fill
   it, about 1% of the computers (at most 150, at least one per site);
5. then fill waves of 8,000 computers group by group, each group opening with
   its site servers (task servers listed first) and one agent of each site;
6. site servers of no agents' site go into the last wave; the hierarchy is
   migrated deepest first, with replication disabled on every linked node.

Steps 3-6 are :mod:`itmscheck.planning.wave_packing`.

Where no plan can pass (more than 20,000 computers for one 7.5 server) it
says so: :class:`PlanImpossible`, exit 1.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from itmscheck.errors import InputError
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.planning.hierarchy import Hierarchy, same_server
from itmscheck.planning.plan import (
    NO_SITE,
    REDIRECT_AT_ONCE,
    Part,
    Plan,
    Topology,
    plan_sites,
    served_sites,
)
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
    topology = Topology.read(_fact(source, "resources.sites"), _fact(source, "resources.site_servers"),
                             _fact(source, "resources.managed_computers"))
    total = sum(topology.sites.values())
    if total > MANAGED_AT_MOST:
        raise PlanImpossible(
            f"The source has {total:,} computers, more than the {MANAGED_AT_MOST:,} a single "
            "Notification Server can manage: no plan for one 7.5 server passes CH02-PLAN-WITHIN-20000. "
            "Keep some of them on another Notification Server (a hierarchy) and plan each server.")
    notes: list[str] = []
    split = _split(topology, notes)
    sites = plan_sites(topology, Plan((), split, frozenset()))
    removed = sorted(server for server, served in served_sites(sites).items()
                     if len(served) > 1 and sum(s.agents for s in served) > REDIRECT_AT_ONCE)
    notes += [f"{server} is removed from 7.0 temporarily: its sites total more than "
              f"{REDIRECT_AT_ONCE:,} agents; recreate it in 7.5 once they are all redirected."
              for server in removed]
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
                     | {"agents": w.agents} for w in waves]
    hierarchy = _hierarchy(source, (document.get("plan") or {}).get("hierarchy"), site_file)
    if hierarchy:
        plan["hierarchy"] = hierarchy
        notes.append(f"Hierarchy: migrate {', '.join(hierarchy['order'])} in this order (bottom up), "
                     "replication disabled on every node.")
    document["plan"] = plan
    rows = [(f"{i}. {w.name}", f"{sum(w.agents.values()):,}",
             ", ".join(f"{site}: {count:,}" for site, count in w.agents.items()),
             ", ".join(w.site_servers) or "-", "; ".join(w.why)) for i, w in enumerate(waves, 1)]
    return Proposal(plan, document, rows, notes)


def _fact(source: Snapshot, path: str) -> Any:
    reason = source.unknown_reason(path)
    node: Any = source.facts
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if reason is not None or node is None:
        raise InputError(source.file, f"{path} is unknown ({reason or 'missing or null'}): "
                                      "a plan needs the sites, site servers and managed computers",
                         field=f"facts.{path}")
    return node


def _split(topology: Topology, notes: list[str]) -> dict[str, tuple[Part, ...]]:
    """Sites over 8,000 agents in near-equal parts, with their site servers shared out if enough."""
    taken = set(topology.sites)
    split: dict[str, tuple[Part, ...]] = {}
    for site, agents in topology.sites.items():
        if agents <= REDIRECT_AT_ONCE:
            continue
        count = math.ceil(agents / REDIRECT_AT_ONCE)
        servers = [s.name for s in topology.site_servers.values() if site in s.sites]
        parts = []
        for index in range(count):
            base = f"{'Unassigned' if site == NO_SITE else site}-{index + 1}"
            name, extra = base, 2
            while name in taken:  # never reuse the name of another site
                name, extra = f"{base}-{extra}", extra + 1
            taken.add(name)
            size = agents // count + (1 if index < agents % count else 0)
            own = tuple(servers[index::count]) if len(servers) >= count else None
            parts.append(Part(name, size, own))
        split[site] = tuple(parts)
        notes.append(f"{site} ({agents:,} agents) is divided into {count} sites of at most "
                     f"{REDIRECT_AT_ONCE:,}: " + ", ".join(f"{p.name} ({p.agents:,})" for p in parts)
                     + ("; each with its share of the site servers." if len(servers) >= count
                        else "; they share its site servers."))
    return split


def _hierarchy(source: Snapshot, declared: dict[str, Any] | None, site_file: str) -> dict[str, Any]:
    """The hierarchy to migrate: the site file's nodes when given, else the source's neighbours."""
    parent = _fact_or_none(source, "hierarchy.parent")
    children = _fact(source, "hierarchy.children")
    if declared and declared.get("nodes"):
        nodes = [{"name": n["name"], "parent": n["parent"]} for n in declared["nodes"]]
        where = "plan.hierarchy.nodes"
        problems = Hierarchy.read(nodes).problems()
        problems += [f"the source's hierarchy names {name}, which is not a node"
                     for name in [parent, *children] if name is not None
                     and not any(same_server(name, n["name"]) for n in nodes)]
        if problems:
            raise InputError(site_file, "; ".join(problems), field=where)
    elif parent is not None or children:
        me = (source.facts.get("host") or {}).get("name") or "this Notification Server"
        nodes = ([{"name": parent, "parent": None}] if parent else []) + [{"name": me, "parent": parent}]
        nodes += [{"name": child, "parent": me} for child in children]
    else:
        return {}
    order = Hierarchy.read(nodes).bottom_up()
    return {"nodes": nodes, "order": order, "replication_disabled": list(order) if len(order) > 1 else []}


def _fact_or_none(source: Snapshot, path: str) -> Any:
    if source.unknown_reason(path) is not None:
        return _fact(source, path)
    node: Any = source.facts
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node
