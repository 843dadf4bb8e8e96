"""Source beside target: the two-column comparisons of the HTML report.

A rule that reads the same fact on both servers (``source.X`` and ``target.X``)
shows the two values side by side instead of as two unrelated rows: lists as a
table whose rows line up the same item of each side (a gap marked where one side
lacks it), other values as one row per fact in a table of all such pairs.
Presentation only: whether a difference matters is the rule's message.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from itmscheck.engine.model import Evidence
from itmscheck.reports.html_values import NO_SOURCE, fact_name, inline, item, readable

Pair = tuple[str, str]


def pairs(evidence: dict[str, Evidence]) -> tuple[list[Pair], list[Pair], list[str]]:
    """``(list pairs, other pairs, facts on their own)``: ``source.X`` with ``target.X``."""
    both = [(name, "target." + name[7:]) for name in evidence
            if name.startswith("source.") and "target." + name[7:] in evidence]
    lists = [(old, new) for old, new in both
             if isinstance(evidence[old].value, list) and isinstance(evidence[new].value, list)]
    others = [pair for pair in both if pair not in lists]
    paired = {name for pair in both for name in pair}
    return lists, others, [name for name in evidence if name not in paired]


UNCONFIRMED = " (unconfirmed: "
"""How a provenance says its CMDB probe uses what no public source shows
(evidence/snapshot.py: provenance_of): the report marks that doubt, never drops it."""


def source(evidence: Evidence) -> Markup:
    """Where a value came from (its doubt marked), or that nobody knows."""
    if not evidence.provenance:
        return NO_SOURCE
    said, marked, doubt = evidence.provenance.partition(UNCONFIRMED)
    if not marked:
        return Markup("{}").format(evidence.provenance)
    return Markup('{} <strong class="unconfirmed">unconfirmed: {}</strong>').format(
        said, doubt.removesuffix(")"))


def _key(value: Any) -> str:
    """What lines two items up: a mapping's name, else its text, ignoring case."""
    named = value.get("name") if isinstance(value, dict) else None
    return str(inline(named if named is not None else value)).casefold()


def side_by_side(before: list[Any], after: list[Any]) -> list[tuple[Markup | None, Markup | None]]:
    """Rows of a list comparison: the source's order first, then what only the target holds."""
    rows: list[tuple[Markup | None, Markup | None]] = []
    unmatched = list(after)
    for entry in before:
        match = next((other for other in unmatched if _key(other) == _key(entry)), None)
        if match is not None:
            unmatched.remove(match)
        rows.append((item(entry), None if match is None else item(match)))
    return rows + [(None, item(entry)) for entry in unmatched]


def lists(old: str, before: Evidence, new: str, after: Evidence) -> Markup:
    """Two lists of one fact, source beside target, an item's gap marked on its row."""
    def cell(value: Markup | None, side: str) -> Markup:
        return (Markup('<td class="gap">not in {}</td>').format(side) if value is None
                else Markup("<td>{}</td>").format(value))

    rows = Markup("").join(Markup("<tr>{}{}</tr>").format(cell(left, "source"), cell(right, "target"))
                           for left, right in side_by_side(before.value, after.value))
    heads = Markup("").join(
        Markup('<th scope="col">{}<small>{}</small></th>').format(fact_name(name), source(e))
        for name, e in ((old, before), (new, after)))
    return Markup('<table class="cmp"><caption>{}: source and target side by side</caption>'
                  "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(
                      fact_name(old[len("source."):]), heads, rows)


def values(evidence: dict[str, Evidence], compared: list[Pair]) -> Markup:
    """Every other pair in one table: the fact, its source value, its target value."""
    def cell(e: Evidence) -> Markup:
        return Markup("<td>{}<small>{}</small></td>").format(readable(e.value), source(e))

    rows = Markup("").join(
        Markup('<tr><th scope="row">{}</th>{}{}</tr>').format(
            fact_name(old[len("source."):]), cell(evidence[old]), cell(evidence[new]))
        for old, new in compared)
    return Markup('<table class="cmp pairs"><caption>Source and target side by side</caption>'
                  '<thead><tr><th scope="col">fact</th><th scope="col">source</th>'
                  '<th scope="col">target</th></tr></thead><tbody>{}</tbody></table>').format(rows)
