from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, same_value, show
from itmscheck.engine.fact_types import json_types, value_fits
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class OneOf(CheckType):
    """A fact is one of a list of allowed values (membership).

    Passes when ``fact`` is in ``values`` (compared as text: case and spacing
    ignored when both are strings).
    Fails when it is not, naming the allowed values (a boolean is never a number).
    """

    name = "one_of"
    required = ("fact", "values")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "values": {"type": "array", "minItems": 1},
    }

    def problems(self) -> list[tuple[list[Any], str]]:
        types = json_types(self.params["fact"])
        return [(["values", index], f"{self.params['fact']} holds {' or '.join(sorted(types or ()))}, "
                                    f"never {show(value)}")
                for index, value in enumerate(self.params["values"]) if not value_fits(value, types)]

    def evaluate(self, facts: Facts) -> Outcome:
        actual = facts.get(self.params["fact"])
        allowed = self.params["values"]
        if any(_same(actual, value) for value in allowed):
            return Outcome.passed(f"{self.params['fact']} is {show(actual)}.")
        listed = ", ".join(show(value) for value in allowed)
        return Outcome.failed(f"{self.params['fact']} is {show(actual)}, not one of {listed}.")


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        return normalize.text(left) == normalize.text(right)
    return same_value(left, right)
