"""What the cross-server rules read of a server: its newest evidence, and whether it is migrated."""

from __future__ import annotations

from typing import Any

from itmscheck.engine.model import Report


def migrated(post: Report | None) -> bool:
    """Post evidence whose only blockers (if any) re-establish the hierarchy (Table 2-2, step 16).

    Step 16 waits for the parent and children to be migrated: counting it would
    make a child wait for its parent, which waits for the child.
    """
    from itmscheck.fleet.steps import table

    return post is not None and all(result.rule in table().final_rules for result in post.blocking)


def newest_facts(inputs: Any, phase: str) -> dict[str, Any]:
    """What the cross-server rules read of the newest evidence (None: not read)."""
    source, target = inputs.snapshots["source"].facts, inputs.snapshots["target"].facts
    plan = inputs.site.document.get("plan", {})
    return {
        "phase": phase,
        "source_host": source.get("host"), "target_host": target.get("host"),
        "target_release": (target.get("platform") or {}).get("smp_release"),
        "source_links": _links(source), "target_links": _links(target),
        "replication_running": ((source.get("hierarchy") or {}).get("replication_jobs") or {})
        .get("running"),
        "reuse_hardware": bool(plan.get("reuse_hardware", False)),
        "replication_disabled": list((plan.get("hierarchy") or {}).get("replication_disabled", [])),
        "waves": [{"name": wave["name"], "agents": sum(wave.get("agents", {}).values())}
                  for wave in plan.get("waves", [])],
    }


def _links(facts: dict[str, Any]) -> list[str] | None:
    """The servers a snapshot's hierarchy links it to; None when the hierarchy was not read."""
    hierarchy = facts.get("hierarchy")
    if not isinstance(hierarchy, dict) or "parent" not in hierarchy or hierarchy.get("children") is None:
        return None
    return [name for name in [hierarchy["parent"], *hierarchy["children"]] if name]
