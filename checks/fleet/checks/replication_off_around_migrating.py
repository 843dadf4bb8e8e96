"""Replication is off on each server being migrated and on its parent and children.

A server is being migrated when its 7.5 server is installed and its post
phase is not GO. Replication counts as disabled on a server that a site file
of the fleet lists under ``plan.hierarchy.replication_disabled`` (by name, as
Windows compares it) and whose newest 7.0 snapshot shows no running job.
Passes when that holds for each (also when no server is being migrated).
Fails when a server is not listed or shows running jobs, naming it.
Unknown (an error) when a count of running jobs was not read.
"""

from __future__ import annotations

from typing import Any

from itmscheck.engine.model import Outcome
from itmscheck.fleet.view import FleetView
from itmscheck.planning.names import server_key


def check(view: FleetView, params: dict[str, Any]) -> Outcome:
    declared = {server_key(str(name)) for run in view.runs.values()
                for name in run.facts.get("replication_disabled", [])}
    migrating = [name for name in view.tree.bottom_up() if view.migrating(name)]
    left, unread = [], []
    for name in migrating:
        for other in dict.fromkeys([name, *view.tree.neighbours(name)]):
            running = view.runs[other].facts.get("replication_running")
            if server_key(other) not in declared:
                left.append(f"{other} (next to {name}) is in no plan.hierarchy.replication_disabled")
            elif running is None:
                unread.append(other)
            elif running > 0:
                left.append(f"{other} (next to {name}) shows {running} running replication jobs")
    if left:
        return Outcome.failed(f"Replication is not off: {'; '.join(dict.fromkeys(left))}.")
    if unread:
        # a neighbour of two migrating servers is named once
        return Outcome.unknown(f"Running replication jobs not read on {', '.join(dict.fromkeys(unread))}.")
    if not migrating:
        return Outcome.passed("No server is being migrated: replication may run.")
    return Outcome.passed(f"Replication is off around {', '.join(migrating)} and their neighbours.")
