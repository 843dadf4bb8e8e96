"""Evaluation: every rule of a phase judged on the evidence.

A pure function of (catalog, inputs, phase); the site's waivers are then
applied by :mod:`itmscheck.engine.gate`.

Nothing here reads a file, a clock or a database: the same inputs always
give the same results, which is what makes archived evidence replayable.
"""

from __future__ import annotations

from datetime import datetime, timezone

from itmscheck.engine.catalog import Catalog
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.gate import waive
from itmscheck.engine.model import Outcome, Result, State, Status
from itmscheck.engine.rule_file import Rule


def evaluation_time(inputs: Inputs) -> datetime:
    """The moment the verdict speaks for: the newest snapshot's ``collected_at``."""
    moments = [s.collected_at for s in inputs.snapshots.values() if s is not None]
    return max(moments) if moments else datetime(1970, 1, 1, tzinfo=timezone.utc)


def evaluate(catalog: Catalog, inputs: Inputs, phase: str,
             selected: set[str] | None = None) -> tuple[Result, ...]:
    """One result for every rule of the phase (or of ``selected`` ids only)."""
    today = evaluation_time(inputs).date()
    return tuple(
        waive(_evaluate_rule(rule, inputs), inputs.site, today)
        for rule in catalog.for_phase(phase)
        if selected is None or rule.id in selected
    )


def _evaluate_rule(rule: Rule, inputs: Inputs) -> Result:
    facts = Facts(inputs)
    attestation = None
    if rule.applies_when is not None:
        applies = rule.applies_when.evaluate(facts)
        if applies.state is State.UNKNOWN or facts.unresolved:
            return _error(rule, facts, inputs, "Cannot tell whether the rule applies: "
                                               + " ".join(facts.unresolved or [applies.message]))
        if applies.state is State.FAIL:
            return _result(rule, facts, Status.SKIPPED, f"Not applicable: {applies.message}")
    if rule.attest is not None:
        attestation = inputs.site.attestations.get(rule.id)
        if attestation is None:
            return _result(rule, facts, Status.MANUAL,
                           f"A person must confirm: {rule.attest} (no attestation in the site file).")
        evidence = f" Evidence: {attestation['evidence']}." if attestation.get("evidence") else ""
        return _result(rule, facts, Status.ATTESTED,
                       f"Attested by {attestation['by']} on {attestation['on']}: {rule.attest}"
                       f"{evidence}", attestation=attestation)
    assert rule.check is not None
    outcome: Outcome = rule.check.evaluate(facts)
    if outcome.state is State.FAIL:
        return _result(rule, facts, Status.FAILED, outcome.message)
    if outcome.state is State.UNKNOWN or facts.unresolved:
        # A rule passes only on facts that are all known: an `any` that one
        # known branch satisfies still reports the branch it could not read.
        return _error(rule, facts, inputs,
                      "Could not be evaluated: " + " ".join(facts.unresolved or [outcome.message]))
    return _result(rule, facts, Status.PASSED, outcome.message)


def _error(rule: Rule, facts: Facts, inputs: Inputs, message: str) -> Result:
    """``error``, with its own remedy: how to get the facts it lacks."""
    from dataclasses import replace

    from itmscheck.engine.remedy import how_to_obtain

    return replace(_result(rule, facts, Status.ERROR, message),
                   obtain=how_to_obtain(facts.missing, inputs.fact_sources()))


def _result(rule: Rule, facts: Facts, status: Status, message: str,
            attestation: dict[str, str] | None = None) -> Result:
    return Result(
        rule=rule.id, title=rule.title, severity=rule.severity, status=status, message=message,
        guide=rule.guide, remediation=rule.remediation, chapter=rule.chapter,
        chapter_title=rule.chapter_title, evidence=dict(facts.evidence),
        attestation=attestation, tags=rule.tags, source=rule.source,
    )
