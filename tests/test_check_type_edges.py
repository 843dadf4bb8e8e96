"""Every check type at its edges (issue 20): thresholds exactly, one below and one above;
numeric versus text version parts; booleans where numbers are expected; case and space;
every condition of a filter; anchored patterns; null versus absent.

Each check type is given its facts directly (site keys stand for any fact: the check
types only compare what they are handed), so each test names the one edge it proves.
"""

from __future__ import annotations

from typing import Any

import pytest

from itmscheck.engine.checktype import CheckType, same_value
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import State
from itmscheck.evidence.site import Site
from itmscheck.types.count_items import CountItems
from itmscheck.types.equals import Equals
from itmscheck.types.every_item import EveryItem
from itmscheck.types.matches_row import MatchesRow
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
