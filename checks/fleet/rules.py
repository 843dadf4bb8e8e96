"""The cross-server rules: data (``rules/fleet/cross_server.yaml``) judged on a fleet view.

Each rule names its check type (:mod:`itmscheck.fleet.checks`) and cites the
guide: its section heading must be a row of ``data/guide_sections.yaml``, at
that page. Results are the engine's :class:`Result`, so the gate, the
reports and the console treat them as any rule's; an outcome that could not
decide is ``error`` (never a pass).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from itmscheck.engine.model import GuideRef, Result, State, Status
from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_yaml, validate
from itmscheck.fleet.checks import CHECKS
from itmscheck.fleet.view import FleetView

CHAPTER_TITLE = "Between the Notification Servers of the fleet"


@dataclass(frozen=True)
class FleetRule:
    id: str
    title: str
    phases: tuple[str, ...]
    severity: str
    description: str
    check: dict[str, Any]
    remediation: str
    guide: GuideRef
    quote: str


@cache
def fleet_rules() -> tuple[FleetRule, ...]:
    package = resources.files("itmscheck.rules")
    file = Path(str(package.joinpath("fleet", "cross_server.yaml")))
    document = load_yaml(file)
    validate(document, "fleet_rules.schema.json", str(file))
    sections = {(row["section"], row["page"])
                for row in load_yaml(Path(str(package.joinpath("data", "guide_sections.yaml"))))["rows"]}
    rules = []
    for item in document["rules"]:
        guide = item["guide"]
        if (guide["section"], guide["page"]) not in sections:
            raise InputError(str(file), f"{item['id']}: guide section {guide['section']!r} at page "
                                        f"{guide['page']} is no row of data/guide_sections.yaml")
        if item["check"]["type"] not in CHECKS:
            raise InputError(str(file), f"{item['id']}: unknown check type {item['check']['type']!r}")
        rules.append(FleetRule(item["id"], item["title"], tuple(item["phases"]), item["severity"],
                               " ".join(item["description"].split()), dict(item["check"]),
                               " ".join(item["remediation"].split()),
                               GuideRef(guide["section"], guide["page"]), guide["quote"]))
    return tuple(rules)


def evaluate_fleet(view: FleetView, phase: str) -> tuple[Result, ...]:
    """One result per cross-server rule of the phase."""
    return tuple(_evaluate(rule, view) for rule in fleet_rules() if phase in rule.phases)


def _evaluate(rule: FleetRule, view: FleetView) -> Result:
    params = {key: value for key, value in rule.check.items() if key != "type"}
    outcome = CHECKS[rule.check["type"]](view, params)
    status = {State.PASS: Status.PASSED, State.FAIL: Status.FAILED}.get(outcome.state, Status.ERROR)
    message = outcome.message if status is not Status.ERROR else f"Could not be evaluated: {outcome.message}"
    return Result(rule=rule.id, title=rule.title, severity=rule.severity, status=status,
                  message=message, guide=rule.guide, remediation=rule.remediation, chapter=0,
                  chapter_title=CHAPTER_TITLE, quote=rule.quote, tags=("fleet",))
