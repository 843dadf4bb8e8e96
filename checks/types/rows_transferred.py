from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class RowsTransferred(CheckType):
    """The rows of tables an upgrade moves arrived in their new tables.

    ``fact`` and ``before`` are table-to-row-count objects (such as
    ``target.cmdb.tables`` and ``source.cmdb.tables``); ``moves`` maps each
    new table to the old tables whose data the upgrade moves into it. Table
    names compare as Windows compares names (ordinal, case-insensitive); a
    table absent from ``before`` held no rows there.
    Passes when every new table holds at least the rows it held before plus
    the rows of the old tables moved into it.
    Fails when one holds fewer, naming it, its rows and the expected minimum
    with its parts.
    A new table absent from ``fact`` is unknown here (a ``tables`` check says
    it is missing), never a pass; so is a table whose rows are not counted
    (null: a view) on either side.
    """

    name = "rows_transferred"
    required = ("fact", "before", "moves")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "before": REF,
        "moves": {"type": "object", "minProperties": 1, "additionalProperties": {
            "type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        after = _folded(facts.get(self.params["fact"]))
        before = _folded(facts.get(self.params["before"]))
        short, absent, uncounted, fine = [], [], [], []
        for table, sources in self.params["moves"].items():
            parts = [(name, before.get(normalize.fold(name), 0)) for name in (table, *sources)
                     if name != table or normalize.fold(name) in before]
            if normalize.fold(table) not in after:
                absent.append(table)
                continue
            rows = after[normalize.fold(table)]
            unread = [name for name, count in parts if count is None]
            if rows is None:
                unread.insert(0, f"{table} on {self.params['fact']}")
            if rows is None or unread:
                uncounted.append(f"{table} ({', '.join(unread)} not counted)")
                continue
            expected = sum(count for _name, count in parts if count is not None)
            if rows < expected:
                shown = " + ".join(f"{name} {count:,}" for name, count in parts)
                short.append(f"{table} has {rows:,} rows; at least {expected:,} were expected "
                             f"({shown} before the upgrade)")
            else:
                fine.append(f"{table} {rows:,} >= {expected:,}")
        if short:
            return Outcome.failed(f"{self.params['fact']}: {'; '.join(short)}.")
        if absent or uncounted:
            said = [f"{self.params['fact']} has no table {', '.join(absent)}"] if absent else []
            said += [f"rows not counted (a view, or the same table listed twice): {', '.join(uncounted)}"
                     ] if uncounted else []
            return Outcome.unknown(f"{'; '.join(said)}: the moved rows cannot be counted.",
                                   needs=(self.params["fact"], self.params["before"]))
        return Outcome.passed(f"{self.params['fact']}: the moved rows arrived ({', '.join(fine)}).")


def _folded(tables: dict[str, int | None]) -> dict[str, int | None]:
    """Row counts by table name as SQL Server and Windows compare names; None when not counted.

    A view is listed with null (present, its rows not counted); one name
    listed twice with different counts is not counted either.
    """
    folded: dict[str, int | None] = {}
    for name, rows in tables.items():
        key = normalize.fold(name)
        same = key not in folded or folded[key] == rows
        folded[key] = int(rows) if rows is not None and same else None
    return folded
