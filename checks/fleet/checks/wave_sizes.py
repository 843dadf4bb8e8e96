"""Every server's redirect waves stay within the guide's limit of computers per wave.

Passes when no wave of any server's ``plan.waves`` redirects more than ``max``
computers (a server without waves has nothing to size).
Fails when one does, naming the server, the wave and its size.
"""

from __future__ import annotations

from typing import Any

from itmscheck.engine.model import Outcome
from itmscheck.fleet.view import FleetView


def check(view: FleetView, params: dict[str, Any]) -> Outcome:
    limit = int(params["max"])
    over, sized = [], 0
    for name, run in view.runs.items():
        for wave in run.facts.get("waves", []):
            sized += 1
            if wave["agents"] > limit:
                over.append(f"{name}'s wave {wave['name']!r} ({wave['agents']:,} computers)")
    if over:
        return Outcome.failed(f"Waves over {limit:,} computers: {'; '.join(over)}.")
    if not sized:
        return Outcome.passed("No server of the fleet plans redirect waves: nothing to size.")
    return Outcome.passed(f"All {sized} waves of the fleet redirect at most {limit:,} computers each.")
