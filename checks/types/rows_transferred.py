from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import REF, CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class RowsTransferred(CheckType):
    """The rows of tables an upgrade moves arrived in their new tables.

    ``fact`` and ``before`` are table-to-row-count objects (such as
    ``target.cmdb.tables`` and ``source.cmdb.tables``); ``moves`` maps each
    new table to the old tables whose data the upgrade moves into it. Table
    names compare case-insensitively; a table absent from ``before`` held no
    rows there.
    Passes when every new table holds at least the rows it held before plus
    the rows of the old tables moved into it.
    Fails when one holds fewer, naming it, its rows and the expected minimum
    with its parts.
    A new table absent from ``fact`` is unknown here (a ``tables`` check says
    it is missing), never a pass.
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
        short, absent, fine = [], [], []
        for table, sources in self.params["moves"].items():
            parts = [(name, before.get(name.casefold(), 0)) for name in (table, *sources)
                     if name != table or name.casefold() in before]
            expected = sum(rows for _name, rows in parts)
            rows = after.get(table.casefold())
            if rows is None:
                absent.append(table)
            elif rows < expected:
                shown = " + ".join(f"{name} {count:,}" for name, count in parts)
                short.append(f"{table} has {rows:,} rows; at least {expected:,} were expected "
                             f"({shown} before the upgrade)")
            else:
                fine.append(f"{table} {rows:,} >= {expected:,}")
        if short:
            return Outcome.failed(f"{self.params['fact']}: {'; '.join(short)}.")
        if absent:
            return Outcome.unknown(f"{self.params['fact']} has no table {', '.join(absent)}: its rows "
                                   "cannot be counted.")
        return Outcome.passed(f"{self.params['fact']}: the moved rows arrived ({', '.join(fine)}).")


def _folded(tables: dict[str, int]) -> dict[str, int]:
    return {name.casefold(): int(rows) for name, rows in tables.items()}
