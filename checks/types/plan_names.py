from __future__ import annotations

from collections import Counter
from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.plan import plan_sites, read_plan, read_topology


class PlanNames(CheckType):
    """The plan speaks of the source's own sites and site servers, and adds up.

    Without this, a misspelt site would slip past every other plan rule. The
    sites a wave may name are the source's sites (``(no site)`` for agents in
    none), a divided site by its parts only; the site servers are the source's
    and those the plan's parts name (temporary site servers).
    Passes when every divided site, wave site, wave site server and
    temporarily removed site server is known, site names are unique, no site
    server is redirected twice, and no site has more agents redirected than it
    has.
    Fails when one is not, naming each unknown or over-counted name.
    """

    name = "plan_names"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts: Facts) -> Outcome:
        topology, plan = read_topology(facts), read_plan(facts)
        sites = plan_sites(topology, plan)
        servers = set(topology.site_servers) | {s for site in sites.values() for s in site.site_servers}
        problems = [f"split_sites names {name!r}, not a site of the source"
                    for name in plan.split_sites if name not in topology.sites]
        names = Counter([*(p.name for parts in plan.split_sites.values() for p in parts),
                         *(s for s in topology.sites if s not in plan.split_sites)])
        problems += [f"site name {name!r} is used {count} times" for name, count in names.items()
                     if count > 1]
        for index, wave in enumerate(plan.waves, 1):
            for name in wave.agents:
                if name in plan.split_sites:
                    problems.append(f"wave {index} names {name!r}, which is divided: name its parts")
                elif name not in sites:
                    problems.append(f"wave {index} names site {name!r}, not a site of the source")
            problems += [f"wave {index} names site server {name!r}, not a site server of the source"
                         for name in wave.site_servers if name not in servers]
        moved = Counter(name for wave in plan.waves for name in wave.site_servers)
        problems += [f"site server {name!r} is redirected in {count} waves"
                     for name, count in moved.items() if count > 1]
        problems += [f"{site.name} has {site.agents:,} agents but the waves redirect "
                     f"{plan.redirected(site.name):,}" for site in sites.values()
                     if plan.redirected(site.name) > site.agents]
        problems += [f"remove_temporarily names {name!r}, not a site server of the source"
                     for name in sorted(plan.remove_temporarily) if name not in servers]
        if problems:
            return Outcome.failed(f"The plan does not match the source: {'; '.join(problems)}.")
        return Outcome.passed(f"The plan's {len(plan.waves)} waves name only the source's sites "
                              f"({len(sites)} after divisions) and site servers, each at most once.")
