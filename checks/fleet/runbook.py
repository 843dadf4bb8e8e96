"""The run-book: each server placed on Table 2-2's 16 steps from its evidence and attestations.

A step is *done* when the evidence of its phases exists and none of its
blocker rules blocks; *blocked* when one does (naming them); *waiting* when
it cannot be done yet because a server of the hierarchy is not migrated
(its children, for the installation onwards: bottom up; its parent and
children, to re-establish the hierarchy); *next* when it is the server's
first step not done and nothing holds it; *later* otherwise (no evidence yet).
"""

from __future__ import annotations

from dataclasses import dataclass

from itmscheck.fleet.steps import Step, table
from itmscheck.fleet.view import FleetView

DONE, NEXT, BLOCKED, WAITING, LATER = "done", "next", "blocked", "waiting", "later"


@dataclass(frozen=True)
class Placement:
    step: Step
    state: str
    blockers: tuple[str, ...] = ()
    waiting_for: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def place(view: FleetView, name: str) -> list[Placement]:
    run = view.runs[name]
    placements = []
    for step in table().steps:
        waiting_for = tuple(other for other in _holders(view, name, step) if not view.migrated(other))
        if not all(phase in run.reports for phase in step.rules):
            placements.append(Placement(step, WAITING if waiting_for else LATER, waiting_for=waiting_for))
            continue
        results = [result for phase, ids in step.rules.items() for result in run.reports[phase].results
                   if result.rule in ids]
        blockers = tuple(result.rule for result in results if result.blocks)
        warnings = tuple(result.rule for result in results
                         if result.severity == "warning" and result.status.value in ("failed", "error"))
        if not blockers:
            placements.append(Placement(step, DONE, warnings=warnings))
        else:
            placements.append(Placement(step, WAITING if waiting_for else BLOCKED, blockers,
                                        waiting_for, warnings))
    first = next((index for index, p in enumerate(placements) if p.state != DONE), None)
    if first is not None and placements[first].state == LATER:
        placements[first] = Placement(placements[first].step, NEXT)
    return placements


def _holders(view: FleetView, name: str, step: Step) -> list[str]:
    if step.waits == "children":
        return view.tree.children(name)
    if step.waits == "neighbours":
        return view.tree.neighbours(name)
    return []


def current(placements: list[Placement]) -> Placement | None:
    """The server's first step not done (None: all 16 are)."""
    return next((p for p in placements if p.state != DONE), None)


def fleet_next(view: FleetView) -> list[tuple[str, Placement]]:
    """What to do next, fleet-wide: each server's step to do or to unblock, bottom up."""
    actions = []
    for name in view.tree.bottom_up():
        step = current(place(view, name))
        if step is not None and step.state in (NEXT, BLOCKED):
            actions.append((name, step))
    return actions
