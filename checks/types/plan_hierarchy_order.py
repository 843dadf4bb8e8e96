from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.hierarchy import Hierarchy, link_problems
from itmscheck.planning.reading import read_hierarchy


class PlanHierarchyOrder(CheckType):
    """The plan migrates a Notification Server hierarchy bottom up, with replication off.

    The hierarchy is ``site.plan.hierarchy.nodes`` (name and parent), as
    documented before it was removed. Names are computer names compared as
    Windows does (``NS70`` is ``ns70.corp.example``). The source server is a
    node, and while its snapshot still shows its parent and children, the
    nodes give it exactly those. A server that is its own parent, in the plan
    or the snapshot, is refused (exit 2).
    ``require: bottom_up``: ``order`` lists every node once and every child
    before its parent.
    ``require: replication_disabled``: every node with a parent or a child is
    in ``replication_disabled``, so replication is off on the server being
    migrated and on its adjacent nodes.
    Passes when that holds (also when there is no hierarchy at all).
    Fails when it does not, naming the nodes.
    """

    name = "plan_hierarchy_order"
    required = ("require",)
    parameters: ClassVar[dict[str, Any]] = {"require": {"enum": ["bottom_up", "replication_disabled"]}}

    def evaluate(self, facts: Facts) -> Outcome:
        hierarchy, source = read_hierarchy(facts)
        if self.params["require"] == "replication_disabled":
            disabled = _resolved(hierarchy, facts.get("site.plan.hierarchy.replication_disabled"))
            return _replication_disabled(hierarchy, set(disabled))
        problems = hierarchy.problems() + link_problems(hierarchy, source)
        if not hierarchy.parents and not problems:
            return Outcome.passed("Neither the plan nor the source has a hierarchy: nothing to order.")
        order = _resolved(hierarchy, facts.get("site.plan.hierarchy.order"))
        problems += [f"{name} is in the order {order.count(name)} times" for name in dict.fromkeys(order)
                     if order.count(name) > 1]
        problems += [f"{name} is not in the order" for name in hierarchy.parents if name not in order]
        problems += [f"{name} is in the order but not a node" for name in order
                     if name not in hierarchy.parents]
        for child, parent in hierarchy.parents.items():
            if parent in order and child in order and order.index(parent) < order.index(child):
                problems.append(f"{parent} is migrated before its child {child}")
        if problems:
            return Outcome.failed(f"The hierarchy must be migrated bottom up: {'; '.join(problems)}.")
        return Outcome.passed(f"The {len(order)} Notification Servers are migrated bottom up: "
                              f"{', '.join(order)}.")


def _resolved(hierarchy: Hierarchy, names: list[str]) -> list[str]:
    """Names of a list as the nodes spell them (a computer name matches its FQDN, in any case)."""
    return [hierarchy.node(name) or name for name in names]


def _replication_disabled(hierarchy: Hierarchy, disabled: set[str]) -> Outcome:
    missing = [f"{name} (next to {', '.join(hierarchy.neighbours(name))})"
               for name in hierarchy.parents if hierarchy.neighbours(name) and name not in disabled]
    if missing:
        return Outcome.failed(f"Replication must be disabled on each node being migrated and its "
                              f"parent and children: not on {', '.join(missing)}.")
    linked = [name for name in hierarchy.parents if hierarchy.neighbours(name)]
    return Outcome.passed(f"Replication is disabled on all {len(linked)} linked nodes of the hierarchy."
                          if linked else "No two Notification Servers of the plan are linked.")
