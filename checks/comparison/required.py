"""The changes the guide requires, checked the other way round: did they happen?

A row of the expected-differences table marked ``required`` says the change
must happen in a migration (a new name and address, the 7.5 releases, the
Patch tables deleted). For each fact of the 7.0 snapshot that matches the
row (and its ``before``), a difference explained by that row must be found;
``unless_changed`` names facts whose change makes it unnecessary (the
database is restored under a new name *or* on another instance). A row with
``moved_from`` names the 7.0 tables whose data the upgrade moves into its
fact: the new table must be there with at least their rows.

A change that should have happened and did not is drift: ``not_changed``,
``not_removed``, ``not_added`` or ``not_moved``. Where the fact already shows
drift or is unknown, that row says enough.
"""

from __future__ import annotations

from typing import Any

from itmscheck.comparison.expectations import Difference, Expectation, Table, fits


def missed(before: dict[str, Any], after: dict[str, Any], found: list[Difference],
           table: Table) -> list[Difference]:
    """Required changes that did not happen, from the flattened facts of both sides."""
    result: list[Difference] = []
    changed = {d.fact for d in found}
    for row in table.expectations:
        if row.moved_from:
            result += _not_moved(row, before, after, found)
        if not row.required or row.moved_from or any(fact in changed for fact in row.unless_changed):
            continue
        for fact, value in before.items():
            if not row.fact.fullmatch(fact) or not fits(row.before, value, None):
                continue
            if any(d.expected is row and d.fact == fact for d in found) or _covered(fact, found):
                continue
            kind = "not_changed" if "changed" in row.changes else "not_removed"
            result.append(Difference(fact, kind, value, after.get(fact), required_by=row))
    # A product that must go need not be bumped first: the row for what holds a fact says it.
    return [d for d in result if not any(d.fact != o.fact and _inside(d.fact, o.fact) for o in result)]


def _not_moved(row: Expectation, before: dict[str, Any], after: dict[str, Any],
               found: list[Difference]) -> list[Difference]:
    """The new table of ``row`` must hold at least the rows of the 7.0 tables moved into it."""
    sources = {fact: before[fact] for fact in row.moved_from if type(before.get(fact)) is int}
    fact = row.path
    if not sources or _covered(fact, found):
        return []
    if fact not in after:
        return [Difference(fact, "not_added", sources, None, required_by=row)]
    if type(after[fact]) is not int or after[fact] < sum(sources.values()):
        return [Difference(fact, "not_moved", sources, after[fact], required_by=row)]
    return []


def _covered(fact: str, found: list[Difference]) -> bool:
    """Whether another row already says it: drift or unknown at or around ``fact``, or any
    difference of what holds it (a product removed as expected has no release to bump)."""
    return any((_inside(fact, d.fact) and fact != d.fact)
               or (d.expected is None and (fact == d.fact or _inside(d.fact, fact))) for d in found)


def _inside(path: str, group: str) -> bool:
    return path == group or path.startswith((f"{group}.", f"{group}["))
