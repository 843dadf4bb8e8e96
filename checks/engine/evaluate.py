"""Evaluation: every rule of a phase judged on the evidence.

A pure function of (catalog, inputs, phase); the site's waivers are then
applied by :mod:`itmscheck.engine.gate`. Date-only values of the site file
are days of the evidence's local calendar (:func:`evidence_date`): a waiver
applies through its ``expires`` day, and an attestation dated after that day
is refused (the rule stays ``manual``).

A rule of a pack the site file switches off (``packs: {known_issues:
{enabled: false, ...}}``) is not evaluated: it is ``skipped``, its message
saying who switched the pack off and why.

Nothing here reads a file, a clock or a database: the same inputs always
give the same results, which is what makes archived evidence replayable.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from itmscheck.engine.catalog import Catalog
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.gate import waive
from itmscheck.engine.model import Outcome, Result, State, Status
from itmscheck.engine.packs import not_evaluated, switched_off
from itmscheck.engine.rule_file import Rule


def evaluation_time(inputs: Inputs) -> datetime:
    """The moment the verdict speaks for: the newest snapshot's ``collected_at``."""
    moments = [s.collected_at for s in inputs.snapshots.values() if s is not None]
    return max(moments) if moments else datetime(1970, 1, 1, tzinfo=timezone.utc)


def evidence_date(inputs: Inputs) -> date:
    """The day the verdict speaks for: the newest snapshot's local date (its own offset).

    Date-only values (a waiver's ``expires``) are days of this calendar: a
    snapshot collected at 01:00+05:00 on the 21st is evidence of the 21st,
    though it is still the 20th in UTC.
    """
    newest = max((s for s in inputs.snapshots.values() if s is not None),
                 key=lambda s: s.collected_at, default=None)
    return newest.local_date if newest is not None else date(1970, 1, 1)


def evaluate(catalog: Catalog, inputs: Inputs, phase: str,
             selected: set[str] | None = None) -> tuple[Result, ...]:
    """One result for every rule of the phase (or of ``selected`` ids only)."""
    today = evidence_date(inputs)
    return tuple(
        waive(_evaluate_rule(rule, inputs, today), inputs.site, today)
        for rule in catalog.for_phase(phase)
        if selected is None or rule.id in selected
    )


def _evaluate_rule(rule: Rule, inputs: Inputs, today: date) -> Result:
    facts = Facts(inputs)
    attestation = None
    off = switched_off(inputs.site, rule.pack)
    if off is not None:  # the site's decision, stated in its site file: no fact is read
        return _result(rule, facts, Status.SKIPPED, not_evaluated(str(rule.pack), off))
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
        if date.fromisoformat(attestation["on"]) > today:  # it cannot speak for older evidence
            return _result(rule, facts, Status.MANUAL,
                           f"A person must confirm: {rule.attest} (the attestation by "
                           f"{attestation['by']} is dated {attestation['on']}, after the evidence of "
                           f"{today}: it is refused; attest again after collecting new evidence).")
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
    """``error``, with its own remedy: how to get the facts it lacks, never the failure's fix.

    The facts it lacks are those not read (or named unusable by a check type);
    failing those, the snapshot facts it read, which could not decide.
    """
    from dataclasses import replace

    from itmscheck.engine.remedy import RECOLLECT, how_to_obtain

    lacking = facts.missing or [ref for ref in facts.evidence if ref.split(".")[0] in ("source", "target")]
    return replace(_result(rule, facts, Status.ERROR, message),
                   obtain=how_to_obtain(lacking, inputs.fact_sources()) or RECOLLECT)


def _result(rule: Rule, facts: Facts, status: Status, message: str,
            attestation: dict[str, str] | None = None) -> Result:
    return Result(
        rule=rule.id, title=rule.title, severity=rule.severity, status=status, message=message,
        guide=rule.guide, remediation=rule.remediation, chapter=rule.chapter,
        chapter_title=rule.chapter_title, evidence=dict(facts.evidence),
        attestation=attestation, tags=rule.tags, quote=rule.quote, also=rule.also,
        policy=rule.policy, source=rule.source, pack=rule.pack,
    )
