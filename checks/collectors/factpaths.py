"""The fact paths a snapshot holds, read from the snapshot schema.

A *fact path* is the smallest unit that is collected, declared or unknown as
a whole: a scalar or list (``host.name``, ``host.ip_addresses``) or an object
that may itself be null (``cmdb.last_full_backup``, ``cmdb.tables``). Deriving
them from the schema keeps the schema the one place that lists the facts.
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


def get_path(tree: dict[str, Any], path: str) -> tuple[bool, Any]:
    """``(True, value)`` when ``path`` is present in ``tree``, else ``(False, None)``."""
    node: Any = tree
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def set_path(tree: dict[str, Any], path: str, value: Any) -> None:
    node = tree
    *parents, leaf = path.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


def covering(table: dict[str, Any], path: str) -> Any:
    """The entry of ``table`` whose key is ``path`` or the longest group prefix of it."""
    best: tuple[str, Any] | None = None
    for key, value in table.items():
        if (path == key or path.startswith(key + ".")) and (best is None or len(key) > len(best[0])):
            best = (key, value)
    return best[1] if best else None


def under(paths: tuple[str, ...], prefix: str) -> list[str]:
    """The fact paths at or below ``prefix`` (a fact path or a group such as ``cmdb``)."""
    return [p for p in paths if p == prefix or p.startswith(prefix + ".")]
