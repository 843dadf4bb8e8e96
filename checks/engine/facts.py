"""Fact access for check types: resolve a reference, or say why it is unknown.

References are dotted paths with a root:

- ``source.<fact>`` / ``target.<fact>``: a fact of the 7.0 / 7.5 snapshot;
- ``site.<key>``: something the site file declares (but ``site.cmdb``: the
  CMDB connection settings, with their password, are not facts);
- ``data.<table>``: a data table shipped beside the rules;
- ``threshold.<name>``: a site threshold, or its default.

Every value read is recorded as evidence for the rule being evaluated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from itmscheck.engine.model import Evidence
from itmscheck.evidence.site import Site, declared_default
from itmscheck.evidence.snapshot import Snapshot, null_means_none

ROOTS = ("source", "target", "site", "data", "threshold")
_ABSENT = object()


class FactUnknown(Exception):
    """A fact a check needs is missing, null or could not be read.

    ``ref`` is the reference (``target.cmdb.collation``), or only the role
    (``target``) when a whole snapshot was not given; ``sentence`` says why in
    words that read on their own.
    """

    def __init__(self, ref: str, sentence: str) -> None:
        super().__init__(sentence)
        self.ref = ref
        self.sentence = sentence


def no_fact_sources() -> Mapping[str, tuple[str, ...]]:
    return {}


@dataclass(frozen=True)
class Inputs:
    """Everything evaluation reads: never touched by it."""

    snapshots: dict[str, Snapshot | None]
    site: Site
    tables: dict[str, Any]
    threshold_defaults: dict[str, Any]
    fact_sources: Callable[[], Mapping[str, tuple[str, ...]]] = no_fact_sources
    """How each fact is obtained (by fact path or group), asked for only when a rule
    could not be evaluated: its ``error`` then says how to get what it lacks."""


@dataclass
class Facts:
    """The view one rule has of the inputs; it records what the rule read."""

    inputs: Inputs
    evidence: dict[str, Evidence] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)
    """Why each check that could not decide could not (filled by the evaluation)."""
    missing: list[str] = field(default_factory=list)
    """The references that were unknown (``target.cmdb.collation``, or ``target`` when
    no target snapshot was given): what an ``error`` needs to be evaluated."""

    def get(self, ref: str, default: Any = _ABSENT) -> Any:
        """The value of ``ref``; ``default`` (when given) stands in for an absent site key."""
        root, _, path = ref.partition(".")
        if root in ("source", "target"):
            value, provenance = self._snapshot_fact(root, path)
        elif root == "site":
            if is_connection_setting(ref):
                raise FactUnknown(ref, f"{ref} is a connection setting, not a fact "
                                       "(its password stays secret)")
            value = _walk(self.inputs.site.document, path)
            provenance = "declared in the site file"
            if value is _ABSENT:
                has_default, schema_default = declared_default(path)
                if default is not _ABSENT:
                    value = default
                elif has_default:
                    value = schema_default
                else:
                    raise FactUnknown(ref, f"{ref} is not declared in the site file")
                provenance = "site file default"
        elif root == "data":
            if path not in self.inputs.tables:
                raise FactUnknown(ref, f"{ref}: no such data table")
            return self.inputs.tables[path]
        elif root == "threshold":
            value = self.inputs.site.thresholds.get(path, _ABSENT)
            provenance = "site file"
            if value is _ABSENT:
                value, provenance = self.inputs.threshold_defaults.get(path, _ABSENT), "default"
            if value is _ABSENT:
                raise FactUnknown(ref, f"{ref}: no such threshold")
        else:
            raise FactUnknown(ref, f"{ref}: references start with one of {', '.join(ROOTS)}")
        self.evidence[ref] = Evidence(value, provenance)
        return value

    def collected_at(self, ref: str) -> datetime:
        """The moment the snapshot holding ``ref`` was collected."""
        snapshot = self._snapshot(ref.partition(".")[0])
        return snapshot.collected_at

    def local_date(self, ref: str) -> date:
        """The day the snapshot holding ``ref`` speaks for, on the calendar where it was collected."""
        return self._snapshot(ref.partition(".")[0]).local_date

    def _snapshot(self, role: str) -> Snapshot:
        snapshot = self.inputs.snapshots.get(role)
        if snapshot is None:
            raise FactUnknown(role, f"no {role} snapshot was given (--{role})")
        return snapshot

    def _snapshot_fact(self, role: str, path: str) -> tuple[Any, str | None]:
        ref = f"{role}.{path}"
        snapshot = self._snapshot(role)
        reason = snapshot.unknown_reason(path)
        provenance = snapshot.provenance_of(path)
        if snapshot.written_names and path.startswith("platform.products"):
            spelled = ", ".join(f"{name} as {written!r}" for name, written in
                                sorted(snapshot.written_names.items()))
            provenance = f"{provenance or 'as given'}; product names written otherwise: {spelled}"
        if reason is not None:
            self.evidence[ref] = Evidence(None, provenance)
            raise FactUnknown(ref, f"{ref} could not be read ({reason})")
        value = _walk(snapshot.facts, path)
        if value is _ABSENT and _inside_none(snapshot, path):
            return None, provenance  # a part of something recorded as none is none too
        if value is _ABSENT:
            raise FactUnknown(ref, f"{ref} is not in the {role} snapshot")
        if value is None and path not in null_means_none():
            self.evidence[ref] = Evidence(None, provenance)
            raise FactUnknown(ref, f"{ref} is null in the {role} snapshot (not read)")
        return value, provenance


def is_connection_setting(ref: str) -> bool:
    """``site.cmdb`` and below: how ``collect`` connects (with a password), never a rule's fact."""
    return ref == "site.cmdb" or ref.startswith("site.cmdb.")


def _inside_none(snapshot: Snapshot, path: str) -> bool:
    """Whether a group holding ``path`` is null where null means none (no data store: no files)."""
    parts = path.split(".")
    for end in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in null_means_none() and _walk(snapshot.facts, prefix) is None:
            return True
    return False


def _walk(tree: Any, path: str) -> Any:
    node = tree
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return _ABSENT
        node = node[part]
    return node
