"""Snapshots: the JSON evidence about one Notification Server at one moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_json, validate
from itmscheck.evidence.products import canonical_products


@dataclass(frozen=True)
class Snapshot:
    role: str
    collected_at: datetime
    facts: dict[str, Any]
    file: str
    provenance: dict[str, dict[str, str]] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)
    written_names: dict[str, str] = field(default_factory=dict)
    """Canonical product name -> the spelling the snapshot used, where they differ."""

    def unknown_reason(self, path: str) -> str | None:
        """Why the fact at ``path`` (or a group holding it) could not be read."""
        reason = _longest_prefix(self.unknown, path)
        return None if reason is None else str(reason)

    def provenance_of(self, path: str) -> str | None:
        record = _longest_prefix(self.provenance, path)
        if record is None:
            return None
        by = record.get("by")
        return f"{record['kind']} by {by}" if by else record["kind"]


def _longest_prefix(table: dict[str, Any], path: str) -> Any:
    best = None
    for key, value in table.items():
        matches = key == "" or path == key or path.startswith(key + ".")
        if matches and (best is None or len(key) > len(best[0])):
            best = (key, value)
    return best[1] if best else None


def parse_datetime(text: str, file: str, field_name: str) -> datetime:
    """An ISO 8601 date-time with a zone, as an aware datetime in UTC."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InputError(file, f"{text!r} is not a valid date-time", field=field_name) from None
    if moment.tzinfo is None:
        raise InputError(file, f"{text!r} has no time zone (add Z or +hh:mm)", field=field_name)
    return moment.astimezone(timezone.utc)


def load_snapshot(path: Path, expected_role: str | None = None) -> Snapshot:
    return snapshot_from_document(load_json(path), str(path), expected_role)


def snapshot_from_document(document: Any, file: str, expected_role: str | None = None) -> Snapshot:
    """A validated snapshot from its parsed JSON; ``file`` names it in errors."""
    validate(document, "snapshot.schema.json", file)
    if expected_role and document["role"] != expected_role:
        raise InputError(file, f"role is {document['role']!r}, but this option takes a "
                               f"{expected_role} snapshot", field="role")
    collected_at = parse_datetime(document["collected_at"], file, "collected_at")
    backup = (document["facts"].get("cmdb") or {}).get("last_full_backup") or {}
    if backup.get("finished_at"):
        parse_datetime(backup["finished_at"], file, "facts.cmdb.last_full_backup.finished_at")
    facts, written_names = canonical_products(document["facts"], file)
    return Snapshot(
        role=document["role"],
        collected_at=collected_at,
        facts=facts,
        file=file,
        written_names=written_names,
        provenance=document.get("provenance", {}),
        unknown=document.get("unknown", {}),
    )


@cache
def null_means_none() -> frozenset[str]:
    """Fact paths where null is a value ("none"), not "could not be read".

    Read from the snapshot schema's ``x-null-means`` annotations, so the schema
    stays the one place that says what each fact means.
    """
    from itmscheck.evidence.schemas import schema_document

    found: set[str] = set()

    def walk(node: Any, path: str) -> None:
        if not isinstance(node, dict):
            return
        if node.get("x-null-means") == "none":
            found.add(path)
        for name, child in node.get("properties", {}).items():
            walk(child, f"{path}.{name}" if path else name)

    walk(schema_document("snapshot.schema.json")["$defs"]["facts"], "")
    return frozenset(found)
