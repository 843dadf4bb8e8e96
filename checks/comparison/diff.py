"""``itmscheck diff``: two snapshots compared fact by fact, the guide's StoreDiff for facts.

Facts are compared as flattened paths (``cmdb.tables.Item``,
``platform.products[Deployment Solution].release``, ``host.ip_addresses[10.20.1.10]``):
lists of named objects are keyed by name and lists of strings are compared
as sets, so an order change is no difference. Each difference is then either
expected (a row of ``rules/data/expected_differences.yaml`` explains it,
citing the guide) or drift. A fact that could not be read on either side is
``unknown``: like the gate, the comparison fails closed on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from itmscheck.engine import normalize
from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_yaml, validate
from itmscheck.evidence.snapshot import Snapshot, null_means_none

CHANGES = ("added", "removed", "changed", "unknown")
_MISSING = object()
_SPELLINGS: dict[str, Callable[[str], str]] = {
    "windows_path": normalize.windows_path, "release": normalize.release, "text": normalize.text}


@dataclass(frozen=True)
class Expectation:
    """One row of the expected-differences table."""

    fact: re.Pattern[str]
    changes: tuple[str, ...]
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    why: str
    section: str
    page: int
    direction: str | None = None
    """``increase`` / ``decrease``: a count the guide's steps move one way only."""

    def explains(self, difference: Difference) -> bool:
        return (difference.change in self.changes and bool(self.fact.fullmatch(difference.fact))
                and _matches(self.before, difference.before)
                and _matches(self.after, difference.after)
                and _moves(self.direction, difference.before, difference.after))


@dataclass(frozen=True)
class Difference:
    fact: str
    change: str  # one of CHANGES
    before: Any = None
    after: Any = None
    expected: Expectation | None = None


@dataclass(frozen=True)
class Table:
    """The expected-differences table, compiled."""

    expectations: tuple[Expectation, ...]
    spellings: tuple[tuple[re.Pattern[str], Callable[[str], str]], ...]

    def spelling(self, fact: str) -> Callable[[str], str] | None:
        return next((how for pattern, how in self.spellings if pattern.fullmatch(fact)), None)


def pattern(fact: str) -> re.Pattern[str]:
    """A fact pattern as a regular expression: ``*`` stands for one key."""
    parts = re.split(r"(\[\*\]|\*)", fact)
    return re.compile("".join(
        r"\[[^\]]*\]" if part == "[*]" else r"[^.\[]+" if part == "*" else re.escape(part)
        for part in parts))


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
            fact=pattern(row["fact"]), changes=tuple(row["change"]),
            before=re.compile(row["before"], re.IGNORECASE) if "before" in row else None,
            after=re.compile(row["after"], re.IGNORECASE) if "after" in row else None,
            why=row["why"], section=row["guide"]["section"], page=row["guide"]["page"],
            direction=row.get("direction"),
        ) for row in document["rows"]),
        spellings=tuple((pattern(row["fact"]), _SPELLINGS[row["as"]])
                        for row in document.get("compare_as", [])),
    )


def compare(before: Snapshot, after: Snapshot, table: Table | None = None) -> list[Difference]:
    """Every difference between two snapshots, each marked expected or not.

    The guide's expectations apply to a migration only: from a source (7.0)
    snapshot to a target (7.5) one.
    """
    table = table or expected_differences()
    migration = before.role == "source" and after.role == "target"
    found = []
    for difference in _walk("", before.facts, after.facts, before, after, table):
        why = next((e for e in table.expectations if e.explains(difference)), None)
        found.append(Difference(difference.fact, difference.change, difference.before,
                                difference.after, why if migration else None))
    return found


def _walk(path: str, old: Any, new: Any, before: Snapshot, after: Snapshot,
          table: Table) -> Iterator[Difference]:
    if old is _MISSING or new is _MISSING:
        yield Difference(path, "added" if old is _MISSING else "removed",
                         _shown(old), _shown(new))
    elif _unknown(path, old, before) or _unknown(path, new, after):
        yield Difference(path, "unknown", old, new)
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            yield from _walk(_join(path, key), old.get(key, _MISSING),
                             new.get(key, _MISSING), before, after, table)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _walk(path, _keyed(old), _keyed(new), before, after, table)
    elif not _same(path, old, new, table):
        yield Difference(path, "changed", old, new)


def _join(path: str, key: str) -> str:
    return f"{path}{key}" if key.startswith("[") or not path else f"{path}.{key}"


def _keyed(items: list[Any]) -> dict[str, Any]:
    """A list as a mapping: named objects by ``[name]``, strings by themselves (a set)."""
    if all(isinstance(item, dict) and "name" in item for item in items):
        return {f"[{item['name']}]": {k: v for k, v in item.items() if k != "name"}
                for item in items}
    return {f"[{item}]": item for item in items}


def _same(path: str, old: Any, new: Any, table: Table) -> bool:
    spelling = table.spelling(path)
    if spelling and isinstance(old, str) and isinstance(new, str):
        return spelling(old) == spelling(new)
    return bool(old == new)


def _unknown(path: str, value: Any, snapshot: Snapshot) -> bool:
    if path and snapshot.unknown_reason(path) is not None:
        return True
    return value is None and path not in null_means_none()


def _shown(value: Any) -> Any:
    return None if value is _MISSING else value


def _matches(regex: re.Pattern[str] | None, value: Any) -> bool:
    return regex is None or (isinstance(value, str) and regex.search(value) is not None)


def _moves(direction: str | None, before: Any, after: Any) -> bool:
    if direction is None:
        return True
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (before, after)):
        return False
    return bool(after > before) if direction == "increase" else bool(after < before)


def drift(differences: list[Difference]) -> list[Difference]:
    """The differences nothing explains: drift, and facts that could not be compared."""
    return [d for d in differences if d.expected is None]
