"""The check types over lists of items at their edges (issue 20): count_items, every_item,
items_hold, item_compare, includes_all and contains (not_expired: test_check_type_edges_dates.py).

Each filter condition alone, an item the filter may or may not pick (its field unknown),
a count exactly at its threshold, and the sentence each outcome says to an administrator.
Site keys stand for any fact: the check types only compare what they are handed.
"""

from __future__ import annotations

from typing import Any

import pytest

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import State
from itmscheck.evidence.site import Site
from itmscheck.types.contains import Contains
from itmscheck.types.count_items import CountItems
from itmscheck.types.every_item import EveryItem
from itmscheck.types.includes_all import IncludesAll
from itmscheck.types.item_compare import ItemCompare
from itmscheck.types.items_hold import ItemsHold

PASS, FAIL, UNKNOWN = State.PASS, State.FAIL, State.UNKNOWN


def outcome(check: CheckType, tables: dict[str, Any] | None = None, **site: Any) -> tuple[State, str]:
    """(state, message) of ``check`` when the site file declares ``site``."""
    found = check.evaluate(Facts(Inputs({}, Site({"itmscheck_site": 1, **site}), tables or {}, {})))
    return found.state, found.message


def needs(check: CheckType, **site: Any) -> tuple[str, ...]:
    return check.evaluate(Facts(Inputs({}, Site({"itmscheck_site": 1, **site}), {}, {}))).needs


# -- count_items ---------------------------------------------------------------------------------

SERVERS = CountItems({"fact": "site.x", "op": ">=", "value": 1, "where": {"role": "site server", "n": 2}})


def test_count_items_names_what_it_counted_and_the_filter() -> None:
    items = [{"name": "a", "role": "site server", "n": 2}, {"role": "Site Server", "n": 2},
             {"name": "c", "role": "package server", "n": 2}]
    assert outcome(SERVERS, x=items) == (PASS, "2 items of site.x with role 'site server', n 2 (a, ?), >= 1.")
    check = CountItems({"fact": "site.x", "op": ">", "value": 2})
    assert outcome(check, x=["ns1", "ns2"]) == (FAIL, "2 items of site.x (ns1, ns2), but it must be > 2.")
    assert outcome(CountItems({"fact": "site.x", "op": "==", "value": 0}), x=[]) == (
        PASS, "0 items of site.x (none), == 0.")


def test_count_items_counts_plain_names_only_without_a_filter() -> None:
    assert outcome(CountItems({"fact": "site.x", "op": "==", "value": 2}),
                   x=["ns1", {"name": "b"}])[0] is PASS
    check = CountItems({"fact": "site.x", "op": "==", "value": 1, "where": {"a": 1}})
    assert outcome(check, x=["ns1", {"name": "b", "a": 1}]) == (PASS, "1 items of site.x with a 1 (b), == 1.")


@pytest.mark.parametrize(("op", "value", "expected"), [
    ("<=", 2, PASS),  # one sure, one that may count: 1 or 2, both <= 2
    ("<=", 1, UNKNOWN), (">=", 1, PASS), (">=", 2, UNKNOWN), (">=", 3, FAIL), ("==", 3, FAIL),
])
def test_count_items_is_unknown_only_when_the_items_that_may_count_change_the_answer(
        op: str, value: int, expected: State) -> None:
    check = CountItems({"fact": "site.x", "op": op, "value": value, "where": {"role": "site server"}})
    assert outcome(check, x=[{"name": "a", "role": "site server"}, {"name": "c"}, {"name": "d", "role": "x"}]
                   )[0] is expected


def test_count_items_unknown_names_the_items_that_may_count() -> None:
    check = CountItems({"fact": "site.x", "op": ">=", "value": 2, "where": {"role": "site server", "n": 1}})
    items = [{"name": "a", "role": "site server", "n": 1}, {"name": "c", "role": None, "n": 1}, {"n": 1}]
    assert outcome(check, x=items) == (
        UNKNOWN, "1 items of site.x with role 'site server', n 1 (a), and 2 more may be (c, ?: role, n "
                 "unknown); it must be >= 2.")
    assert needs(check, x=items) == ("site.x",)


