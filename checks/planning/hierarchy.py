"""The Notification Server hierarchy of a migration plan (``plan.hierarchy.nodes``).

The guide migrates a hierarchy bottom up, with replication disabled on every
linked node; the plan check types and the planner read the nodes through
:class:`Hierarchy`. Node names are computer names compared as Windows does
(``NS70`` is ``ns70.corp.example``); the snapshot's own ``hierarchy.parent``
and ``children`` must agree with the nodes (:func:`link_problems`), and a
server that is its own parent or child is :class:`Refused`, in the snapshot
(:func:`source_links`) as in the site file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from itmscheck.planning.names import same_server, server_key
from itmscheck.planning.refused import Refused


@dataclass(frozen=True)
class Hierarchy:
    """Notification Servers and their parents (``plan.hierarchy.nodes``), by their first spelling."""

    parents: dict[str, str | None]
    duplicates: tuple[str, ...] = ()

    @classmethod
    def read(cls, nodes: Sequence[Mapping[str, Any]]) -> Hierarchy:
        keys = [server_key(str(node["name"])) for node in nodes]
        first: dict[str, str] = {}
        for key, node in zip(keys, nodes, strict=True):
            first.setdefault(key, str(node["name"]))
        duplicates = tuple(dict.fromkeys(first[key] for key in keys if keys.count(key) > 1))
        parents: dict[str, str | None] = {}
        for index, node in enumerate(nodes):
            name, parent = first[server_key(str(node["name"]))], node.get("parent")
            if parent is not None and same_server(str(parent), name):
                raise Refused("site", ["plan", "hierarchy", "nodes", index, "parent"],
                              f"{node['name']} is its own parent: a Notification Server's parent is "
                              "another server (null for the top)")
            parents[name] = None if parent is None else first.get(server_key(str(parent)), str(parent))
        return cls(parents, duplicates)

    def node(self, name: str) -> str | None:
        """The node that ``name`` denotes (a computer name matches its FQDN), if any."""
        return next((node for node in self.parents if same_server(node, name)), None)

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


@dataclass(frozen=True)
class SourceLinks:
    """The source server's own place in the hierarchy, as its snapshot shows it.

    ``name`` is None only when nothing needs it: no link and no declared node.
    """

    name: str | None
    parent: str | None
    children: tuple[str, ...]

    @property
    def linked(self) -> bool:
        return self.parent is not None or bool(self.children)


def source_links(name: str | None, parent: str | None, children: Sequence[str],
                 also: Sequence[str] = ()) -> SourceLinks:
    """The snapshot's ``hierarchy.parent`` and ``children``, refused when they name the server
    itself (by ``name`` or by ``also``: its FQDN and addresses), however a link is recorded."""
    if name is None:
        return SourceLinks(None, parent, tuple(children))
    if parent is not None and same_server(parent, name, *also):
        raise Refused("source", ["hierarchy", "parent"],
                      f"{parent!r} is the server itself ({name}): a Notification Server is not its "
                      "own parent")
    for index, child in enumerate(children):
        earlier = next((c for c in children[:index] if same_server(c, child)), None)
        itself = same_server(child, name, *also)
        if itself or (parent is not None and same_server(child, parent)) or earlier:
            what = ("the server itself" if itself else
                    f"listed twice (also as {earlier!r})" if earlier else "also its parent")
            raise Refused("source", ["hierarchy", "children", index],
                          f"{child!r} is {what}: a child is another server, below this one, once")
    return SourceLinks(name, parent, tuple(children))


def link_problems(hierarchy: Hierarchy, source: SourceLinks) -> list[str]:
    """Where the plan's nodes contradict the snapshot: the source must be a node with its own links.

    When the snapshot shows no link any more (the hierarchy was removed, as
    the guide asks), the nodes document it and only the source's presence is
    checked.
    """
    problems = [f"the source's hierarchy names {name}, which is not a node of the plan"
                for name in [source.parent, *source.children]
                if name is not None and hierarchy.node(name) is None]
    if not hierarchy.parents:
        return problems
    node = None if source.name is None else hierarchy.node(source.name)
    if node is None:
        return [*problems, f"the source server {source.name} is not a node of the plan"]
    if not source.linked:
        return problems
    declared = hierarchy.parents[node]
    if source.parent is None and declared is not None:
        problems.append(f"the plan gives {node} the parent {declared}, but the source has no parent")
    elif source.parent is not None and (declared is None or not same_server(declared, source.parent)):
        problems.append(f"the source's parent is {source.parent}, but the plan gives {node} "
                        f"{'no parent' if declared is None else 'the parent ' + declared}")
    children = hierarchy.children(node)
    problems += [f"the source's child {child} is not a child of {node} in the plan"
                 for child in source.children if hierarchy.node(child) is not None
                 and not any(same_server(child, c) for c in children)]
    problems += [f"the plan makes {child} a child of {node}, but the source has no such child"
                 for child in children if not any(same_server(child, c) for c in source.children)]
    return problems
