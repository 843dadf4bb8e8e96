"""Bottom up: no server's 7.5 replacement is installed before each of its children is migrated.

Passes when every installed server's children are migrated (also when none is installed).
Fails when an installed server has a child that is not, naming both.
Unknown (an error) when a release that decides it was not read.
"""

from __future__ import annotations

from typing import Any

from itmscheck.engine.model import Outcome
from itmscheck.fleet.view import FleetView


def check(view: FleetView, params: dict[str, Any]) -> Outcome:
    early, unsure = [], []
    for name in view.tree.bottom_up():
        installed = view.installed(name)
        if installed is None:
            unsure.append(f"{name} (its 7.5 release was not read)")
            continue
        if not installed:
            continue
        for child in view.tree.children(name):
            if view.installed(child) is None:
                unsure.append(f"{child} (its 7.5 release was not read)")
            elif not view.migrated(child):
                early.append(f"{name} is installed while its child {child} is not migrated")
    if early:
        return Outcome.failed(f"Not bottom up: {'; '.join(early)}.")
    if unsure:
        # a server not read is named once, though it is also its parent's child
        return Outcome.unknown(f"Cannot tell the order for {', '.join(dict.fromkeys(unsure))}.")
    installed_now = [name for name in view.tree.bottom_up() if view.installed(name)]
    if not installed_now:
        return Outcome.passed("No server's 7.5 replacement is installed yet: nothing is out of order.")
    return Outcome.passed(f"Bottom up: the children of each installed server ({', '.join(installed_now)}) "
                          "were migrated first.")
