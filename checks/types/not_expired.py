from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.types.every_item import WHERE, considered


class NotExpired(CheckType):
    """An expiry date (of one fact, or of every selected item of a list) is still ahead.

    Measured against the snapshot's ``collected_at``, never the wall clock: the
    same snapshot always gives the same verdict. A date-only value is a day of
    the evidence's own calendar and is valid through that day; a date-time
    needs its time zone. With ``field``, ``fact`` is a list of objects: ``where``
    keeps the items whose field equals (or, for a list field, holds) the value,
    and items are named by ``label`` (default ``name``). ``min_days`` asks for
    that many days still to run (default 0).
    Passes when every date lies at least ``min_days`` after the snapshot was
    collected.
    Fails when one is nearer or past, or when the filter keeps no item (there is
    nothing whose expiry could be judged: the item the rule is about is missing).
    A date that is null or not a date is unknown, never a pass.
    """

    name = "not_expired"
    required = ("fact",)
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "field": {"type": "string"},
        "where": WHERE,
        "label": {"type": "string"},
        "min_days": {"type": "integer", "minimum": 0},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref, field = self.params["fact"], self.params.get("field")
        label, days = self.params.get("label", "name"), self.params.get("min_days", 0)
        value = facts.get(ref)
        if field is None:
            dated = [(ref, value, True)]
        else:
            items = considered(value, self.params.get("where", {}))
            if not items:
                return Outcome.failed(f"{ref} has no item{self._filter()}: nothing says when it "
                                      "expires.")
            dated = [(f"{item.get(label, '?')} ({field})", item.get(field), sure) for item, sure in items]
        limit = facts.collected_at(ref) + timedelta(days=days)
        last_day = facts.local_date(ref) + timedelta(days=days)
        late, unknown = [], []
        for name, when, sure in dated:
            still = _valid_at(when, limit, last_day)
            if still is None or (not still and not sure):  # may not be the item the filter means
                unknown.append(f"{name} is {show(when)}")
            elif not still:
                late.append(f"{name} {show(when)}")
        when_ = f"{days} days after the snapshot" if days else "the snapshot"
        if late:
            return Outcome.failed(f"Expired by {when_} ({last_day}): {', '.join(late)}.")
        if unknown:
            return Outcome.unknown(f"No expiry date to judge: {', '.join(unknown)}.", needs=(ref,))
        return Outcome.passed(f"Every expiry of {ref}{self._filter()} is still ahead {when_} "
                              f"({last_day}).")

    def _filter(self) -> str:
        where = self.params.get("where", {})
        return f" where {', '.join(f'{k} {show(v)}' for k, v in where.items())}" if where else ""


def _valid_at(value: Any, limit: datetime, last_day: date) -> bool | None:
    """Whether ``value`` (an expiry) is still valid at ``limit``; None when it is no date.

    A date-only expiry is a day of the evidence's own calendar and is valid
    through that day (``last_day``: the evidence's local day plus the days asked
    for); a date-time needs its time zone.
    """
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value) >= last_day
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment >= limit if moment.tzinfo is not None else None
