from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import OPERATORS, REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.types.every_item import selected


class CountItems(CheckType):
    """How many items of a list of objects meet a filter, compared with a number.

    ``where`` keeps the items whose field equals the value or, for a list
    field, holds it (as in ``every_item``); without it every item counts, and
    the list may hold plain names (``hierarchy.children``).
    Passes when the count ``op`` ``value`` holds (``>= 1``: there is at least one).
    Fails when it does not, naming the items counted. Items whose filter field
    is missing or null may count or not: unknown when that changes the answer.
    """

    name = "count_items"
    required = ("fact", "op", "value")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "where": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}},
        "op": {"enum": list(OPERATORS)},
        "value": {"type": "integer", "minimum": 0},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref, op, value = self.params["fact"], self.params["op"], self.params["value"]
        where = self.params.get("where", {})
        chosen = [(item, True if not where else selected(item, where) if isinstance(item, dict) else False)
                  for item in facts.get(ref)]
        items = [item for item, sure in chosen if sure]
        unsure = [str(item.get("name", "?")) for item, sure in chosen if sure is None]
        names = ", ".join(str(item.get("name", "?")) if isinstance(item, dict) else str(item)
                          for item in items) or "none"
        what = f"items of {ref}" + (f" with {', '.join(f'{k} {show(v)}' for k, v in where.items())}"
                                    if where else "")
        # Items whose filter field is unknown may or may not count: the comparison
        # decides only when it comes out the same for every count they allow.
        holds = {bool(OPERATORS[op](len(items) + extra, value)) for extra in range(len(unsure) + 1)}
        if len(holds) > 1:
            return Outcome.unknown(f"{len(items)} {what} ({names}), and {len(unsure)} more may be "
                                   f"({', '.join(unsure)}: {', '.join(where)} unknown); "
                                   f"it must be {op} {value}.", needs=(ref,))
        if holds == {True}:
            return Outcome.passed(f"{len(items)} {what} ({names}), {op} {value}.")
        return Outcome.failed(f"{len(items)} {what} ({names}), but it must be {op} {value}.")
