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
              f"evidence up to {run.newest_phase}{blocking}")
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
