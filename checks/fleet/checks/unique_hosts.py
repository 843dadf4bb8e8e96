"""Every computer of the fleet has its own name and IP addresses.

The computers are each server's 7.0 and 7.5 hosts (one computer when the
7.5 server reuses the 7.0 hardware) and the legacy servers; names compare as
Windows does (by short name, in any case), addresses in canonical form.
Passes when no two computers share a name or an address.
Fails when two do, naming both and what they share.
Unknown (an error) when a computer's name or addresses were not read.
"""

from __future__ import annotations

from typing import Any

from itmscheck.engine.model import Outcome
from itmscheck.fleet.view import FleetView


def check(view: FleetView, params: dict[str, Any]) -> Outcome:
    seen: dict[str, str] = {}
    clashes, unread = [], []
    for computer in view.computers():
        keys = computer.keys()
        if keys is None:
            unread.append(computer.label)
            continue
        for key in sorted(keys):
            if key in seen and seen[key] != computer.label:
                clashes.append(f"{computer.label} and {seen[key]} share {key}")
            seen.setdefault(key, computer.label)
    if clashes:
        return Outcome.failed(f"Names or addresses used twice: {'; '.join(dict.fromkeys(clashes))}.")
    if unread:
        return Outcome.unknown(f"Name or IP addresses not read for {', '.join(unread)}.")
    return Outcome.passed(f"The fleet's {len(view.computers())} computers have distinct names and "
                          "IP addresses.")
