from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class Contains(CheckType):
    """A list holds a given item, such as an installed product.

    With ``key``, the list's items are objects compared by that key (for
    ``platform.products``, ``key: name``). Text compares without case or spacing.
    With ``equivalents`` (a table such as ``data.product_equivalents``), any
    of the value's equivalent names counts too.
    Passes when the list of ``fact`` holds ``value`` (or an equivalent).
    Fails when it does not.
    """

    name = "contains"
    required = ("fact", "value")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "value": {"type": "string"},
        "key": {"type": "string"},
        "equivalents": REF,
    }

    def table_columns(self) -> list[tuple[str, tuple[str, ...]]]:
        table = self.params.get("equivalents")
        return [(table, ("name", "satisfied_by"))] if table else []

    def evaluate(self, facts: Facts) -> Outcome:
        ref, wanted, key = self.params["fact"], self.params["value"], self.params.get("key")
        items = facts.get(ref)
        names = [str(item.get(key)) if key and isinstance(item, dict) else str(item)
                 for item in items]
        accepted = {normalize.text(wanted)}
        if "equivalents" in self.params:
            for row in facts.get(self.params["equivalents"]).get("rows", []):
                if normalize.text(row["name"]) == normalize.text(wanted):
                    accepted |= {normalize.text(name) for name in row["satisfied_by"]}
        held = [name for name in names if normalize.text(name) in accepted]
        if held:
            return Outcome.passed(f"{ref} holds {show(held[0])}.")
        return Outcome.failed(f"{ref} does not hold {show(wanted)}.")
