from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.engine.patterns import compile_pattern
from itmscheck.types.every_item import WHERE, selected


class IncludesAll(CheckType):
    """Every item of one list has its counterpart in another (set inclusion).

    ``required`` and ``available`` are lists of strings, or of objects compared
    by their ``key``. With ``equivalents`` (a data table with ``rows`` of
    ``{name, satisfied_by: [...]}`` and ``not_counted: [{name, ...}]``), a
    required item is satisfied by any of its equivalents, and items the table
    does not count are left out, as are items matching a pattern of ``ignore``
    (case-insensitive). ``required_where`` and ``available_where`` keep only
    the objects of each list whose fields equal (or, for a list field, hold)
    the values given, as ``every_item``'s ``where``. Names compare without case
    or spacing.
    Passes when every counted required item is available.
    Fails when some are missing, naming them.
    """

    name = "includes_all"
    required = ("required", "available")
    parameters: ClassVar[dict[str, Any]] = {
        "required": REF,
        "available": REF,
        "key": {"type": "string"},
        "equivalents": REF,
        "ignore": {"type": "array", "items": {"type": "string", "format": "regex"}},
        "required_where": WHERE,
        "available_where": WHERE,
    }

    def table_columns(self) -> list[tuple[str, tuple[str, ...]]]:
        table = self.params.get("equivalents")
        return [(table, ("name", "satisfied_by"))] if table else []

    def evaluate(self, facts: Facts) -> Outcome:
        key = self.params.get("key")
        required = [_name(item, key) for item in facts.get(self.params["required"])
                    if _kept(item, self.params.get("required_where"))]
        available = {normalize.text(_name(item, key)) for item in facts.get(self.params["available"])
                     if _kept(item, self.params.get("available_where"))}
        satisfied_by: dict[str, list[str]] = {}
        ignored: set[str] = set()
        if "equivalents" in self.params:
            table = facts.get(self.params["equivalents"])
            for row in table.get("rows", []):
                satisfied_by[normalize.text(row["name"])] = [row["name"], *row["satisfied_by"]]
            ignored = {normalize.text(row["name"]) for row in table.get("not_counted", [])}
        patterns = [compile_pattern(p, ignore_case=True) for p in self.params.get("ignore", [])]
        counted = [name for name in required if normalize.text(name) not in ignored
                   and not any(p.search(name) for p in patterns)]
        missing = [
            name for name in counted
            if not any(normalize.text(option) in available
                       for option in satisfied_by.get(normalize.text(name), [name]))
        ]
        left_out = sorted(set(required) - set(counted))
        note = f" (not counted: {', '.join(left_out)})" if left_out else ""
        required_ref = _described(self.params["required"], self.params.get("required_where"))
        available_ref = _described(self.params["available"], self.params.get("available_where"))
        if missing:
            return Outcome.failed(
                f"{len(missing)} of {len(counted)} items of {required_ref} are missing "
                f"from {available_ref}: {', '.join(missing)}{note}.")
        return Outcome.passed(f"All {len(counted)} items of {required_ref} are in {available_ref}{note}.")


def _kept(item: Any, where: dict[str, Any] | None) -> bool:
    return not where or (isinstance(item, dict) and selected(item, where))


def _described(ref: str, where: dict[str, Any] | None) -> str:
    return ref + (f" (where {', '.join(f'{k} {show(v)}' for k, v in where.items())})" if where else "")


def _name(item: Any, key: str | None) -> str:
    value = item.get(key) if key and isinstance(item, dict) else item
    return str(value)
