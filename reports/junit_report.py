"""The JUnit report: one testcase per rule, read by Jenkins, GitLab and Azure DevOps.

``classname`` is ``<phase>.<chapter>`` (GitLab shows it as the suite), the
testcase name starts with the unique rule id, ``failure`` carries a message
and a body with the evidence and the remediation, ``error`` means the rule
could not be evaluated, ``skipped`` says why. The rule's metadata is repeated
in ``system-out`` because GitLab drops properties.
"""

from __future__ import annotations

import re

from junit_xml import TestCase, TestSuite, to_xml_report_string

from checks.model import Report, Result, Status
from reports import Reporter


def classname(phase: str, result: Result) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", result.chapter_title.casefold()).strip("-")
    return f"{phase}.ch{result.chapter:02d}-{slug}"


def _details(result: Result) -> str:
    lines = [result.message, ""]
    if result.evidence:
        lines.append("Evidence:")
        for ref, evidence in result.evidence.items():
            origin = f"  [{evidence.provenance}]" if evidence.provenance else ""
            lines.append(f"  {ref} = {evidence.value!r}{origin}")
    lines += ["", f"Remediation: {result.remediation}"]
    return "\n".join(lines)


def _metadata(result: Result) -> str:
    lines = [f"rule: {result.rule}", f"severity: {result.severity}",
             f"status: {result.status.value}",
             f"guide: {result.guide.section} (page {result.guide.page})"]
    if result.waiver:
        lines.append(f"waiver: by {result.waiver['by']} until {result.waiver['expires']}"
                     f"{' (expired)' if result.waiver.get('expired') else ''}: "
                     f"{result.waiver['reason']}")
    if result.attestation:
        lines.append(f"attested: by {result.attestation['by']} on {result.attestation['on']}")
    return "\n".join(lines)


def testcase(phase: str, result: Result) -> TestCase:
    case = TestCase(f"{result.rule}: {result.title}", classname=classname(phase, result),
                    elapsed_sec=0.0, stdout=_metadata(result))
    status = result.status
    if status is Status.FAILED or (status is Status.MANUAL and result.blocks):
        case.add_failure_info(message=f"[{result.severity}] {result.message}",
                              output=_details(result), failure_type=status.value)
    elif status is Status.ERROR:
        case.add_error_info(message=f"[{result.severity}] {result.message}",
                            output=_details(result), error_type="could-not-evaluate")
    elif status in (Status.SKIPPED, Status.WAIVED, Status.MANUAL):
        case.add_skipped_info(message=f"{status.value}: {result.message}")
    return case


class JunitReporter(Reporter):
    option = "junit"
    description = "JUnit XML (one testcase per rule) for CI systems"

    def render(self, report: Report) -> str:
        suite = TestSuite(
            f"itmscheck {report.phase}: {report.verdict}",
            [testcase(report.phase, result) for result in report.results],
            timestamp=report.evaluated_at,
            properties={"phase": report.phase, "verdict": report.verdict,
                        "tool_version": report.tool_version},
        )
        return str(to_xml_report_string([suite], prettyprint=True, encoding="utf-8"))
