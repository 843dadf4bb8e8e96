"""The JUnit report's status mapping and texts, exactly (issue 20).

Each status becomes one kind of testcase (failure, error, skipped or passed) with
its type, message and body; these tests pin every line a CI system shows, so
that a changed word, a dropped line or a swapped status is noticed.
"""

from __future__ import annotations

from datetime import datetime, timezone
from xml.etree import ElementTree

import pytest

from itmscheck.engine.model import Evidence, GuideRef, Report, Result, SourceRef, Status
from itmscheck.reports import junit_report
from itmscheck.reports.junit_report import JunitReporter

GUIDE = GuideRef("Backing up the CMDB", 42)


def _result(status: Status, severity: str = "blocker", **more: object) -> Result:
    fields: dict[str, object] = {
        "rule": "CH02-BACKUP", "title": "CMDB backed up", "severity": severity, "status": status,
        "message": "No backup.", "guide": GUIDE, "remediation": "Back up the CMDB.", "chapter": 2,
        "chapter_title": "Platform", "pack": "guide", **more}
    return Result(**fields)  # type: ignore[arg-type]


def _case(result: Result) -> ElementTree.Element:
    report = Report(phase="pre", verdict="NO-GO", results=(result,), evaluated_at="2026-11-20T00:00:00Z",
                    inputs={}, tool_version="1")
    return ElementTree.fromstring(JunitReporter().render(report)).find("testsuite/testcase")


EVIDENCE = {"source.cmdb.last_full_backup.finished_at": Evidence("2026-11-01T00:00:00Z", "CMDB probe x.sql"),
            "site.owner": Evidence("Zoë", None),
            "source.when": Evidence(datetime(2026, 11, 1, tzinfo=timezone.utc), None)}
WAIVER = {"by": "A. Admin", "reason": "CAB 42", "expires": "2026-12-31", "expired": False}


def test_a_blocking_failure_carries_its_evidence_remediation_and_guide_line_by_line() -> None:
    case = _case(_result(Status.FAILED, evidence=EVIDENCE, tags=("cmdb", "backup")))
    failure = case.find("failure")
    assert failure.get("type") == "failed"
    assert failure.get("message") == '[blocker] No backup. (guide: "Backing up the CMDB", page 42)'
    assert failure.text == "\n".join([
        "No backup.", "",
        "Evidence:",
        '  source.cmdb.last_full_backup.finished_at = "2026-11-01T00:00:00Z"  (CMDB probe x.sql)',
        '  site.owner = "Zoë"',
        '  source.when = "2026-11-01 00:00:00+00:00"',
        "",
        "Remediation: Back up the CMDB.",
        'Guide: "Backing up the CMDB", page 42'])
    assert case.find("system-out").text == "\n".join([
        "rule: CH02-BACKUP", "title: CMDB backed up", "severity: blocker", "status: failed",
        "chapter: 2 Platform", "pack: guide", "guide: Backing up the CMDB (page 42)",
        "tags: cmdb, backup"])
    assert case.get("time") is None  # a rule takes no time of its own
    assert case.find("error") is None and case.find("skipped") is None


def test_a_blocking_error_says_how_to_get_the_facts_never_the_fix() -> None:
    case = _case(_result(Status.ERROR, message="Could not be evaluated: x.", obtain="Run the probe."))
    error = case.find("error")
    assert error.get("type") == "could-not-evaluate"
    assert error.text == "\n".join(["Could not be evaluated: x.", "", "To evaluate: Run the probe.",
                                    'Guide: "Backing up the CMDB", page 42'])
    assert case.find("failure") is None


def test_a_failure_shows_its_remediation_even_when_it_has_a_way_to_get_facts() -> None:
    failure = _case(_result(Status.FAILED, obtain="Run the probe.")).find("failure")
    assert failure.text.endswith("Remediation: Back up the CMDB.\nGuide: \"Backing up the CMDB\", page 42")
    assert "To evaluate" not in failure.text
    error = _case(_result(Status.ERROR)).find("error")  # an error with no way known: the fix stands
    assert "Remediation: Back up the CMDB." in error.text


@pytest.mark.parametrize(("expired", "state"), [(False, "until"), (True, "expired on")])
def test_a_waived_rule_is_skipped_naming_who_waived_it_until_when(expired: bool, state: str) -> None:
    waiver = {**WAIVER, "expired": expired}
    case = _case(_result(Status.WAIVED, waiver=waiver))
    said = f"Waived by A. Admin {state} 2026-12-31: CAB 42"
    assert case.find("skipped").get("message") == f"waived: {said}"
    assert case.find("skipped").text == "\n".join([
        "No backup.", "", said, "", "Remediation: Back up the CMDB.",
        'Guide: "Backing up the CMDB", page 42'])
    assert case.find("system-out").text.endswith(f"\nwaiver: {said}")


@pytest.mark.parametrize("status", [Status.SKIPPED, Status.MANUAL])
def test_a_non_blocking_skipped_or_manual_rule_is_skipped_with_its_reason(status: Status) -> None:
    case = _case(_result(status, severity="warning", message="Not applicable: y."))
    assert case.find("skipped").get("message") == f"{status.value}: Not applicable: y."
    assert case.find("failure") is None and case.find("error") is None


@pytest.mark.parametrize("status", [Status.FAILED, Status.ERROR])
def test_a_warning_that_fails_passes_with_a_warning_line(status: Status) -> None:
    case = _case(_result(status, severity="warning"))
    assert case.find("failure") is None and case.find("error") is None and case.find("skipped") is None
    assert case.find("system-out").text.startswith(
        f'WARNING: CH02-BACKUP [warning, {status.value}]: No backup. '
        f'(guide: "Backing up the CMDB", page 42)\nrule: CH02-BACKUP\n')


