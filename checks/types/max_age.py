from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import REF, CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.evidence.snapshot import parse_datetime


class MaxAge(CheckType):
    """A moment is recent enough, measured against its snapshot's ``collected_at``.

    Never the wall clock: the same snapshot always gives the same verdict.
    ``max_hours`` is a number or a reference (``threshold.backup_max_age_hours``).
    Passes when ``fact`` is at most ``max_hours`` before the snapshot was collected.
    Fails when it is older, when it lies after the snapshot was collected (a
    clock or a snapshot is wrong), or when it is null (none recorded).
    """

    name = "max_age"
    required = ("fact", "max_hours")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "max_hours": {"oneOf": [{"type": "number", "exclusiveMinimum": 0}, REF]},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref = self.params["fact"]
        limit = self.params["max_hours"]
        if isinstance(limit, str):
            limit = facts.get(limit)
        value = facts.get(ref)
        if value is None:
            return Outcome.failed(f"{ref} is null: none is recorded.")
        moment = parse_datetime(value, ref, ref)
        reference = facts.collected_at(ref)
        hours = (reference - moment).total_seconds() / 3600
        when = f"{value} ({hours:.1f} h before the snapshot of {reference:%Y-%m-%d %H:%M}Z)"
        if hours < 0:
            return Outcome.failed(f"{ref} is {value}, after the snapshot was collected.")
        if hours <= limit:
            return Outcome.passed(f"{ref} is {when}, within {limit:g} h.")
        return Outcome.failed(f"{ref} is {when}, older than {limit:g} h.")
