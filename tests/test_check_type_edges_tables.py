"""The check types over CMDB tables and data tables at their edges (issue 20): tables,
rows_transferred and matches_row.

Table names as SQL Server compares them, row counts exactly at the expected minimum,
a table whose rows are not counted (a view, a name listed twice), and the sentence each
outcome says to an administrator.
"""

from __future__ import annotations

from typing import Any

import pytest

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import State
from itmscheck.evidence.site import Site
from itmscheck.types.matches_row import MatchesRow
from itmscheck.types.rows_transferred import RowsTransferred
from itmscheck.types.tables import Tables

PASS, FAIL, UNKNOWN = State.PASS, State.FAIL, State.UNKNOWN


def outcome(check: CheckType, tables: dict[str, Any] | None = None, **site: Any) -> tuple[State, str,
                                                                                          tuple[str, ...]]:
    """(state, message, needs) of ``check`` when the site file declares ``site``."""
    found = check.evaluate(Facts(Inputs({}, Site({"itmscheck_site": 1, **site}), tables or {}, {})))
    return found.state, found.message, found.needs


EXPECTED = "site.t: the expected tables are present and the removed ones absent."


@pytest.mark.parametrize(("params", "tables", "expected"), [
    ({"present": ["Inv_AeX_AC_Identification", "Item"], "absent": ["Old1", "old2"]},
     {"inv_aex_ac_identification": 5, "ITEM": 1, "OLD2": None}, (FAIL, "site.t: still present: old2.")),
    ({"present": ["A", "B", "C"], "absent": ["D"]}, {"a": 1}, (FAIL, "site.t: missing: B, C.")),
    ({"present": ["A"], "absent": ["D", "E"]}, {"a": 1, "d": 0, "E": 3},
     (FAIL, "site.t: still present: D, E.")),
    ({"present": ["A", "B"], "absent": ["D"]}, {"a": 1, "D": 0},
     (FAIL, "site.t: missing: B; still present: D.")),
    ({"present": ["A"], "absent": ["B"]}, {"a": 1}, (PASS, EXPECTED)),
    ({"present": ["A"]}, {"A": None}, (PASS, EXPECTED)),  # a view is there too
    ({"absent": ["B"]}, {"a": 1}, (PASS, EXPECTED)),
    ({}, {}, (PASS, EXPECTED)),
])
def test_tables_names_each_table_out_of_place(params: dict[str, Any], tables: dict[str, Any],
                                              expected: tuple[State, str]) -> None:
    assert outcome(Tables({"fact": "site.t", **params}), t=tables) == (*expected, ())


def moved(**params: Any) -> RowsTransferred:
    return RowsTransferred({"fact": "site.a", "before": "site.b", "moves": {"New": ["Old1", "Old2"]},
                            **params})


CANNOT = ": the moved rows cannot be counted."
NOT_COUNTED = "rows not counted (a view, or the same table listed twice): "


