"""The output of ``itmscheck diff``: a text a person reads, a JSON document a pipeline reads.

Drift comes first, named fact by fact: what changed unexplained, what could
not be compared (unknown), a name listed twice, and the changes the guide
requires that did not happen. The expected differences follow, each with the
reason and the guide section and page that make it expected.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from itmscheck.comparison.expectations import Difference, Expectation
    from itmscheck.evidence.snapshot import Snapshot

_LIMIT = 100  # characters of a value shown in the text output; --json has it whole
_MISSED = ("not_changed", "not_removed", "not_added", "not_moved")


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
            "unexpected": sum(d.change not in ("unknown", *_MISSED) for d in drift),
            "unknown": sum(d.change == "unknown" for d in drift),
            "missed": sum(d.change in _MISSED for d in drift),
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
    if d.required_by is not None:
        row["required_by"] = {"why": d.required_by.why, "guide": {"section": d.required_by.section,
                                                                 "page": d.required_by.page}}
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
                f"{_value(d.after)}; null, absent on both sides or declared unknown means "
                "it was not read)")
    if d.change == "duplicate":
        return (f"twice    {d.fact}: the name is listed more than once ({_value(d.before)} -> "
                f"{_value(d.after)}); ITMS compares names ignoring case")
    if d.change == "not_changed":
        return f"not changed  {d.fact}: still {_value(d.after)}, the guide requires a change{_cite(d)}"
    if d.change == "not_removed":
        return f"not removed  {d.fact}: still {_value(d.after)}, the guide requires its removal{_cite(d)}"
    if d.change == "not_added":
        return f"not added  {d.fact}: the guide moves the data of {_value(d.before)} into it{_cite(d)}"
    if d.change == "not_moved":
        return (f"not moved  {d.fact}: {_value(d.after)} rows, fewer than the "
                f"{sum(d.before.values()):,} the guide moves into it from {_value(d.before)}{_cite(d)}")
    return f"changed  {d.fact}: {_value(d.before)} -> {_value(d.after)}"


def _cite(d: Difference) -> str:
    row = d.required_by
    return "" if row is None else f" (guide: \"{row.section}\", page {row.page})"


def _value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _LIMIT else text[:_LIMIT - 3] + "..."
