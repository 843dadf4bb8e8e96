from __future__ import annotations

import re
from typing import Any, ClassVar

from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome

_DOTTED = re.compile(r"\d+(?:[.,]\d+)*")
_WIDTH = 8  # parts of the dotted version, padded with zeros


def version_key(text: str) -> tuple[int, ...]:
    """The numbers of a version: its dotted version padded to eight parts, then the numbers after it.

    ``10.3.183.90`` -> (10, 3, 183, 90, 0, 0, 0, 0); ``6 Update 45`` -> (6, 0, ..., 45); ``7.0 SP5``
    and ``7 SP5`` -> (7, 0, ..., 5): a service pack or update never stands for a minor version
    (``7 SP5`` is not ``7.5``). Empty when ``text`` holds no number.
    """
    dotted = _DOTTED.search(text)
    if dotted is None:
        return ()
    parts = [int(part) for part in re.split(r"[.,]", dotted.group())]
    rest = [int(part) for part in re.findall(r"\d+", text[dotted.end():])]
    return (*parts, *[0] * (_WIDTH - len(parts)), *rest)


class MinVersion(CheckType):
    """An installed version is at least a given one.

    Versions compare number by number (``10.3`` >= ``10``; ``6 Update 45`` >= ``6``), the
    dotted version first (``7 SP5`` is 7.0 with service pack 5, older than ``7.5``);
    ``minimum`` is a dotted version or a release as written (``7.1 SP2 MP1.1``).
    A null fact means not installed, where the schema says null means none.
    Passes when ``fact`` is at least ``minimum``.
    Fails when it is older, or not installed.
    """

    name = "min_version"
    required = ("fact", "minimum")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        # A dotted version, or a release as the vendor writes it (``7.1 SP2 MP1.1``).
        "minimum": {"type": "string", "pattern": r"^\d+(\.\d+)*( [A-Za-z]+ ?\d+(\.\d+)*)*$"},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref, minimum = self.params["fact"], self.params["minimum"]
        value = facts.get(ref)
        if value is None:
            return Outcome.failed(f"{ref} is not installed (at least {minimum} is needed).")
        found = version_key(str(value))
        if not found:
            return Outcome.unknown(f"{ref} is {show(value)}, which holds no version number.",
                                   needs=(ref,))
        if found >= version_key(minimum):
            return Outcome.passed(f"{ref} is {show(value)}, at least {minimum}.")
        return Outcome.failed(f"{ref} is {show(value)}, older than {minimum}.")
