"""The hierarchy a proposed plan migrates, and its order: step 6 of :mod:`itmscheck.planning.planner`.

The nodes are the site file's ``plan.hierarchy.nodes`` when it declares them,
else the source's own parent and children from its snapshot. Declared nodes
must agree with the snapshot (the source is a node with the parent and
children the snapshot shows), so the order proposed as bottom up is bottom up
on the real hierarchy; a contradiction, or a server that is its own parent,
is bad input (exit 2), never a plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from itmscheck.errors import InputError
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.evidence.yamlfile import line_of
from itmscheck.planning.hierarchy import Hierarchy, link_problems, source_links
from itmscheck.planning.refused import Refused


def migration_order(source: Snapshot, site_document: dict[str, Any] | None, site_file: str,
                    fact: Callable[..., Any]) -> dict[str, Any]:
    """``{nodes, order, replication_disabled}`` for the plan, or ``{}`` without a hierarchy.

    ``fact(path)`` reads a source fact, refusing it when unknown.
    """
    declared = ((site_document or {}).get("plan") or {}).get("hierarchy") or {}
    parent, children = fact("hierarchy.parent", null=True), fact("hierarchy.children")
    try:
        name = fact("host.name") if declared.get("nodes") or parent or children else None
        links = source_links(name, parent, children)
        if declared.get("nodes"):
            nodes = [{"name": n["name"], "parent": n["parent"]} for n in declared["nodes"]]
            hierarchy = Hierarchy.read(nodes)
            problems = hierarchy.problems() + link_problems(hierarchy, links)
            if problems:
                raise InputError(site_file, "; ".join(problems), field="plan.hierarchy.nodes",
                                 line=line_of(site_document, ["plan", "hierarchy", "nodes"]))
        elif links.linked:
            nodes = [{"name": parent, "parent": None}] if parent else []
            nodes += [{"name": name, "parent": parent}, *({"name": c, "parent": name} for c in children)]
        else:
            return {}
        order = Hierarchy.read(nodes).bottom_up()
    except Refused as refused:
        if refused.document == "site":
            raise InputError(site_file, refused.message, field=refused.field,
                             line=line_of(site_document, refused.path)) from None
        raise InputError(source.file, refused.message, field=f"facts.{refused.field}") from None
    return {"nodes": nodes, "order": order, "replication_disabled": list(order) if len(order) > 1 else []}
