from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.reading import read_plan, read_topology
from itmscheck.planning.sites import plan_sites


class PlanCoverage(CheckType):
    """The waves redirect every managed computer and bring every site server of the 7.0 server.

    Agents are counted per site of the source (a divided site by its parts),
    ``(no site)`` holding the managed computers beyond the sites' agents. A
    site server is redirected in a wave or, when in ``remove_temporarily``,
    recreated in one ("After you redirect all the sites to the new
    Notification Server, recreate the shared site server"): removed for good
    is not a plan.
    Passes when every site's agents are all in some wave and every site
    server is in some wave.
    Fails when the plan leaves computers or site servers behind, saying how
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
        missing = sorted(name for name in topology.site_servers if plan.position(name) is None)
        gone = [name for name in missing if name in plan.remove_temporarily]
        stay = [name for name in missing if name not in plan.remove_temporarily]
        if left or missing:
            where = ", ".join(f"{site}: {count:,}" for site, count in left.items())
            found = [f"{sum(left.values()):,} computers ({where})"] if left else []
            found += [f"site servers {', '.join(stay)} (in no wave)"] if stay else []
            text = f"leaves {' and '.join(found)} on 7.0" if found else ""
            if gone:
                text += (", and " if text else "") + (f"never recreates site servers {', '.join(gone)} "
                                                      "(removed temporarily, in no wave)")
            return Outcome.failed(f"The plan {text}.")
        return Outcome.passed(f"The waves redirect all {sum(topology.sites.values()):,} computers of "
                              f"{len(topology.sites)} sites and bring all {len(topology.site_servers)} "
                              "site servers (redirected, or removed and recreated).")
