"""The snapshot loader at its edges (issue 20): date-times without a zone, the calendar's
ends, and unknown facts named by path segments, never by text prefixes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from itmscheck.errors import InputError
from itmscheck.evidence.snapshot import FIRST_YEAR, LAST_YEAR, Snapshot, parse_datetime, parse_instant


@pytest.mark.parametrize("text", ["2026-11-20T10:00:00", "2026-11-20 10:00", "2026-11-20"])
def test_a_date_time_without_a_zone_is_refused_never_read_as_local_time(text: str) -> None:
    with pytest.raises(InputError, match="has no time zone") as refused:
        parse_datetime(text, "snap.json", "facts.cmdb.last_full_backup.finished_at")
    assert refused.value.file == "snap.json"
    assert "facts.cmdb.last_full_backup.finished_at" in str(refused.value)


@pytest.mark.parametrize(("text", "utc", "offset"), [
    ("2026-11-20T10:00:00Z", datetime(2026, 11, 20, 10, tzinfo=timezone.utc), timedelta(0)),
    ("2026-11-20T10:00:00z", datetime(2026, 11, 20, 10, tzinfo=timezone.utc), timedelta(0)),
    ("2026-11-20T10:00:00+02:00", datetime(2026, 11, 20, 8, tzinfo=timezone.utc), timedelta(hours=2)),
    ("2026-11-20T01:00:00-05:30", datetime(2026, 11, 20, 6, 30, tzinfo=timezone.utc),
     -timedelta(hours=5, minutes=30)),
])
def test_a_date_time_with_a_zone_is_the_same_instant_in_utc(text: str, utc: datetime,
                                                            offset: timedelta) -> None:
    assert parse_instant(text, "f", "x") == (utc, offset)
    assert parse_datetime(text, "f", "x") == utc
    assert parse_datetime(text, "f", "x").tzinfo is timezone.utc


@pytest.mark.parametrize(("year", "kept"), [(FIRST_YEAR, True), (FIRST_YEAR - 1, False),
                                            (LAST_YEAR, True), (LAST_YEAR + 1, False)])
def test_the_years_an_instant_may_fall_in_end_exactly_at_1970_and_9998(year: int, kept: bool) -> None:
    assert (FIRST_YEAR, LAST_YEAR) == (1970, 9998)
    text = f"{year:04d}-06-15T00:00:00Z"
    if kept:
        assert parse_datetime(text, "f", "x").year == year
    else:
        with pytest.raises(InputError, match=f"outside the years {FIRST_YEAR}-{LAST_YEAR}"):
            parse_datetime(text, "f", "x")


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01T00:00:00Z", "", "2026-11-20T25:00Z"])
def test_a_text_that_is_no_date_time_is_refused_naming_it(text: str) -> None:
    with pytest.raises(InputError, match="is not a valid date-time"):
        parse_datetime(text, "f", "x")


def _snapshot(**tables: Any) -> Snapshot:
    return Snapshot(role="source", collected_at=datetime(2026, 11, 20, tzinfo=timezone.utc), file="s",
                    facts={}, **tables)


def test_an_unknown_group_covers_its_path_segments_not_names_that_start_alike() -> None:
    snapshot = _snapshot(unknown={"cmdb.agent": "timed out"})
    assert snapshot.unknown_reason("cmdb.agent") == "timed out"
    assert snapshot.unknown_reason("cmdb.agent.version") == "timed out"
    assert snapshot.unknown_reason("cmdb.agents") is None
    assert snapshot.unknown_reason("cmdb.agent_count") is None
    assert snapshot.unknown_reason("cmdb") is None


def test_the_longest_unknown_prefix_gives_the_reason_whatever_the_order() -> None:
    for unknown in ({"cmdb": "no login", "cmdb.agent": "timed out"},
                    {"cmdb.agent": "timed out", "cmdb": "no login"}):
        snapshot = _snapshot(unknown=unknown)
        assert snapshot.unknown_reason("cmdb.agent.version") == "timed out"
        assert snapshot.unknown_reason("cmdb.collation") == "no login"
    assert _snapshot(unknown={"": "nothing read"}).unknown_reason("host.name") == "nothing read"


def test_provenance_is_found_by_path_segments_too() -> None:
    snapshot = _snapshot(provenance={"cmdb.agent": {"kind": "declared", "by": "A. Admin"}})
    assert snapshot.provenance_of("cmdb.agent.version") == "declared by A. Admin"
    assert snapshot.provenance_of("cmdb.agents") is None
