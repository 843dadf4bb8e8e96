"""The check types over one value at their edges (issue 20): compare, empty, matches,
min_version, one_of, same_path, equals and max_age: each outcome and the sentence it says
to an administrator, which names the fact, what it holds and what was expected.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import State
from itmscheck.errors import InputError
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.types.compare import Compare
from itmscheck.types.empty import Empty
from itmscheck.types.equals import Equals
from itmscheck.types.matches import Matches
from itmscheck.types.max_age import MaxAge
from itmscheck.types.min_version import MinVersion
from itmscheck.types.one_of import OneOf
from itmscheck.types.same_path import SamePath

PASS, FAIL, UNKNOWN = State.PASS, State.FAIL, State.UNKNOWN


def outcome(check: CheckType, **site: Any) -> tuple[State, str, tuple[str, ...]]:
    """(state, message, needs) of ``check`` when the site file declares ``site``."""
    found = check.evaluate(Facts(Inputs({}, Site({"itmscheck_site": 1, **site}), {}, {})))
    return found.state, found.message, found.needs


AT_LEAST_M = Compare({"fact": "site.n", "op": ">=", "value": "site.m"})


@pytest.mark.parametrize(("check", "site", "expected"), [
    (AT_LEAST_M, {"n": 5, "m": 6}, (FAIL, "site.n is 5, but it must be >= 6.", ())),
    (AT_LEAST_M, {"n": 6, "m": 6}, (PASS, "site.n is 6 (>= 6).", ())),
    (Compare({"fact": "site.n", "op": ">=", "value": 4.5}), {"n": 5}, (PASS, "site.n is 5 (>= 4.5).", ())),
    (AT_LEAST_M, {"n": "5", "m": 6}, (UNKNOWN, "site.n is '5', not a number.", ("site.n",))),
    (AT_LEAST_M, {"n": 5, "m": None}, (UNKNOWN, "site.m is null, not a number.", ("site.m",))),
    (Compare({"fact": "site.n", "op": ">=", "value": 3}), {"n": True},
     (UNKNOWN, "site.n is true, not a number.",
                                                                          ("site.n",))),
    (Compare({"fact": "site.n", "op": "<", "value": 3}), {"n": 2.5}, (PASS, "site.n is 2.5 (< 3).", ())),
])
def test_compare_says_the_number_and_the_bound(check: Compare, site: dict[str, Any],
                                              expected: tuple[State, str, tuple[str, ...]]) -> None:
    assert outcome(check, **site) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (None, (PASS, "site.e is empty.")), ("", (PASS, "site.e is empty.")), ([], (PASS, "site.e is empty.")),
    ({}, (PASS, "site.e is empty.")), (0, (FAIL, "site.e is 0.")), (False, (FAIL, "site.e is false.")),
    (" ", (FAIL, "site.e is ' '.")), ([None], (FAIL, "site.e is [null].")),
    ({"a": 1}, (FAIL, "site.e is {'a': 1}.")),
])
def test_empty_is_only_nothing_never_zero_or_false(value: Any, expected: tuple[State, str]) -> None:
    assert outcome(Empty({"fact": "site.e"}), e=value) == (*expected, ())


@pytest.mark.parametrize(("check", "value", "expected"), [
    (Matches({"fact": "site.v", "pattern": "7", "meaning": "seven"}), "7.5",
     (PASS, "site.v is '7.5': seven.")),
    (Matches({"fact": "site.v", "pattern": "7", "meaning": "seven"}), None,
     (FAIL, "site.v is null, not seven.")),
    (Matches({"fact": "site.v", "pattern": "7", "meaning": "seven"}), "8.0",
     (FAIL, "site.v is '8.0', not seven.")),
    (MinVersion({"fact": "site.v", "minimum": "7.5"}), "7.5 SP1",
     (PASS, "site.v is '7.5 SP1', at least 7.5.")),
    (MinVersion({"fact": "site.v", "minimum": "7.5"}), "7.1", (FAIL, "site.v is '7.1', older than 7.5.")),
    (MinVersion({"fact": "site.v", "minimum": "7.5"}), None,
     (FAIL, "site.v is not installed (at least 7.5 is needed).")),
    (OneOf({"fact": "site.v", "values": ["a", 1, True]}), "A", (PASS, "site.v is 'A'.")),
    (OneOf({"fact": "site.v", "values": ["a", 1, True]}), "b",
     (FAIL, "site.v is 'b', not one of 'a', 1, true.")),
    (Equals({"fact": "site.v", "value": "x"}), "x", (PASS, "site.v is 'x', as expected.")),
    (Equals({"fact": "site.v", "value": "x"}), "y", (FAIL, "site.v is 'y', but expected is 'x'.")),
    (Equals({"fact": "site.v", "value": "7.5SP1", "normalize": "release"}), "7.5 sp1",
     (PASS, "site.v is '7.5 sp1', as expected.")),
    (Equals({"fact": "site.v", "value": "ALTIRIS", "normalize": "sql_name"}), "altiris",
     (PASS, "site.v is 'altiris', as expected.")),
    (Equals({"fact": "site.v", "value": "SQL01\\ALTIRIS", "normalize": "sql_instance"}), None,
     (FAIL, "site.v is null, but expected is 'SQL01\\ALTIRIS'.")),
    (Equals({"fact": "site.v", "value": "SQL01\\ALTIRIS", "normalize": "sql_instance"}),
     "sql01.corp\\altiris",
     (PASS, "site.v is 'sql01.corp\\altiris', as expected.")),
])
def test_a_check_of_one_value_says_what_it_found(check: CheckType, value: Any,
                                                 expected: tuple[State, str]) -> None:
    assert outcome(check, v=value) == (*expected, ())


def test_min_version_without_a_number_needs_its_fact() -> None:
    assert outcome(MinVersion({"fact": "site.v", "minimum": "7.5"}), v="none") == (
        UNKNOWN, "site.v is 'none', which holds no version number.", ("site.v",))


@pytest.mark.parametrize(("check", "a", "b", "expected"), [
    (SamePath({"fact": "site.a", "other": "site.b"}), "C:\\Program Files\\", "c:/program files",
     (PASS, "site.a is 'C:\\Program Files\\', the same as site.b.")),
    (SamePath({"fact": "site.a", "other": "site.b"}), "C:\\Program Files\\x", "c:/program files",
     (FAIL, "site.a is 'C:\\Program Files\\x', but site.b is 'c:/program files'.")),
    (Equals({"fact": "site.a", "other": "site.b"}), "x", "y", (FAIL, "site.a is 'x', but site.b is 'y'.")),
    (Equals({"fact": "site.a", "other": "site.b", "normalize": "release"}), "7.5 SP1", "7.5sp1",
     (PASS, "site.a is '7.5 SP1', as site.b.")),
    (Equals({"fact": "site.a", "other": "site.b", "normalize": "text"}), " Latin1 ", "latin1",
     (PASS, "site.a is ' Latin1 ', as site.b.")),
    (Equals({"fact": "site.a", "other": "site.b", "normalize": "sql_instance"}), "sql01.corp\\altiris",
     "SQL01\\ALTIRIS", (PASS, "site.a is 'sql01.corp\\altiris', as site.b.")),
    (Equals({"fact": "site.a", "other": "site.b", "normalize": "sql_instance"}), "sql01\\a", "sql02\\a",
     (FAIL, "site.a is 'sql01\\a', but site.b is 'sql02\\a'.")),
    (Equals({"fact": "site.a", "other": "site.b", "normalize": "sql_instance"}), "sql01", None,
     (FAIL, "site.a is 'sql01', but site.b is null.")),
])
def test_a_check_of_two_facts_names_both(check: CheckType, a: Any, b: Any,
                                         expected: tuple[State, str]) -> None:
    assert outcome(check, a=a, b=b) == (*expected, ())


# -- max_age: against the snapshot's collected_at ------------------------------------------------

COLLECTED = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("limit", "hours_before", "expected"), [
    (24, 24, (PASS, "source.b is 2026-11-19T12:00:00+00:00 (24.0 h before the snapshot of 2026-11-20 "
                    "12:00Z), within 24 h.")),
    (24, 25.04, (FAIL, "source.b is 2026-11-19T10:57:36+00:00 (25.0 h before the snapshot of 2026-11-20 "
                       "12:00Z), older than 24 h.")),
    (24, -1, (FAIL, "source.b is 2026-11-20T13:00:00+00:00, after the snapshot was collected.")),
    ("threshold.limit", 2, (PASS, "source.b is 2026-11-20T10:00:00+00:00 (2.0 h before the snapshot of "
                                  "2026-11-20 12:00Z), within 24 h.")),
    (1.5, 2, (FAIL, "source.b is 2026-11-20T10:00:00+00:00 (2.0 h before the snapshot of 2026-11-20 12:00Z), "
                    "older than 1.5 h.")),
])
def test_max_age_says_how_old_the_moment_was_when_the_snapshot_was_collected(
        limit: Any, hours_before: float, expected: tuple[State, str]) -> None:
    moment = (COLLECTED - timedelta(hours=hours_before)).isoformat()
    snapshot = Snapshot(role="source", collected_at=COLLECTED, file="s", facts={"b": moment})
    found = MaxAge({"fact": "source.b", "max_hours": limit}).evaluate(
        Facts(Inputs({"source": snapshot, "target": None}, Site(), {}, {"limit": 24})))
    assert (found.state, found.message) == expected


@pytest.mark.parametrize(("written", "why"), [
    ("yesterday", "'yesterday' is not a valid date-time"),
    ("2026-11-20T10:00:00", "'2026-11-20T10:00:00' has no time zone (add Z or +hh:mm)"),
])
def test_max_age_of_a_text_that_is_no_moment_is_bad_input_naming_the_fact(written: str, why: str) -> None:
    snapshot = Snapshot(role="source", collected_at=COLLECTED, file="s", facts={"b": written})
    with pytest.raises(InputError) as refused:
        MaxAge({"fact": "source.b", "max_hours": 24}).evaluate(
            Facts(Inputs({"source": snapshot}, Site(), {}, {})))
    assert str(refused.value) == f"source.b: source.b: {why}"
