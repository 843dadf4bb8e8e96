"""The hierarchy a fleet file declares: each server once, parents that are servers, no cycle.

Names are computer names compared as Windows does (``NS70`` is
``ns70.corp.example``, in any case). A fleet that is no tree is bad input,
named at its line.
"""

from __future__ import annotations

from itmscheck.evidence.fleet_file import FleetFile, ServerEntry
from itmscheck.planning.names import server_key


class Tree:
    """Servers by name, with their parent and children (first spelling kept)."""

    def __init__(self, fleet: FleetFile) -> None:
        self.fleet = fleet
        self.by_key: dict[str, ServerEntry] = {}
        for server in fleet.servers:
            if not server_key(server.name):
                raise fleet.refuse(["servers", server.index, "name"],
                                   "a server's name is its computer name, not blank")
            earlier = self.by_key.get(server_key(server.name))
            if earlier is not None:
                raise fleet.refuse(["servers", server.index, "name"],
                                   f"{server.name!r} is already server {earlier.index} "
                                   f"({earlier.name!r}): each Notification Server is listed once")
            self.by_key[server_key(server.name)] = server
        self.parents: dict[str, str | None] = {}
        for server in fleet.servers:
            self.parents[server.name] = self._parent(server)
        for server in fleet.servers:
            self._refuse_cycle(server)

    def _parent(self, server: ServerEntry) -> str | None:
        if server.parent is None:
            return None
        where = ["servers", server.index, "parent"]
        if server_key(server.parent) == server_key(server.name):
            raise self.fleet.refuse(where, f"{server.name} is its own parent")
        parent = self.by_key.get(server_key(server.parent))
        if parent is None:
            raise self.fleet.refuse(where, f"{server.parent!r} is not a server of the fleet: "
                                           "list the parent under servers too")
        return parent.name

    def _refuse_cycle(self, server: ServerEntry) -> None:
        path, node = [server.name], self.parents[server.name]
        while node is not None:
            if node in path:
                raise self.fleet.refuse(["servers", server.index, "parent"],
                                        f"{server.name} is its own ancestor: "
                                        f"{' -> '.join([*path, node])}")
            path.append(node)
            node = self.parents[node]

    def server(self, name: str) -> ServerEntry | None:
        return self.by_key.get(server_key(name))

    def children(self, name: str) -> list[str]:
        return [child for child, parent in self.parents.items() if parent == name]

    def neighbours(self, name: str) -> list[str]:
        parent = self.parents[name]
        return ([parent] if parent is not None else []) + self.children(name)

    def depth(self, name: str) -> int:
        depth, node = 0, self.parents[name]
        while node is not None:
            depth, node = depth + 1, self.parents[node]
        return depth

    def bottom_up(self) -> list[str]:
        """Deepest first (children before parents); ties in the file's order."""
        return sorted(self.parents, key=lambda name: -self.depth(name))

    def top_down(self) -> list[str]:
        """Each server followed by its subtree, as a tree is drawn."""
        order: list[str] = []

        def walk(name: str) -> None:
            order.append(name)
            for child in self.children(name):
                walk(child)

        for name, parent in self.parents.items():
            if parent is None:
                walk(name)
        return order
