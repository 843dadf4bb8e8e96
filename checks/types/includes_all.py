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
    Fails when some are missing, naming them. An object whose filter field is
    missing or null may be kept or not: unknown when that could change the answer.
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
        required, maybe_required = _split(facts.get(self.params["required"]), key,
                                          self.params.get("required_where"))
        sure, maybe = _split(facts.get(self.params["available"]), key, self.params.get("available_where"))
        available = {normalize.text(name) for name in sure}
        maybe_available = {normalize.text(name) for name in maybe}
        satisfied_by: dict[str, list[str]] = {}
        ignored: set[str] = set()
        if "equivalents" in self.params:
            table = facts.get(self.params["equivalents"])
            for row in table.get("rows", []):
                satisfied_by[normalize.text(row["name"])] = [row["name"], *row["satisfied_by"]]
            ignored = {normalize.text(row["name"]) for row in table.get("not_counted", [])}
        patterns = [compile_pattern(p, ignore_case=True) for p in self.params.get("ignore", [])]
        def counts(name: str) -> bool:
            return normalize.text(name) not in ignored and not any(p.search(name) for p in patterns)

        def found(name: str, among: set[str]) -> bool:
            return any(normalize.text(option) in among
                       for option in satisfied_by.get(normalize.text(name), [name]))

        counted = [name for name in required if counts(name)]
        missing = [name for name in counted if not found(name, available)]
        # An item whose filter field is unknown may or may not be required (or
        # available): what it could change is unknown, never a pass.
        unsure = [name for name in missing if found(name, maybe_available)] + [
            name for name in maybe_required if counts(name) and not found(name, available)]
        missing = [name for name in missing if name not in unsure]
        left_out = sorted(set(required) - set(counted))
        note = f" (not counted: {', '.join(left_out)})" if left_out else ""
        required_ref = _described(self.params["required"], self.params.get("required_where"))
        available_ref = _described(self.params["available"], self.params.get("available_where"))
        if missing:
            return Outcome.failed(
                f"{len(missing)} of {len(counted)} items of {required_ref} are missing "
                f"from {available_ref}: {', '.join(missing)}{note}.")
        if unsure:
            return Outcome.unknown(
                f"{', '.join(unsure)}: whether {required_ref} needs it, or {available_ref} holds it, "
                "is unknown (a filter field is missing or null).",
                needs=(self.params["required"], self.params["available"]))
        return Outcome.passed(f"All {len(counted)} items of {required_ref} are in {available_ref}{note}.")


def _split(items: list[Any], key: str | None, where: dict[str, Any] | None) -> tuple[list[str], list[str]]:
    """The names of the items the filter keeps, and of those it may keep (a filter field unknown)."""
    kept: dict[bool | None, list[str]] = {True: [], None: [], False: []}
    for item in items:
        sure = True if not where else selected(item, where) if isinstance(item, dict) else False
        kept[sure].append(_name(item, key))
    return kept[True], kept[None]


def _described(ref: str, where: dict[str, Any] | None) -> str:
    return ref + (f" (where {', '.join(f'{k} {show(v)}' for k, v in where.items())})" if where else "")


def _name(item: Any, key: str | None) -> str:
    value = item.get(key) if key and isinstance(item, dict) else item
    return str(value)