# -- every_item ----------------------------------------------------------------------------------

def every(**params: Any) -> EveryItem:
    return EveryItem({"fact": "site.x", "field": "r", **params})


@pytest.mark.parametrize(("check", "items", "expected"), [
    (every(minimum="7.5"), [{"name": "a", "r": "7.5 SP1"}, {"name": "b", "r": "7.1"},
                            {"name": "c", "r": None}],
     (FAIL, "1 of 3 items of site.x (r at least 7.5) do not: b (r '7.1').")),
    (every(minimum="7.5", where={"k": "y", "n": 2}), [{"name": "a", "r": "7.1", "k": "y", "n": 2}],
     (FAIL, "1 of 1 items of site.x (where k 'y' and n 2: r at least 7.5) do not: a (r '7.1').")),
    (every(pattern="^7", where={"k": True}), [{"name": "a", "r": "6", "k": True}],
     (FAIL, "1 of 1 items of site.x (where k true: r matches ^7) do not: a (r '6').")),
    (every(pattern="^7"), [{"name": "a", "r": ["7.5", "8"]}],
     (FAIL, "1 of 1 items of site.x (r matches ^7) do not: a (r ['7.5', '8']).")),
    (every(pattern="^7"), [{"name": "a", "r": [1]}],
     (FAIL, "1 of 1 items of site.x (r matches ^7) do not: a (r [1]).")),
    (every(pattern="^7"), [{"name": "a", "r": ["7.5", "7"]}, {"name": "b", "r": "71"}],
     (PASS, "All 2 items of site.x (r matches ^7) do.")),
    (every(op=">=", value=3, where={"k": "y"}), [{"name": "a", "r": 2, "k": ["z", "Y"]}],
     (FAIL, "1 of 1 items of site.x (where k 'y': r >= 3) do not: a (r 2).")),
    (every(op=">", value=2), [{"name": "a", "r": 2}, {"name": "b", "r": 3}],
     (FAIL, "1 of 2 items of site.x (r > 2) do not: a (r 2).")),
    (every(value="x"), [{"name": "a", "r": "x"}, {"name": "b", "r": "X"}],
     (FAIL, "1 of 2 items of site.x (r == 'x') do not: b (r 'X').")),
    (every(op="!=", value="x"), [{"name": "a", "r": "y"}], (PASS, "All 1 items of site.x (r != 'x') do.")),
    (every(op="<", value=2), [{"name": "a", "r": 1}], (PASS, "All 1 items of site.x (r < 2) do.")),
    (every(op="<", value=2), [], (PASS, "All 0 items of site.x (r < 2) do.")),
    (every(op="<=", value=2, label="id"), [{"id": "a", "r": 3}, {"name": "b", "r": 4}],
     (FAIL, "2 of 2 items of site.x (r <= 2) do not: a (r 3), ? (r 4).")),
])
def test_every_item_says_which_items_fail_its_condition(check: EveryItem, items: list[Any],
                                                        expected: tuple[State, str]) -> None:
    assert outcome(check, x=items) == expected


@pytest.mark.parametrize(("check", "items", "message"), [
    (every(minimum="7.5"), [{"name": "a", "r": "7.5 SP1"}, {"name": "c", "r": None},
                            {"name": "d", "r": "none"}],
     "r is unknown for c, d ('none' holds no release number) in site.x."),
    (every(minimum="7.5", where={"k": "y"}), [{"name": "a", "r": "7.5", "k": "Y"}, {"name": "c", "r": "7.0"},
                                              {"r": "7.6", "k": "y"}],
     "r is unknown for c (k unknown) in site.x."),
    (every(minimum="7.5", where={"k": "y", "j": 1}, label="id"),
     [{"id": "a", "r": "7.0"}, {"name": "c", "r": "7.0", "k": "y"}],
     "r is unknown for a (k, j unknown), ? (k, j unknown) in site.x."),
    (every(op=">=", value=2), [{"name": "a", "r": 2}, {"name": "b", "r": "2"}],
     "r is unknown for b in site.x."),
    (every(value=None), [{"name": "a", "r": None}], "r is unknown for a in site.x."),
])
def test_every_item_is_unknown_for_an_item_it_cannot_judge(check: EveryItem, items: list[Any],
                                                           message: str) -> None:
    assert outcome(check, x=items) == (UNKNOWN, message)
    assert needs(check, x=items) == ("site.x",)


