"""pytest mode's verdict: the gate's answer for the session, and its exit status.

A green pytest session is read as GO, so the session is judged like ``check``.
Each rule's status travels in its test report (``user_properties``), which
works the same in one process and on pytest-xdist's controller. A blocker of
the phase that did not run (deselected with ``-k`` or ``-m``, left out by
``--lf``, ``--collect-only``, ``--setup-only``, ``--setup-plan``, ``-x``, ...)
was not evaluated, so the session is NO-GO, with a line naming those blockers;
unless ``--itmscheck-partial`` declared a diagnostic run, which is PARTIAL:
exit 1 when a selected blocker blocks and 3 otherwise, never 0.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from typing import Any

import pytest

from itmscheck.acceptance.options import Plan, Server
from itmscheck.engine.gate import exit_status, judge
from itmscheck.engine.identity import chapter_label
from itmscheck.engine.model import GO, NO_GO, PARTIAL, Status, blocks

WARNING = "WARNING"


class Gatekeeper:
    """Registered as a plugin for the session (not on pytest-xdist's workers)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.ran: dict[str, tuple[str, Status]] = {}  # node id -> (severity, status)
        self.lines: list[tuple[str, str]] = []  # (verdict, line)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        properties = dict(report.user_properties)
        if report.when == "call" and "status" in properties:
            self.ran[report.nodeid] = (str(properties["severity"]), Status(properties["status"]))

    def pytest_report_teststatus(self, report: pytest.TestReport) -> tuple[str, str, str] | None:
        """``attested`` is counted apart from ``passed``: a person's word is not a measurement."""
        if report.when == "call" and report.passed and (
                dict(report.user_properties).get("status") == Status.ATTESTED.value):
            return "attested", "A", "ATTESTED"
        return None

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        judged = [self._judge(server) for server in self.plan.servers.values()]
        blocking = any(blocked for blocked, _, _ in judged)
        complete = all(done for _, done, _ in judged)
        verdict = judge(blocking=blocking, complete=complete, partial=self.plan.partial)
        self.lines = [line for _, _, line in judged] + self._packs_off() + self._warnings()
        if not complete and not self.plan.partial:
            self.lines.append((NO_GO, "itmscheck: a blocker left out was not evaluated, so the gate "
                                      "fails closed: run every rule of the phase, or pass "
                                      "--itmscheck-partial for a diagnostic run."))
        if self.plan.partial:
            self.lines.append((PARTIAL, "itmscheck: --itmscheck-partial: a diagnostic run, not a "
                                        "verdict (exit 1 when a selected blocker blocks, 3 otherwise)."))
        if session.exitstatus == pytest.ExitCode.OK:  # never lower pytest's own status
            session.exitstatus = exit_status(verdict, blocking=blocking)

    def _packs_off(self) -> list[tuple[str, str]]:
        """Each server's rule packs its site file switched off, by whom and why (its rules skipped)."""
        from itmscheck.console import escape
        from itmscheck.engine.packs import pack_states

        return [(WARNING, escape(f"itmscheck: on {server.label}, pack switched off: {state.sentence()}"))
                for server in self.plan.servers.values()
                for state in pack_states(self.plan.catalog, server.inputs.site, self.plan.phase)
                if not state.enabled]

    def _warnings(self) -> list[tuple[str, str]]:
        """The run's own warnings for each server: evidence older than the site allows."""
        from itmscheck.console import escape
        from itmscheck.engine.notices import run_warnings

        checked_at = self.plan.checked_at or datetime.now(timezone.utc)
        return [(WARNING, escape(f"itmscheck: WARNING on {server.label}: {text}"))
                for server in self.plan.servers.values()
                for text in run_warnings(server.inputs, checked_at)]

    def _judge(self, server: Server) -> tuple[bool, bool, tuple[str, str]]:
        """Whether a blocker blocked, whether every blocker ran, and the server's line."""
        rules = {f"{server.label}::{chapter_label(r.chapter, r.chapter_title)}::{r.id}": r
                 for r in self.plan.catalog.for_phase(self.plan.phase)}
        ran = {nodeid: self.ran[nodeid] for nodeid in rules if nodeid in self.ran}
        blocking = [rules[nodeid].id for nodeid, (severity, status) in ran.items()
                    if blocks(severity, status)]
        missing = [rule.id for nodeid, rule in rules.items()
                   if rule.severity == "blocker" and nodeid not in ran]
        verdict = judge(blocking=bool(blocking), complete=not missing, partial=self.plan.partial)
        counts = Counter(status for _, status in ran.values())
        summary = ", ".join(f"{counts[s]} {s.value}" for s in Status if counts[s]) or "none ran"
        extent = f"{len(rules)} rules" if len(ran) == len(rules) else f"{len(ran)} of {len(rules)} rules ran"
        name = server.name if server.name.isprintable() else server.label
        line = f"itmscheck: {verdict} on {name} (phase {self.plan.phase}): {extent} ({summary})"
        if blocking:
            line += f"; blocking: {', '.join(blocking)}"
        if missing:
            line += f"; {len(missing)} blocker(s) did not run: {', '.join(missing)}"
        return bool(blocking), not missing, (verdict, line)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        terminalreporter.write_sep("=", "itmscheck")
        colour = {GO: {"green": True}, NO_GO: {"red": True}, PARTIAL: {"yellow": True},
                  WARNING: {"yellow": True}}
        for verdict, line in self.lines:
            terminalreporter.write_line(line, bold=True, **colour.get(verdict, {}))
