from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.types.every_item import WHERE, considered, selected


class ItemsHold(CheckType):
    """Every item of a list of objects has a list field holding all the given names.

    For each site server that runs the package service, its IIS role services
    hold the ones a package server needs. ``where`` keeps the items whose field
    equals (or, for a list field, holds) the value, as ``every_item`` does;
    ``unless`` exempts the items whose field equals the value given there (an
    item whose field is unknown is not exempt: only a known value exempts).
    Names compare without case or spacing; items are named by ``label``
    (default ``name``).
    Passes when every considered item's ``field`` holds every one of ``values``
    (also when no item is considered).
    Fails when some lack some, naming the items and what they lack. An item
    whose ``field`` is missing or null is unknown, never a pass.
    """

    name = "items_hold"
    required = ("fact", "field", "values")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "where": WHERE,
        "unless": WHERE,
        "field": {"type": "string"},
        "values": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "label": {"type": "string"},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref, field = self.params["fact"], self.params["field"]
        label, wanted = self.params.get("label", "name"), self.params["values"]
        unless = self.params.get("unless")
        picked = [(item, sure) for item, sure in considered(facts.get(ref), self.params.get("where", {}))
                  if not (unless and selected(item, unless))]
        items = [item for item, _sure in picked]
        lacking: list[str] = []
        unknown: list[str] = []
        for item, sure in picked:
            held = item.get(field)
            name = str(item.get(label, "?"))
            if not isinstance(held, list):
                unknown.append(name)
                continue
            have = {normalize.text(str(value)) for value in held}
            missing = [value for value in wanted if normalize.text(value) not in have]
            if missing:  # an item the filter only may pick lacks them: unknown, not failed
                (lacking if sure else unknown).append(f"{name} (no {', '.join(missing)})")
        what = f"{ref}{self._filter()}"
        if lacking:
            return Outcome.failed(f"{len(lacking)} of {len(items)} items of {what} lack some of "
                                  f"{show(wanted)} in {field}: {'; '.join(lacking)}.")
        if unknown:
            return Outcome.unknown(f"{field} is unknown for {', '.join(unknown)} in {ref}.",
                                   needs=(ref,))
        return Outcome.passed(f"All {len(items)} items of {what} hold {show(wanted)} in {field}.")

    def _filter(self) -> str:
        parts = [f"where {k} {show(v)}" for k, v in self.params.get("where", {}).items()]
        parts += [f"unless {k} {show(v)}" for k, v in self.params.get("unless", {}).items()]
        return f" ({', '.join(parts)})" if parts else ""
