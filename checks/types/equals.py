from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, same_value, show
from itmscheck.engine.fact_types import json_types, value_fits
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome

_NORMALIZERS = {"text": normalize.text, "release": normalize.release,
                "sql_instance": normalize.sql_instance}


class Equals(CheckType):
    """A fact equals a value, or another fact.

    Passes when ``fact`` equals ``value`` (or the fact named by ``other``),
    after the optional ``normalize`` (``text``: case and spacing ignored;
    ``release``: case and all spaces ignored; ``sql_instance``: a SQL Server
    instance by computer short name and instance name, ``SQL01.corp\\ALTIRIS``
    == ``sql01\\altiris``).
    Fails when they differ (a boolean never equals a number: ``true`` is not ``1``).
    """

    name = "equals"
    required = ("fact",)
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "value": {},
        "other": REF,
        "normalize": {"enum": list(_NORMALIZERS)},
    }

    def problems(self) -> list[tuple[list[Any], str]]:
        types = json_types(self.params["fact"])
        if "value" in self.params and not value_fits(self.params["value"], types):
            return [(["value"], f"{self.params['fact']} holds {' or '.join(sorted(types or ()))}, "
                                f"never {show(self.params['value'])}")]
        other = json_types(self.params["other"]) if "other" in self.params else None
        if types is not None and other is not None and not (types & other) - {"null"}:
            return [(["other"], f"{self.params['fact']} and {self.params['other']} never hold the "
                                "same type of value")]
        return []

    def evaluate(self, facts: Facts) -> Outcome:
        actual = facts.get(self.params["fact"])
        if "other" in self.params:
            expected, what = facts.get(self.params["other"]), self.params["other"]
        else:
            expected, what = self.params.get("value"), "expected"
        how = self.params.get("normalize")
        same = same_value(_normal(actual, how), _normal(expected, how))
        if same:
            return Outcome.passed(f"{self.params['fact']} is {show(actual)}, as {what}.")
        return Outcome.failed(f"{self.params['fact']} is {show(actual)}, but {what} is {show(expected)}.")


def _normal(value: Any, how: str | None) -> Any:
    return _NORMALIZERS[how](value) if how and isinstance(value, str) else value
