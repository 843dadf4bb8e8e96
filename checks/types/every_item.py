from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import OPERATORS, REF, CheckType, same_value, show
from itmscheck.engine.fact_types import NUMBERS, ORDERING, is_number, json_types, value_fits
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.engine.patterns import compile_pattern
from itmscheck.types.min_version import version_key

WHERE = {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}}
"""JSON Schema of a ``where`` filter: field -> the value it must equal (or a list field hold)."""


class EveryItem(CheckType):
    """Every item of a list of objects (site servers, policies, ...) meets a condition.

    ``where`` restricts the items considered: ``{field: value}`` keeps the items
    whose field equals the value or, for a list field, holds it. The condition
    is on ``field``: ``op`` and ``value`` (a comparison), ``pattern`` (a
    regular expression every text, or every text of a list, must match), or
    ``minimum`` (a release, compared number by number as ``min_version`` does:
    ``7.5 SP1`` and ``8.0`` are at least ``7.5``, ``7.1 SP2`` is not; a release
    holding no number is unknown). Items are named by ``label`` (default
    ``name``) in the message.
    Passes when every considered item meets the condition (also when none is considered).
    Fails when some do not, naming them and their value. An item whose field is
    missing or null is unknown, never a pass; so is an item whose ``where``
    field is missing or null, unless it meets the condition anyway.
    """

    name = "every_item"
    required = ("fact", "field")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "where": WHERE,
        "field": {"type": "string"},
        "op": {"enum": list(OPERATORS)},
        "value": {"type": ["string", "number", "boolean"]},
        "pattern": {"type": "string", "format": "regex"},
        "minimum": {"type": "string", "pattern": r"^\d+(\.\d+)*$"},
        "label": {"type": "string"},
    }

    @classmethod
    def schema(cls) -> dict[str, Any]:
        # One condition only: a comparison, a pattern or a minimum release.
        return {**super().schema(), "allOf": [{
            "not": {"anyOf": [{"required": ["minimum", "op"]}, {"required": ["minimum", "value"]},
                              {"required": ["minimum", "pattern"]}, {"required": ["pattern", "op"]},
                              {"required": ["pattern", "value"]}]},
            "x-message": "every_item takes one condition: op and value, pattern, or minimum"}]}

    def evaluate(self, facts: Facts) -> Outcome:
        ref, field, label = self.params["fact"], self.params["field"], self.params.get("label", "name")
        where = self.params.get("where", {})
        chosen = [(item, selected(item, where)) for item in facts.get(ref)]
        items = [item for item, sure in chosen if sure is not False]
        bad, unknown = [], []
        for item, sure in chosen:
            value = item.get(field)
            name = str(item.get(label, "?"))
            meets = None if value is None else self._meets(value)
            if sure is None and not meets:  # it may be one of the items considered
                unknown.append(f"{name} ({', '.join(where)} unknown)")
            elif sure is not True or meets:
                continue
            elif meets is None:
                norelease = "minimum" in self.params and value is not None
                unknown.append(f"{name} ({show(value)} holds no release number)" if norelease else name)
            else:
                bad.append(f"{name} ({field} {show(value)})")
        what = f"{ref} ({self._describe()})"
        if bad:
            return Outcome.failed(f"{len(bad)} of {len(items)} items of {what} do not: {', '.join(bad)}.")
        if unknown:
            return Outcome.unknown(f"{field} is unknown for {', '.join(unknown)} in {ref}.",
                                   needs=(ref,))
        return Outcome.passed(f"All {len(items)} items of {what} do.")

    def _meets(self, value: Any) -> bool | None:
        """Whether ``value`` meets the condition; None when it cannot be compared (unknown)."""
        if "minimum" in self.params:
            release = version_key(str(value))
            return release >= version_key(self.params["minimum"]) if release else None
        if "pattern" in self.params:
            texts = value if isinstance(value, list) else [value]
            pattern = compile_pattern(self.params["pattern"])
            return all(isinstance(t, str) and pattern.match(t) for t in texts)
        op = self.params.get("op", "==")
        if op in ORDERING and not is_number(value):
            return None
        if op in ("==", "!="):  # a boolean equals only a boolean
            return same_value(value, self.params.get("value")) is (op == "==")
        compare: Any = OPERATORS[op]
        return bool(compare(value, self.params.get("value")))

    def problems(self) -> list[tuple[list[Any], str]]:
        op, value, field = self.params.get("op", "=="), self.params.get("value"), self.params["field"]
        types = json_types(self.params["fact"], field)
        shown = f"{self.params['fact']} items' {field}"
        if "minimum" in self.params:
            fits = types is None or "string" in types
            return [] if fits else [(["minimum"], f"{shown} holds {' or '.join(sorted(types or ()))}, "
                                                  "not a release to compare")]
        if "pattern" in self.params:
            fits = types is None or bool(types & {"string", "array"})
            return [] if fits else [(["pattern"], f"{shown} holds {' or '.join(sorted(types or ()))}, "
                                                  "not text a pattern can match")]
        if op in ORDERING and not is_number(value):
            return [(["value"], f"op {op!r} compares numbers, but value is {show(value)}")]
        if op in ORDERING and types is not None and not types & NUMBERS:
            return [(["op"], f"op {op!r} compares numbers, but {shown} holds "
                             f"{' or '.join(sorted(types))}")]
        if not value_fits(value, types):
            return [(["value"], f"{shown} holds {' or '.join(sorted(types or ()))}, never {show(value)}")]
        return []

    def _describe(self) -> str:
        where = " and ".join(f"{k} {show(v)}" for k, v in self.params.get("where", {}).items())
        if "minimum" in self.params:
            rule = f"{self.params['field']} at least {self.params['minimum']}"
        elif "pattern" in self.params:
            rule = f"{self.params['field']} matches {self.params['pattern']}"
        else:
            rule = f"{self.params['field']} {self.params.get('op', '==')} {show(self.params.get('value'))}"
        return f"where {where}: {rule}" if where else rule


def selected(item: dict[str, Any], where: dict[str, Any]) -> bool | None:
    """Whether ``item`` passes a ``where`` filter: each field equals, or holds, its value.

    None when no field rules the item out but one that could is missing or null:
    the item may belong, and a check must not leave it out as if it did not.
    """
    unsure = False
    for key, wanted in where.items():
        value = item.get(key)
        values = value if isinstance(value, list) else [value]
        if any(v is not None and _same(v, wanted) for v in values):
            continue
        if None in values:
            unsure = True
        else:
            return False
    return None if unsure else True


def considered(items: Any, where: dict[str, Any]) -> list[tuple[dict[str, Any], bool]]:
    """The objects of ``items`` a ``where`` filter may pick, each with whether it surely does.

    An object it may pick (a filter field unknown) is kept: a check that finds it wanting
    is unknown, not failed, and never leaves it out as if it did not belong.
    """
    picks = [(item, selected(item, where)) for item in items or [] if isinstance(item, dict)]
    return [(item, sure is True) for item, sure in picks if sure is not False]


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        return normalize.text(left) == normalize.text(right)
    return same_value(left, right)
