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

Where no plan can pass (more than 20,000 computers for one 7.5 server) it
says so: :class:`PlanImpossible`, exit 1.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from checks.errors import InputError
from checks.plan import (
    NO_SITE,
    REDIRECT_AT_ONCE,
    Hierarchy,
    Part,
    Plan,
    Site,
    Topology,
    plan_sites,
    same_server,
    served_sites,
)
from checks.snapshot import Snapshot

MANAGED_AT_MOST = 20000  # "20,000 computers can be managed with a single Notification Server"
PILOT_AT_MOST = 150


class PlanImpossible(Exception):
    """No plan can pass the plan rules for this source (said in one sentence)."""


@dataclass
class _Wave:
    name: str
    pilot: bool = False
    site_servers: list[str] = field(default_factory=list)
    agents: dict[str, int] = field(default_factory=dict)
    why: list[str] = field(default_factory=list)

    @property
    def room(self) -> int:
        return REDIRECT_AT_ONCE - sum(self.agents.values())

    def add(self, site: str, count: int) -> None:
        self.agents[site] = self.agents.get(site, 0) + count


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
    waves = _waves(topology, sites, set(removed), total)
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


def _groups(topology: Topology, sites: dict[str, Site],
            removed: set[str]) -> list[tuple[list[Site], list[str]]]:
    """Sites joined by the site servers they share (union-find), each group with its site servers."""
    root: dict[tuple[str, str], tuple[str, str]] = {}

    def find(key: tuple[str, str]) -> tuple[str, str]:
        while root.setdefault(key, key) != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    for site in sites.values():
        find(("site", site.name))
        for server in site.site_servers:
            if server in topology.site_servers and server not in removed:
                root[find(("site", site.name))] = find(("server", server))
    for server in topology.site_servers:
        if server not in removed:
            find(("server", server))
    groups: dict[tuple[str, str], tuple[list[Site], list[str]]] = {}
    for key in list(root):
        members = groups.setdefault(find(key), ([], []))
        if key[0] == "site":
            members[0].append(sites[key[1]])
        else:
            members[1].append(key[1])
    return list(groups.values())


def _waves(topology: Topology, sites: dict[str, Site], removed: set[str], total: int) -> list[_Wave]:
    groups = _groups(topology, sites, removed)
    with_agents = [g for g in groups if any(s.agents for s in g[0])]
    if not with_agents:
        return []
    target = min(PILOT_AT_MOST, max(1, math.ceil(total / 100)))

    def size(group: tuple[list[Site], list[str]]) -> tuple[int, int, int]:
        agents = sum(s.agents for s in group[0])
        return (sum(1 for s in group[0] if s.agents), 0 if agents >= target else 1, agents)

    pilot_group = min(with_agents, key=size)
    remaining = {s.name: s.agents for g in groups for s in g[0]}
    ordered = sorted(topology.site_servers, key=lambda n: not topology.site_servers[n].task)

    def opening(wave: _Wave, group: tuple[list[Site], list[str]]) -> None:
        wave.site_servers += [n for n in ordered if n in group[1]]
        for site in group[0]:
            if remaining[site.name]:
                wave.add(site.name, 1)
                remaining[site.name] -= 1

    pilot = _Wave(f"Pilot ({', '.join(s.name for s in pilot_group[0] if s.agents)})", pilot=True)
    opening(pilot, pilot_group)
    for site in pilot_group[0]:
        more = min(remaining[site.name], target - sum(pilot.agents.values()))
        if more > 0:
            pilot.add(site.name, more)
            remaining[site.name] -= more
    pilot.why.append(f"pilot group of {sum(pilot.agents.values()):,} computers from the smallest site,"
                     " with its site servers")
    waves = [pilot]
    current = _Wave(f"Wave {len(waves) + 1}")
    for group in [pilot_group] + [g for g in with_agents if g is not pilot_group]:
        if group is not pilot_group:
            if current.room < sum(1 for s in group[0] if remaining[s.name]):
                waves.append(current)
                current = _Wave(f"Wave {len(waves) + 1}")
            opening(current, group)
            names = ", ".join(s.name for s in group[0] if s.agents)
            current.why.append(f"site servers {', '.join(group[1])} with the first agents of {names}"
                               if group[1] else f"first agents of {names} (no site server to move first)")
        for site in group[0]:
            while remaining[site.name]:
                if current.room == 0:
                    waves.append(current)
                    current = _Wave(f"Wave {len(waves) + 1}")
                    current.why.append(f"rest of {site.name}")
                count = min(remaining[site.name], current.room)
                current.add(site.name, count)
                remaining[site.name] -= count
    if current.agents or current.site_servers:
        waves.append(current)
    idle = [n for g in groups if not any(s.agents for s in g[0]) for n in ordered if n in g[1]]
    if idle:
        waves[-1].site_servers += idle
        waves[-1].why.append(f"site servers without agents to serve ({', '.join(idle)})")
    for wave in waves[1:]:
        wave.why = wave.why or [f"rest of {', '.join(wave.agents)}"]
    return waves


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
