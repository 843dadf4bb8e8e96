"""The fleet on the console: a line per server (indented as the hierarchy), the rules between
them, the verdict."""

from __future__ import annotations

from typing import Any

from itmscheck.engine.model import GO, Status


def stage(judgement: Any, name: str) -> str:
    """Where a server stands, in words: migrated, being migrated, not started (or unknown)."""
    view = judgement.view
    if view.installed(name) is None:
        return "7.5 release not read"
    if view.migrated(name):
        return "migrated"
    return "being migrated" if view.installed(name) else "not yet migrated"


def print_fleet(judgement: Any) -> None:
    fleet = judgement.fleet
    servers = judgement.servers()
    print(f"Fleet {fleet.name or fleet.file}, phase {judgement.phase}: {len(servers)} Notification "
          f"Server{'s' if len(servers) != 1 else ''}.")
    width = max(len(run.name) + 2 * judgement.tree.depth(run.name) for run in servers)
    for run in servers:
        indent = "  " * judgement.tree.depth(run.name)
        verdict = judgement.server_verdict(run)
        report = run.reports.get(judgement.phase)
        blocking = f", {len(report.blocking)} blocking" if report is not None and report.blocking else ""
        print(f"  {(indent + run.name).ljust(width)}  {verdict:<11}  {stage(judgement, run.name)}; "
              f"evidence up to {run.newest_phase}{blocking}; {step_line(judgement.view, run.name)}")
    _print_next(judgement)
    print("Cross-server rules:")
    for result in judgement.cross:
        print(f"  {result.status.value:<7}  {result.rule}: {result.message}")
        if result.status in (Status.FAILED, Status.ERROR) and result.guide is not None:
            print(f"           fix: {result.remediation} ({result.guide.cite()})")
    not_go = [run.name for run in servers if judgement.server_verdict(run) != GO]
    why = []
    if not_go:
        why.append(f"not GO for {judgement.phase}: {', '.join(not_go)}")
    if judgement.blocking:
        why.append(f"blocked by {', '.join(result.rule for result in judgement.blocking)}")
    print(f"{judgement.verdict}" + (f": {'; '.join(why)}." if why else
                                    f": every server and every cross-server rule is GO for "
                                    f"{judgement.phase}."))


def step_line(view: Any, name: str) -> str:
    """The server's current step of Table 2-2 and its state, in a few words."""
    from itmscheck.fleet.runbook import current, place

    step = current(place(view, name))
    if step is None:
        return "all 16 steps of Table 2-2 done"
    return f"step {step.step.number} {describe(step)}"


def describe(placement: Any) -> str:
    if placement.state == "blocked":
        return f"blocked by {', '.join(placement.blockers)}"
    if placement.state == "waiting":
        return f"waiting for {', '.join(placement.waiting_for)} to be migrated"
    return str(placement.state)


def _print_next(judgement: Any) -> None:
    from itmscheck.fleet.runbook import fleet_next
    from itmscheck.fleet.steps import table

    actions = fleet_next(judgement.view)
    print("What to do next, fleet-wide (Table 2-2, bottom up):" if actions else
          "What to do next: nothing can be done until a server it waits for is migrated.")
    for name, placement in actions:
        pages = ", ".join(str(page) for _section, page in placement.step.see)
        pages = f"; see p. {pages}" if pages else ""
        verb = "fix" if placement.state == "blocked" else "do"
        print(f"  {name}: {verb} step {placement.step.number}, \u201c{placement.step.action}\u201d"
              f" (p. {table().page}{pages})" + (f": blocked by {', '.join(placement.blockers)}"
                                    if placement.blockers else ""))
