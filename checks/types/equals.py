from __future__ import annotations

import contextlib
from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, same_value, show
from itmscheck.engine.fact_types import json_types, value_fits
from itmscheck.engine.facts import Facts, FactUnknown
from itmscheck.engine.model import Outcome

_NORMALIZERS = {"text": normalize.text, "release": normalize.release,
                "sql_instance": normalize.sql_instance, "sql_name": normalize.sql_name}


class Equals(CheckType):
    """A fact equals a value, or another fact.

    Passes when ``fact`` equals ``value`` (or the fact named by ``other``),
    after the optional ``normalize`` (``text``: case and spacing ignored;
    ``release``: case and all spaces ignored; ``sql_instance``: a SQL Server
    instance by computer short name and instance name, ``SQL01.corp\\ALTIRIS``
    == ``sql01\\altiris``; ``sql_name``: a database name as SQL Server's ``_CI_AS``
    collations compare it, ignoring case, width and invisible characters;
    comparing two facts, ``(local)``, ``localhost`` or the snapshot's own host
    name stand for the computer the snapshot was collected on).
    Fails when they differ (a boolean never equals a number: ``true`` is not ``1``).
    Unknown when two instances of one name are on computers named one by address
    and one by name, which may be one computer.
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
        if self.params.get("normalize") == "sql_instance" and "other" in self.params and \
                isinstance(actual, str) and isinstance(expected, str):
            mine = instance_keys(facts, self.params["fact"], actual)
            theirs = instance_keys(facts, what, expected)
            same = bool(mine & theirs)
            if not same and _could_be_one_computer(mine, theirs):
                return Outcome.unknown(
                    f"{self.params['fact']} is {show(actual)} and {what} is {show(expected)}: the same "
                    "instance name, one computer named by address and the other by name, so whether "
                    "they are one computer is unknown.", needs=(self.params["fact"], what))
        else:
            how = self.params.get("normalize")
            same = same_value(_normal(actual, how), _normal(expected, how))
        if same:
            return Outcome.passed(f"{self.params['fact']} is {show(actual)}, as {what}.")
        return Outcome.failed(f"{self.params['fact']} is {show(actual)}, but {what} is {show(expected)}.")


def _normal(value: Any, how: str | None) -> Any:
    return _NORMALIZERS[how](value) if how and isinstance(value, str) else value


def instance_keys(facts: Facts, ref: str, value: str) -> set[str]:
    """The keys (``computer\\instance``) of a SQL Server instance read in ``ref``'s snapshot.

    A name every computer gives itself (``(local)``, ``.``, ``localhost``, a
    loopback address), or the snapshot's own host name or address, means the
    computer that snapshot was collected on: it stands for all its names and
    addresses, so ``(local)`` read on the 7.0 server and ``NS70`` read on the
    7.5 server are one computer.
    """
    key = normalize.sql_instance(value)
    computer, _, instance = key.rpartition("\\")
    role = ref.partition(".")[0]
    if role not in ("source", "target"):
        return {key}
    readings = normalize.address_readings(computer)
    local = normalize.is_local_name(computer) or any(normalize.names_itself(r) for r in readings)
    own = {normalize.host(facts.get(f"{role}.host.name"))}
    with contextlib.suppress(FactUnknown):  # addresses not read: the name alone must do
        own |= {normalize.host(a) for a in facts.get(f"{role}.host.ip_addresses") or []}
    if not (local or computer in own):
        return {key}
    return {f"{name}\\{instance}" for name in own}


def _could_be_one_computer(mine: set[str], theirs: set[str]) -> bool:
    """Whether two instances of one name may be on one computer that one side names only by address."""
    def split(keys: set[str]) -> tuple[set[str], bool, bool]:
        computers = [key.rpartition("\\")[0] for key in keys]
        addresses = sum(normalize.address(c) is not None for c in computers)
        return {key.rpartition("\\")[2] for key in keys}, addresses < len(computers), addresses > 0
    (mine_instances, mine_named, mine_addressed), (theirs_instances, theirs_named, theirs_addressed) = (
        split(mine), split(theirs))
    return bool(mine_instances & theirs_instances) and (
        (not mine_named and not theirs_addressed) or (not theirs_named and not mine_addressed))
