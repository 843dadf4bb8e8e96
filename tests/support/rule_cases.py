"""Rule cases: YAML data that proves each rule can pass and can fail.

A case starts from a bundled lab (``lab: ready`` by default), changes facts
with ``set`` (dotted references such as ``source.cmdb.collation`` or
``site.legacy_servers``, where ``products[ServiceDesk]`` picks the item of a
list by name; null sets null), ``unset`` (deletes keys) and
``unknown`` (marks facts as unreadable, with a reason), and ``collected_at``
(``{source: ..., target: ...}``: the snapshots' own time, which ``set`` cannot
reach), evaluates the rule in ``phase`` (default: the rule's first phase) and
expects a status and, optionally, words of the message and whether the result
``blocks`` the migration (a change of severity alone shows only there).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itmscheck.cli.check import demo_files
from itmscheck.engine.facts import Inputs
from itmscheck.engine.loader import inputs
from itmscheck.evidence.documents import load_json, load_yaml
from itmscheck.evidence.site import site_from_document
from itmscheck.evidence.snapshot import snapshot_from_document

CASES = Path(__file__).resolve().parents[1] / "rule_cases"
KEYS = {"lab", "phase", "set", "unset", "unknown", "collected_at", "no_target", "expect", "message",
        "blocks"}
PREFIXES = {"passes_when": "passed", "fails_when": "failed", "errors_when": "error",
            "skipped_when": "skipped", "manual_when": "manual", "waived_when": "waived",
            "attested_when": "attested"}


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    spec: dict[str, Any]
    file: Path

    @property
    def id(self) -> str:
        return f"{self.rule}::{self.name}"


def all_cases() -> list[Case]:
    cases = []
    for file in sorted(CASES.glob("*.yaml")):
        document = load_yaml(file)
        for name, spec in document["cases"].items():
            unknown = set(spec or {}) - KEYS
            assert not unknown, f"{file.name}: case {name} has unknown keys {sorted(unknown)}"
            cases.append(Case(document["rule"], name, spec or {}, file))
    return cases


def build_inputs(case: Case, catalog: Any, phase: str) -> Inputs:
    source_file, target_file, site_file = demo_files(case.spec.get("lab", "ready"), phase)
    documents = copy.deepcopy({"source": load_json(source_file), "target": load_json(target_file),
                               "site": load_yaml(site_file)})
    for ref, value in (case.spec.get("set") or {}).items():
        container, key = _locate(documents, ref, create=True)
        container[key] = value
    for ref in case.spec.get("unset") or []:
        container, key = _locate(documents, ref, create=False)
        del container[key]
    for role, moment in (case.spec.get("collected_at") or {}).items():
        documents[role]["collected_at"] = moment
    for ref, reason in (case.spec.get("unknown") or {}).items():
        role, _, path = ref.partition(".")
        documents[role].setdefault("unknown", {})[path] = reason
    snapshots = {role: snapshot_from_document(documents[role], f"{case.file.name}:{role}")
                 for role in ("source", "target")}
    if case.spec.get("no_target"):
        snapshots["target"] = None
    site = site_from_document(documents["site"], f"{case.file.name}:site")
    return inputs(catalog, dict(snapshots), site)


def _locate(documents: dict[str, Any], ref: str, create: bool) -> tuple[Any, Any]:
    """The container and key of ``ref``; ``list[Name]`` picks the item of a list named Name."""
    role, _, path = ref.partition(".")
    node = documents[role]
    parts = path.split(".")
    if role != "site":
        node = node["facts"]
    for part in parts[:-1]:
        container, key = _step(node, part, create)
        if key not in container and create and isinstance(container, dict):
            container[key] = {}
        node = container[key]
    return _step(node, parts[-1], create)


def _step(node: Any, part: str, create: bool) -> tuple[Any, Any]:
    picked = re.fullmatch(r"(.+)\[(.+)\]", part)
    if not picked:
        return node, part
    items = node[picked[1]]
    index = next((i for i, item in enumerate(items) if item.get("name") == picked[2]), None)
    assert index is not None, f"no item named {picked[2]!r} in {picked[1]}"
    return items, index
