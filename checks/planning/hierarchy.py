"""The Notification Server hierarchy of a migration plan (``plan.hierarchy.nodes``).

The guide migrates a hierarchy bottom up, with replication disabled on every
linked node; the plan check types and the planner read the nodes through
:class:`Hierarchy`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Hierarchy:
    """Notification Servers and their parents (``plan.hierarchy.nodes``)."""

    parents: dict[str, str | None]
    duplicates: tuple[str, ...] = ()

    @classmethod
    def read(cls, nodes: Sequence[Mapping[str, Any]]) -> Hierarchy:
        names = [str(node["name"]) for node in nodes]
        duplicates = tuple(sorted({name for name in names if names.count(name) > 1}))
        return cls({str(n["name"]): n.get("parent") for n in nodes}, duplicates)

    def children(self, name: str) -> list[str]:
        return [child for child, parent in self.parents.items() if parent == name]

    def neighbours(self, name: str) -> list[str]:
        parent = self.parents.get(name)
        return ([parent] if parent is not None else []) + self.children(name)

    def problems(self) -> list[str]:
        """Why these nodes are no tree: repeated names, unknown parents, cycles."""
        found = [f"node {name!r} is listed twice" for name in self.duplicates]
        found += [f"{name}'s parent {parent!r} is not a node" for name, parent in self.parents.items()
                  if parent is not None and parent not in self.parents]
        for name in self.parents:
            seen, node = {name}, self.parents[name]
            while node is not None and node in self.parents:
                if node in seen:
                    found.append(f"{name} is its own ancestor (a cycle)")
                    break
                seen.add(node)
                node = self.parents[node]
        return found

    def depth(self, name: str) -> int:
        depth, node = 0, self.parents.get(name)
        while node is not None and node in self.parents and depth <= len(self.parents):
            depth, node = depth + 1, self.parents[node]
        return depth

    def bottom_up(self) -> list[str]:
        """The deepest servers first, so every child comes before its parent."""
        return sorted(self.parents, key=lambda name: -self.depth(name))


def same_server(left: str, right: str) -> bool:
    """Whether two names denote one server: a computer name matches its FQDN."""
    return left.split(".")[0].casefold() == right.split(".")[0].casefold()
