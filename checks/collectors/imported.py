"""The import collector: JSON fragments written on the server by Get-ItmsFacts.ps1.

The Notification Servers cannot run a current Python, so a PowerShell 2.0
script shipped with the package (``checks/collectors/windows``) writes what
only the Windows host can tell, and ``collect --import FILE`` merges it. A
fragment is::

    {"itmscheck_fragment": 1, "role": "source", "collected_at": "...Z",
     "collected_by": "...", "facts": {"host": {...}}, "unknown": {"host.local_users": "why"}}

``role`` (the script's mandatory ``-Role``) must be there and match ``collect
--role``: a 7.0 server's evidence filed as the 7.5 server's would pass the
pre-vs-post rules by comparing a server with itself, so a fragment that does
not say whose it is is refused too.

A fragment that cannot be read or does not match the snapshot schema is bad
input (exit 2): evidence that cannot be trusted is not silently dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from itmscheck.collectors import Fragment
from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_json, validate


class ImportCollector:
    name = "import"
    kind = "imported"

    def collect(self, role: str, site: dict[str, Any]) -> Fragment:
        merged = Fragment()
        for path in (site.get("_options") or {}).get("imports") or ():
            fragment = read_fragment(Path(path), role)
            for key, reason in fragment.unknown.items():
                merged.unknown.setdefault(key, reason)
            _fill(merged.facts, fragment.facts)
            for key, record in fragment.provenance.items():
                merged.provenance.setdefault(key, record)
        return merged


def read_fragment(path: Path, role: str) -> Fragment:
    file = str(path)
    document = load_json(path)
    if not isinstance(document, dict) or document.get("itmscheck_fragment") != 1:
        raise InputError(file, "is not an itmscheck fragment (itmscheck_fragment: 1 expected)",
                         field="itmscheck_fragment")
    if document.get("role") not in ("source", "target"):
        raise InputError(file, "does not say whose it is: run Get-ItmsFacts.ps1 again with "
                               "-Role source (the 7.0 server) or -Role target (the 7.5 server)",
                         field="role")
    if document["role"] != role:
        raise InputError(file, f"was written for the {document['role']!r} role, not {role!r} "
                               "(Get-ItmsFacts.ps1 -Role)", field="role")
    facts = document.get("facts")
    if not isinstance(facts, dict):
        raise InputError(file, "has no facts object", field="facts")
    collected_at = document.get("collected_at") or "2000-01-01T00:00:00Z"
    validate({"itmscheck_snapshot": 1, "role": role, "collected_at": collected_at,
              "facts": facts, "unknown": document.get("unknown") or {}},
             "snapshot.schema.json", file)
    by = str(document.get("collected_by") or "Get-ItmsFacts.ps1")
    record = {"kind": "imported", "by": by,
              "detail": f"{path.name}, collected {document.get('collected_at') or 'at an unknown time'}"}
    fragment = Fragment(facts=facts, unknown=dict(document.get("unknown") or {}))
    for group in facts:
        fragment.provenance[group] = dict(record)
    return fragment


def _fill(target: dict[str, Any], source: dict[str, Any]) -> None:
    """Copy ``source`` into ``target`` without overwriting: the first fragment wins."""
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _fill(target[key], value)
        else:
            target.setdefault(key, value)
