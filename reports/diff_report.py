"""The output of ``itmscheck diff``: a text a person reads, a JSON document a pipeline reads.

Drift comes first, named fact by fact; the expected differences follow, each
with the reason and the guide section and page that make it expected.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from itmscheck.comparison.diff import Difference, Expectation
    from itmscheck.evidence.snapshot import Snapshot

_LIMIT = 100  # characters of a value shown in the text output; --json has it whole


def as_text(before: Snapshot, after: Snapshot, differences: list[Difference]) -> str:
    drift = [d for d in differences if d.expected is None]
    expected = [d for d in differences if d.expected is not None]
    lines = [f"Before: {_describe(before)}", f"After:  {_describe(after)}", ""]
    if before.role != "source" or after.role != "target":
        lines += ["The guide's expected differences apply from a source (7.0) snapshot to a "
                  "target (7.5) one; between these two, every difference is drift.", ""]
    if drift:
        lines.append(f"Drift: {len(drift)} difference(s) the guide does not explain")
        lines += [f"  {_line(d)}" for d in drift]
        lines.append("")
    if expected:
        lines.append(f"Expected: {len(expected)} difference(s) the guide explains")
        groups: dict[Expectation, list[Difference]] = {}
        for d in expected:  # one reason, then every difference it explains
            assert d.expected is not None
            groups.setdefault(d.expected, []).append(d)
        for reason, members in groups.items():
            lines.append(f"  {reason.why} (guide: \"{reason.section}\", page {reason.page})")
            lines += [f"    {_line(d)}" for d in members]
        lines.append("")
    if drift:
        lines.append(f"DRIFT: {len(drift)} unexpected difference(s): "
                     + ", ".join(d.fact for d in drift))
    else:
        lines.append("NO DRIFT: " + ("only the differences the guide expects."
                                     if expected else "the snapshots hold the same facts."))
    return "\n".join(lines)


def as_json(before: Snapshot, after: Snapshot, differences: list[Difference]) -> str:
    drift = [d for d in differences if d.expected is None]
    document = {
        "itmscheck_diff": 1,
        "before": _side(before),
        "after": _side(after),
        "drift": bool(drift),
        "summary": {
            "expected": len(differences) - len(drift),
            "unexpected": sum(d.change != "unknown" for d in drift),
            "unknown": sum(d.change == "unknown" for d in drift),
        },
        "differences": [_row(d) for d in differences],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _row(d: Difference) -> dict[str, Any]:
    row: dict[str, Any] = {"fact": d.fact, "change": d.change, "before": d.before,
                           "after": d.after, "expected": d.expected is not None}
    if d.expected is not None:
        row["why"] = d.expected.why
        row["guide"] = {"section": d.expected.section, "page": d.expected.page}
    return row


def _side(snapshot: Snapshot) -> dict[str, str]:
    return {"file": snapshot.file, "role": snapshot.role,
            "collected_at": snapshot.collected_at.strftime("%Y-%m-%dT%H:%M:%SZ")}


def _describe(snapshot: Snapshot) -> str:
    return (f"{snapshot.file} ({snapshot.role}, collected "
            f"{snapshot.collected_at.strftime('%Y-%m-%dT%H:%M:%SZ')})")


def _line(d: Difference) -> str:
    if d.change == "added":
        return f"added    {d.fact} = {_value(d.after)}"
    if d.change == "removed":
        return f"removed  {d.fact} (was {_value(d.before)})"
    if d.change == "unknown":
        return (f"unknown  {d.fact}: could not be compared ({_value(d.before)} -> "
                f"{_value(d.after)}; null means the collector could not read it)")
    return f"changed  {d.fact}: {_value(d.before)} -> {_value(d.after)}"


def _value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _LIMIT else text[:_LIMIT - 3] + "..."
