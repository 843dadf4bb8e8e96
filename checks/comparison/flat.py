"""Snapshot facts as flattened paths: how ``diff`` names every fact it compares.

Objects by dotted keys (``cmdb.tables.Item``), lists of named objects by name
in brackets (``platform.products[Deployment Solution].release``), lists of
strings by the string (``host.ip_addresses[10.20.1.10]``, in the spelling
the table's ``compare_as`` gives, so ``fe80:0::1`` is ``fe80::1``). A name
listed twice (an object's name as ITMS compares names, ignoring case; a
string as spelt) is never merged into one entry: it is set apart as a
duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from itmscheck.comparison.expectations import Table
from itmscheck.engine.normalize import windows_name

MISSING = object()
"""A fact one side does not hold."""


@dataclass(frozen=True)
class Keyed:
    """A list as a mapping, and the names it lists more than once (their entries, as listed)."""

    items: dict[str, Any]
    duplicates: dict[str, list[Any]] = field(default_factory=dict)


def join(path: str, key: str) -> str:
    return f"{path}{key}" if key.startswith("[") or not path else f"{path}.{key}"


def keyed(path: str, items: list[Any], table: Table) -> Keyed:
    """A list as a mapping: named objects by ``[name]``, strings by themselves (a set)."""
    if items and all(isinstance(item, dict) and "name" in item for item in items):
        groups: dict[str, list[dict[str, Any]]] = {}
        for item in items:
            groups.setdefault(windows_name(str(item["name"])), []).append(item)
        return Keyed({f"[{group[0]['name']}]": {k: v for k, v in group[0].items() if k != "name"}
                      for group in groups.values() if len(group) == 1},
                     {f"[{group[0]['name']}]": group for group in groups.values() if len(group) > 1})
    listed: dict[str, list[Any]] = {}
    for item in items:
        spelling = table.spelling(join(path, f"[{item}]")) if isinstance(item, str) else None
        listed.setdefault(f"[{spelling(item) if spelling else item}]", []).append(item)
    return Keyed({key: same[0] for key, same in listed.items() if len(same) == 1},
                 {key: same for key, same in listed.items() if len(same) > 1})


def flatten(facts: dict[str, Any], table: Table) -> dict[str, Any]:
    """Every path of a snapshot's facts (objects and list entries too) with its value."""
    found: dict[str, Any] = {}

    def walk(path: str, node: Any) -> None:
        if path:
            found[path] = node
        if isinstance(node, dict):
            for key, value in node.items():
                walk(join(path, key), value)
        elif isinstance(node, list):
            for key, value in keyed(path, node, table).items.items():
                walk(join(path, key), value)

    walk("", facts)
    return found
