"""A ``where`` filter whose field is missing or null never leaves an item out as if it did not belong.

An item whose filter field is unknown may be one of the items a rule is about: the
check types that filter (every_item, count_items, includes_all) decide without it
only when it cannot change the answer, and are unknown (an error, which blocks)
otherwise. Before, such items were silently left out, and a rule could pass on an
empty selection.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import State
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.types.count_items import CountItems
from itmscheck.types.every_item import EveryItem
from itmscheck.types.includes_all import IncludesAll


def _facts(source: dict[str, Any]) -> Facts:
    snapshot = Snapshot(role="source", collected_at=datetime.datetime(2026, 1, 1), file="s", facts=source)
    return Facts(Inputs({"source": snapshot}, Site(), {}, {}))


SERVERS = "source.servers"
TASK_X64 = {"services": "task", "arch": "x64"}


@pytest.mark.parametrize(("servers", "state"), [
    ([{"name": "a", "services": ["task"], "arch": "x64", "ok": False}], State.FAIL),
    ([{"name": "a", "services": ["task"], "arch": None, "ok": False}], State.UNKNOWN),
    ([{"name": "a", "arch": "x64", "ok": False}], State.UNKNOWN),
    ([{"name": "a", "services": [None], "arch": "x64", "ok": False}], State.UNKNOWN),
    ([{"name": "a", "services": ["task"], "arch": None, "ok": True}], State.PASS),
    ([{"name": "a", "services": ["task"], "arch": "x86", "ok": False}], State.PASS),
    ([{"name": "a", "services": None, "arch": "x86", "ok": False}], State.PASS),
    ([{"name": "a", "services": ["task"], "arch": "x64", "ok": False},
      {"name": "b", "services": None, "arch": "x64", "ok": False}], State.FAIL),
], ids=["known_and_bad_fails", "null_filter_field_and_bad_is_unknown", "absent_filter_field_is_unknown",
        "null_in_a_list_field_is_unknown", "null_filter_field_but_meets_anyway_passes",
        "other_known_value_is_left_out", "one_known_mismatch_leaves_it_out",
        "a_known_failure_wins_over_an_unknown"])
def test_every_item_keeps_items_whose_filter_field_is_unknown(servers, state) -> None:
    check = EveryItem({"type": "every_item", "fact": SERVERS, "where": TASK_X64, "field": "ok",
                       "op": "==", "value": True})
    assert check.evaluate(_facts({"servers": servers})).state is state


@pytest.mark.parametrize(("op", "value", "state"), [
    (">=", 1, State.PASS),  # one known task server suffices whatever the other is
    (">=", 2, State.UNKNOWN),  # 1 or 2: depends on the unknown one
    ("==", 1, State.UNKNOWN),
    ("<=", 2, State.PASS),
    (">=", 3, State.FAIL),  # 2 at most
    ("==", 0, State.FAIL),
])
def test_count_items_is_unknown_only_when_an_unknown_item_could_change_the_answer(op, value, state) -> None:
    servers = [{"name": "a", "services": ["task"]}, {"name": "b", "services": None},
               {"name": "c", "services": ["package"]}]
    check = CountItems({"type": "count_items", "fact": SERVERS, "where": {"services": "task"},
                        "op": op, "value": value})
    outcome = check.evaluate(_facts({"servers": servers}))
    assert outcome.state is state
    if state is State.UNKNOWN:
        assert "b" in outcome.message


@pytest.mark.parametrize(("required", "available", "state"), [
    ([{"name": "p", "arch": "x86"}], [{"name": "p", "folder": "X86"}], State.PASS),
    ([{"name": "p", "arch": "x86"}], [{"name": "p", "folder": None}], State.UNKNOWN),
    ([{"name": "p", "arch": "x86"}], [{"name": "p", "folder": "X64"}], State.FAIL),
    ([{"name": "p", "arch": None}], [], State.UNKNOWN),
    ([{"name": "p", "arch": None}], [{"name": "p", "folder": "X86"}], State.PASS),
    ([{"name": "p", "arch": "x64"}], [], State.PASS),
], ids=["kept_and_found_passes", "found_only_where_the_filter_is_unknown_is_unknown",
        "found_only_elsewhere_fails", "maybe_required_and_missing_is_unknown",
        "maybe_required_but_found_passes", "not_required_passes"])
def test_includes_all_is_unknown_when_an_unknown_filter_field_could_change_the_answer(
        required, available, state) -> None:
    check = IncludesAll({"type": "includes_all", "required": "source.required",
                         "required_where": {"arch": "x86"}, "available": "source.available",
                         "available_where": {"folder": "X86"}, "key": "name"})
    assert check.evaluate(_facts({"required": required, "available": available})).state is state


def test_item_compare_items_hold_and_not_expired_never_leave_out_an_item_the_filter_may_pick() -> None:
    """The known-issues pack's check types read a ``where`` filter too (same class as above)."""
    from itmscheck.types.item_compare import ItemCompare
    from itmscheck.types.items_hold import ItemsHold
    from itmscheck.types.not_expired import NotExpired

    licenses = [{"name": "Inventory", "kind": "inventory", "nodes": 50000, "expires": "2030-01-01"},
                {"name": "Other", "kind": None, "nodes": 10, "expires": "2020-01-01"}]
    compare = ItemCompare({"type": "item_compare", "fact": "source.licenses", "where": {"kind": "inventory"},
                           "field": "nodes", "op": ">=", "value": 1000})
    assert compare.evaluate(_facts({"licenses": licenses})).state is State.UNKNOWN
    expiry = NotExpired({"type": "not_expired", "fact": "source.licenses", "where": {"kind": "inventory"},
                         "field": "expires"})
    assert expiry.evaluate(_facts({"licenses": licenses})).state is State.UNKNOWN
    servers = [{"name": "a", "services": ["package"], "roles": ["ASP"]},
               {"name": "b", "services": None, "roles": []}]
    hold = ItemsHold({"type": "items_hold", "fact": "source.servers", "where": {"services": "package"},
                      "field": "roles", "values": ["ASP"]})
    assert hold.evaluate(_facts({"servers": servers})).state is State.UNKNOWN
    servers[1]["services"] = ["task"]  # known not to be picked: left out, and the rule holds
    assert hold.evaluate(_facts({"servers": servers})).state is State.PASS
