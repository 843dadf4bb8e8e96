from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.plan import wave_label
from itmscheck.planning.reading import read_plan, read_topology
from itmscheck.planning.sites import plan_sites, rebuilt


class PlanTaskBeforePackage(CheckType):
    """Within each site, its task servers are redirected before its package servers.

    The guide's guideline for redirecting a site and its site servers. A site
    server that runs the task service is a task server (also when it runs the
    package service); one that runs only the package service is a package
    server. Order is the wave, then the place in the wave's ``site_servers``.
    A shared site server that the guide lets the plan remove temporarily is
    recreated after its sites, not redirected, so it is left out here; one in
    ``remove_temporarily`` without the guide's reason is ordered like any
    other. Site servers in no wave, or unknown to the source (their services
    are not known), are left to the other plan rules.
    Passes when, in every site, each task server comes before each package server.
    Fails when a package server comes first, naming both and their waves.
    """

    name = "plan_task_before_package"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts: Facts) -> Outcome:
        topology, plan = read_topology(facts), read_plan(facts)
        sites = plan_sites(topology, plan)
        recreated = rebuilt(sites, plan)
        wrong, pairs = [], 0
        for site in sites.values():
            placed = [(position, topology.site_servers[name]) for name in site.site_servers
                      if name in topology.site_servers and name not in recreated
                      and (position := plan.position(name)) is not None]
            for task_at, task in placed:
                for package_at, package in placed:
                    if not (task.task and package.package_only):
                        continue
                    pairs += 1
                    if package_at < task_at:
                        wrong.append(f"in {site.name}, package server {package.name} "
                                     f"({wave_label(plan, package_at[0])}) before task server "
                                     f"{task.name} ({wave_label(plan, task_at[0])})")
        if wrong:
            return Outcome.failed(f"Task servers must be redirected before package servers: "
                                  f"{'; '.join(wrong)}.")
        if not pairs:
            return Outcome.passed("No site has both a task server and a package server in the waves.")
        return Outcome.passed(f"In every site the task servers come before the package servers "
                              f"({pairs} pairs).")
