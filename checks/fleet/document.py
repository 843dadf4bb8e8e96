"""The fleet's content as one document: the JSON report, and what the JUnit and HTML render.

Every report says the same because each is made from this document
(``rules/schema/fleet_report.schema.json``). A server's blockers are split
as the single-server report splits them: to fix (failed, or not evaluated)
and to sign off (a person's attestation missing).
"""

from __future__ import annotations

from typing import Any

from itmscheck import __version__
from itmscheck.engine.model import Result, Status
from itmscheck.fleet.console import stage
from itmscheck.fleet.runbook import current, fleet_next, place
from itmscheck.fleet.steps import table


def fleet_document(judgement: Any, reports: dict[str, str] | None = None) -> dict[str, Any]:
    """``reports``: each server's full report (its path beside the fleet page), by server name."""
    servers = [_server(judgement, run, (reports or {}).get(run.name)) for run in judgement.servers()]
    verdicts = [server["verdict"] for server in servers]
    return {
        "itmscheck_fleet_report": 1, "name": judgement.fleet.name, "phase": judgement.phase,
        "verdict": judgement.verdict, "tool_version": __version__,
        "summary": {"servers": len(servers), "go": verdicts.count("GO"),
                    "no_go": verdicts.count("NO-GO"), "no_evidence": verdicts.count("NO EVIDENCE"),
                    "cross_server_blocking": len(judgement.blocking)},
        "servers": servers,
        "cross_server": [_result(result) for result in judgement.cross],
        "next": [{"server": name, "step": p.step.number, "action": p.step.action, "state": p.state,
                  "blockers": list(p.blockers)} for name, p in fleet_next(judgement.view)],
        "table": {"title": table().title, "section": table().section, "page": table().page},
    }


def _server(judgement: Any, run: Any, report_path: str | None) -> dict[str, Any]:
    report = run.reports.get(judgement.phase)
    placements = place(judgement.view, run.name)
    now = current(placements)
    blocking = list(report.blocking) if report is not None else []
    return {
        "name": run.name, "parent": judgement.tree.parents[run.name],
        "depth": judgement.tree.depth(run.name),
        "host": report.server if report is not None else run.name,
        "verdict": judgement.server_verdict(run), "stage": stage(judgement, run.name),
        "phases": {phase: report.verdict for phase, report in run.reports.items()},
        "to_fix": [_result(r) for r in blocking if r.status is not Status.MANUAL],
        "to_sign_off": [_result(r) for r in blocking if r.status is Status.MANUAL],
        "report": report_path,
        "current_step": None if now is None else now.step.number,
        "current_state": None if now is None else now.state,
        "steps": [{"number": p.step.number, "action": p.step.action, "state": p.state,
                   "blockers": list(p.blockers), "waiting_for": list(p.waiting_for),
                   "warnings": list(p.warnings),
                   "see": [{"section": section, "page": page} for section, page in p.step.see]}
                  for p in placements],
    }


def _result(result: Result) -> dict[str, Any]:
    row: dict[str, Any] = {"rule": result.rule, "title": result.title, "severity": result.severity,
                           "status": result.status.value, "message": result.message,
                           "remediation": result.remediation}
    if result.guide is not None:
        row["guide"] = {"section": result.guide.section, "page": result.guide.page,
                        **({"quote": result.quote} if result.quote else {})}
    return row
