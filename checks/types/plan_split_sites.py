from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.reading import read_plan, read_topology


class PlanSplitSites(CheckType):
    """Sites too large to redirect whole are divided first (the plan's ``split_sites``).

    A site of the source (or ``(no site)``, the agents in no site) with more
    than ``max`` agents must be divided into parts of at most ``max`` agents
    that add up to its agents; a site the plan divides although it need not
    must be divided as exactly. Waves then name the parts, never the divided
    site.
    Passes when every site of more than ``max`` agents is divided, and every
    division has parts of at most ``max`` agents adding up to the site's.
    Fails when a large site is not divided or a division does not add up,
    naming the site.
    """

    name = "plan_split_sites"
    required = ("max",)
    parameters: ClassVar[dict[str, Any]] = {"max": {"type": "integer", "minimum": 1}}

    def evaluate(self, facts: Facts) -> Outcome:
        topology, plan, limit = read_topology(facts), read_plan(facts), self.params["max"]
        problems = []
        for site, agents in topology.sites.items():
            parts = plan.split_sites.get(site)
            if parts is None:
                if agents > limit:
                    problems.append(f"{site} ({agents:,} agents) is not divided")
                continue
            total = sum(part.agents for part in parts)
            large = [f"{part.name} ({part.agents:,})" for part in parts if part.agents > limit]
            if total != agents:
                problems.append(f"{site}: its parts add up to {total:,} agents, not its {agents:,}")
            if large:
                problems.append(f"{site}: parts over {limit:,} agents: {', '.join(large)}")
        if problems:
            return Outcome.failed(f"Sites of more than {limit:,} agents must be divided into smaller "
                                  f"sites before they are redirected: {'; '.join(problems)}.")
        divided = ", ".join(f"{site} into {len(parts)}" for site, parts in plan.split_sites.items()
                            if site in topology.sites)
        largest = max(topology.sites.values(), default=0)
        return Outcome.passed(f"No site is redirected with more than {limit:,} agents"
                              + (f" (divided: {divided})." if divided else f"; the largest has {largest:,}."))
