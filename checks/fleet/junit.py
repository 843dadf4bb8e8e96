"""The fleet as JUnit: one testsuite per server, named by its host, and one for the cross-server rules.

Each server's suite holds its phase's rules exactly as ``check --junit``
writes them (the same test cases), so a GO fleet has no ``<failure>`` and no
``<error>``. A server with no evidence for the phase has one test case that
is an ``error``: it was not evaluated, which is never a pass.
"""

from __future__ import annotations

from typing import Any

from junit_xml import TestCase, TestSuite, to_xml_report_string

from itmscheck.engine.identity import suite_name
from itmscheck.reports.junit_report import _without_disabled, testcase


def render_junit(judgement: Any) -> str:
    phase = judgement.phase
    suites = []
    for run in judgement.servers():
        report = run.reports.get(phase)
        if report is None:
            case = TestCase(f"evidence for phase {phase}", classname=f"{run.name}.{phase}",
                            elapsed_sec=0.0)
            case.add_error_info(message=f"{run.name} has no {phase} evidence in the fleet file: "
                                        "it was not evaluated", error_type="no-evidence")
            suites.append(TestSuite(suite_name(run.name, phase), [case],
                                    properties={"server": run.name, "phase": phase,
                                                "verdict": "NO EVIDENCE"}))
            continue
        host = report.server or run.name
        suites.append(TestSuite(suite_name(host, phase),
                                [testcase(host, phase, result) for result in report.results],
                                timestamp=report.checked_at,
                                properties={"server": host, "fleet_server": run.name, "phase": phase,
                                            "verdict": report.verdict}))
    fleet = judgement.fleet.name or "fleet"
    suites.append(TestSuite(f"itmscheck fleet {phase}",
                            [testcase("fleet", phase, result) for result in judgement.cross],
                            properties={"fleet": fleet, "phase": phase, "verdict": judgement.verdict}))
    return _without_disabled(to_xml_report_string(suites, prettyprint=False, encoding="utf-8"))
