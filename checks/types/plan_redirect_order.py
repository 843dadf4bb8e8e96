from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.plan import Plan, wave_label
from itmscheck.planning.reading import read_plan, read_topology
from itmscheck.planning.sites import Site, plan_sites, rebuilt, served_sites
from itmscheck.planning.topology import Topology


class PlanRedirectOrder(CheckType):
    """Site servers move with their sites' agents: not after them, and package servers not before.

    Sites are the plan's (divided sites count as their parts, each keeping the
    divided site's site servers). A shared site server that the guide lets the
    plan remove temporarily (shared by sites of more than 8,000 agents) is
    recreated after its sites rather than redirected before them, so
    ``site_servers_first`` leaves it to CH02-PLAN-SHARED-SITE-SERVERS; a site
    server in ``remove_temporarily`` without that reason is ordered like any
    other.
    ``require: site_servers_first``: every site server of a site is redirected
    and upgraded in a wave no later than the first wave with agents of the site
    (within a wave, site servers go before agents).
    ``require: package_servers_not_early``: a site server with the package
    service is redirected or recreated no earlier than the first wave with
    agents of each of its sites that has agents.
    Passes when the order holds for every site and site server.
    Fails when it does not, naming the site, the site server and their waves.
    """

    name = "plan_redirect_order"
    required = ("require",)
    parameters: ClassVar[dict[str, Any]] = {
        "require": {"enum": ["site_servers_first", "package_servers_not_early"]},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        topology, plan = read_topology(facts), read_plan(facts)
        sites = plan_sites(topology, plan)
        if self.params["require"] == "site_servers_first":
            return _site_servers_first(plan, sites)
        return _package_servers_not_early(topology, plan, sites)


def _site_servers_first(plan: Plan, sites: dict[str, Site]) -> Outcome:
    late, checked = [], 0
    recreated = rebuilt(sites, plan)
    for site in sites.values():
        first = plan.first_wave(site.name)
        if first is None:
            continue
        for server in site.site_servers:
            if server in recreated:
                continue
            checked += 1
            position = plan.position(server)
            if position is None or position[0] > first:
                where = "in no wave" if position is None else f"in {wave_label(plan, position[0])}"
                late.append(f"{site.name}'s agents start in {wave_label(plan, first)} but its site "
                            f"server {server} is redirected {where}")
    if late:
        return Outcome.failed(f"Site servers must be redirected and upgraded before the agents of "
                              f"their site: {'; '.join(late)}.")
    return Outcome.passed(f"Each of the {checked} site servers of the redirected sites moves no later "
                          "than its site's first agents.")


def _package_servers_not_early(topology: Topology, plan: Plan, sites: dict[str, Site]) -> Outcome:
    early, checked = [], 0
    served = served_sites(sites)
    for server in topology.site_servers.values():
        position = plan.position(server.name)
        if "package" not in server.services or position is None:
            continue
        checked += 1
        for site in served.get(server.name, []):
            first = plan.first_wave(site.name)
            if site.agents > 0 and (first is None or first > position[0]):
                when = "in no wave" if first is None else f"only from {wave_label(plan, first)}"
                early.append(f"package server {server.name} is upgraded in "
                             f"{wave_label(plan, position[0])}, but the agents of {site.name} are "
                             f"targeted {when}")
    if early:
        return Outcome.failed(f"Package servers must not be upgraded before their client base is "
                              f"targeted: {'; '.join(early)}.")
    return Outcome.passed(f"Each of the {checked} package servers in the waves is upgraded with or "
                          "after its sites' first agents.")
