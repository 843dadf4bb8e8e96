from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import OPERATORS, REF, CheckType, show
from itmscheck.engine.fact_types import is_number
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.types.every_item import WHERE, considered


class ItemCompare(CheckType):
    """A number of the item a filter picks from a list, compared with a number or another fact.

    For instance, the node count of the Inventory Solution license compared
    with the computers the server manages. ``where`` picks the items whose
    field equals (or, for a list field, holds) the value, as ``every_item``
    does; every picked item is compared. ``value`` is a number or a reference
    (``target.resources.managed_computers``).
    Passes when ``field <op> value`` holds for every picked item.
    Fails when it does not for one, or when the filter picks no item (the item
    the rule is about is missing). A field or value that is not a number is
    unknown, never a pass; so is an item the filter may pick (a filter field
    unknown) that does not hold.
    """

    name = "item_compare"
    required = ("fact", "where", "field", "op", "value")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "where": WHERE,
        "field": {"type": "string"},
        "op": {"enum": list(OPERATORS)},
        "value": {"oneOf": [{"type": "number"}, REF]},
        "label": {"type": "string"},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref, field, op = self.params["fact"], self.params["field"], self.params["op"]
        where, label = self.params["where"], self.params.get("label", "name")
        limit = self.params["value"]
        named = limit if isinstance(limit, str) else None
        if named is not None:
            limit = facts.get(named)
        picked = considered(facts.get(ref), where)
        chosen = ", ".join(f"{k} {show(v)}" for k, v in where.items())
        if not picked:
            return Outcome.failed(f"{ref} has no item where {chosen}.")
        against = f"{named} ({show(limit)})" if named else show(limit)
        if not is_number(limit):
            return Outcome.unknown(f"{against} is not a number to compare with.", needs=(named or ref,))
        bad, unknown = [], []
        for item, sure in picked:
            value, name = item.get(field), str(item.get(label, "?"))
            if not is_number(value) or (not sure and not OPERATORS[op](value, limit)):
                unknown.append(f"{name} ({field} {show(value)})")
            elif not OPERATORS[op](value, limit):
                bad.append(f"{name} ({field} {show(value)})")
        if bad:
            return Outcome.failed(f"{', '.join(bad)} of {ref}: not {op} {against}.")
        if unknown:
            return Outcome.unknown(f"{field} is not a number for {', '.join(unknown)} in {ref}.",
                                   needs=(ref,))
        return Outcome.passed(f"{field} of {ref} where {chosen} is {op} {against}.")
