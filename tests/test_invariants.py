"""Verdict invariants: the gate fails closed whatever is missing, and waivers do only what they say."""

from __future__ import annotations

import contextlib
import copy
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itmscheck.cli.check import demo_files
from itmscheck.engine import loader
from itmscheck.engine.evaluate import evaluate
from itmscheck.engine.gate import verdict
from itmscheck.engine.model import Status
from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_json, load_yaml
from itmscheck.evidence.site import site_from_document
from itmscheck.evidence.snapshot import null_means_none, snapshot_from_document

CATALOG = loader.catalog()
PHASES = ("pre", "install", "post")


def _documents(lab: str, phase: str) -> dict[str, Any]:
    source, target, site = demo_files(lab, phase)
    return {"source": load_json(source), "target": load_json(target), "site": load_yaml(site)}


def _verdict(documents: dict[str, Any], phase: str) -> tuple[str, tuple[Any, ...]]:
    """The verdict, or "refused" where the input is not accepted at all (exit 2)."""
    try:
        inputs = loader.inputs(CATALOG, {
            role: snapshot_from_document(documents[role], role) for role in ("source", "target")
        }, site_from_document(documents["site"], "site"))
    except InputError:
        return "refused", ()
    results = evaluate(CATALOG, inputs, phase)
    return verdict(results), results


def _blocker_facts(phase: str) -> list[str]:
    _, results = _verdict(_documents("ready", phase), phase)
    refs = {ref for r in results if r.severity == "blocker" for ref in r.evidence
            if ref.split(".")[0] in ("source", "target")}
    return sorted(ref for ref in refs if ref.partition(".")[2] not in null_means_none())


def _remove(documents: dict[str, Any], ref: str, how: str) -> None:
    role, _, path = ref.partition(".")
    node = documents[role]["facts"]
    *parents, last = path.split(".")
    for part in parents:
        node = node[part]
    if how == "delete":
        del node[last]
    else:
        node[last] = None


@pytest.mark.parametrize("phase", PHASES)
def test_the_ready_lab_is_go_before_anything_is_removed(phase: str) -> None:
    assert _verdict(_documents("ready", phase), phase)[0] == "GO"


@pytest.mark.parametrize("how", ["delete", "null"])
@pytest.mark.parametrize("phase", PHASES)
def test_any_missing_or_null_fact_a_blocker_reads_gives_no_go(phase: str, how: str) -> None:
    facts = _blocker_facts(phase)
    assert len(facts) > 10
    for ref in facts:
        documents = copy.deepcopy(_documents("ready", phase))
        _remove(documents, ref, how)
        result, results = _verdict(documents, phase)
        assert result in ("NO-GO", "refused"), f"{how} {ref} still gives GO"
        assert result == "refused" or any(ref in r.evidence or ref in r.message
                                           for r in results if r.blocks), ref


def _leaf_refs(documents: dict[str, Any]) -> list[str]:
    refs = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict) and node:
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        else:
            refs.append(path)

    for role in ("source", "target"):
        walk(documents[role]["facts"], role)
    return refs


NOT_READY = {phase: _documents("not-ready", phase) for phase in PHASES}


@settings(max_examples=40, deadline=None, derandomize=True)
@given(phase=st.sampled_from(PHASES), data=st.data())
def test_removing_facts_never_turns_no_go_into_go(phase: str, data: st.DataObject) -> None:
    documents = copy.deepcopy(NOT_READY[phase])
    refs = data.draw(st.lists(st.sampled_from(_leaf_refs(documents)), min_size=1, max_size=8,
                              unique=True))
    for ref in refs:
        with contextlib.suppress(KeyError, TypeError):  # a parent of it was removed already
            _remove(documents, ref, data.draw(st.sampled_from(["delete", "null"])))
    assert _verdict(documents, phase)[0] in ("NO-GO", "refused")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(phase=st.sampled_from(PHASES), offset=st.integers(-40, 40), data=st.data())
def test_a_waiver_applies_to_a_failure_until_it_expires_and_to_nothing_else(
        phase: str, offset: int, data: st.DataObject) -> None:
    documents = copy.deepcopy(NOT_READY[phase])
    _, results = _verdict(documents, phase)
    rule = data.draw(st.sampled_from([r for r in results if r.status is not Status.WAIVED]))
    evidence_day = max(snapshot_from_document(documents[role], role).collected_at
                       for role in ("source", "target")).date()
    expires = evidence_day + timedelta(days=offset)
    documents["site"]["waivers"] = [{"rule": rule.rule, "reason": "accepted by the board",
                                     "by": "CAB", "expires": expires.isoformat()}]
    waived = next(r for r in _verdict(documents, phase)[1] if r.rule == rule.rule)
    if rule.status is Status.FAILED and expires >= evidence_day:
        assert waived.status is Status.WAIVED
        assert not waived.blocks
    else:
        assert waived.status is rule.status  # errors, manual, passed: untouched; expired: failed
        if rule.status is Status.FAILED:
            assert waived.waiver == {"by": "CAB", "reason": "accepted by the board",
                                     "expires": expires.isoformat(), "expired": True}


def test_a_waiver_dated_in_the_past_of_the_wall_clock_still_counts_against_the_evidence() -> None:
    """Expiry is measured against the snapshots, so archived evidence replays the same."""
    documents = copy.deepcopy(NOT_READY["install"])
    documents["site"]["waivers"] = [{"rule": "CH01-SAME-COLLATION", "reason": "known",
                                     "by": "CAB", "expires": "2026-11-25"}]
    collation = next(r for r in _verdict(documents, "install")[1] if r.rule == "CH01-SAME-COLLATION")
    assert collation.status is Status.WAIVED
