from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import OPERATORS, REF, CheckType, show
from itmscheck.engine.fact_types import NUMBERS, json_types
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class Compare(CheckType):
    """A numeric fact compared with a number, a threshold or another fact.

    Passes when ``fact <op> value`` holds (``value`` may be a number or a
    reference such as ``threshold.backup_max_age_hours``).
    Fails when it does not. A fact that is not a number is unknown.
    """

    name = "compare"
    required = ("fact", "op", "value")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "op": {"enum": list(OPERATORS)},
        "value": {"oneOf": [{"type": "number"}, REF]},
    }

    def problems(self) -> list[tuple[list[Any], str]]:
        found = []
        for key in ("fact", "value"):
            ref = self.params[key]
            types = json_types(ref) if isinstance(ref, str) else None
            if types is not None and not types & NUMBERS:
                found.append(([key], f"{ref} holds {' or '.join(sorted(types))}, not a number: "
                                     f"{self.params['op']!r} compares numbers"))
        return found

    def evaluate(self, facts: Facts) -> Outcome:
        ref, op = self.params["fact"], self.params["op"]
        actual = facts.get(ref)
        limit = self.params["value"]
        if isinstance(limit, str):
            limit = facts.get(limit)
        for what, number in ((ref, actual), (self.params["value"], limit)):
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                return Outcome.unknown(f"{what} is {show(number)}, not a number.",
                                       needs=(what,) if isinstance(what, str) else ())
        if OPERATORS[op](actual, limit):
            return Outcome.passed(f"{ref} is {actual} ({op} {limit}).")
        return Outcome.failed(f"{ref} is {actual}, but it must be {op} {limit}.")
