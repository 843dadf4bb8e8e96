"""The sites a plan redirects, the site servers serving each, and which of those are rebuilt.

A divided site keeps its site servers: a part that names some of them is
served by those, a part that names none by all of them, and a site server
that no part names serves every part, so no site server of the source
escapes the ordering rules by being left out of a division.
"""

from __future__ import annotations

from dataclasses import dataclass

from itmscheck.planning.plan import Plan
from itmscheck.planning.topology import REDIRECT_AT_ONCE, Topology


@dataclass(frozen=True)
class Site:
    """A site as the plan redirects it: an undivided site, or a part of a divided one."""

    name: str
    agents: int
    origin: str
    site_servers: tuple[str, ...]


def plan_sites(topology: Topology, plan: Plan) -> dict[str, Site]:
    """The sites the waves may name, each with the site servers that serve it."""
    serving: dict[str, list[str]] = {site: [] for site in topology.sites}
    for server in topology.site_servers.values():
        for site in server.sites:
            serving.setdefault(site, []).append(server.name)
    result: dict[str, Site] = {}
    for site, agents in topology.sites.items():
        parts = plan.split_sites.get(site)
        if parts is None:
            result[site] = Site(site, agents, site, tuple(serving[site]))
            continue
        named = {server for part in parts for server in part.site_servers or ()}
        unnamed = [server for server in serving[site] if server not in named]
        for part in parts:
            own = part.site_servers or tuple(serving[site])
            result[part.name] = Site(part.name, part.agents, site, tuple(dict.fromkeys([*own, *unnamed])))
    return result


def served_sites(sites: dict[str, Site]) -> dict[str, list[Site]]:
    """For each site server named by a site, the sites it serves."""
    served: dict[str, list[Site]] = {}
    for site in sites.values():
        for server in site.site_servers:
            served.setdefault(server, []).append(site)
    return served


def removable(sites: dict[str, Site], limit: int = REDIRECT_AT_ONCE) -> dict[str, list[Site]]:
    """The site servers the guide lets a plan remove from 7.0 temporarily, with their sites.

    Only "If multiple sites share a site server and the sites have a total of
    more than 8,000 agents": shared by two sites or more (after the divisions)
    whose agents total more than ``limit``.
    """
    return {server: served for server, served in served_sites(sites).items()
            if len(served) > 1 and sum(site.agents for site in served) > limit}


def rebuilt(sites: dict[str, Site], plan: Plan) -> frozenset[str]:
    """The plan's temporarily removed site servers that the guide allows to be removed.

    These are recreated after their sites, not redirected, so the redirect
    order rules leave them to CH02-PLAN-SHARED-SITE-SERVERS; a site server
    removed without the guide's reason stays subject to every ordering rule.
    """
    return frozenset(plan.remove_temporarily & removable(sites).keys())
