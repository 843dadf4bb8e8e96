"""``itmscheck plan``: propose a redirect plan, prove it passes the plan rules, explain it.

The proposal itself is :func:`itmscheck.planning.planner.propose`; this module checks it
against the catalog's CH02-PLAN-* rules (a plan that fails its own rules is
never handed out), renders the explanation table and writes the site file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from itmscheck.errors import InputError
from itmscheck.evidence.redaction import MASK, redact_connection
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.planning.planner import PlanImpossible, Proposal, propose

PLAN_RULES = "CH02-PLAN-"


def verify(proposal: Proposal, source: Snapshot) -> list[str]:
    """The plan rules the proposal does not pass (none, or the planner has a bug)."""
    from itmscheck.engine import loader
    from itmscheck.engine.evaluate import evaluate
    from itmscheck.evidence.site import site_from_document

    catalog = loader.catalog()
    site = site_from_document(proposal.site_document, "the proposed site file")
    inputs = loader.inputs(catalog, {"source": source, "target": None}, site)
    wanted = {rule.id for rule in catalog.rules if rule.id.startswith(PLAN_RULES)}
    return [f"{r.rule}: {r.message}" for r in evaluate(catalog, inputs, "pre", wanted)
            if r.status.value not in ("passed", "skipped")]


def without_password(document: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The site document to write, its CMDB password masked; and whether there was one to mask."""
    connection = (document.get("cmdb") or {}).get("connection")
    if not isinstance(connection, str) or redact_connection(connection) == connection:
        return document, False
    return {**document, "cmdb": {**document["cmdb"], "connection": redact_connection(connection)}}, True


def table(rows: list[tuple[str, str, str, str, str]]) -> list[str]:
    """The waves as a text table: wave, computers, sites and agents, site servers, why."""
    head = ("wave", "computers", "sites and agents", "site servers", "why")
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head) - 1)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
            for row in [head, (*("-" * w for w in widths), "---"), *rows]]


def run(source_file: Path, site_file: Path | None, output: Path | None) -> int:
    """The ``plan`` command: 0 = a plan was proposed, 1 = no plan can pass, 2 = bad input."""
    import yaml

    from itmscheck.evidence.site import load_site
    from itmscheck.evidence.snapshot import load_snapshot
    from itmscheck.outputs import refuse_overlaps

    source = load_snapshot(source_file, "source")
    site = load_site(site_file) if site_file else None
    refuse_overlaps([("--output", output)], [("--source", source_file), ("--site", site_file)])
    try:
        proposal = propose(source, site.document if site else None, str(site_file or "site file"))
    except PlanImpossible as impossible:
        print(f"No plan can pass the plan rules: {impossible}")
        return 1
    failing = verify(proposal, source)
    if failing:  # a planner bug: never hand out a plan that fails its own rules
        print("The proposed plan does not pass its own rules (please report this):")
        print("\n".join(f"  {line}" for line in failing))
        return 1
    explanation = [*table(proposal.rows), *proposal.notes,
                   f"The plan passes every {PLAN_RULES}* rule (itmscheck check --phase pre)."]
    if output is None:
        print(yaml.safe_dump({"plan": proposal.plan}, sort_keys=False, allow_unicode=True), end="")
        print("\n".join(f"# {line}".rstrip() for line in explanation))  # comments: stdout stays YAML
        return 0
    from itmscheck.outputs import write_atomically

    document, masked = without_password(proposal.site_document)
    try:
        write_atomically(output, yaml.safe_dump(document, sort_keys=False,
                                                allow_unicode=True, width=100))
    except OSError as error:
        raise InputError(str(output), f"cannot write the site file: {error.strerror or error}") from None
    print("\n".join(explanation))
    if masked:
        print(f"The CMDB password of cmdb.connection was not copied (written as {MASK}): give the "
              "connection through cmdb.connection_env or `collect --connection-env` instead.")
    print(f"Wrote {output} with the plan" + (f" (from {site_file}; its comments are not kept)."
                                              if site_file else "."))
    return 0
