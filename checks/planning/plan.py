"""The redirect plan of a site file, read together with the 7.0 topology.

Shared by the plan check types (which only compare) and the planner (which
proposes). Everything here is a pure function of plain data: the site file's
``plan`` mapping and the source snapshot's sites, site servers and managed
computers.

Terms, as the guide uses them: a *site* groups agents and is served by site
servers; a site of more than 8,000 agents is divided into *parts* (the plan's
``split_sites``), each of which is then a site of its own. Agents in no site
form the group ``(no site)``, served by the site servers that serve no site.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from itmscheck.engine.facts import Facts

NO_SITE = "(no site)"
"""The group of agents in no site (managed computers beyond the sites' agents)."""

REDIRECT_AT_ONCE = 8000  # "redirect no more than 8,000 computers at the same time"


@dataclass(frozen=True)
class SiteServer:
    name: str
    services: frozenset[str]
    sites: tuple[str, ...]

    @property
    def task(self) -> bool:
        return "task" in self.services

    @property
    def package_only(self) -> bool:
        return "package" in self.services and "task" not in self.services


@dataclass(frozen=True)
class Topology:
    """The 7.0 server's sites (with ``(no site)`` when agents are in none) and site servers."""

    sites: dict[str, int]
    site_servers: dict[str, SiteServer]
    managed_computers: int

    @classmethod
    def read(cls, sites: Sequence[Mapping[str, Any]], site_servers: Sequence[Mapping[str, Any]],
             managed_computers: int) -> Topology:
        by_name = {str(s["name"]): int(s["agents"]) for s in sites}
        servers = {str(s["name"]): SiteServer(str(s["name"]), frozenset(s.get("services") or ()),
                                              tuple(s.get("sites") or ()) or (NO_SITE,))
                   for s in site_servers}
        unsited = managed_computers - sum(by_name.values())
        if unsited > 0 or any(NO_SITE in s.sites for s in servers.values()):
            by_name[NO_SITE] = max(unsited, 0)
        return cls(by_name, servers, managed_computers)

    @property
    def computers(self) -> int:
        """Computers to redirect: the managed computers, or the sites' agents if they say more."""
        return max(self.managed_computers, sum(self.sites.values()))


@dataclass(frozen=True)
class Part:
    name: str
    agents: int
    site_servers: tuple[str, ...] | None  # None: served by the divided site's site servers


@dataclass(frozen=True)
class Wave:
    name: str
    pilot: bool
    site_servers: tuple[str, ...]
    agents: dict[str, int]
    policies_disabled: bool

    @property
    def computers(self) -> int:
        return sum(self.agents.values())


@dataclass(frozen=True)
class Plan:
    waves: tuple[Wave, ...]
    split_sites: dict[str, tuple[Part, ...]]
    remove_temporarily: frozenset[str]

    @classmethod
    def read(cls, waves: Sequence[Mapping[str, Any]], split_sites: Mapping[str, Any],
             remove_temporarily: list[str]) -> Plan:
        return cls(
            tuple(Wave(str(w["name"]), bool(w.get("pilot", False)), tuple(w.get("site_servers") or ()),
                       {str(k): int(v) for k, v in (w.get("agents") or {}).items()},
                       bool(w.get("frequent_policies_disabled", False))) for w in waves),
            {str(site): tuple(Part(str(p["name"]), int(p["agents"]),
                                   tuple(p["site_servers"]) if "site_servers" in p else None)
                              for p in parts) for site, parts in split_sites.items()},
            frozenset(remove_temporarily))

    def first_wave(self, site: str) -> int | None:
        """Index of the first wave that redirects agents of ``site``."""
        return next((i for i, w in enumerate(self.waves) if w.agents.get(site, 0) > 0), None)

    def last_wave(self, site: str) -> int | None:
        found = [i for i, w in enumerate(self.waves) if w.agents.get(site, 0) > 0]
        return found[-1] if found else None

    def position(self, server: str) -> tuple[int, int] | None:
        """(wave, place in the wave's list) where ``server`` is redirected, if it is."""
        for index, wave in enumerate(self.waves):
            if server in wave.site_servers:
                return index, wave.site_servers.index(server)
        return None

    def redirected(self, site: str) -> int:
        return sum(w.agents.get(site, 0) for w in self.waves)


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
        for part in parts:
            servers = part.site_servers if part.site_servers is not None else tuple(serving[site])
            result[part.name] = Site(part.name, part.agents, site, servers)
    return result


def served_sites(sites: dict[str, Site]) -> dict[str, list[Site]]:
    """For each site server named by a site, the sites it serves."""
    served: dict[str, list[Site]] = {}
    for site in sites.values():
        for server in site.site_servers:
            served.setdefault(server, []).append(site)
    return served


def read_plan(facts: Facts) -> Plan:
    """The site file's plan, through ``site.plan.*`` (absent keys take the schema's defaults)."""
    return Plan.read(facts.get("site.plan.waves"), facts.get("site.plan.split_sites"),
                     facts.get("site.plan.remove_temporarily"))


def read_topology(facts: Facts) -> Topology:
    """The source's sites, site servers and managed computers (unknown ones raise FactUnknown)."""
    return Topology.read(facts.get("source.resources.sites"),
                         facts.get("source.resources.site_servers"),
                         facts.get("source.resources.managed_computers"))


def describe_position(plan: Plan, position: tuple[int, int] | None) -> str:
    return "no wave" if position is None else f"wave {position[0] + 1} ({plan.waves[position[0]].name})"


def wave_label(plan: Plan, index: int | None) -> str:
    return "no wave" if index is None else f"wave {index + 1} ({plan.waves[index].name})"
