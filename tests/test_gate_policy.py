"""The gate's policy: what blocks, what a waiver or an attestation can and cannot do."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import pytest

from itmscheck.engine import loader
from itmscheck.engine.checktree import Node
from itmscheck.engine.checktype import CheckType
from itmscheck.engine.evaluate import evaluate
from itmscheck.engine.gate import verdict
from itmscheck.engine.model import Outcome, State, Status
from tests.support.rule_cases import Case, build_inputs

CATALOG = loader.catalog()


def _inputs(phase: str = "pre", lab: str = "not-ready", site: dict | None = None, catalog=CATALOG):
    spec = {"lab": lab, "set": {f"site.{k}": v for k, v in (site or {}).items()}}
    return build_inputs(Case("policy", "-", spec, Path("policy.yaml")), catalog, phase)


def _result(results, rule):
    return next(r for r in results if r.rule == rule)


WAIVER = {"rule": "CH02-TARGET-OS", "reason": "hardware swap planned", "by": "A. Admin"}


def test_a_current_waiver_turns_a_failure_into_waived_and_names_who_and_why() -> None:
    results = evaluate(CATALOG, _inputs(site={"waivers": [{**WAIVER, "expires": "2026-12-31"}]}), "pre")
    os_rule = _result(results, "CH02-TARGET-OS")
    assert os_rule.status is Status.WAIVED
    assert os_rule.waiver == {**{k: WAIVER[k] for k in ("by", "reason")},
                              "expires": "2026-12-31", "expired": False}
    assert "A. Admin" in os_rule.message and "hardware swap planned" in os_rule.message
    assert not os_rule.blocks


def test_a_waiver_expiring_on_the_evidence_day_still_applies() -> None:
    # target-pre of the not-ready lab was collected on 2026-11-20
    results = evaluate(CATALOG, _inputs(site={"waivers": [{**WAIVER, "expires": "2026-11-20"}]}), "pre")
    assert _result(results, "CH02-TARGET-OS").status is Status.WAIVED


def test_an_expired_waiver_does_not_apply() -> None:
    results = evaluate(CATALOG, _inputs(site={"waivers": [{**WAIVER, "expires": "2026-11-19"}]}), "pre")
    os_rule = _result(results, "CH02-TARGET-OS")
    assert os_rule.status is Status.FAILED
    assert os_rule.waiver["expired"] is True
    assert "expired on 2026-11-19" in os_rule.message


def test_a_waiver_never_hides_an_error() -> None:
    inputs = _inputs(site={"waivers": [{**WAIVER, "expires": "2026-12-31"}]})
    inputs = replace(inputs, snapshots={**inputs.snapshots, "target": None})
    os_rule = _result(evaluate(CATALOG, inputs, "pre"), "CH02-TARGET-OS")
    assert os_rule.status is Status.ERROR
    assert os_rule.blocks


def test_waiving_every_failure_and_attesting_every_manual_rule_gives_go() -> None:
    results = evaluate(CATALOG, _inputs(), "pre")
    assert verdict(results) == "NO-GO"
    waivers = [{"rule": r.rule, "reason": "accepted by the change board", "by": "CAB",
                "expires": "2026-12-31"} for r in results if r.status is Status.FAILED]
    attestations = {**_inputs().site.attestations,
                    **{r.rule: {"by": "CAB", "on": "2026-11-20"}
                       for r in results if r.status is Status.MANUAL}}
    assert waivers and attestations
    site = {"waivers": waivers, "attestations": attestations}
    assert verdict(evaluate(CATALOG, _inputs(site=site), "pre")) == "GO"


def test_waivers_alone_leave_unattested_manual_blockers_blocking() -> None:
    results = evaluate(CATALOG, _inputs(), "pre")
    waivers = [{"rule": r.rule, "reason": "accepted by the change board", "by": "CAB",
                "expires": "2026-12-31"} for r in results if r.status is Status.FAILED]
    waived = evaluate(CATALOG, _inputs(site={"waivers": waivers}), "pre")
    assert verdict(waived) == "NO-GO"
    assert {r.status for r in waived if r.blocks} == {Status.MANUAL}


class _Constant(CheckType):
    name = "constant"
    parameters: ClassVar[dict[str, Any]] = {"state": {}}

    def evaluate(self, facts):
        return Outcome(State(self.params["state"]), f"constant {self.params['state']}")


def _leaf(state: str) -> Node:
    return Node("leaf", leaf=_Constant({"type": "constant", "state": state}))


def _with_rule(severity: str, **changes):
    base = next(r for r in CATALOG.rules if r.id == "CH02-TARGET-OS")
    rule = replace(base, severity=severity, **changes)
    return replace(CATALOG, rules=(rule,))


@pytest.mark.parametrize(("severity", "state", "expected"), [
    ("blocker", "fail", "NO-GO"), ("blocker", "unknown", "NO-GO"), ("blocker", "pass", "GO"),
    ("warning", "fail", "GO"), ("warning", "unknown", "GO"), ("info", "fail", "GO"),
])
def test_only_blockers_decide_and_unknown_blocks(severity, state, expected) -> None:
    catalog = _with_rule(severity, check=_leaf(state))
    assert verdict(evaluate(catalog, _inputs(lab="ready"), "pre")) == expected


def test_a_manual_blocker_blocks_until_attested() -> None:
    catalog = _with_rule("blocker", check=None, attest="the licenses are copied to a share")
    manual = evaluate(catalog, _inputs(lab="ready"), "pre")
    assert manual[0].status is Status.MANUAL
    assert verdict(manual) == "NO-GO"
    attested = evaluate(catalog, _inputs(lab="ready", site={"attestations": {"CH02-TARGET-OS": {
        "by": "J. de Vries", "on": "2026-11-19", "evidence": "CHG-1042"}}}, catalog=catalog), "pre")
    assert attested[0].status is Status.ATTESTED  # counted apart from passed, satisfies the gate
    assert "Attested by J. de Vries on 2026-11-19" in attested[0].message
    assert attested[0].attestation["evidence"] == "CHG-1042"
    assert verdict(attested) == "GO"


def test_a_manual_warning_does_not_block() -> None:
    catalog = _with_rule("warning", check=None, attest="logs reviewed")
    assert verdict(evaluate(catalog, _inputs(lab="ready"), "pre")) == "GO"


@pytest.mark.parametrize(("tree", "expected"), [
    (Node("all", (_leaf("pass"), _leaf("unknown"))), State.UNKNOWN),
    (Node("all", (_leaf("fail"), _leaf("unknown"))), State.FAIL),
    (Node("any", (_leaf("pass"), _leaf("unknown"))), State.PASS),
    (Node("any", (_leaf("fail"), _leaf("unknown"))), State.UNKNOWN),
    (Node("any", (_leaf("fail"), _leaf("fail"))), State.FAIL),
    (Node("not", (_leaf("pass"),)), State.FAIL),
    (Node("not", (_leaf("unknown"),)), State.UNKNOWN),
])
def test_composition_is_three_valued(tree, expected) -> None:
    from itmscheck.engine.facts import Facts

    assert tree.evaluate(Facts(_inputs(lab="ready"))).state is expected


def test_applicability_that_fails_skips_and_unknown_applicability_errors() -> None:
    catalog = _with_rule("blocker", applies_when=_leaf("fail"), check=_leaf("fail"))
    assert evaluate(catalog, _inputs(lab="ready"), "pre")[0].status is Status.SKIPPED
    catalog = _with_rule("blocker", applies_when=_leaf("unknown"), check=_leaf("pass"))
    assert evaluate(catalog, _inputs(lab="ready"), "pre")[0].status is Status.ERROR


def test_evaluation_is_pure_same_inputs_same_results() -> None:
    inputs = _inputs()
    assert evaluate(CATALOG, inputs, "pre") == evaluate(CATALOG, inputs, "pre")


def test_a_rule_passes_only_when_every_fact_it_read_is_known() -> None:
    """`any` satisfied by one branch still reports the branch it could not read."""
    catalog = _with_rule("blocker", check=Node("any", (_leaf("pass"), _leaf("unknown"))))
    result = evaluate(catalog, _inputs(lab="ready"), "pre")[0]
    assert result.status is Status.ERROR
    assert "constant unknown" in result.message


def test_a_known_failure_is_reported_as_failed_even_beside_an_unknown() -> None:
    catalog = _with_rule("blocker", check=Node("all", (_leaf("fail"), _leaf("unknown"))))
    assert evaluate(catalog, _inputs(lab="ready"), "pre")[0].status is Status.FAILED


def test_applicability_decided_around_an_unknown_is_an_error() -> None:
    catalog = _with_rule("blocker", applies_when=Node("all", (_leaf("fail"), _leaf("unknown"))),
                         check=_leaf("pass"))
    assert evaluate(catalog, _inputs(lab="ready"), "pre")[0].status is Status.ERROR
