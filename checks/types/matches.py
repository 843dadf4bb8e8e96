from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.engine.patterns import compile_pattern


class Matches(CheckType):
    """A text fact matches a regular expression (case-insensitive).

    ``meaning`` says in words what the pattern accepts, for the report.
    Passes when ``fact`` matches ``pattern`` (searched from the start; RE2 syntax,
    matched in linear time).
    Fails when it does not.
    """

    name = "matches"
    required = ("fact", "pattern", "meaning")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "pattern": {"type": "string", "format": "regex"},
        "meaning": {"type": "string", "minLength": 1},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref = self.params["fact"]
        value = facts.get(ref)
        pattern = compile_pattern(self.params["pattern"], ignore_case=True)
        if isinstance(value, str) and pattern.match(value.strip()):
            return Outcome.passed(f"{ref} is {show(value)}: {self.params['meaning']}.")
        return Outcome.failed(f"{ref} is {show(value)}, not {self.params['meaning']}.")
