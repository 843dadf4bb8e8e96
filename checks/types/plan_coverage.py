from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.plan import plan_sites, read_plan, read_topology


class PlanCoverage(CheckType):
    """The waves redirect every managed computer and every site server of the 7.0 server.

    Agents are counted per site of the source (a divided site by its parts),
    ``(no site)`` holding the managed computers beyond the sites' agents. Site
    servers in ``remove_temporarily`` are recreated rather than redirected.
    Passes when every site's agents are all in some wave and every other site
    server is in some wave.
    Fails when the plan leaves computers or site servers on 7.0, saying how
    many and where.
    """

    name = "plan_coverage"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts: Facts) -> Outcome:
        topology, plan = read_topology(facts), read_plan(facts)
        redirected: dict[str, int] = {}
        for site in plan_sites(topology, plan).values():
            redirected[site.origin] = redirected.get(site.origin, 0) + plan.redirected(site.name)
        left = {site: agents - redirected.get(site, 0) for site, agents in topology.sites.items()
                if agents > redirected.get(site, 0)}
        servers = sorted(name for name in topology.site_servers
                         if name not in plan.remove_temporarily and plan.position(name) is None)
        if left or servers:
            where = ", ".join(f"{site}: {count:,}" for site, count in left.items())
            found = [f"{sum(left.values()):,} computers ({where})"] if left else []
            found += [f"site servers {', '.join(servers)} (in no wave)"] if servers else []
            return Outcome.failed(f"The plan leaves {' and '.join(found)} on 7.0.")
        return Outcome.passed(f"The waves redirect all {sum(topology.sites.values()):,} computers of "
                              f"{len(topology.sites)} sites and all {len(topology.site_servers)} "
                              "site servers (or remove them temporarily).")
