"""The fact paths a snapshot holds, read from the snapshot schema.

A *fact path* is the smallest unit that is collected, declared or unknown as
a whole: a scalar or list (``host.name``, ``host.ip_addresses``) or an object
that may itself be null (``cmdb.last_full_backup``, ``cmdb.tables``). Deriving
them from the schema keeps the schema the one place that lists the facts;
collect (what to gather) and diff (what both sides must hold) read them here.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def fact_paths() -> tuple[str, ...]:
    """Every fact path of the snapshot schema, in schema order."""
    from itmscheck.evidence.schemas import schema_document

    found: list[str] = []

    def walk(node: dict[str, Any], path: str) -> None:
        kinds = node.get("type")
        nullable = isinstance(kinds, list) and "null" in kinds
        children = node.get("properties")
        if children and not nullable:
            for name, child in children.items():
                walk(child, f"{path}.{name}" if path else name)
        elif path:
            found.append(path)

    walk(schema_document("snapshot.schema.json")["$defs"]["facts"], "")
    return tuple(found)
