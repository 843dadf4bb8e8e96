"""How each fact can be obtained: the collector, probe or fragment field that reads it.

Derived from the collectors themselves, never written per fact: the CMDB
probes' ``-- fact:`` headers, the fact groups of the collectors that run on the
Notification Server (``--local``) - which are the fields Get-ItmsFacts.ps1
writes into its fragment - and the CMDB connection for the server and database
names. An ``error`` result quotes these for the facts it lacks (the
``itmscheck_fact_sources`` hook; :mod:`itmscheck.engine.remedy` words it); a
fact no source reads is declared by a person in the site file's ``facts:``.
"""

from __future__ import annotations

from functools import cache

CONNECTION = ("the CMDB connection (site file `cmdb.connection`, or `collect --connection-env "
              "NAME`)")


@cache
def fact_sources() -> tuple[tuple[str, str], ...]:
    """``(fact path or group, how to obtain it)`` for every fact some source reads."""
    from itmscheck.collectors import console_plugins, files, host, logs
    from itmscheck.collectors.cmdb.probe import load_probes

    pairs: list[tuple[str, str]] = []
    for probe in load_probes():
        where = "" if probe.server == "any" else " (SQL Server only)"
        pairs += [(fact, f"the CMDB probe {probe.name}.sql{where}, read by `itmscheck collect` "
                         f"over {CONNECTION}") for fact in probe.facts]
    pairs += [(fact, CONNECTION) for fact in ("cmdb.server", "cmdb.database")]
    for group in (*host.GROUPS, *console_plugins.GROUPS, *files.GROUPS, *logs.GROUPS):
        pairs.append((group, f"Get-ItmsFacts.ps1 run on the Notification Server (fragment field "
                             f"`facts.{group}`), passed with `collect --import FRAGMENT.json`; or "
                             "`collect --local` run on the server itself"))
    return tuple(pairs)
