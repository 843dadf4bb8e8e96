from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, same_value, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class MatchesRow(CheckType):
    """A combination of facts is one of the rows of a data table.

    ``columns`` maps a column of the table ``data.<table>`` to the fact that
    must match it; releases are compared without case or spaces.
    Passes when one row matches every column.
    Fails when no row does, listing the rows the table allows.
    """

    name = "matches_row"
    required = ("table", "columns")
    parameters: ClassVar[dict[str, Any]] = {
        "table": REF,
        "columns": {"type": "object", "minProperties": 1, "additionalProperties": REF},
    }

    def table_columns(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(self.params["table"], tuple(self.params["columns"]))]

    def evaluate(self, facts: Facts) -> Outcome:
        table = facts.get(self.params["table"])
        wanted = {column: facts.get(ref) for column, ref in self.params["columns"].items()}
        shown = ", ".join(f"{column} {show(value)}" for column, value in wanted.items())
        if any(all(_same(row.get(column), value) for column, value in wanted.items())
               for row in table["rows"]):
            return Outcome.passed(f"{shown} is a supported combination.")
        allowed = "; ".join(" + ".join(str(row[column]) for column in wanted)
                            for row in table["rows"])
        return Outcome.failed(f"{shown} is not a supported combination (supported: {allowed}).")


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, str) and isinstance(actual, str):
        return normalize.release(expected) == normalize.release(actual)
    return same_value(expected, actual)
