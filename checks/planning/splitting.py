"""Dividing the sites too large to redirect at once: step 1 of :mod:`itmscheck.planning.planner`.

A site (or the agents in no site) of more than 8,000 agents becomes near-equal
parts of at most 8,000. Each part gets its own share of the site's site
servers when there are enough of them ("migrate the site servers with their
clients in proportional groups"); otherwise every part keeps all of them, so
they are shared and removed temporarily (step 2). Part names never reuse a
site's name as ITMS compares names (``HQ-1`` is ``hq-1``).
"""

from __future__ import annotations

import math

from itmscheck.planning.names import Names
from itmscheck.planning.plan import Part
from itmscheck.planning.topology import NO_SITE, REDIRECT_AT_ONCE, Topology


def split_sites(topology: Topology, notes: list[str]) -> dict[str, tuple[Part, ...]]:
    """Sites over 8,000 agents in near-equal parts, with their site servers shared out if enough."""
    taken = Names()
    for site in topology.sites:
        taken.add(site)
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
