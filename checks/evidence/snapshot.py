"""Snapshots: the JSON evidence about one Notification Server at one moment.

Time. Every instant of a snapshot carries its offset (``Z`` or ``+hh:mm``) and
is kept in UTC; the offset of ``collected_at`` is kept too, because the
snapshot's *local date* is the day the evidence speaks for. Date-only values
of a site file (a waiver's ``expires``, an attestation's ``on``) are days of
that local calendar: see :func:`itmscheck.evidence.site.check_dates`. An
instant outside the years 1970-9998 is bad input: nothing in a migration
happened before 1970, and at the calendar's ends an offset cannot be applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from itmscheck.errors import InputError
from itmscheck.evidence.addresses import parse_ip
from itmscheck.evidence.documents import load_json, validate
from itmscheck.evidence.products import canonical_products


@dataclass(frozen=True)
class Snapshot:
    role: str
    collected_at: datetime
    facts: dict[str, Any]
    file: str
    collected_offset: timedelta = timedelta(0)
    """The offset ``collected_at`` was written with: the evidence's local time is UTC plus it."""
    provenance: dict[str, dict[str, str]] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)
    written_names: dict[str, str] = field(default_factory=dict)
    """Canonical product name -> the spelling the snapshot used, where they differ."""

    def unknown_reason(self, path: str) -> str | None:
        """Why the fact at ``path`` (or a group holding it) could not be read."""
        reason = _longest_prefix(self.unknown, path)
        return None if reason is None else str(reason)

    @property
    def local_date(self) -> date:
        """The day the evidence speaks for, on the calendar where it was collected."""
        return (self.collected_at + self.collected_offset).date()

    def provenance_of(self, path: str) -> str | None:
        record = _longest_prefix(self.provenance, path)
        if record is None:
            return None
        by = record.get("by")
        said = f"{record['kind']} by {by}" if by else record["kind"]
        # a CMDB probe using what no public source shows: every report carries the doubt
        return f"{said} (unconfirmed: {record['unconfirmed']})" if record.get("unconfirmed") else said


def _longest_prefix(table: dict[str, Any], path: str) -> Any:
    best = None
    for key, value in table.items():
        matches = key == "" or path == key or path.startswith(key + ".")
        if matches and (best is None or len(key) > len(best[0])):
            best = (key, value)
    return best[1] if best else None


FIRST_YEAR, LAST_YEAR = 1970, 9998
"""The years an instant or a date may fall in (the calendar's ends cannot carry an offset)."""


def parse_datetime(text: str, file: str, field_name: str) -> datetime:
    """An ISO 8601 date-time with a zone, as an aware datetime in UTC."""
    return parse_instant(text, file, field_name)[0]


def parse_instant(text: str, file: str, field_name: str) -> tuple[datetime, timedelta]:
    """An ISO 8601 date-time with a zone: the instant in UTC and the offset it was written with."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InputError(file, f"{text!r} is not a valid date-time", field=field_name) from None
    offset = moment.utcoffset()
    if offset is None:
        raise InputError(file, f"{text!r} has no time zone (add Z or +hh:mm)", field=field_name)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise InputError(file, f"{text!r} is outside the years {FIRST_YEAR}-{LAST_YEAR}",
                         field=field_name)
    return (moment - offset).replace(tzinfo=timezone.utc), offset


def load_snapshot(path: Path, expected_role: str | None = None) -> Snapshot:
    return snapshot_from_document(load_json(path), str(path), expected_role)


def snapshot_from_document(document: Any, file: str, expected_role: str | None = None) -> Snapshot:
    """A validated snapshot from its parsed JSON; ``file`` names it in errors."""
    validate(document, "snapshot.schema.json", file)
    if expected_role and document["role"] != expected_role:
        raise InputError(file, f"role is {document['role']!r}, but this option takes a "
                               f"{expected_role} snapshot", field="role")
    collected_at, offset = parse_instant(document["collected_at"], file, "collected_at")
    for field_name, value in _annotated(document["facts"], "date-time"):
        parse_datetime(value, file, f"facts.{field_name}")
    for field_name, value in _annotated(document["facts"], "ip-address"):
        if parse_ip(value) is None:
            raise InputError(file, f"{value!r} is not an IP address", field=f"facts.{field_name}")
    facts, written_names = canonical_products(document["facts"], file)
    return Snapshot(
        role=document["role"],
        collected_at=collected_at,
        collected_offset=offset,
        facts=facts,
        file=file,
        written_names=written_names,
        provenance=document.get("provenance", {}),
        unknown=document.get("unknown", {}),
    )


def _annotated(facts: dict[str, Any], kind: str) -> list[tuple[str, str]]:
    """(dotted field, text) of every fact whose schema format is ``kind``."""
    found: list[tuple[str, str]] = []

    def walk(node: Any, path: tuple[str, ...], field_name: str) -> None:
        if not path:
            if isinstance(node, str):
                found.append((field_name, node))
        elif path[0] == "[]" and isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, path[1:], f"{field_name}[{index}]")
        elif isinstance(node, dict) and path[0] in node:
            walk(node[path[0]], path[1:], f"{field_name}.{path[0]}" if field_name else path[0])

    for path in _format_paths(kind):
        walk(facts, path, "")
    return found


@cache
def _format_paths(kind: str) -> tuple[tuple[str, ...], ...]:
    """Paths (``[]`` for a list's items) of the facts whose ``format``/``x-format`` is ``kind``."""
    from itmscheck.evidence.schemas import schema_document

    document = schema_document("snapshot.schema.json")
    found: list[tuple[str, ...]] = []

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, dict) and "$ref" in node:
            node = {**document["$defs"][node["$ref"].rsplit("/", 1)[-1]], **node}
            node.pop("$ref")
        if not isinstance(node, dict):
            return
        if kind in (node.get("format"), node.get("x-format")):
            found.append(path)
        for name, child in node.get("properties", {}).items():
            walk(child, (*path, name))
        walk(node.get("items"), (*path, "[]"))

    walk(document["$defs"]["facts"], ())
    return tuple(found)


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
