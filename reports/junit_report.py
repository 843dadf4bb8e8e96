"""The JUnit report: one testcase per rule, read by Jenkins, GitLab and Azure DevOps.

The mapping of statuses (README, "Verdicts, statuses and exit statuses"): only
a blocker that blocks is a ``failure`` (failed, or still awaiting its
attestation) or an ``error`` (could not be evaluated), so a GO run has
neither. A warning (or information) that failed or could not be evaluated
passes, with a ``WARNING:`` line in its ``system-out``; waived, not
applicable and unconfirmed non-blocking rules are ``skipped`` with the
reason; ``attested`` passes and says who confirmed it.

- the suite is named ``itmscheck <server> <phase>`` and each ``classname`` is
  ``<server>.<phase>.ch<NN>-<chapter>`` (GitLab shows it as the suite), so the
  reports of several servers published by one pipeline never collide (GitLab
  keeps only the first of duplicates);
- a ``failure`` or ``error`` carries a ``message`` attribute ending with the
  guide's section and page, and a body with the evidence, where each fact
  came from, and the remediation;
- the rule's metadata (id, severity, status, pack, guide section and page or
  the article it cites) is repeated in ``system-out`` because GitLab drops
  ``properties``; the suite's properties count each status, ``attested``
  apart from ``passed``, and say which rule packs ran: a pack the site file
  switched off is named, with who decided it and why, in the suite's
  properties and ``system-out`` (its rules are ``skipped`` with that reason).

Written with junit-xml's ``to_xml_report_string`` (the non-deprecated API),
then validated in the tests against the JUnit schema Jenkins uses.
"""

from __future__ import annotations

import json
from typing import Any

from junit_xml import TestCase, TestSuite, to_xml_report_string

from itmscheck.engine import identity
from itmscheck.engine.model import Report, Result, Status
from itmscheck.reports import Reporter, pack_sentences


def classname(server: str, phase: str, result: Result) -> str:
    return identity.classname(server, phase, result.chapter, result.chapter_title)


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
    if result.status is Status.ERROR and result.obtain:
        lines.append(f"To evaluate: {result.obtain}")  # an error needs facts, not the fix
    else:
        lines.append(f"Remediation: {result.remediation}")
    lines.append(_cited(result))
    return "\n".join(lines)


def _cited(result: Result) -> str:
    """``Guide: "<section>", page N`` or ``Source: <title>, <reference>``."""
    return result.citation[0].upper() + result.citation[1:]


def _waiver(waiver: dict[str, Any]) -> str:
    state = "expired on" if waiver.get("expired") else "until"
    return f"Waived by {waiver['by']} {state} {waiver['expires']}: {waiver['reason']}"


def _metadata(result: Result) -> str:
    lines = [f"rule: {result.rule}", f"title: {result.title}", f"severity: {result.severity}",
             f"status: {result.status.value}",
             f"chapter: {result.chapter} {result.chapter_title}",
             f"pack: {result.pack or 'site'}",
             f"guide: {result.guide.section} (page {result.guide.page})" if result.guide
             else result.citation]
    if result.tags:
        lines.append(f"tags: {', '.join(result.tags)}")
    if result.waiver:
        lines.append(f"waiver: {_waiver(result.waiver)}")
    if result.attestation:
        attestation = result.attestation
        evidence = f" ({attestation['evidence']})" if attestation.get("evidence") else ""
        lines.append(f"attested: by {attestation['by']} on {attestation['on']}{evidence}")
    return "\n".join(lines)


def _message(result: Result) -> str:
    """The one line a CI summary shows: severity, finding, and where the guide says so."""
    return f"[{result.severity}] {result.message} ({result.citation})"


def testcase(server: str, phase: str, result: Result) -> TestCase:
    status = result.status
    stdout = _metadata(result)
    if status in (Status.FAILED, Status.ERROR) and not result.blocks:
        # A finding that does not block is shown, never counted as a failure.
        stdout = (f"WARNING: {result.rule} [{result.severity}, {status.value}]: {result.message} "
                  f"({result.citation})\n{stdout}")
    # no elapsed time: a rule takes no time of its own (junit-xml then writes no `time`)
    case = TestCase(f"{result.rule}: {result.title}", classname=classname(server, phase, result),
                    stdout=stdout)
    if result.blocks and status is Status.ERROR:
        case.add_error_info(message=_message(result), output=_details(result),
                            error_type="could-not-evaluate")
    elif result.blocks:
        case.add_failure_info(message=_message(result), output=_details(result),
                              failure_type=status.value)
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
        server = report.server or "server"
        counts = ", ".join(f"{count} {status}" for status, count in report.summary.items() if count)
        todo = report.attention
        evidence = ", ".join(f"{role} {moment}" for role, moment in report.collected_at.items())
        suite = TestSuite(
            # Stable per server: CI systems track a test's history across runs by it.
            identity.suite_name(server, report.phase),
            [testcase(server, report.phase, result) for result in report.results],
            # When the suite ran: the check time (the evidence's own times are properties).
            timestamp=report.checked_at or report.evaluated_at,
            properties={"server": server, "phase": report.phase, "verdict": report.verdict,
                        "tool_version": report.tool_version,
                        **{status: str(count) for status, count in report.summary.items()},
                        **{f"{role}_collected_at": moment
                           for role, moment in report.collected_at.items()},
                        **({"checked_at": report.checked_at} if report.checked_at else {}),
                        **{f"pack_{state.id}": ("on" if state.enabled else
                                                f"off by {state.by}: {state.reason}")
                           for state in report.packs},
                        **{key: str(count) for key, count in todo.items()}},
            stdout="\n".join([
                f"verdict: {report.verdict}", f"blocking: {blocking}", f"summary: {counts}",
                f"to do: {todo['to_fix']} to fix, {todo['to_sign_off']} to sign off, "
                f"{todo['warnings']} warnings",
                f"evidence collected: {evidence or 'none'}; checked at {report.checked_at}",
                *(f"WARNING: {text}" for text in report.warnings),
                *pack_sentences(report)]),
        )
        # junit-xml's own layout and encoding do not matter: the text is parsed and indented again
        return _without_disabled(to_xml_report_string([suite]))


def _without_disabled(xml: str) -> str:
    """junit-xml writes a ``disabled`` count that Jenkins' JUnit schema does not allow."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(xml)
    for element in (root, *root.iter("testsuite")):
        element.attrib.pop("disabled", None)
    ElementTree.indent(root)  # two spaces a level
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
