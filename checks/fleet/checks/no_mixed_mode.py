"""No 7.5 Notification Server is linked to a 7.0 one.

The links are the hierarchy parent and children that each server's newest
7.0 and 7.5 snapshots record, each recognized among the fleet's computers by
name, FQDN or address. A 7.5 server may only be linked to the 7.5 server of
an installed fleet server; a 7.0 server may not be linked to any 7.5 server.
Passes when every link keeps to its release (also when there are none).
Fails when a link crosses releases, naming both ends.
Unknown (an error) when a hierarchy was not read or a linked name is no
computer of the fleet.
"""

from __future__ import annotations

from typing import Any

from itmscheck.engine.model import Outcome
from itmscheck.fleet.view import FleetView


def check(view: FleetView, params: dict[str, Any]) -> Outcome:
    mixed, unsure, links = [], [], 0
    for name, run in view.runs.items():
        sides = [("7.0", run.facts.get("source_links"))]
        if view.installed(name):
            sides.append(("7.5", run.facts.get("target_links")))
        for release, linked in sides:
            if linked is None:
                unsure.append(f"the {release} hierarchy of {name} was not read")
                continue
            for other in linked:
                links += 1
                found = view.who(other)
                ends = {"7.5" if c.role == "7.5" and view.installed(c.server) else "7.0" for c in found}
                if not found:
                    unsure.append(f"{other} (linked to {name}'s {release} server) is no server of "
                                  "the fleet")
                elif ends != {release}:
                    mixed.append(f"{name}'s {release} server is linked to {other} "
                                 f"({', '.join(c.label for c in found)})")
    if mixed:
        return Outcome.failed(f"Mixed mode: {'; '.join(mixed)}.")
    if unsure:
        return Outcome.unknown(f"Cannot tell: {'; '.join(unsure)}.")
    return Outcome.passed(f"No 7.5 server is linked to a 7.0 one ({links} hierarchy links).")