def test_every_item_counts_an_item_the_filter_may_pick_when_it_meets_the_condition_anyway() -> None:
    check = every(minimum="7.5", where={"k": "y"})
    assert outcome(check, x=[{"name": "a", "r": "8.0"}, {"name": "b", "r": "7.5", "k": "y"}]) == (
        PASS, "All 2 items of site.x (where k 'y': r at least 7.5) do.")
    assert outcome(check, x=[{"name": "a", "r": "7.0", "k": "n"}]) == (
        PASS, "All 0 items of site.x (where k 'y': r at least 7.5) do.")


# -- items_hold ----------------------------------------------------------------------------------

def hold(**params: Any) -> ItemsHold:
    return ItemsHold({"fact": "site.x", "field": "s", "values": ["Web Server", "ASP"], **params})


@pytest.mark.parametrize(("check", "items", "expected"), [
    (hold(), [{"name": "a", "s": ["web  server", "asp"]}, {"name": "b", "s": ["ASP"]},
              {"name": "c", "s": None},
              {"s": []}],
     (FAIL, "2 of 4 items of site.x lack some of ['Web Server', 'ASP'] in s: b (no Web Server); "
            "? (no Web Server, ASP).")),
    (hold(), [{"name": "c", "s": None}, {"name": "d"}, {"name": "e", "s": "ASP"}],
     (UNKNOWN, "s is unknown for c, d, e in site.x.")),
    (hold(where={"role": "ps"}, unless={"os": "linux"}),
     [{"name": "a", "role": "ps", "os": "linux", "s": []}, {"name": "b", "role": None, "s": ["asp"]},
      {"name": "c", "role": "ps", "os": None, "s": ["web server", "asp"]}],
     (UNKNOWN, "s is unknown for b (no Web Server) in site.x.")),
    (hold(where={"role": "ps"}, unless={"os": "linux"}, label="id"),
     [{"id": "a", "role": "ps", "os": "win", "s": ["asp"]}],
     (FAIL, "1 of 1 items of site.x (where role 'ps', unless os 'linux') lack some of ['Web Server', 'ASP'] "
            "in s: a (no Web Server).")),
    (hold(where={"role": "ps"}), [], (PASS, "All 0 items of site.x (where role 'ps') hold ['Web Server', "
                                      "'ASP'] in s.")),
    (hold(unless={"os": "linux", "v": 1}), [{"name": "a", "s": ["asp", "web server"]}],
     (PASS, "All 1 items of site.x (unless os 'linux', unless v 1) hold ['Web Server', 'ASP'] in s.")),
    (hold(), [{"name": "a", "s": ["asp", "web server", "ftp"]}],
     (PASS, "All 1 items of site.x hold ['Web Server', 'ASP'] in s.")),
])
def test_items_hold_names_each_item_and_what_it_lacks(check: ItemsHold, items: list[Any],
                                                      expected: tuple[State, str]) -> None:
    assert outcome(check, x=items) == expected


def test_items_hold_exempts_only_an_item_known_to_be_exempt() -> None:
    check = hold(unless={"os": "linux"})
    assert outcome(check, x=[{"name": "a", "os": "Linux", "s": []}])[0] is PASS
    assert outcome(check, x=[{"name": "a", "os": None, "s": []}])[0] is FAIL
    assert needs(hold(), x=[{"name": "a"}]) == ("site.x",)


# -- item_compare --------------------------------------------------------------------------------

def item(**params: Any) -> ItemCompare:
    return ItemCompare({"fact": "site.x", "where": {"name": "inv"}, "field": "nodes", "op": ">=",
                        "value": "site.m", **params})


