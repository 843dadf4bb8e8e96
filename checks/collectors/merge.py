"""Merging the collectors' fragments into one set of facts, with provenance.

Precedence, fact by fact: what was **imported** from the server itself (the
PowerShell fragment) beats what a collector here **collected**, which beats
what a person **declared** in the site file. Evidence beats assertion: a
declaration only fills what no collector could read. Two sources that both
have a value and disagree are reported as a warning; the winner is kept.

Every fact path of the schema ends up in the result: with a value, or null
with the reason in ``unknown``; and every one has a provenance record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from itmscheck.collectors import Fragment
from itmscheck.collectors.factpaths import covering, fact_paths, get_path, set_path, under

RANK = {"imported": 0, "collected": 1, "declared": 2}
NOBODY = {"kind": "collected", "by": "itmscheck collect",
          "detail": "no collector reads this fact and the site file does not declare it"}


@dataclass
class Source:
    """One collector's result: its fragment, or why it failed and which facts it owed."""

    name: str
    kind: str
    fragment: Fragment | None = None
    failure: str | None = None
    groups: tuple[str, ...] = ()


@dataclass
class Merged:
    facts: dict[str, Any] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, dict[str, str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def merge(sources: list[Source], null_is_value: frozenset[str]) -> Merged:
    result = Merged()
    ordered = sorted(sources, key=lambda s: RANK.get(s.kind, 1))  # stable: hook order kept
    for path in fact_paths():
        values: list[tuple[Source, Any]] = []
        reasons: list[tuple[Source, str]] = []
        for source in ordered:
            reason = _reason(source, path)
            if reason is not None:
                reasons.append((source, reason))
                continue
            if source.fragment is None:
                continue
            present, value = get_path(source.fragment.facts, path)
            if present and (value is not None or _null_is_value(path, null_is_value)):
                values.append((source, value))
        if values:
            winner, value = values[0]
            set_path(result.facts, path, value)
            result.provenance[path] = _provenance(winner, path)
            for other, other_value in values[1:]:
                if _canonical(other_value) != _canonical(value):
                    result.warnings.append(
                        f"{path}: {other.name} says {_canonical(other_value)}, "
                        f"{winner.name} says {_canonical(value)}; kept {winner.name}'s")
        else:
            set_path(result.facts, path, None)
            result.unknown[path] = "; ".join(f"{s.name}: {r}" for s, r in reasons) or _nobody(path)
            result.provenance[path] = (_provenance(reasons[0][0], path) if reasons
                                       else dict(NOBODY))
    result.provenance = _compress(result.provenance)
    return result


def _nobody(path: str) -> str:
    """Why a fact no source gave is unknown: for a fact no collector reads, why none does."""
    from itmscheck.collectors.coverage import DECLARED_ONLY, collected_by

    read_by = collected_by().get(path)
    if read_by:  # e.g. only the host script, whose fragment was not given
        return f"nothing read it in this run; it is read by: {', '.join(read_by)}"
    why = DECLARED_ONLY.get(path)
    return (f"{NOBODY['detail']} ({why}); declare it under the site file's facts:" if why
            else NOBODY["detail"])


def _reason(source: Source, path: str) -> str | None:
    if source.failure is not None:
        return source.failure if any(under((path,), g) for g in source.groups) else None
    if source.fragment is None:
        return None
    reason = covering(source.fragment.unknown, path)
    return str(reason) if reason is not None else None


def _null_is_value(path: str, null_is_value: frozenset[str]) -> bool:
    return path in null_is_value


def _provenance(source: Source, path: str) -> dict[str, str]:
    recorded = covering(source.fragment.provenance, path) if source.fragment else None
    if recorded:
        return dict(recorded)
    return {"kind": source.kind, "by": source.name}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _compress(provenance: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One entry for a top-level group whose facts all share the same provenance."""
    compressed: dict[str, dict[str, str]] = {}
    groups: dict[str, list[str]] = {}
    for path in provenance:
        groups.setdefault(path.split(".")[0], []).append(path)
    for group, paths in groups.items():
        records = {_canonical(provenance[p]) for p in paths}
        if len(records) == 1:
            compressed[group] = provenance[paths[0]]
        else:
            compressed.update({p: provenance[p] for p in paths})
    return compressed
