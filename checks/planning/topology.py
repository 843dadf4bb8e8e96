"""The 7.0 server's sites and site servers, as the plan rules and the planner read them.

Terms, as the guide uses them: a *site* groups agents and is served by site
servers; agents in no site form the group ``(no site)``, served by the site
servers that serve no site. Names are compared as ITMS compares them
(:mod:`itmscheck.planning.names`): two sites, or two site servers, whose names
differ only in case are one to ITMS, so the topology keeps one of them (adding
what both hold) and says so in ``problems``, which CH02-PLAN-MATCHES-SOURCE
reports and the planner refuses; so is a site server serving a site the sites
list does not hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from itmscheck.planning.names import Names

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
    problems: tuple[str, ...] = ()
    site_names: Names = field(default_factory=Names, compare=False)
    server_names: Names = field(default_factory=Names, compare=False)

    @classmethod
    def read(cls, sites: Sequence[Mapping[str, Any]], site_servers: Sequence[Mapping[str, Any]],
             managed_computers: int) -> Topology:
        problems: list[str] = []
        site_names, server_names = Names(), Names()
        site_names.add(NO_SITE)
        by_name: dict[str, int] = {}
        for site in sites:
            name, again = site_names.add(str(site["name"]))
            if again and name in by_name:
                problems.append(_twice("site", name, str(site["name"])))
            by_name[name] = by_name.get(name, 0) + int(site["agents"])
        servers: dict[str, SiteServer] = {}
        for server in site_servers:
            name, again = server_names.add(str(server["name"]))
            served = [site_names.resolve(str(s)) for s in server.get("sites") or ()] or [NO_SITE]
            services = frozenset(server.get("services") or ())
            if again:  # one server to ITMS: what both entries say, and the problem said
                problems.append(_twice("site server", name, str(server["name"])))
                served, services = [*servers[name].sites, *served], services | servers[name].services
            servers[name] = SiteServer(name, services, tuple(dict.fromkeys(served)))
        # A site the sites list lacks would leave its server out of every ordering rule.
        problems += [f"site server {server.name} serves site {site!r}, which the source does not list"
                     for server in servers.values() for site in server.sites
                     if site != NO_SITE and site not in by_name]
        unsited = managed_computers - sum(by_name.values())
        if unsited > 0 or any(NO_SITE in s.sites for s in servers.values()):
            by_name[NO_SITE] = max(unsited, 0)
        return cls(by_name, servers, managed_computers, tuple(problems), site_names, server_names)

    @property
    def computers(self) -> int:
        """Computers to redirect: the managed computers, or the sites' agents if they say more."""
        return max(self.managed_computers, sum(self.sites.values()))


def _twice(kind: str, name: str, spelling: str) -> str:
    also = "" if spelling == name else f" (also as {spelling!r}: ITMS compares names ignoring case)"
    return f"the source lists {kind} {name!r} twice{also}"
