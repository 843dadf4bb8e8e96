"""The plugin: the ``no_spaces`` check type and the folder of Contoso's rule files."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, ClassVar

from itmscheck import REF, CheckType, Outcome, hookimpl


class NoSpaces(CheckType):
    """A text fact holds no space.

    Passes when ``fact`` is text without a space.
    Fails when it contains one.
    """

    name = "no_spaces"
    required = ("fact",)
    parameters: ClassVar[dict[str, Any]] = {"fact": REF}

    def evaluate(self, facts: Any) -> Outcome:
        value = facts.get(self.params["fact"])
        if not isinstance(value, str):
            return Outcome.unknown(f"{self.params['fact']} is not text")
        verdict = Outcome.failed if " " in value else Outcome.passed
        return verdict(f"{self.params['fact']} is {value!r}")


@hookimpl
def itmscheck_check_types() -> list[type[CheckType]]:
    return [NoSpaces]


@hookimpl
def itmscheck_rule_dirs() -> list[Traversable]:
    return [resources.files("itmscheck_contoso") / "rules"]
