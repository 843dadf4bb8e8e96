"""The guide's expected differences (``rules/data/expected_differences.yaml``), compiled.

A row explains a difference when the fact, the kind of change and the
values fit it. ``before`` and ``after`` constrain the values, whatever their
type: text by a regular expression (searched, case-insensitive), a boolean,
a number or null by that very value, and ``{min, max}`` by bounds on a number
or an ISO 8601 time, ``before`` standing for the old value. A value that
contradicts the row's reason is not explained by it: it is drift.

A row marked ``required`` is a change the guide says must happen: checked
the other way round by :mod:`itmscheck.comparison.required`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from itmscheck.engine import normalize
from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_yaml, validate

CHANGES = ("added", "removed", "changed", "unknown", "duplicate",
           "not_changed", "not_removed", "not_added", "not_moved")
"""Kinds of difference: what changed, what could not be compared, a name listed twice, and the
changes the guide requires that did not happen (never expected: always drift)."""

ANY = object()
"""No constraint on a value (the row has no ``before`` or ``after``)."""

_SPELLINGS: dict[str, Callable[[str], str]] = {
    "windows_path": normalize.windows_path, "release": normalize.release, "text": normalize.text,
    "name": normalize.windows_name, "ip": normalize.ip, "sql_instance": normalize.sql_instance,
    "computer": normalize.host, "dns_name": normalize.dns_name, "sql_name": normalize.sql_name}


@dataclass(frozen=True, eq=False)  # a row is itself: reports group differences by row
class Expectation:
    """One row of the expected-differences table."""

    fact: re.Pattern[str]
    path: str  # the fact pattern as the row writes it
    changes: tuple[str, ...]
    before: Any
    after: Any
    why: str
    section: str
    page: int
    required: bool = False
    unless_changed: tuple[str, ...] = ()
    moved_from: tuple[str, ...] = ()

    def explains(self, fact: str, change: str, before: Any, after: Any) -> bool:
        return (change in self.changes and bool(self.fact.fullmatch(fact))
                and fits(self.before, before, None) and fits(self.after, after, before))


@dataclass(frozen=True)
class Difference:
    """One fact that differs (or could not be compared), and the row that explains it, if any."""

    fact: str
    change: str  # one of CHANGES
    before: Any = None
    after: Any = None
    expected: Expectation | None = None
    required_by: Expectation | None = None  # a change that did not happen: the row requiring it


@dataclass(frozen=True)
class Table:
    """The expected-differences table, compiled."""

    expectations: tuple[Expectation, ...]
    spellings: tuple[tuple[re.Pattern[str], Callable[[str], str]], ...]

    def spelling(self, fact: str) -> Callable[[str], str] | None:
        return next((how for pattern, how in self.spellings if pattern.fullmatch(fact)), None)


def fits(constraint: Any, value: Any, before: Any) -> bool:
    """Whether ``value`` satisfies a row's ``before`` or ``after`` (``before``: the old value)."""
    if constraint is ANY:
        return True
    if isinstance(constraint, re.Pattern):
        return isinstance(value, str) and constraint.search(value) is not None
    if isinstance(constraint, dict):
        bounds = {key: before if bound == "before" else bound for key, bound in constraint.items()}
        low, high = _ordered(bounds.get("min")), _ordered(bounds.get("max"))
        here = _ordered(value)
        if here is None or ("min" in bounds and low is None) or ("max" in bounds and high is None):
            return False
        try:
            return (low is None or here >= low) and (high is None or here <= high)
        except TypeError:  # a number against a time: not comparable, so not explained
            return False
    if constraint is None or isinstance(constraint, bool):
        return value is constraint
    return type(value) in (int, float) and value == constraint  # a number, never a boolean


def _ordered(value: Any) -> Any:
    """A number, or an ISO 8601 time as a datetime; None for anything else."""
    if type(value) in (int, float):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def pattern(fact: str) -> re.Pattern[str]:
    """A fact pattern as a regular expression: ``*`` stands for one key."""
    parts = re.split(r"(\[\*\]|\*)", fact)
    return re.compile("".join(
        r"\[[^\]]*\]" if part == "[*]" else r"[^.\[]+" if part == "*" else re.escape(part)
        for part in parts))


def _constraint(row: dict[str, Any], key: str) -> Any:
    if key not in row:
        return ANY
    value = row[key]
    return re.compile(value, re.IGNORECASE) if isinstance(value, str) else value


@cache
def expected_differences(path: Path | None = None) -> Table:
    """The table shipped with the rules (or ``path``), validated; its guide citations checked."""
    folder = Path(str(resources.files("itmscheck.rules").joinpath("data")))
    path = path or folder / "expected_differences.yaml"
    document = load_yaml(path)
    validate(document, "data.schema.json", str(path))
    sections = load_yaml(folder / "guide_sections.yaml")["rows"]
    pages = {row["section"]: row["page"] for row in sections}
    for index, row in enumerate(document["rows"]):
        section, page = row["guide"]["section"], row["guide"]["page"]
        if pages.get(section) != page:
            raise InputError(str(path), f"{section!r} page {page} is not a heading of the guide "
                                        "with that page", field=f"rows[{index}].guide")
    return Table(
        expectations=tuple(Expectation(
            fact=pattern(row["fact"]), path=row["fact"], changes=tuple(row["change"]),
            before=_constraint(row, "before"), after=_constraint(row, "after"),
            why=row["why"], section=row["guide"]["section"], page=row["guide"]["page"],
            required=bool(row.get("required", False)),
            unless_changed=tuple(row.get("unless_changed", ())),
            moved_from=tuple(row.get("moved_from", ())),
        ) for row in document["rows"]),
        spellings=tuple((pattern(row["fact"]), _SPELLINGS[row["as"]])
                        for row in document.get("compare_as", [])),
    )
