"""A fleet's verdict for a phase: every server's, and every cross-server rule's.

The fleet is GO for a phase only when each server's own check of that phase
is GO (a server without evidence for the phase is not) and no cross-server
blocker blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from itmscheck.engine.gate import judge
from itmscheck.engine.model import GO, Result
from itmscheck.evidence.fleet_file import FleetFile, load_fleet_file
from itmscheck.fleet.rules import evaluate_fleet
from itmscheck.fleet.runs import ServerRun, run_servers
from itmscheck.fleet.topology import Tree
from itmscheck.fleet.view import FleetView


@dataclass(frozen=True)
class FleetJudgement:
    fleet: FleetFile
    phase: str
    view: FleetView
    cross: tuple[Result, ...]

    @property
    def tree(self) -> Tree:
        return self.view.tree

    def servers(self) -> list[ServerRun]:
        """The runs as the hierarchy is drawn: each server followed by its subtree."""
        return [self.view.runs[name] for name in self.tree.top_down()]

    def server_verdict(self, run: ServerRun) -> str:
        return run.verdict(self.phase) or "NO EVIDENCE"

    @property
    def blocking(self) -> tuple[Result, ...]:
        return tuple(result for result in self.cross if result.blocks)

    @property
    def verdict(self) -> str:
        servers_go = all(self.server_verdict(run) == GO for run in self.view.runs.values())
        return judge(blocking=bool(self.blocking), complete=servers_go, partial=False)


def judge_fleet(path: Path, phase: str, workers: int | None = None, *,
                html: bool = False) -> FleetJudgement:
    """``html``: the workers also render each server's full HTML report of the phase."""
    fleet = load_fleet_file(path)
    tree = Tree(fleet)
    runs = {run.name: run for run in run_servers(fleet.servers, workers, phase if html else None)}
    view = FleetView(tree, runs, fleet.legacy_servers)
    return FleetJudgement(fleet, phase, view, evaluate_fleet(view, phase))