@pytest.mark.parametrize(("check", "site", "expected"), [
    (item(), {"x": [{"name": "inv", "nodes": 10}], "m": 10},
     (PASS, "nodes of site.x where name 'inv' is >= site.m (10).")),
    (item(), {"x": [{"name": "inv", "nodes": 9}], "m": 10},
     (FAIL, "inv (nodes 9) of site.x: not >= site.m (10).")),
    (item(), {"x": [{"name": "inv", "nodes": 9}], "m": None},
     (UNKNOWN, "site.m (null) is not a number to compare with.")),
    (item(), {"x": [{"name": "inv", "nodes": 9}], "m": True},
     (UNKNOWN, "site.m (true) is not a number to compare with.")),
    (item(value=10), {"x": [{"name": "inv", "nodes": 9}]}, (FAIL, "inv (nodes 9) of site.x: not >= 10.")),
    (item(value=10), {"x": [{"name": "inv", "nodes": "9"}]},
     (UNKNOWN, "nodes is not a number for inv (nodes '9') in site.x.")),
    (item(value=10), {"x": [{"name": "other", "nodes": 9}]}, (FAIL, "site.x has no item where name 'inv'.")),
    (item(value=10, where={"kind": "lic"}), {"x": [{"name": "a", "kind": None, "nodes": 9},
                                                   {"name": "b", "kind": "lic", "nodes": 11}]},
     (UNKNOWN, "nodes is not a number for a (nodes 9) in site.x.")),
    (item(value=10, where={"kind": "lic"}), {"x": [{"name": "a", "kind": None, "nodes": 12},
                                                   {"name": "b", "kind": "lic", "nodes": 11}]},
     (PASS, "nodes of site.x where kind 'lic' is >= 10.")),
    (item(value=10, where={"kind": "lic"}, label="id"), {"x": [{"id": "a", "kind": "lic", "nodes": 1},
                                                               {"name": "b", "kind": "lic", "nodes": True}]},
     (FAIL, "a (nodes 1) of site.x: not >= 10.")),
    (item(value=10, label="id"), {"x": [{"name": "inv", "nodes": True}]},
     (UNKNOWN, "nodes is not a number for ? (nodes true) in site.x.")),
    (item(value=10, where={"name": "inv", "kind": "lic"}), {"x": [{"name": "inv", "kind": "x"}]},
     (FAIL, "site.x has no item where name 'inv', kind 'lic'.")),
    (item(value=10, where={"kind": "lic"}), {"x": [{"name": "a", "kind": "lic", "nodes": 1},
                                                   {"name": "b", "kind": "lic", "nodes": 2}]},
     (FAIL, "a (nodes 1), b (nodes 2) of site.x: not >= 10.")),
    (item(value=10, where={"kind": "lic"}), {"x": [{"name": "a", "kind": "lic", "nodes": "1"},
                                                   {"name": "b", "kind": "lic", "nodes": None}]},
     (UNKNOWN, "nodes is not a number for a (nodes '1'), b (nodes null) in site.x.")),
])
def test_item_compare_at_its_edges(check: ItemCompare, site: dict[str, Any],
                                   expected: tuple[State, str]) -> None:
    assert outcome(check, **site) == expected


def test_item_compare_needs_the_reference_that_is_not_a_number() -> None:
    assert needs(item(), x=[{"name": "inv", "nodes": 9}], m="ten") == ("site.m",)
    assert needs(item(value=10), x=[{"name": "inv", "nodes": "9"}]) == ("site.x",)


# -- includes_all and contains -------------------------------------------------------------------

EQUIVALENTS = {"eq": {"rows": [{"name": "Inventory Solution", "satisfied_by": ["Inventory Pack"]}],
                      "not_counted": [{"name": "Old Thing"}]}}


def includes(**params: Any) -> IncludesAll:
    return IncludesAll({"required": "site.r", "available": "site.a", **params})


