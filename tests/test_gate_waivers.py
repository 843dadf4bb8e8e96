"""The gate's waivers, one rule at a time: several waivers on one rule, expiry at its edges (issue 20).

A site file may hold more than one waiver for a rule (a renewed one beside the old
one): the one that expires last decides, whatever the order in the file.
"""

from __future__ import annotations

from datetime import date

import pytest

from itmscheck.engine.gate import EXIT_GO, EXIT_NO_GO, EXIT_PARTIAL, exit_status, judge, verdict, waive
from itmscheck.engine.model import GO, NO_GO, PARTIAL, Result, Status
from itmscheck.evidence.site import Site

TODAY = date(2026, 11, 20)  # the evidence's day
OLD = {"rule": "R-1", "by": "A. Admin", "reason": "first exception", "expires": "2026-11-19"}
RENEWED = {"rule": "R-1", "by": "B. Boss", "reason": "renewed by the CAB", "expires": "2026-12-31"}
OTHER = {"rule": "R-2", "by": "C. Other", "reason": "another rule", "expires": "2027-01-31"}


def _result(status: Status = Status.FAILED, rule: str = "R-1", severity: str = "blocker") -> Result:
    return Result(rule=rule, title="t", severity=severity, status=status, message="Found x.",
                  guide=None, remediation="fix", chapter=1, chapter_title="c")


def _site(*waivers: dict[str, str]) -> Site:
    return Site({"itmscheck_site": 1, "waivers": list(waivers)})


@pytest.mark.parametrize("order", [(OLD, RENEWED), (RENEWED, OLD)], ids=["old-first", "renewed-first"])
def test_of_several_waivers_on_one_rule_the_one_expiring_last_applies(order) -> None:
    waived = waive(_result(), _site(*order, OTHER), TODAY)
    assert waived.status is Status.WAIVED
    assert waived.waiver == {"by": "B. Boss", "reason": "renewed by the CAB", "expires": "2026-12-31",
                             "expired": False}
    assert waived.message == "Found x. Waived by B. Boss until 2026-12-31: renewed by the CAB"
    assert not waived.blocks


def test_of_several_expired_waivers_the_latest_expiry_is_the_one_reported() -> None:
    older = {**OLD, "expires": "2026-10-01", "by": "Z. Older"}
    for order in ((older, OLD), (OLD, older)):
        result = waive(_result(), _site(*order), TODAY)
        assert result.status is Status.FAILED and result.blocks
        assert result.waiver == {"by": "A. Admin", "reason": "first exception", "expires": "2026-11-19",
                                 "expired": True}
        assert result.message == ("Found x. The waiver by A. Admin expired on 2026-11-19 "
                                  "(evidence of 2026-11-20) and no longer applies.")


def test_a_waiver_expiring_on_the_evidence_day_applies_and_the_day_before_does_not() -> None:
    assert waive(_result(), _site({**OLD, "expires": "2026-11-20"}), TODAY).status is Status.WAIVED
    assert waive(_result(), _site({**OLD, "expires": "2026-11-21"}), TODAY).status is Status.WAIVED
    assert waive(_result(), _site({**OLD, "expires": "2026-11-19"}), TODAY).status is Status.FAILED


def test_a_waiver_for_another_rule_leaves_a_failure_as_it_is() -> None:
    failed = _result()
    assert waive(failed, _site(OTHER), TODAY) is failed


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.FAILED])
def test_a_waiver_changes_nothing_but_a_failure(status: Status) -> None:
    result = _result(status)
    assert waive(result, _site(RENEWED), TODAY) is result


def test_verdict_is_go_only_when_nothing_blocks() -> None:
    assert verdict((_result(Status.PASSED), _result(Status.FAILED, severity="warning"))) == GO
    assert verdict((_result(Status.PASSED), _result(Status.FAILED))) == NO_GO
    assert verdict((_result(Status.ERROR),)) == NO_GO
    assert verdict(()) == GO


def test_a_partial_run_is_partial_whatever_blocks() -> None:
    assert verdict((_result(Status.PASSED),), partial=True) == PARTIAL
    assert verdict((_result(Status.FAILED),), partial=True) == PARTIAL


def test_a_run_missing_a_blocker_is_no_go_even_when_nothing_blocked() -> None:
    assert judge(blocking=False, complete=False, partial=False) == NO_GO
    assert judge(blocking=False, complete=True, partial=False) == GO
    assert judge(blocking=True, complete=True, partial=False) == NO_GO
    assert judge(blocking=True, complete=False, partial=True) == PARTIAL


@pytest.mark.parametrize(("given", "blocking", "code"), [
    (GO, False, EXIT_GO), (NO_GO, True, EXIT_NO_GO), (NO_GO, False, EXIT_NO_GO),
    (PARTIAL, True, EXIT_NO_GO), (PARTIAL, False, EXIT_PARTIAL),
])
def test_exit_status_of_each_verdict(given: str, blocking: bool, code: int) -> None:
    assert exit_status(given, blocking=blocking) == code
    assert (EXIT_GO, EXIT_NO_GO, EXIT_PARTIAL) == (0, 1, 3)