@pytest.mark.parametrize(("attestation", "line"), [
    ({"by": "B. Boss", "on": "2026-11-19", "evidence": "ticket 7"},
     "attested: by B. Boss on 2026-11-19 (ticket 7)"),
    ({"by": "B. Boss", "on": "2026-11-19"}, "attested: by B. Boss on 2026-11-19"),
])
def test_an_attested_rule_passes_and_says_who_confirmed_it(attestation: dict[str, str], line: str) -> None:
    case = _case(_result(Status.ATTESTED, attestation=attestation))
    assert list(case) == [case.find("system-out")]
    assert case.find("system-out").text.endswith(f"\n{line}")


def test_the_suite_says_none_blocking_and_names_an_unnamed_server() -> None:
    report = Report(phase="post", verdict="GO", results=(_result(Status.PASSED),),
                    evaluated_at="2026-11-20T00:00:00Z", inputs={}, tool_version="1")
    suite = ElementTree.fromstring(JunitReporter().render(report)).find("testsuite")
    assert suite.get("name") == "itmscheck server post"
    assert "\nblocking: none\n" in suite.find("system-out").text
    blocked = Report(phase="pre", verdict="NO-GO", results=(_result(Status.FAILED),
                                                             _result(Status.FAILED, rule="CH03-X")),
                     evaluated_at="2026-11-20T00:00:00Z", inputs={}, tool_version="1", server="NS1")
    suite = ElementTree.fromstring(JunitReporter().render(blocked)).find("testsuite")
    assert "\nblocking: CH02-BACKUP, CH03-X\n" in suite.find("system-out").text
    assert junit_report.testcase("NS1", "pre", _result(Status.PASSED)).classname.startswith("NS1.pre.ch02")


def test_a_rule_citing_its_own_source_names_it_where_a_guide_rule_names_the_guide() -> None:
    source = SourceRef("Corp backup policy", "BP-7")
    case = _case(_result(Status.FAILED, guide=None, source=source))
    cited = source.cite()
    assert f"\n{cited}\n" in f"{case.find('system-out').text}\n"
    assert "guide:" not in case.find("system-out").text
    assert case.find("failure").text.endswith("\n" + cited[0].upper() + cited[1:])


def test_the_suite_s_properties_and_summary_count_each_status_and_say_when() -> None:
    report = Report(phase="pre", verdict="NO-GO", tool_version="9.9", server="NS1",
                    results=(_result(Status.FAILED), _result(Status.PASSED, rule="CH03-X"),
                             _result(Status.PASSED, rule="CH04-Y")),
                    evaluated_at="2026-11-20T00:00:00Z", inputs={}, checked_at="2026-11-21T08:00:00Z",
                    collected_at={"source": "2026-11-19T10:00:00Z", "target": "2026-11-20T00:00:00Z"})
    suite = ElementTree.fromstring(JunitReporter().render(report)).find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert {key: properties[key] for key in ("server", "phase", "verdict", "tool_version", "checked_at",
                                             "source_collected_at", "target_collected_at",
                                             "failed", "passed", "to_fix")} == {
        "server": "NS1", "phase": "pre", "verdict": "NO-GO", "tool_version": "9.9",
        "checked_at": "2026-11-21T08:00:00Z", "source_collected_at": "2026-11-19T10:00:00Z",
        "target_collected_at": "2026-11-20T00:00:00Z", "failed": "1", "passed": "2", "to_fix": "1"}
    out = suite.find("system-out").text.splitlines()
    assert out[:3] == ["verdict: NO-GO", "blocking: CH02-BACKUP", "summary: 2 passed, 1 failed"]
    assert out[4] == ("evidence collected: source 2026-11-19T10:00:00Z, target 2026-11-20T00:00:00Z; "
                      "checked at 2026-11-21T08:00:00Z")


def test_a_suite_checked_at_no_given_time_has_no_checked_at_property() -> None:
    report = Report(phase="pre", verdict="GO", results=(_result(Status.PASSED),),
                    evaluated_at="2026-11-20T00:00:00Z", inputs={}, tool_version="1")
    suite = ElementTree.fromstring(JunitReporter().render(report)).find("testsuite")
    assert "checked_at" not in {p.get("name") for p in suite.find("properties")}
    assert "\nevidence collected: none;" in suite.find("system-out").text


def test_the_report_is_an_indented_xml_document_without_disabled_counts() -> None:
    report = Report(phase="pre", verdict="GO", results=(_result(Status.PASSED),),
                    evaluated_at="2026-11-20T00:00:00Z", inputs={}, tool_version="1")
    xml = JunitReporter().render(report)
    assert xml.startswith("<?xml version='1.0' encoding='utf-8'?>\n<testsuites ")
    assert "\n  <testsuite " in xml and "\n    <testcase " in xml and xml.endswith("</testsuites>\n")
    assert "disabled" not in xml


def test_each_pack_is_a_suite_property_on_or_off_with_who_and_why() -> None:
    from itmscheck.engine.packs import PackState

    report = Report(phase="pre", verdict="GO", results=(_result(Status.PASSED),),
                    evaluated_at="2026-11-20T00:00:00Z", inputs={}, tool_version="1",
                    packs=(PackState("guide", "The guide", 3),
                           PackState("known_issues", "Known issues", 2, enabled=False,
                                     reason="CAB 7", by="A. Admin")))
    suite = ElementTree.fromstring(JunitReporter().render(report)).find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert properties["pack_guide"] == "on"
    assert properties["pack_known_issues"] == "off by A. Admin: CAB 7"


def test_a_site_rule_s_metadata_names_the_site_pack() -> None:
    case = _case(_result(Status.PASSED, pack=None))
    assert "\npack: site\n" in case.find("system-out").text