@pytest.mark.parametrize(("check", "site", "expected"), [
    (includes(), {"r": ["A", "b "], "a": ["a", "B"]}, (PASS, "All 2 items of site.r are in site.a.")),
    (includes(), {"r": ["A", "b", "c"], "a": ["a"]},
     (FAIL, "2 of 3 items of site.r are missing from site.a: b, c.")),
    (includes(), {"r": [], "a": []}, (PASS, "All 0 items of site.r are in site.a.")),
    (includes(equivalents="data.eq", ignore=["^x"]), {"r": ["inventory solution", "old thing", "Xtra", "Y"],
                                                      "a": ["inventory pack"]},
     (FAIL, "1 of 2 items of site.r are missing from site.a: Y (not counted: Xtra, old thing).")),
    (includes(equivalents="data.eq", ignore=["^x"]), {"r": ["inventory solution", "old thing", "Xtra"],
                                                      "a": ["inventory pack"]},
     (PASS, "All 1 items of site.r are in site.a (not counted: Xtra, old thing).")),
    (includes(equivalents="data.eq"), {"r": ["inventory solution"], "a": ["Inventory Solution"]},
     (PASS, "All 1 items of site.r are in site.a.")),
    # an equivalent satisfies the name it stands in for, not the other way round
    (includes(equivalents="data.eq"), {"r": ["Inventory Pack"], "a": ["inventory solution"]},
     (FAIL, "1 of 1 items of site.r are missing from site.a: Inventory Pack.")),
    (includes(key="name", required_where={"k": 1}, available_where={"on": True}),
     {"r": [{"name": "a", "k": 1}, {"name": "b", "k": None}, {"name": "c", "k": 2}, "zz"],
      "a": [{"name": "a", "on": True}, {"name": "b", "on": True}]},
     (PASS, "All 1 items of site.r (where k 1) are in site.a (where on true).")),
    (includes(key="name", required_where={"k": 1}, available_where={"on": True}),
     {"r": [{"name": "a", "k": 1}, {"name": "b", "k": None}, {"name": "c", "k": 2}],
      "a": [{"name": "a", "on": None}]},
     (UNKNOWN, "a, b: whether site.r (where k 1) needs it, or site.a (where on true) holds it, is unknown "
               "(a filter field is missing or null).")),
    (includes(key="name", required_where={"k": 1, "j": "x"}),
     {"r": [{"name": "a", "k": 1, "j": "x"}, {"name": "b", "k": 1}], "a": [{"name": "a"}]},
     (UNKNOWN, "b: whether site.r (where k 1, j 'x') needs it, or site.a holds it, is unknown "
               "(a filter field is missing or null).")),
    (includes(key="name", available_where={"on": True}),
     {"r": [{"name": "a"}, {"name": "b"}], "a": [{"name": "a", "on": None}, {"name": "b", "on": False}]},
     (FAIL, "1 of 2 items of site.r are missing from site.a (where on true): b.")),
    (includes(ignore=["pack$", "^old"]), {"r": ["Agent PACK", "OLD agent", "new"], "a": ["new"]},
     (PASS, "All 1 items of site.r are in site.a (not counted: Agent PACK, OLD agent).")),
])
def test_includes_all_at_its_edges(check: IncludesAll, site: dict[str, Any],
                                   expected: tuple[State, str]) -> None:
    assert outcome(check, EQUIVALENTS, **site) == expected


@pytest.mark.parametrize(("table", "required", "expected"), [
    ({"rows": [{"name": "Inventory Solution", "satisfied_by": ["Inventory Pack"]}]}, ["inventory solution"],
     "All 1 items of site.r are in site.a."),
    ({"not_counted": [{"name": "Old Thing"}]}, ["old thing", "inventory pack"],
     "All 1 items of site.r are in site.a (not counted: old thing)."),
])
def test_an_equivalents_table_may_give_only_equivalents_or_only_what_is_not_counted(
        table: dict[str, Any], required: list[str], expected: str) -> None:
    assert outcome(includes(equivalents="data.eq"), {"eq": table}, r=required, a=["inventory pack"]) == (
        PASS, expected)


