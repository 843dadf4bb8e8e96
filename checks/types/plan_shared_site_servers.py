from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.plan import wave_label
from itmscheck.planning.reading import read_plan, read_topology
from itmscheck.planning.sites import plan_sites, removable, served_sites


class PlanSharedSiteServers(CheckType):
    """Shared site servers of too many agents are removed from 7.0 while their sites move, then recreated.

    The guide: "If multiple sites share a site server and the sites have a
    total of more than 8,000 agents, temporarily remove the site server from
    the 7.0 system. After you redirect all the sites to the new Notification
    Server, recreate the shared site server." A site server that serves
    several sites (after the plan's divisions) whose agents total more than
    ``max`` must be in ``remove_temporarily``; only such a site server may be
    there (any other is redirected with its site); and each one there comes
    back: a wave recreates it after every wave with agents of its sites.
    Passes when every such shared site server is removed temporarily, nothing
    else is, and each is recreated after its sites' last agents.
    Fails when one is not, naming it, its sites and their agents.
    """

    name = "plan_shared_site_servers"
    required = ("max",)
    parameters: ClassVar[dict[str, Any]] = {"max": {"type": "integer", "minimum": 1}}

    def evaluate(self, facts: Facts) -> Outcome:
        topology, plan, limit = read_topology(facts), read_plan(facts), self.params["max"]
        sites = plan_sites(topology, plan)
        shared, served = removable(sites, limit), served_sites(sites)
        problems = [f"{server} serves {', '.join(s.name for s in of)} "
                    f"({sum(s.agents for s in of):,} agents) but is not in remove_temporarily"
                    for server, of in sorted(shared.items()) if server not in plan.remove_temporarily]
        for server in sorted(plan.remove_temporarily & topology.site_servers.keys()):
            of = served.get(server, [])
            if server not in shared:
                names = ", ".join(f"{s.name} ({s.agents:,})" for s in of) or "no site"
                problems.append(f"{server} is in remove_temporarily, but the guide removes only a site "
                                f"server shared by sites of more than {limit:,} agents in total; it "
                                f"serves {names}: redirect it with its site instead")
                continue
            position = plan.position(server)
            lasts = [i for i in (plan.last_wave(site.name) for site in of) if i is not None]
            if position is None:
                problems.append(f"{server} is removed temporarily but no wave recreates it")
            elif lasts and position[0] <= max(lasts):
                problems.append(f"{server} is recreated in {wave_label(plan, position[0])}, not after "
                                f"the last agents of its sites in {wave_label(plan, max(lasts))}")
        if problems:
            return Outcome.failed(f"Shared site servers of more than {limit:,} agents: "
                                  f"{'; '.join(problems)}.")
        if shared:
            return Outcome.passed(f"The shared site servers of more than {limit:,} agents "
                                  f"({', '.join(sorted(shared))}) are removed from 7.0 while their sites "
                                  "move and recreated after them.")
        return Outcome.passed(f"No site server is shared by sites of more than {limit:,} agents "
                              "in total, and none is removed.")
