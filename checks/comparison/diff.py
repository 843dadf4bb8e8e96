"""``itmscheck diff``: two snapshots compared fact by fact, the guide's StoreDiff for facts.

Facts are compared as flattened paths (:mod:`itmscheck.comparison.flat`):
lists are keyed by name or by the string, so an order change is no
difference. Each difference is then either expected (a row of
``rules/data/expected_differences.yaml`` explains it, citing the guide, and
its values fit the row) or drift. The comparison fails closed:

- a fact that either side could not read (null, or declared ``unknown``) is
  an ``unknown`` row, and so is a fact of the snapshot schema that neither
  side holds: absent on both sides is not "the same";
- a name listed twice in one list is a ``duplicate`` row, never merged;
- from a 7.0 source to a 7.5 target, the changes the guide requires (new name
  and address, 7.5 releases, the Patch tables' data moved) must have happened
  (:mod:`itmscheck.comparison.required`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from itmscheck.comparison.expectations import CHANGES, Difference, Table, expected_differences
from itmscheck.comparison.flat import MISSING, flatten, join, keyed
from itmscheck.comparison.required import missed
from itmscheck.evidence.fact_paths import fact_paths
from itmscheck.evidence.snapshot import Snapshot, null_means_none

__all__ = ["CHANGES", "Difference", "compare", "drift", "expected_differences"]


def compare(before: Snapshot, after: Snapshot, table: Table | None = None) -> list[Difference]:
    """Every difference between two snapshots, each marked expected or not.

    The guide's expectations apply to a migration only: from a source (7.0)
    snapshot to a target (7.5) one.
    """
    table = table or expected_differences()
    migration = before.role == "source" and after.role == "target"
    found = []
    walked = list(_walk("", before.facts, after.facts, before, after, table))
    walked += _unread(before, after, walked)
    for difference in walked:
        why = next((e for e in table.expectations if e.explains(
            difference.fact, difference.change, difference.before, difference.after)), None)
        found.append(Difference(difference.fact, difference.change, difference.before,
                                difference.after, why if migration and why else None))
    if migration:
        found += missed(flatten(before.facts, table), flatten(after.facts, table), found, table)
    return found


def _walk(path: str, old: Any, new: Any, before: Snapshot, after: Snapshot,
          table: Table) -> Iterator[Difference]:
    if _unknown(path, old, before) or _unknown(path, new, after):
        yield Difference(path, "unknown", _shown(old), _shown(new))
    elif old is MISSING or new is MISSING:
        yield Difference(path, "added" if old is MISSING else "removed", _shown(old), _shown(new))
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            yield from _walk(join(path, key), old.get(key, MISSING), new.get(key, MISSING),
                             before, after, table)
    elif isinstance(old, list) and isinstance(new, list):
        olds, news = keyed(path, old, table), keyed(path, new, table)
        for key in dict.fromkeys([*olds.duplicates, *news.duplicates]):
            yield Difference(join(path, key), "duplicate", olds.duplicates.get(key, olds.items.get(key)),
                             news.duplicates.get(key, news.items.get(key)))
        twice = olds.duplicates.keys() | news.duplicates.keys()
        yield from _walk(path, {k: v for k, v in olds.items.items() if k not in twice},
                         {k: v for k, v in news.items.items() if k not in twice}, before, after, table)
    elif not _same(path, old, new, table):
        yield Difference(path, "changed", old, new)


def _unread(before: Snapshot, after: Snapshot, reported: list[Difference]) -> Iterator[Difference]:
    """Facts the walk cannot judge: declared unknown on either side, or held by neither side.

    A fact declared unknown is an ``unknown`` row even where the walk saw an
    object added or removed around it; a fact of the schema that neither side
    holds (nor records as none) was never read, so it is unknown too.
    """
    unknown = {d.fact for d in reported if d.change == "unknown"}
    for path in dict.fromkeys([*before.unknown, *after.unknown]):
        if not any(_within(path, fact) for fact in unknown):
            unknown.add(path)
            yield Difference(path, "unknown", _shown(_at(before.facts, path)), _shown(_at(after.facts, path)))
    seen = {d.fact for d in reported} | unknown
    for path in fact_paths():
        if any(_within(path, fact) or _within(fact, path) for fact in seen):
            continue
        if all(_at(s.facts, path) is MISSING and not _none_holds(s, path) for s in (before, after)):
            yield Difference(path, "unknown", None, None)  # absent on both sides: never read


def _within(path: str, group: str) -> bool:
    """Whether ``path`` is ``group`` or a key or entry inside it."""
    return path == group or path.startswith((f"{group}.", f"{group}["))


def _none_holds(snapshot: Snapshot, path: str) -> bool:
    """Whether a group holding ``path`` is recorded as none (no data store: no data store files)."""
    parts = path.split(".")
    groups = [".".join(parts[:end]) for end in range(1, len(parts))]
    return any(group in null_means_none() and _at(snapshot.facts, group) is None for group in groups)


def _at(facts: dict[str, Any], path: str) -> Any:
    node: Any = facts
    for part in path.split("."):
        node = node.get(part, MISSING) if isinstance(node, dict) else MISSING
    return node


def _same(path: str, old: Any, new: Any, table: Table) -> bool:
    spelling = table.spelling(path)
    if spelling and isinstance(old, str) and isinstance(new, str):
        return spelling(old) == spelling(new)
    return type(old) is type(new) and bool(old == new)  # Python says True == 1: a snapshot does not


def _unknown(path: str, value: Any, snapshot: Snapshot) -> bool:
    if path and snapshot.unknown_reason(path) is not None:
        return True
    return value is None and path not in null_means_none()


def _shown(value: Any) -> Any:
    return None if value is MISSING else value


def drift(differences: list[Difference]) -> list[Difference]:
    """The differences nothing explains: drift, and facts that could not be compared."""
    return [d for d in differences if d.expected is None]
