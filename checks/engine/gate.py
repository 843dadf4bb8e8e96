"""The gate: policy on top of the rules' outcomes.

Blockers decide; a blocker that failed, could not be evaluated (``error``) or
awaits a person (``manual``) stops the migration, and so does a blocker that
did not run at all. A run narrowed to some rules is ``PARTIAL``: a diagnostic,
never a GO. A waiver accepts a known finding for a while, with a reason and
an owner; it never hides an unknown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from itmscheck.engine.model import GO, NO_GO, PARTIAL, Result, Status
from itmscheck.evidence.site import Site

# The exit statuses of a verdict; 2 (the input could not be used) is the command line's.
EXIT_GO, EXIT_NO_GO, EXIT_PARTIAL = 0, 1, 3


def verdict(results: tuple[Result, ...], *, partial: bool = False) -> str:
    """GO unless a blocker failed, could not be evaluated, or awaits a person.

    ``partial``: the run was narrowed to some rules, so it cannot answer for the phase.
    """
    return judge(blocking=any(result.blocks for result in results), complete=True, partial=partial)


def judge(*, blocking: bool, complete: bool, partial: bool) -> str:
    """The verdict of a run from what blocked and whether every blocker of the phase ran.

    A blocker that did not run was not evaluated: like ``error``, it fails closed
    (NO-GO) unless the run was declared partial, which is never a GO either.
    """
    if partial:
        return PARTIAL
    return NO_GO if blocking or not complete else GO


def exit_status(verdict: str, *, blocking: bool) -> int:
    """0 = GO, 1 = NO-GO; PARTIAL is 1 when a selected blocker blocks and 3 otherwise, never 0."""
    if verdict == PARTIAL:
        return EXIT_NO_GO if blocking else EXIT_PARTIAL
    return EXIT_GO if verdict == GO else EXIT_NO_GO


def waive(result: Result, site: Site, today: date) -> Result:
    """Apply the site's waiver for a failed rule, unless it has expired.

    A waiver never hides ``error`` or ``manual``: it accepts a known finding,
    not an unknown one.
    """

    waivers = [w for w in site.waivers if w["rule"] == result.rule]
    if not waivers or result.status is not Status.FAILED:
        return result
    waiver = max(waivers, key=lambda w: w["expires"])
    record = {"by": waiver["by"], "reason": waiver["reason"], "expires": waiver["expires"]}
    if date.fromisoformat(waiver["expires"]) < today:
        return replace(result, waiver={**record, "expired": True}, message=(
            f"{result.message} The waiver by {waiver['by']} expired on {waiver['expires']} "
            f"(evidence of {today}) and no longer applies."))
    return replace(result, status=Status.WAIVED, waiver={**record, "expired": False}, message=(
        f"{result.message} Waived by {waiver['by']} until {waiver['expires']}: {waiver['reason']}"))
