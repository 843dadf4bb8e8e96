"""Each server of a fleet judged by the engine, one worker process per core.

A worker evaluates every phase a server has evidence for, exactly as
``itmscheck check`` would (the same loader, evaluation and gate), and returns
the reports with the few facts the cross-server rules read. Bad input in any
server's files is raised as it is for ``check`` (exit 2).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from itmscheck.engine.model import Report
from itmscheck.errors import InputError
from itmscheck.evidence.fleet_file import ServerEntry
from itmscheck.fleet.facts import migrated, newest_facts


@dataclass(frozen=True)
class ServerRun:
    """A server's reports per phase, and what its newest evidence says about it."""

    name: str
    reports: dict[str, Report]
    facts: dict[str, Any] = field(default_factory=dict)
    html: str | None = None
    """The full HTML report of the phase asked for, rendered in the worker (the slow part)."""

    def verdict(self, phase: str) -> str | None:
        """The phase's verdict, or None when the server has no evidence for it yet."""
        report = self.reports.get(phase)
        return None if report is None else report.verdict

    @property
    def newest_phase(self) -> str:
        return list(self.reports)[-1]


def run_servers(servers: tuple[ServerEntry, ...], workers: int | None = None,
                html_phase: str | None = None) -> list[ServerRun]:
    """Every server's run, in the fleet file's order, on at most min(cores, servers) processes.

    ``html_phase``: also render each server's full HTML report of that phase.
    """
    size = min(workers or os.cpu_count() or 1, len(servers))
    tasks = [(server, html_phase) for server in servers]
    if size <= 1:
        runs = [_run_or_refusal(task) for task in tasks]
    else:
        with ProcessPoolExecutor(max_workers=size) as pool:
            runs = list(pool.map(_run_or_refusal, tasks, chunksize=max(1, len(servers) // (size * 4))))
    for run in runs:
        if isinstance(run, dict):  # the first server's bad input, as `check` would name it
            raise InputError(**run)
    return [run for run in runs if isinstance(run, ServerRun)]


def _run_or_refusal(task: tuple[ServerEntry, str | None]) -> ServerRun | dict[str, Any]:
    """The run, or the bad input that stopped it (an InputError does not cross processes)."""
    server, html_phase = task
    try:
        run = run_server(server)
        if html_phase is not None and html_phase in run.reports:
            run = replace(run, html=render_html(run.reports[html_phase]))
        return run
    except InputError as error:
        return {"file": error.file, "line": error.line, "field": error.field, "excerpt": error.excerpt,
                "message": f"{error.message} (server {server.name} of the fleet)"}


def run_server(server: ServerEntry) -> ServerRun:
    from itmscheck import __version__
    from itmscheck.engine import loader
    from itmscheck.engine.evaluate import evaluate, evaluation_time, evidence_date
    from itmscheck.engine.gate import verdict
    from itmscheck.engine.identity import server_name
    from itmscheck.engine.notices import collected_at, stamp
    from itmscheck.evidence.site import load_site
    from itmscheck.evidence.snapshot import load_snapshot

    catalog = loader.catalog()
    reports: dict[str, Report] = {}
    facts: dict[str, Any] = {}
    snapshot = cache(load_snapshot)  # one file serves several phases (source.json: pre, install)
    site = load_site(server.site)
    for phase, pair in server.phases.items():
        inputs = loader.inputs(catalog, {"source": snapshot(pair.source, "source"),
                                         "target": snapshot(pair.target, "target")}, site)
        _refuse_another_server(server, inputs.snapshots["source"])
        results = evaluate(catalog, inputs, phase)
        moment = stamp(evaluation_time(inputs))
        reports[phase] = Report(
            phase=phase, verdict=verdict(results), results=results, evaluated_at=moment,
            inputs={"source": str(pair.source), "target": str(pair.target),
                    "site": str(server.site) if server.site else None},
            tool_version=__version__, site_name=inputs.site.name, server=server_name(inputs),
            checked_at=moment, collected_at=collected_at(inputs),
            evidence_day=evidence_date(inputs).isoformat())
        facts = newest_facts(inputs, phase)  # the newest phase's evidence speaks for the server now
    facts["migrated"] = migrated(reports.get("post"))
    return ServerRun(server.name, reports, facts)


def _refuse_another_server(server: ServerEntry, source: Any) -> None:
    """A 7.0 snapshot of another computer would lend this server another's verdict: bad input.

    A host name the snapshot could not read is not refused (the rules that need it err).
    """
    from itmscheck.planning.names import same_server

    host = source.facts.get("host") if isinstance(source.facts, dict) else None
    name = host.get("name") if isinstance(host, dict) else None
    if isinstance(name, str) and name and not same_server(name, server.name):
        raise InputError(source.file, f"host.name is {name!r}, but the fleet file lists this "
                                      f"snapshot for server {server.name!r}: a 7.0 snapshot of "
                                      "another computer")


def render_html(report: Report) -> str:
    from itmscheck.plugins import plugin_manager

    reporter = next(r for group in plugin_manager().hook.itmscheck_reporters() for r in group
                    if r.option == "html")
    return str(reporter().render(report))
