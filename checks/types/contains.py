from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class Contains(CheckType):
    """A list holds a given item, such as an installed product.

    The item is ``value``, or the text another fact holds (``other``: an
    account that must be a member of a group's list, as Windows compares
    account names: without case). With ``key``, the list's items are objects
    compared by that key (for ``platform.products``, ``key: name``). Text
    compares without case or spacing. With ``equivalents`` (a table such as
    ``data.product_equivalents``), any of the value's equivalent names counts too.
    Passes when the list of ``fact`` holds ``value`` (or an equivalent).
    Fails when it does not.
    """

    name = "contains"
    required = ("fact",)
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "value": {"type": "string"},
        "other": REF,
        "key": {"type": "string"},
        "equivalents": REF,
    }

    @classmethod
    def schema(cls) -> dict[str, Any]:
        # The item is given once: as a value, or as the fact that holds it.
        return {**super().schema(), "allOf": [{
            "oneOf": [{"required": ["value"]}, {"required": ["other"]}],
            "x-message": "contains takes the item as value or as other (a fact), one of them"}]}

    def table_columns(self) -> list[tuple[str, tuple[str, ...]]]:
        table = self.params.get("equivalents")
        return [(table, ("name", "satisfied_by"))] if table else []

    def evaluate(self, facts: Facts) -> Outcome:
        ref, key = self.params["fact"], self.params.get("key")
        wanted = self.params["value"] if "value" in self.params else facts.get(self.params["other"])
        if not isinstance(wanted, str):
            return Outcome.unknown(f"{self.params['other']} is {show(wanted)}, not a name to look for.",
                                   needs=(self.params["other"],))
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
