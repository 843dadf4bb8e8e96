"""not_expired at its edges (issue 20): an expiry against the snapshot's own moment and the
day of the calendar where it was collected, ``min_days`` still to run, every item a filter
keeps, and the sentence each outcome says to an administrator.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import Outcome, State
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.types.not_expired import NotExpired

PASS, FAIL, UNKNOWN = State.PASS, State.FAIL, State.UNKNOWN


# -- not_expired: against the snapshot's own day and moment --------------------------------------

LATE_EVENING = datetime(2026, 11, 20, 22, 0, tzinfo=timezone.utc)


def expiry(check: CheckType, offset_hours: int = 0, **facts: Any) -> Outcome:
    snapshot = Snapshot(role="source", collected_at=LATE_EVENING, file="s", facts=facts,
                        collected_offset=timedelta(hours=offset_hours))
    return check.evaluate(Facts(Inputs({"source": snapshot, "target": None}, Site(), {}, {})))


def expires(**params: Any) -> NotExpired:
    return NotExpired({"fact": "source.x", **params})


@pytest.mark.parametrize(("check", "value", "expected"), [
    (expires(), "2026-11-20", (PASS, "Every expiry of source.x is still ahead the snapshot (2026-11-20).")),
    (expires(), "2026-11-19", (FAIL, "Expired by the snapshot (2026-11-20): source.x '2026-11-19'.")),
    (expires(), "2026-11-20T22:00:00Z", (PASS, "Every expiry of source.x is still ahead the snapshot "
                                         "(2026-11-20).")),
    (expires(), "2026-11-20T21:59:59Z", (FAIL, "Expired by the snapshot (2026-11-20): source.x "
                                         "'2026-11-20T21:59:59Z'.")),
    (expires(), "2026-11-20T22:00:00", (UNKNOWN, "No expiry date to judge: source.x is "
                                        "'2026-11-20T22:00:00'.")),
    (expires(), "20261120", (UNKNOWN, "No expiry date to judge: source.x is '20261120'.")),
    (expires(), "tomorrow!!", (UNKNOWN, "No expiry date to judge: source.x is 'tomorrow!!'.")),
    (expires(), 20261120, (UNKNOWN, "No expiry date to judge: source.x is 20261120.")),
    (expires(min_days=30), "2026-12-20",
     (PASS, "Every expiry of source.x is still ahead 30 days after the snapshot (2026-12-20).")),
    (expires(min_days=30), "2026-12-19",
     (FAIL, "Expired by 30 days after the snapshot (2026-12-20): source.x '2026-12-19'.")),
    (expires(min_days=30), "2026-12-20T21:00:00+00:00",
     (FAIL, "Expired by 30 days after the snapshot (2026-12-20): source.x '2026-12-20T21:00:00+00:00'.")),
    (expires(min_days=1), "2026-11-21T22:00:00+00:00",
     (PASS, "Every expiry of source.x is still ahead 1 days after the snapshot (2026-11-21).")),
])
def test_not_expired_at_the_snapshot_moment_and_day(check: NotExpired, value: Any,
                                                    expected: tuple[State, str]) -> None:
    found = expiry(check, x=value)
    assert (found.state, found.message) == expected
    assert found.needs == (("source.x",) if expected[0] is UNKNOWN else ())


def test_a_date_only_expiry_is_a_day_of_the_evidence_calendar() -> None:
    found = expiry(expires(), offset_hours=3, x="2026-11-20")  # 01:00 on the 21st where it was collected
    assert (found.state, found.message) == (FAIL,
                                            "Expired by the snapshot (2026-11-21): source.x '2026-11-20'.")


@pytest.mark.parametrize(("check", "items", "expected"), [
    (expires(field="exp", where={"k": "y"}), [{"name": "a", "exp": "2026-12-01", "k": "y"},
                                              {"name": "b", "exp": "2025-01-01", "k": None},
                                              {"name": "c", "exp": "2025-01-01", "k": "n"}],
     (UNKNOWN, "No expiry date to judge: b (exp) is '2025-01-01'.")),
    (expires(field="exp", where={"k": "y"}, label="id"), [{"id": "a", "exp": "2026-01-01", "k": "y"},
                                                          {"name": "b", "exp": "2025-01-01", "k": "y"}],
     (FAIL, "Expired by the snapshot (2026-11-20): a (exp) '2026-01-01', ? (exp) '2025-01-01'.")),
    (expires(field="exp", where={"k": "y"}), [{"name": "c", "exp": "2025-01-01", "k": "n"}],
     (FAIL, "source.x has no item where k 'y': nothing says when it expires.")),
    (expires(field="exp"), [], (FAIL, "source.x has no item: nothing says when it expires.")),
    (expires(field="exp", where={"k": "y", "j": 1}, min_days=5),
     [{"name": "a", "exp": "2027-01-01", "k": "y", "j": 1}],
     (PASS, "Every expiry of source.x where k 'y', j 1 is still ahead 5 days after the snapshot "
      "(2026-11-25).")),
    (expires(field="exp", where={"k": "y"}), [{"name": "a", "exp": "2027-01-01", "k": None}],
     (PASS, "Every expiry of source.x where k 'y' is still ahead the snapshot (2026-11-20).")),
    (expires(field="exp"), [{"name": "a", "exp": 1}], (UNKNOWN, "No expiry date to judge: a (exp) is 1.")),
    (expires(field="exp"), [{"name": "a", "exp": None}, {"name": "b", "exp": "2027-01-01T00:00"}],
     (UNKNOWN, "No expiry date to judge: a (exp) is null, b (exp) is '2027-01-01T00:00'.")),
])
def test_not_expired_judges_every_item_its_filter_keeps(check: NotExpired, items: list[Any],
                                                       expected: tuple[State, str]) -> None:
    found = expiry(check, x=items)
    assert (found.state, found.message) == expected
