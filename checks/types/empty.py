from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class Empty(CheckType):
    """A fact holds nothing: an empty list or text, or null where null means none.

    (Where null means "could not be read", the fact is unknown, never empty.)
    Passes when ``fact`` is empty.
    Fails when it holds something, showing what.
    """

    name = "empty"
    required = ("fact",)
    parameters: ClassVar[dict[str, Any]] = {"fact": REF}

    def evaluate(self, facts: Facts) -> Outcome:
        ref = self.params["fact"]
        value = facts.get(ref)
        if value in (None, "", [], {}):
            return Outcome.passed(f"{ref} is empty.")
        return Outcome.failed(f"{ref} is {show(value)}.")
