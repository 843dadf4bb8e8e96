from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class SamePath(CheckType):
    """Two Windows paths name the same folder.

    Compared as Windows does: case-insensitive, ``/`` and ``\\`` alike,
    without a trailing separator (``C:\\Program Files\\`` == ``c:/program files``).
    Passes when ``fact`` and ``other`` are the same path.
    Fails when they differ.
    """

    name = "same_path"
    required = ("fact", "other")
    parameters: ClassVar[dict[str, Any]] = {"fact": REF, "other": REF}

    def evaluate(self, facts: Facts) -> Outcome:
        left, right = facts.get(self.params["fact"]), facts.get(self.params["other"])
        if normalize.windows_path(left) == normalize.windows_path(right):
            return Outcome.passed(f"{self.params['fact']} is {show(left)}, the same as "
                                  f"{self.params['other']}.")
        return Outcome.failed(f"{self.params['fact']} is {show(left)}, but "
                              f"{self.params['other']} is {show(right)}.")
