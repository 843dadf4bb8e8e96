"""Fact paths for the collectors: reading, setting and grouping them in a tree of facts.

The paths themselves come from the snapshot schema through
:func:`itmscheck.evidence.fact_paths.fact_paths` (shared with ``diff``).
"""

from __future__ import annotations

from typing import Any

from itmscheck.evidence.fact_paths import fact_paths

__all__ = ["covering", "fact_paths", "get_path", "set_path", "under"]


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