@pytest.mark.parametrize(("wanted", "counted"), [(2, "b"), ("2", "a")])
def test_a_filter_never_takes_a_number_written_as_text_for_the_number(wanted: Any, counted: str) -> None:
    check = CountItems({"fact": "site.x", "op": "==", "value": 1, "where": {"n": wanted}})
    assert outcome(check, x=[{"name": "a", "n": "2"}, {"name": "b", "n": 2}]) == (
        PASS, f"1 items of site.x with n {wanted!r} ({counted}), == 1.")


def test_includes_all_needs_both_lists_when_a_filter_field_is_unknown() -> None:
    check = includes(key="name", required_where={"k": 1})
    assert needs(check, r=[{"name": "b"}], a=[]) == ("site.r", "site.a")


@pytest.mark.parametrize(("check_type", "params"), [
    (IncludesAll, {"required": "site.r", "available": "site.a"}),
    (Contains, {"fact": "site.x", "value": "a"}),
])
def test_an_equivalents_table_must_have_the_columns_the_check_reads(check_type: type[CheckType],
                                                                   params: dict[str, Any]) -> None:
    assert check_type({**params, "equivalents": "data.eq"}).table_columns() == [("data.eq",
                                                                                 ("name", "satisfied_by"))]
    assert check_type(params).table_columns() == []


def contains(**params: Any) -> Contains:
    return Contains({"fact": "site.x", **params})


@pytest.mark.parametrize(("check", "site", "expected"), [
    (contains(value="Inventory Solution"), {"x": ["inventory  solution"]},
     (PASS, "site.x holds 'inventory  solution'.")),
    (contains(value="Inventory Solution"), {"x": ["inventory"]},
     (FAIL, "site.x does not hold 'Inventory Solution'.")),
    (contains(value="Inventory Solution", equivalents="data.eq"), {"x": ["Inventory Pack"]},
     (PASS, "site.x holds 'Inventory Pack'.")),
    (contains(value="Inventory Solution", equivalents="data.eq"), {"x": ["Inventory Solution"]},
     (PASS, "site.x holds 'Inventory Solution'.")),  # the name itself counts besides its equivalents
    (contains(value="Inventory Pack", equivalents="data.eq"), {"x": ["Inventory Solution"]},
     (FAIL, "site.x does not hold 'Inventory Pack'.")),
    (contains(value="Inventory Solution", equivalents="data.eq", key="name"),
     {"x": ["x", {"name": "Inventory Pack"}]},
     (PASS, "site.x holds 'Inventory Pack'.")),
    (contains(value="a", key="name"), {"x": [{"id": "a"}, "a"]}, (PASS, "site.x holds 'a'.")),
    (contains(value="a"), {"x": [{"name": "a"}]}, (FAIL, "site.x does not hold 'a'.")),
    (contains(other="site.u", key="name"), {"x": [{"name": "CORP\\Admin"}], "u": "corp\\admin"},
     (PASS, "site.x holds 'CORP\\Admin'.")),
    (contains(other="site.u"), {"x": ["a"], "u": None}, (UNKNOWN, "site.u is null, not a name to look for.")),
    (contains(other="site.u"), {"x": ["a"], "u": ["a"]},
     (UNKNOWN, "site.u is ['a'], not a name to look for.")),
])
def test_contains_at_its_edges(check: Contains, site: dict[str, Any], expected: tuple[State, str]) -> None:
    assert outcome(check, EQUIVALENTS, **site) == expected


def test_contains_reads_an_equivalents_table_without_rows_as_none() -> None:
    check = contains(value="Inventory Solution", equivalents="data.eq")
    assert outcome(check, {"eq": {"not_counted": [{"name": "x"}]}}, x=["Inventory Pack"]) == (
        FAIL, "site.x does not hold 'Inventory Solution'.")


def test_contains_needs_the_fact_naming_the_item_when_it_holds_no_name() -> None:
    assert needs(contains(other="site.u"), x=["a"], u=None) == ("site.u",)
