from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class Tables(CheckType):
    """Named tables are present in, or absent from, a CMDB.

    ``fact`` is a table-to-row-count object such as ``target.cmdb.tables``;
    table names compare case-insensitively (ordinal), as SQL Server's usual collation does.
    Passes when every table of ``present`` is there and none of ``absent`` is.
    Fails when a table of ``present`` is missing or one of ``absent`` is there,
    naming each table out of place.
    """

    name = "tables"
    required = ("fact",)
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "present": {"type": "array", "items": {"type": "string"}},
        "absent": {"type": "array", "items": {"type": "string"}},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref = self.params["fact"]
        tables = {normalize.fold(name) for name in facts.get(ref)}
        missing = [t for t in self.params.get("present", []) if normalize.fold(t) not in tables]
        extra = [t for t in self.params.get("absent", []) if normalize.fold(t) in tables]
        problems = []
        if missing:
            problems.append(f"missing: {', '.join(missing)}")
        if extra:
            problems.append(f"still present: {', '.join(extra)}")
        if problems:
            return Outcome.failed(f"{ref}: {'; '.join(problems)}.")
        return Outcome.passed(f"{ref}: the expected tables are present and the removed ones absent.")
