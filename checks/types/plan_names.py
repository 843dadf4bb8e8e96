from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.reading import read_plan, read_topology
from itmscheck.planning.sites import plan_sites


class PlanNames(CheckType):
    """The plan speaks of the source's own sites and site servers, and its numbers add up.

    Without this, a misspelt site would slip past every other plan rule. Names
    compare as ITMS compares them (ordinal, case-insensitive: ``hq-amsterdam``
    is ``HQ-Amsterdam``), and one name given twice in two spellings is an
    error, never merged. The sites a wave may name are the source's sites
    (``(no site)`` for agents in none), a divided site by its parts only; the
    site servers are the source's.
    Passes when every divided site, wave site, wave site server and
    temporarily removed site server is the source's, each name is given once,
    no site server is redirected twice, the parts of each divided site add up
    to exactly its agents, and the waves redirect no more agents than a site
    (or the source) has.
    Fails when one is not, naming each unknown, repeated or miscounted name.
    """

    name = "plan_names"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts: Facts) -> Outcome:
        topology, plan = read_topology(facts), read_plan(facts)
        sites = plan_sites(topology, plan)
        servers = topology.site_servers
        problems = [*topology.problems, *plan.problems]
        problems += [f"split_sites names {name!r}, not a site of the source"
                     for name in plan.split_sites if name not in topology.sites]
        problems += [f"{site}: its parts add up to {total:,} agents, not its {topology.sites[site]:,}"
                     for site, parts in plan.split_sites.items() if site in topology.sites
                     and (total := sum(p.agents for p in parts)) != topology.sites[site]]
        for index, wave in enumerate(plan.waves, 1):
            for name in wave.agents:
                if name in plan.split_sites:
                    problems.append(f"wave {index} names {name!r}, which is divided: name its parts")
                elif name not in sites:
                    problems.append(f"wave {index} names site {name!r}, not a site of the source")
            problems += [f"wave {index} names site server {name!r}, not a site server of the source"
                         for name in wave.site_servers if name not in servers]
        moved = [name for wave in plan.waves for name in wave.site_servers]
        problems += [f"site server {name!r} is redirected in {moved.count(name)} waves"
                     for name in dict.fromkeys(moved) if moved.count(name) > 1]
        problems += [f"{site.name} has {site.agents:,} agents but the waves redirect "
                     f"{plan.redirected(site.name):,}" for site in sites.values()
                     if plan.redirected(site.name) > site.agents]
        total = sum(wave.computers for wave in plan.waves)
        if total > topology.computers:
            problems.append(f"the waves redirect {total:,} computers, but the source has "
                            f"{topology.computers:,}")
        problems += [f"remove_temporarily names {name!r}, not a site server of the source"
                     for name in sorted(plan.remove_temporarily) if name not in servers]
        if problems:
            return Outcome.failed(f"The plan does not match the source: {'; '.join(problems)}.")
        return Outcome.passed(f"The plan's {len(plan.waves)} waves name only the source's sites "
                              f"({len(sites)} after divisions) and site servers, each at most once, "
                              f"and redirect at most its {topology.computers:,} computers.")
