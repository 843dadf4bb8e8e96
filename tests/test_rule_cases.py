"""Every rule proven by data: it passes where it should and fails where it should.

``pytest -k CH01-SAME-COLLATION`` runs one rule's cases.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any, ClassVar

import pytest

from itmscheck.engine import loader
from itmscheck.engine.checktree import Node
from itmscheck.engine.checktype import CheckType
from itmscheck.engine.evaluate import evaluate
from itmscheck.engine.model import Outcome
from tests.support.rule_cases import PREFIXES, Case, all_cases, build_inputs

CATALOG = loader.catalog()
RULES = {rule.id: rule for rule in CATALOG.rules}
CASES = all_cases()


def _run(case: Case, catalog=CATALOG):
    rule = {r.id: r for r in catalog.rules}[case.rule]
    phase = case.spec.get("phase", rule.phases[0])
    assert phase in rule.phases, f"{case.id}: the rule has no phase {phase}"
    results = evaluate(catalog, build_inputs(case, catalog, phase), phase, {case.rule})
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_case(case: Case) -> None:
    assert case.rule in RULES, f"{case.file.name} names unknown rule {case.rule}"
    result = _run(case)
    assert result.status.value == case.spec["expect"], result.message
    for words in [case.spec["message"]] if "message" in case.spec else []:
        assert words in result.message
    if "blocks" in case.spec:
        assert result.blocks is case.spec["blocks"], f"{case.id}: blocks is {result.blocks}"


class _AlwaysPasses(CheckType):
    name = "always_passes"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts):
        return Outcome.passed("the check was removed")


FAILING = [case for case in CASES if case.spec["expect"] == "failed"]


@pytest.mark.parametrize("case", FAILING, ids=[case.id for case in FAILING])
def test_failing_case_fails_because_of_the_rules_check(case: Case) -> None:
    """Removing the rule's check makes its failing fixture fail no more."""
    gutted = replace(CATALOG, rules=tuple(
        replace(rule, check=Node("leaf", leaf=_AlwaysPasses({"type": "always_passes"})))
        if rule.id == case.rule else rule for rule in CATALOG.rules))
    assert _run(case, gutted).status.value != "failed"


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    expected: dict[str, set[str]] = defaultdict(set)
    for case in CASES:
        expected[case.rule].add(case.spec["expect"])
    for rule in CATALOG.rules:
        wanted = {"manual", "attested"} if rule.attest else {"passed", "failed"}
        assert wanted <= expected[rule.id], f"{rule.id} lacks cases expecting {wanted - expected[rule.id]}"


def test_case_names_say_what_they_expect() -> None:
    for case in CASES:
        prefix = next((p for p in PREFIXES if case.name.startswith(p)), None)
        assert prefix, f"{case.id}: name a case passes_when_/fails_when_/errors_when_/..."
        assert PREFIXES[prefix] == case.spec["expect"], f"{case.id} expects {case.spec['expect']}"
