"""The JUnit report: one testcase per rule, read by Jenkins, GitLab and Azure DevOps.

- ``classname`` is ``<phase>.ch<NN>-<chapter>`` (GitLab shows it as the suite)
  and the name starts with the rule id, so classname + name is unique (GitLab
  keeps only the first of duplicates);
- ``failure`` (a failed rule, or a blocker still awaiting its attestation)
  carries a ``message`` attribute and a body with the evidence, where each
  fact came from, and the remediation; ``error`` means the rule could not be
  evaluated; ``skipped`` says why (not applicable, waived by whom, why and
  until when, or a non-blocking check a person has not confirmed);
- the rule's metadata (id, severity, guide section and page) is repeated in
  ``system-out`` because GitLab drops ``properties``.

Written with junit-xml's ``to_xml_report_string`` (the non-deprecated API),
then validated in the tests against the JUnit schema Jenkins uses.
"""

from __future__ import annotations

import json
import re
from typing import Any

from junit_xml import TestCase, TestSuite, to_xml_report_string

from itmscheck.engine.model import Report, Result, Status
from itmscheck.reports import Reporter


def classname(phase: str, result: Result) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", result.chapter_title.casefold()).strip("-")
    return f"{phase}.ch{result.chapter:02d}-{slug}"


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _details(result: Result) -> str:
    lines = [result.message, ""]
    if result.evidence:
        lines.append("Evidence:")
        for ref, evidence in result.evidence.items():
            origin = f"  ({evidence.provenance})" if evidence.provenance else ""
            lines.append(f"  {ref} = {_value(evidence.value)}{origin}")
        lines.append("")
    if result.waiver:
        lines += [_waiver(result.waiver), ""]
    lines.append(f"Remediation: {result.remediation}")
    lines.append(f"Guide: \"{result.guide.section}\", page {result.guide.page}")
    return "\n".join(lines)


def _waiver(waiver: dict[str, Any]) -> str:
    state = "expired on" if waiver.get("expired") else "until"
    return f"Waived by {waiver['by']} {state} {waiver['expires']}: {waiver['reason']}"


def _metadata(result: Result) -> str:
    lines = [f"rule: {result.rule}", f"title: {result.title}", f"severity: {result.severity}",
             f"status: {result.status.value}",
             f"chapter: {result.chapter} {result.chapter_title}",
             f"guide: {result.guide.section} (page {result.guide.page})"]
    if result.tags:
        lines.append(f"tags: {', '.join(result.tags)}")
    if result.waiver:
        lines.append(f"waiver: {_waiver(result.waiver)}")
    if result.attestation:
        attestation = result.attestation
        evidence = f" ({attestation['evidence']})" if attestation.get("evidence") else ""
        lines.append(f"attested: by {attestation['by']} on {attestation['on']}{evidence}")
    return "\n".join(lines)


def testcase(phase: str, result: Result) -> TestCase:
    case = TestCase(f"{result.rule}: {result.title}", classname=classname(phase, result),
                    elapsed_sec=0.0, stdout=_metadata(result))
    status, severity = result.status, result.severity
    if status is Status.FAILED or (status is Status.MANUAL and result.blocks):
        case.add_failure_info(message=f"[{severity}] {result.message}",
                              output=_details(result), failure_type=status.value)
    elif status is Status.ERROR:
        case.add_error_info(message=f"[{severity}] {result.message}",
                            output=_details(result), error_type="could-not-evaluate")
    elif status is Status.WAIVED:
        assert result.waiver is not None
        case.add_skipped_info(message=f"waived: {_waiver(result.waiver)}",
                              output=_details(result))
    elif status in (Status.SKIPPED, Status.MANUAL):
        case.add_skipped_info(message=f"{status.value}: {result.message}")
    return case


class JunitReporter(Reporter):
    option = "junit"
    description = "JUnit XML (one testcase per rule) for CI systems"

    def render(self, report: Report) -> str:
        blocking = ", ".join(result.rule for result in report.blocking) or "none"
        suite = TestSuite(
            # A stable suite name: CI systems track a test's history across runs by it.
            f"itmscheck {report.phase}",
            [testcase(report.phase, result) for result in report.results],
            timestamp=report.evaluated_at,
            properties={"phase": report.phase, "verdict": report.verdict,
                        "tool_version": report.tool_version},
            stdout=f"verdict: {report.verdict}\nblocking: {blocking}",
        )
        return _without_disabled(to_xml_report_string([suite], prettyprint=False, encoding="utf-8"))


def _without_disabled(xml: str) -> str:
    """junit-xml writes a ``disabled`` count that Jenkins' JUnit schema does not allow."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(xml)
    for element in (root, *root.iter("testsuite")):
        element.attrib.pop("disabled", None)
    ElementTree.indent(root, space="  ")
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
