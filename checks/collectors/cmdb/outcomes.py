"""What each probe's outcome puts in the fragment: facts with their provenance, or reasons.

Every fact a probe reads is recorded as collected by ``cmdb`` with the probe's
name; when the probe uses a table or column no public source shows (an
``unconfirmed`` entry of its header), the provenance says so too, so that the
snapshot and every report show how far the fact can be trusted.
"""

from __future__ import annotations

from typing import Any

from itmscheck.collectors import Fragment
from itmscheck.collectors.cmdb.pool import Outcome
from itmscheck.collectors.cmdb.probe import Probe
from itmscheck.collectors.cmdb.rowbase import Unknown


def apply(fragment: Fragment, probe: Probe, outcome: Outcome) -> None:
    if outcome.facts is None:
        for path in probe.facts:
            fragment.miss(path, outcome.reason or f"probe {probe.name}: no result")
        return
    from itmscheck.evidence.snapshot import null_means_none

    for path, value in outcome.facts.items():
        if isinstance(value, Unknown):
            fragment.miss(path, f"probe {probe.name}: {value.reason}")
        elif value is None and path not in null_means_none():
            fragment.miss(path, f"probe {probe.name}: the CMDB record has no value")
        else:
            fragment.put(path, value)
            fragment.provenance[path] = provenance(probe)


def provenance(probe: Probe) -> dict[str, Any]:
    record = {"kind": "collected", "by": "cmdb", "detail": f"probe {probe.name}"}
    note = probe.unconfirmed_note()
    if note:
        record["unconfirmed"] = note
    return record
