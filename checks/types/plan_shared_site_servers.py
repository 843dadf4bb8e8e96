from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.plan import plan_sites, read_plan, read_topology, served_sites, wave_label


class PlanSharedSiteServers(CheckType):
    """Shared site servers of too many agents are removed from 7.0 while their sites move.

    A site server that serves several sites (after the plan's divisions) whose
    agents total more than ``max`` must be in the plan's
    ``remove_temporarily``: removed from the 7.0 system and recreated once all
    its sites are redirected, so a wave that names it must come after every
    wave with agents of its sites.
    Passes when every such shared site server is removed temporarily and none
    is recreated before its sites' last agents are redirected.
    Fails when one is not, naming it, its sites and their agents.
    """

    name = "plan_shared_site_servers"
    required = ("max",)
    parameters: ClassVar[dict[str, Any]] = {"max": {"type": "integer", "minimum": 1}}

    def evaluate(self, facts: Facts) -> Outcome:
        topology, plan, limit = read_topology(facts), read_plan(facts), self.params["max"]
        problems, shared = [], []
        for server, sites in sorted(served_sites(plan_sites(topology, plan)).items()):
            total = sum(site.agents for site in sites)
            if len(sites) < 2 or total <= limit:
                continue
            shared.append(server)
            names = ", ".join(site.name for site in sites)
            if server not in plan.remove_temporarily:
                problems.append(f"{server} serves {names} ({total:,} agents) but is not in "
                                "remove_temporarily")
        for server in sorted(plan.remove_temporarily):
            position = plan.position(server)
            if position is None:
                continue
            sites = served_sites(plan_sites(topology, plan)).get(server, [])
            lasts = [i for i in (plan.last_wave(site.name) for site in sites) if i is not None]
            if lasts and position[0] <= max(lasts):
                problems.append(f"{server} is recreated in {wave_label(plan, position[0])}, not after "
                                f"the last agents of its sites in {wave_label(plan, max(lasts))}")
        if problems:
            return Outcome.failed(f"Shared site servers of more than {limit:,} agents: "
                                  f"{'; '.join(problems)}.")
        if shared:
            return Outcome.passed(f"The shared site servers of more than {limit:,} agents "
                                  f"({', '.join(shared)}) are removed from 7.0 while their sites move.")
        return Outcome.passed(f"No site server is shared by sites of more than {limit:,} agents "
                              "in total.")
