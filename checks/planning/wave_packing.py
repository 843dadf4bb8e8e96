"""Packing a proposed plan's redirect waves: steps 3-5 of :mod:`itmscheck.planning.planner`.

Sites that share site servers form one group (union-find), whose site servers
and first agents move together; the pilot is the smallest group able to fill
about 1 % of the computers; waves of at most 8,000 then take the groups one
by one; site servers with no agents to serve go last, and the site servers
removed temporarily come back in a wave of their own after every agent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from itmscheck.planning.sites import Site
from itmscheck.planning.topology import REDIRECT_AT_ONCE, Topology

PILOT_AT_MOST = 150


@dataclass
class Wave:
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


def pack_waves(topology: Topology, sites: dict[str, Site], removed: set[str], total: int) -> list[Wave]:
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

    def opening(wave: Wave, group: tuple[list[Site], list[str]]) -> None:
        wave.site_servers += [n for n in ordered if n in group[1]]
        for site in group[0]:
            if remaining[site.name]:
                wave.add(site.name, 1)
                remaining[site.name] -= 1

    pilot = Wave(f"Pilot ({', '.join(s.name for s in pilot_group[0] if s.agents)})", pilot=True)
    opening(pilot, pilot_group)
    for site in pilot_group[0]:
        more = min(remaining[site.name], target - sum(pilot.agents.values()))
        if more > 0:
            pilot.add(site.name, more)
            remaining[site.name] -= more
    pilot.why.append(f"pilot group of {sum(pilot.agents.values()):,} computers from the smallest site,"
                     " with its site servers")
    waves = [pilot]
    current = Wave(f"Wave {len(waves) + 1}")
    for group in [pilot_group] + [g for g in with_agents if g is not pilot_group]:
        if group is not pilot_group:
            if current.room < sum(1 for s in group[0] if remaining[s.name]):
                waves.append(current)
                current = Wave(f"Wave {len(waves) + 1}")
            opening(current, group)
            names = ", ".join(s.name for s in group[0] if s.agents)
            current.why.append(f"site servers {', '.join(group[1])} with the first agents of {names}"
                               if group[1] else f"first agents of {names} (no site server to move first)")
        for site in group[0]:
            while remaining[site.name]:
                if current.room == 0:
                    waves.append(current)
                    current = Wave(f"Wave {len(waves) + 1}")
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
    recreated = [n for n in ordered if n in removed]
    if recreated:  # "After you redirect all the sites ..., recreate the shared site server."
        waves.append(Wave(f"Wave {len(waves) + 1} (recreate shared site servers)", site_servers=recreated,
                          why=[f"recreate {', '.join(recreated)} in 7.5, removed temporarily while "
                               "their sites moved"]))
    return waves
