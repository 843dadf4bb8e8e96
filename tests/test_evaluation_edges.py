"""The evaluation's edges (issue 20): the moment a verdict speaks for."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from itmscheck.engine.evaluate import evaluation_time, evidence_date
from itmscheck.engine.facts import Inputs
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot

EARLY = datetime(2026, 11, 19, 23, 0, tzinfo=timezone.utc)
LATE = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)


def _inputs(*moments: datetime, offset: timedelta = timedelta(0)) -> Inputs:
    snapshots: dict[str, Snapshot | None] = {
        role: Snapshot(role=role, collected_at=moment, facts={}, file=role, collected_offset=offset)
        for role, moment in zip(("source", "target"), moments, strict=False)}
    snapshots.setdefault("target", None)
    return Inputs(snapshots, Site(), {}, {})


def test_the_verdict_speaks_for_the_newest_snapshot_whichever_role_holds_it() -> None:
    assert evaluation_time(_inputs(EARLY, LATE)) == LATE
    assert evaluation_time(_inputs(LATE, EARLY)) == LATE
    assert evaluation_time(_inputs(EARLY)) == EARLY


def test_without_any_snapshot_the_verdict_speaks_for_the_epoch_in_utc() -> None:
    assert evaluation_time(_inputs()) == datetime(1970, 1, 1, tzinfo=timezone.utc)
    assert evaluation_time(_inputs()).utcoffset() == timedelta(0)
    assert evidence_date(_inputs()) == date(1970, 1, 1)


def test_the_evidence_date_is_the_newest_snapshot_s_own_calendar_day() -> None:
    assert evidence_date(_inputs(EARLY, offset=timedelta(hours=2))) == date(2026, 11, 20)
    assert evidence_date(_inputs(EARLY)) == date(2026, 11, 19)
    assert evidence_date(_inputs(EARLY, LATE)) == date(2026, 11, 20)
