"""Warnings about a run rather than a rule: evidence older than the site allows.

Evaluation is a pure function of the evidence: it never reads the clock. The
moment the check runs is an input (``check --checked-at``, default now), and
only these warnings use it, so replaying archived evidence gives the same
results and the same verdict whenever it is replayed; only the evidence-age
warning depends on the check time, and a replay that passes the original
``--checked-at`` reproduces it too.

- Evidence older than ``thresholds.evidence_max_age_days`` (default 7, itmscheck's
  policy, not the guide's) at check time is a warning: the servers may have
  changed since. It never changes the verdict.

An attestation for a rule that is checked automatically is no warning here:
the site file is refused (exit 2, naming its line) as it loads
(:func:`itmscheck.evidence.site.check_rule_ids`), since a person's word never
overrides a measurement.
"""

from __future__ import annotations

from datetime import datetime

from itmscheck.engine.facts import Inputs

SETTING = "evidence_max_age_days"


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def collected_at(inputs: Inputs) -> dict[str, str]:
    """When each snapshot given was collected, by role."""
    return {role: stamp(snapshot.collected_at) for role, snapshot in inputs.snapshots.items()
            if snapshot is not None}


def run_warnings(inputs: Inputs, checked_at: datetime) -> tuple[str, ...]:
    return tuple(stale_evidence(inputs, checked_at))


def stale_evidence(inputs: Inputs, checked_at: datetime) -> list[str]:
    limit = float(inputs.site.thresholds.get(SETTING, inputs.threshold_defaults.get(SETTING, 7)))
    found = []
    for role, snapshot in inputs.snapshots.items():
        if snapshot is None:
            continue
        days = (checked_at - snapshot.collected_at).total_seconds() / 86400
        when = f"collected {stamp(snapshot.collected_at)}"
        if days < 0:
            found.append(f"The {role} evidence ({when}) is dated after the check time "
                         f"{stamp(checked_at)}: a clock is wrong, or --checked-at is.")
        elif days > limit:
            found.append(f"The {role} evidence ({when}) is {days:.1f} days old at the check time "
                         f"{stamp(checked_at)}, older than {limit:g} days (itmscheck's policy; "
                         f"site file thresholds.{SETTING}): collect it again so the verdict "
                         "speaks for the server as it is now.")
    return found