@pytest.mark.parametrize(("check", "after", "before", "expected"), [
    (moved(), {"NEW": 1500}, {"old1": 1000, "Old2": 500},
     (PASS, "site.a: the moved rows arrived (New 1,500 >= 1,500).")),
    (moved(), {"NEW": 1499}, {"old1": 1000, "Old2": 500},
     (FAIL, "site.a: New has 1,499 rows; at least 1,500 were expected (Old1 1,000 + Old2 500 before the "
      "upgrade).")),
    # the new table's own rows before the upgrade count too
    (moved(), {"NEW": 1600}, {"new": 100, "old1": 1000, "Old2": 500},
     (PASS, "site.a: the moved rows arrived (New 1,600 >= 1,600).")),
    (moved(), {"NEW": 1599}, {"new": 100, "old1": 1000, "Old2": 500},
     (FAIL, "site.a: New has 1,599 rows; at least 1,600 were expected (New 100 + Old1 1,000 + Old2 500 "
            "before the upgrade).")),
    # an old table absent before held no rows
    (moved(), {"new": 999}, {"old1": 1000},
     (FAIL, "site.a: New has 999 rows; at least 1,000 were expected (Old1 1,000 + Old2 0 before the "
      "upgrade).")),
    (moved(), {"new": 1000}, {"old1": 1000, "other": None},
     (PASS, "site.a: the moved rows arrived (New 1,000 >= 1,000).")),
    (moved(), {"x": 1}, {"old1": 1000}, (UNKNOWN, f"site.a has no table New{CANNOT}")),
    (moved(), {"new": None}, {"old1": 1000}, (UNKNOWN,
                                              f"{NOT_COUNTED}New (New on site.a not counted){CANNOT}")),
    (moved(), {"new": None}, {"old1": None}, (UNKNOWN,
                                              f"{NOT_COUNTED}New (New on site.a, Old1 not counted){CANNOT}")),
    (moved(), {"new": 5}, {"old1": None, "old2": 3},
     (UNKNOWN, f"{NOT_COUNTED}New (Old1 not counted){CANNOT}")),
    (moved(), {"new": 5, "NEW": 6}, {"old1": 1}, (UNKNOWN,
                                                  f"{NOT_COUNTED}New (New on site.a not counted){CANNOT}")),
    (moved(), {"new": 5}, {"old1": 1, "OLD1": 1}, (PASS, "site.a: the moved rows arrived (New 5 >= 1).")),
    (moved(), {"new": 5}, {"old1": 1, "OLD1": 2}, (UNKNOWN, f"{NOT_COUNTED}New (Old1 not counted){CANNOT}")),
    (moved(moves={"A": ["x"], "B": ["y"], "C": ["z"]}), {"a": 0, "c": None}, {"x": 1},
     (FAIL, "site.a: A has 0 rows; at least 1 were expected (x 1 before the upgrade).")),
    (moved(moves={"A": ["x"], "B": ["y"], "C": ["z"], "D": ["w"]}), {"a": 1, "c": None}, {"x": 1},
     (UNKNOWN, f"site.a has no table B, D; {NOT_COUNTED}C (C on site.a not counted){CANNOT}")),
    (moved(moves={"A": ["x"], "C": ["z"], "D": ["w"]}), {"a": 1, "c": None, "d": None}, {"x": 1},
     (UNKNOWN, f"{NOT_COUNTED}C (C on site.a not counted), D (D on site.a not counted){CANNOT}")),
    (moved(moves={"A": ["x"], "B": ["y"]}), {"a": 1, "b": 2}, {"x": 1},
     (PASS, "site.a: the moved rows arrived (A 1 >= 1, B 2 >= 0).")),
    (moved(moves={"A": ["x"], "B": ["y"]}), {"a": 0, "b": 0}, {"x": 1, "y": 2000},
     (FAIL, "site.a: A has 0 rows; at least 1 were expected (x 1 before the upgrade); B has 0 rows; at "
            "least 2,000 were expected (y 2,000 before the upgrade).")),
])
def test_rows_transferred_at_its_edges(check: RowsTransferred, after: dict[str, Any], before: dict[str, Any],
                                       expected: tuple[State, str]) -> None:
    needs = ("site.a", "site.b") if expected[0] is UNKNOWN else ()
    assert outcome(check, a=after, b=before) == (*expected, needs)


SUPPORTED = {"t": {"rows": [{"release": "7.5 SP1", "os": "Windows 2008 R2", "x": 1},
                            {"release": "7.5", "os": "Windows 2012"}]}}
ROW = MatchesRow({"table": "data.t", "columns": {"release": "site.r", "os": "site.o"}})
ALLOWED = "(supported: 7.5 SP1 + Windows 2008 R2; 7.5 + Windows 2012)."


@pytest.mark.parametrize(("release", "os", "expected"), [
    ("7.5sp1", "windows 2008 r2", (PASS, "release '7.5sp1', os 'windows 2008 r2' is a supported "
                                   "combination.")),
    ("7.5 SP1", "Windows 2012", (FAIL, f"release '7.5 SP1', os 'Windows 2012' is not a supported "
                                 f"combination {ALLOWED}")),
    (None, "Windows 2012", (FAIL, f"release null, os 'Windows 2012' is not a supported combination "
                            f"{ALLOWED}")),
])
def test_matches_row_needs_one_row_to_match_every_column(release: Any, os: Any,
                                                         expected: tuple[State, str]) -> None:
    assert outcome(ROW, SUPPORTED, r=release, o=os) == (*expected, ())


def test_matches_row_reads_the_columns_it_maps() -> None:
    assert ROW.table_columns() == [("data.t", ("release", "os"))]
