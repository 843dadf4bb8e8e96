"""The guide's Table 2-2 as data (``rules/fleet/runbook.yaml``): 16 steps in its own words.

Each step names the rules whose results show it done, per phase, and what it
waits for in the hierarchy. The table itself is in section "Migrating from
Symantec Management Platform 7.0"; each step's pages are those it refers to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from itmscheck.evidence.documents import load_yaml, validate


@dataclass(frozen=True)
class Step:
    number: int
    action: str
    see: tuple[tuple[str, int], ...]
    rules: dict[str, tuple[str, ...]]
    waits: str | None

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(rule for ids in self.rules.values() for rule in ids)


@dataclass(frozen=True)
class Table:
    title: str
    section: str
    page: int
    steps: tuple[Step, ...]

    @property
    def final_rules(self) -> frozenset[str]:
        """The rules of the steps that wait for the neighbours (re-establishing the hierarchy)."""
        return frozenset(rule for step in self.steps if step.waits == "neighbours" for rule in step.rule_ids)


@cache
def table() -> Table:
    file = Path(str(resources.files("itmscheck.rules").joinpath("fleet", "runbook.yaml")))
    document = load_yaml(file)
    validate(document, "runbook.schema.json", str(file))
    steps = tuple(Step(number, item["action"], tuple((see["section"], see["page"]) for see in item["see"]),
                       {phase: tuple(ids) for phase, ids in item["rules"].items()}, item.get("waits"))
                  for number, item in enumerate(document["steps"], start=1))
    return Table(document["table"], document["section"], document["page"], steps)
