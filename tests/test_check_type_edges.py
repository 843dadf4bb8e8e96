"""Every check type at its edges (issue 20): thresholds exactly, one below and one above;
numeric versus text version parts; booleans where numbers are expected; case and space;
every condition of a filter; anchored patterns; null versus absent.

Each check type is given its facts directly (site keys stand for any fact: the check
types only compare what they are handed), so each test names the one edge it proves.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from itmscheck.engine.checktype import CheckType, same_value
from itmscheck.engine.facts import Facts, FactUnknown, Inputs
from itmscheck.engine.model import Outcome, State
from itmscheck.engine.patterns import compile_pattern
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.types.compare import Compare
from itmscheck.types.count_items import CountItems
from itmscheck.types.disjoint_names import DisjointNames
from itmscheck.types.equals import Equals
from itmscheck.types.every_item import EveryItem
from itmscheck.types.matches import Matches
from itmscheck.types.matches_row import MatchesRow
from itmscheck.types.max_age import MaxAge
from itmscheck.types.min_version import MinVersion
from itmscheck.types.one_of import OneOf


def state(check: CheckType, tables: dict[str, Any] | None = None, **site: Any) -> State:
    """What ``check`` decides when the site file declares ``site``."""
    facts = Facts(Inputs({}, Site({"itmscheck_site": 1, **site}), tables or {}, {}))
    return check.evaluate(facts).state


PASS, FAIL, UNKNOWN = State.PASS, State.FAIL, State.UNKNOWN


# -- booleans where numbers are expected: Python's True == 1 is never a rule's ---------------

@pytest.mark.parametrize(("left", "right", "same"), [
    (True, 1, False), (1, True, False), (False, 0, False), (0, False, False), (0.0, False, False),
    (True, True, True), (False, False, True), (1, 1.0, True), (None, None, True), (None, False, False),
])
def test_a_boolean_equals_only_a_boolean(left: Any, right: Any, same: bool) -> None:
    assert same_value(left, right) is same


@pytest.mark.parametrize(("fact", "value"), [(True, 1), (False, 0), (1, True), (0, False)])
def test_equals_never_takes_a_boolean_for_a_number(fact: Any, value: Any) -> None:
    assert state(Equals({"fact": "site.x", "value": value}), x=fact) is FAIL
    assert state(Equals({"fact": "site.x", "other": "site.y"}), x=fact, y=value) is FAIL
    assert state(Equals({"fact": "site.x", "value": value}), x=value) is PASS


@pytest.mark.parametrize(("fact", "values"), [(True, [1, 2]), (False, [0]), (1, [True]), (0, [False, 2])])
def test_one_of_never_takes_a_boolean_for_a_number(fact: Any, values: list[Any]) -> None:
    assert state(OneOf({"fact": "site.x", "values": values}), x=fact) is FAIL


@pytest.mark.parametrize(("field", "wanted"), [(True, 1), (False, 0), (1, True), ([True], 1)])
def test_a_where_filter_never_takes_a_boolean_for_a_number(field: Any, wanted: Any) -> None:
    counting = CountItems({"fact": "site.x", "op": ">=", "value": 1, "where": {"n": wanted}})
    assert state(counting, x=[{"name": "a", "n": field}]) is FAIL
    assert state(counting, x=[{"name": "a", "n": wanted}]) is PASS


@pytest.mark.parametrize(("field", "op", "value", "expected"), [
    (False, "==", 0, FAIL), (True, "==", 1, FAIL), (True, "!=", 1, PASS), (0, "!=", False, PASS),
    (0, "==", 0, PASS), (True, "==", True, PASS), (0, "!=", 0, FAIL),
])
def test_every_item_compares_a_boolean_field_only_with_a_boolean(field: Any, op: str, value: Any,
                                                                 expected: State) -> None:
    check = EveryItem({"fact": "site.x", "field": "n", "op": op, "value": value})
    assert state(check, x=[{"name": "a", "n": field}]) is expected


def test_a_table_row_never_takes_a_boolean_for_a_number() -> None:
    table = {"rows": [{"major": 1, "ok": True}]}
    check = MatchesRow({"table": "data.t", "columns": {"major": "site.major", "ok": "site.ok"}})
    assert state(check, {"t": table}, major=1, ok=True) is PASS
    assert state(check, {"t": table}, major=True, ok=True) is FAIL
    assert state(check, {"t": table}, major=1, ok=1) is FAIL


# -- thresholds: exactly at, one below, one above -------------------------------------------

COLLECTED = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def source_state(check: CheckType, **facts: Any) -> State:
    """What ``check`` decides on a source snapshot collected at ``COLLECTED`` holding ``facts``."""
    snapshot = Snapshot(role="source", collected_at=COLLECTED, file="s", facts=facts)
    inputs = Inputs({"source": snapshot, "target": None}, Site(), {}, {"limit": 24})
    return check.evaluate(Facts(inputs)).state


@pytest.mark.parametrize(("found", "expected"), [
    ("7.5", PASS), ("7.5.0", PASS), ("7.4.99", FAIL), ("7.6", PASS), ("7.5.1", PASS), ("7", FAIL),
    ("10.0", PASS), ("9.9", PASS),  # number by number: 10 is after 9, never before it as text
    ("7 SP1 5", FAIL), ("8 Update 1", PASS),
])
def test_min_version_compares_number_by_number_at_its_edges(found: str, expected: State) -> None:
    assert state(MinVersion({"fact": "site.v", "minimum": "7.5"}), v=found) is expected


def test_min_version_takes_ten_after_nine_in_every_part() -> None:
    check = MinVersion({"fact": "site.v", "minimum": "9.10"})
    assert state(check, v="10.2") is PASS
    assert state(check, v="9.9") is FAIL
    assert state(check, v="9.10") is PASS
    assert state(check, v="9.11") is PASS


@pytest.mark.parametrize("found", [True, False, "none", ""])
def test_min_version_without_a_number_is_unknown_not_passed(found: Any) -> None:
    assert state(MinVersion({"fact": "site.v", "minimum": "1"}), v=found) is UNKNOWN


def test_min_version_null_is_not_installed_and_absent_is_unknown() -> None:
    check = MinVersion({"fact": "site.v", "minimum": "7.5"})
    assert state(check, v=None) is FAIL
    with pytest.raises(FactUnknown):
        state(check)


@pytest.mark.parametrize(("hours_before", "expected"), [
    (24, PASS), (23.999, PASS), (24.001, FAIL), (0, PASS), (-0.001, FAIL), (1000, FAIL),
])
@pytest.mark.parametrize("limit", [24, "threshold.limit"], ids=["number", "threshold"])
def test_max_age_at_its_threshold(hours_before: float, expected: State, limit: Any) -> None:
    moment = (COLLECTED - timedelta(hours=hours_before)).isoformat()
    assert source_state(MaxAge({"fact": "source.backup", "max_hours": limit}), backup=moment) is expected


def test_max_age_null_means_none_recorded_where_the_schema_allows_null() -> None:
    check = MaxAge({"fact": "source.cmdb.last_full_backup.finished_at", "max_hours": 24})
    assert source_state(check, cmdb={"last_full_backup": {"finished_at": None}}) is FAIL
    with pytest.raises(FactUnknown):  # elsewhere null is a fact not read: the rule is an error
        source_state(MaxAge({"fact": "source.backup", "max_hours": 24}), backup=None)


@pytest.mark.parametrize(("op", "below", "at", "above"), [
    (">=", FAIL, PASS, PASS), (">", FAIL, FAIL, PASS), ("<=", PASS, PASS, FAIL),
    ("<", PASS, FAIL, FAIL), ("==", FAIL, PASS, FAIL), ("!=", PASS, FAIL, PASS),
])
def test_compare_at_one_below_and_one_above_its_value(op: str, below: State, at: State,
                                                      above: State) -> None:
    for limit in (10, "site.limit"):
        check = Compare({"fact": "site.n", "op": op, "value": limit})
        assert [state(check, n=n, limit=10) for n in (9, 10, 11)] == [below, at, above]


@pytest.mark.parametrize("found", [True, False, "10", None])
def test_compare_takes_no_boolean_text_or_null_for_a_number(found: Any) -> None:
    assert state(Compare({"fact": "site.n", "op": ">=", "value": 0}), n=found) is UNKNOWN
    assert state(Compare({"fact": "site.n", "op": ">=", "value": "site.m"}), n=5, m=found) is UNKNOWN


@pytest.mark.parametrize(("count", "op", "value", "expected"), [
    (2, ">=", 2, PASS), (1, ">=", 2, FAIL), (3, ">=", 2, PASS), (0, "==", 0, PASS), (1, "<", 1, FAIL),
])
def test_count_items_at_its_threshold(count: int, op: str, value: int, expected: State) -> None:
    items = [{"name": f"i{n}"} for n in range(count)]
    assert state(CountItems({"fact": "site.x", "op": op, "value": value}), x=items) is expected


def test_count_items_applies_every_condition_of_its_filter() -> None:
    check = CountItems({"fact": "site.x", "op": ">=", "value": 1,
                        "where": {"role": "site server", "enabled": True, "port": 443}})
    full = {"name": "a", "role": "site server", "enabled": True, "port": 443}
    assert state(check, x=[full]) is PASS
    for key, other in (("role", "package server"), ("enabled", False), ("port", 80)):
        assert state(check, x=[{**full, key: other}]) is FAIL, key
        # An item without the field may or may not count: unknown, never left out
        # (tests/test_where_unknown.py).
        assert state(check, x=[{k: v for k, v in full.items() if k != key}]) is UNKNOWN, key


def test_a_filter_compares_text_ignoring_case_and_spacing_and_holds_in_a_list() -> None:
    check = CountItems({"fact": "site.x", "op": "==", "value": 1, "where": {"role": "Site  Server"}})
    assert state(check, x=[{"name": "a", "role": " site server "}]) is PASS
    assert state(check, x=[{"name": "a", "role": ["package server", "SITE SERVER"]}]) is PASS
    assert state(check, x=[{"name": "a", "role": "site servers"}]) is FAIL


@pytest.mark.parametrize(("found", "expected"), [
    ("7.5 SP1", PASS), ("7.5", PASS), (" 7.5", PASS), ("v7.5", FAIL), ("17.5", FAIL), ("ITMS 7.5", FAIL),
    ("7.50", PASS), ("7x5", FAIL),
])
def test_matches_is_anchored_at_the_start(found: str, expected: State) -> None:
    check = Matches({"fact": "site.v", "pattern": r"7\.5", "meaning": "7.5"})
    assert state(check, v=found) is expected


def test_matches_ignores_case_and_takes_only_text() -> None:
    check = Matches({"fact": "site.v", "pattern": "latin1_general", "meaning": "Latin1"})
    assert state(check, v="Latin1_General_CI_AS") is PASS
    for found in (None, True, 1, ["latin1_general"]):
        assert state(check, v=found) is FAIL


def test_a_pattern_ignores_case_only_when_asked_and_matches_at_the_start_or_anywhere() -> None:
    compile_pattern.cache_clear()  # compiled by this test, not found compiled by an earlier one
    assert compile_pattern("ab").match("abc") and not compile_pattern("ab").match("ABc")
    assert compile_pattern("ab", ignore_case=True).match("ABc")
    assert not compile_pattern("ab").match("cab") and compile_pattern("ab").search("cab")
    assert not compile_pattern("ab").search("cAb") and compile_pattern("ab", ignore_case=True).search("cAb")


@pytest.mark.parametrize(("found", "how", "expected"), [
    ("Latin1_General_CI_AS", None, FAIL), ("Latin1_General_CI_AS", "text", PASS),
    ("  latin1_general_ci_as ", "text", PASS), ("latin1_general_ci_as", None, PASS),
    ("latin1_general_ci_ai", "text", FAIL),
])
def test_equals_ignores_case_and_spacing_only_when_told(found: str, how: str | None,
                                                       expected: State) -> None:
    params = {"fact": "site.c", "value": "latin1_general_ci_as", **({"normalize": how} if how else {})}
    assert state(Equals(params), c=found) is expected


def test_one_of_ignores_case_and_spacing_of_text() -> None:
    check = OneOf({"fact": "site.c", "values": ["Enterprise", "Standard"]})
    assert state(check, c=" enterprise ") is PASS
    assert state(check, c="Express") is FAIL
    assert state(check, c=None) is FAIL


def test_null_is_a_value_and_absent_is_unknown() -> None:
    check = Equals({"fact": "site.c", "value": None})
    assert state(check, c=None) is PASS
    with pytest.raises(FactUnknown):
        state(check)


# -- disjoint_names: one computer however written, in any reference of either group --------------

def _outcome(check: CheckType, **site: Any) -> Outcome:
    return check.evaluate(Facts(Inputs({}, Site({"itmscheck_site": 1, **site}), {}, {})))


DISJOINT = DisjointNames({"names": ["site.a", "site.c"], "others": ["site.b", "site.d"]})
KNOWN = [{"name": "ns1", "fqdn": "ns1.corp.example", "ip_addresses": ["10.0.0.1/24"]}, {"name": None}]


@pytest.mark.parametrize(("a", "c", "shared"), [
    ("https://NS1.corp.example:443/Altiris/", None, "https://NS1.corp.example:443/Altiris/ (also ns1)"),
    (["ns2", "10.0.0.1"], None, "10.0.0.1 (also 10.0.0.1/24)"),
    ([], "\\\\NS1\\share", "\\\\NS1\\share (also ns1)"),
    ("ns2", [{"name": "x", "fqdn": "NS1.other.example"}], "NS1.other.example (also ns1)"),
])
def test_disjoint_names_finds_a_computer_however_either_side_writes_it(a: Any, c: Any, shared: str) -> None:
    outcome = _outcome(DISJOINT, a=a, c=c, b=KNOWN, d=None)
    assert (outcome.state, outcome.message) == (FAIL, f"site.a + site.c include {shared}.")
    outcome = _outcome(DISJOINT, a=a, c=c, b=[], d=KNOWN)  # in the second of the others too
    assert (outcome.state, outcome.message) == (FAIL, f"site.a + site.c include {shared}.")


def test_disjoint_names_passes_naming_the_computers_it_compared() -> None:
    outcome = _outcome(DISJOINT, a=["ns3", "ns2"], c=None, b=KNOWN, d=None)
    assert (outcome.state, outcome.message) == (
        PASS, "site.a + site.c (ns2, ns3) include none of site.b, site.d.")


def test_an_absent_site_list_is_empty_for_disjoint_names() -> None:
    outcome = _outcome(DISJOINT, d=KNOWN)
    assert (outcome.state, outcome.message) == (
        PASS, "site.a + site.c (none) include none of site.b, site.d.")
    assert _outcome(DISJOINT, a="ns1", b=KNOWN).state is FAIL
