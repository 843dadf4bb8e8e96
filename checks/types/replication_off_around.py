from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.hierarchy import Hierarchy


class ReplicationOffAround(CheckType):
    """Replication is disabled on a server and on each parent and child it has.

    The server is the host object ``server``; its neighbours are the parent
    and children its snapshot records (``parent``, ``children``) and those the
    site file's ``nodes`` give it (``{name, parent}``), each recognized however
    it is written (name, FQDN, IP address, URL, UNC path or ``host:port``, as
    :func:`normalize.computer` reads it). ``disabled`` lists the nodes on
    which replication is disabled (absent from the site file: none).
    Passes when the server has no neighbour (it is in no hierarchy), or when it
    and every neighbour are in ``disabled``.
    Fails when one of them is not, naming each.
    A parent or children the snapshot could not read is unknown, never a pass.
    """

    name = "replication_off_around"
    required = ("server", "parent", "children", "disabled")
    parameters: ClassVar[dict[str, Any]] = {
        "server": REF, "parent": REF, "children": REF, "nodes": REF, "disabled": REF,
    }

    def evaluate(self, facts: Facts) -> Outcome:
        host = facts.get(self.params["server"])
        own = {normalize.computer(str(text)) for text in (host.get("name"), host.get("fqdn"),
                                                          *(host.get("ip_addresses") or [])) if text}
        parent, children = facts.get(self.params["parent"]), facts.get(self.params["children"])
        recorded = [str(name) for name in ([parent] if parent else []) + list(children or [])]
        nodes = facts.get(self.params["nodes"], default=[]) if "nodes" in self.params else []
        planned = Hierarchy.read(nodes)
        me = next((name for name in planned.parents if normalize.computer(name) in own), None)
        neighbours = _unique(recorded + (planned.neighbours(me) if me else []))
        if not neighbours:
            return Outcome.passed("The server is in no hierarchy: no replication reaches it.")
        disabled = {normalize.computer(str(name))
                    for name in facts.get(self.params["disabled"], default=[])}
        server = str(host.get("name") or host.get("fqdn") or "the server")
        left = [name for name in [server, *neighbours]
                if not ({normalize.computer(name)} | (own if name == server else set())) & disabled]
        if left:
            return Outcome.failed(f"Replication is not disabled on {', '.join(map(show, left))} "
                                  f"({self.params['disabled']} does not list them).")
        return Outcome.passed(f"Replication is disabled on {server} and its neighbours "
                              f"{', '.join(map(show, neighbours))}.")


def _unique(names: list[str]) -> list[str]:
    """Each server once, however often and however differently it is written."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(normalize.computer(name), name)
    return list(kept.values())
