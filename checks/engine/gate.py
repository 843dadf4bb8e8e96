"""The gate: policy on top of the rules' outcomes.

Blockers decide; a blocker that failed, could not be evaluated (``error``) or
awaits a person (``manual``) stops the migration. A waiver accepts a known
finding for a while, with a reason and an owner; it never hides an unknown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from itmscheck.engine.model import Result, Status
from itmscheck.evidence.site import Site


def verdict(results: tuple[Result, ...]) -> str:
    """GO unless a blocker failed, could not be evaluated, or awaits a person."""
    return "NO-GO" if any(result.blocks for result in results) else "GO"



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
