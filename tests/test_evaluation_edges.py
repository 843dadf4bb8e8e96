"""The evaluation's edges (issue 20): the moment a verdict speaks for, all/any/not, an error's remedy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest

from itmscheck.engine.checktree import Node
from itmscheck.engine.checktype import CheckType
from itmscheck.engine.evaluate import evaluate, evaluation_time, evidence_date
from itmscheck.engine.facts import Facts, FactUnknown, Inputs
from itmscheck.engine.model import Evidence, Outcome, State, Status
from itmscheck.engine.packs import pack_named
from itmscheck.engine.remedy import RECOLLECT
from itmscheck.engine.rule_file import Rule
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot

EARLY = datetime(2026, 11, 19, 23, 0, tzinfo=timezone.utc)
LATE = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)


def _inputs(*moments: datetime, offset: timedelta = timedelta(0)) -> Inputs:
    snapshots: dict[str, Snapshot | None] = {
        role: Snapshot(role=role, collected_at=moment, facts={}, file=role, collected_offset=offset)
        for role, moment in zip(("source", "target"), moments, strict=False)}
    snapshots.setdefault("target", None)
    return Inputs(snapshots, Site(), {}, {})


def test_the_verdict_speaks_for_the_newest_snapshot_whichever_role_holds_it() -> None:
    assert evaluation_time(_inputs(EARLY, LATE)) == LATE
    assert evaluation_time(_inputs(LATE, EARLY)) == LATE
    assert evaluation_time(_inputs(EARLY)) == EARLY


def test_without_any_snapshot_the_verdict_speaks_for_the_epoch_in_utc() -> None:
    assert evaluation_time(_inputs()) == datetime(1970, 1, 1, tzinfo=timezone.utc)
    assert evaluation_time(_inputs()).utcoffset() == timedelta(0)
    assert evidence_date(_inputs()) == date(1970, 1, 1)


def test_the_evidence_date_is_the_newest_snapshot_s_own_calendar_day() -> None:
    assert evidence_date(_inputs(EARLY, offset=timedelta(hours=2))) == date(2026, 11, 20)
    assert evidence_date(_inputs(EARLY)) == date(2026, 11, 19)
    assert evidence_date(_inputs(EARLY, LATE)) == date(2026, 11, 20)


# -- all / any / not over leaves: Kleene's logic, and every leaf's words kept --------------------

class _Fixed(CheckType):
    name = "fixed"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts: Facts) -> Outcome:
        return Outcome(self.params["state"], self.params["message"])


def _leaf(state: State, message: str) -> Node:
    return Node("leaf", leaf=_Fixed({"state": state, "message": message}))


P, F, U = State.PASS, State.FAIL, State.UNKNOWN


@pytest.mark.parametrize(("op", "states", "expected", "message"), [
    ("all", [P], P, "m0"), ("any", [F], F, "m0"), ("all", [P, P], P, "m0 m1"), ("any", [F, F], F, "m0 m1"),
    ("all", [P, F, U, F], F, "m1 m3"), ("all", [P, U, U], U, "m1 m2"),
    ("any", [F, P, U, P], P, "m1 m3"), ("any", [F, U], U, "m1"),
])
def test_all_and_any_decide_as_kleene_and_keep_the_deciding_leaves_words(
        op: str, states: list[State], expected: State, message: str) -> None:
    node = Node(op, children=tuple(_leaf(state, f"m{n}") for n, state in enumerate(states)))
    outcome = node.evaluate(Facts(_inputs()))
    assert (outcome.state, outcome.message) == (expected, message)


@pytest.mark.parametrize(("inner", "expected"), [(P, F), (F, P), (U, U)])
def test_not_flips_a_definite_answer_and_keeps_an_unknown(inner: State, expected: State) -> None:
    outcome = Node("not", children=(_leaf(inner, "why"),)).evaluate(Facts(_inputs()))
    assert (outcome.state, outcome.message) == (expected, "why")


# -- an error's remedy when no fact was missing: the snapshot facts that could not decide -------

class _Undecided(CheckType):
    """Reads a few facts, then cannot decide without naming one (as a check type may)."""

    name = "undecided"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts: Facts) -> Outcome:
        for ref in self.params["reads"]:
            facts.get(ref)
        return Outcome.unknown("The facts read cannot decide.")


def _error_remedy(*reads: str) -> str | None:
    snapshot = Snapshot(role="source", collected_at=EARLY, file="s", facts={"host": {"name": "NS1"}})
    target = Snapshot(role="target", collected_at=LATE, file="t", facts={"host": {"name": "NS2"}})
    inputs = Inputs({"source": snapshot, "target": target},
                    Site({"itmscheck_site": 1, "facts": {}, "wave_size": 5}), {}, {},
                    fact_sources=lambda: {"host.name": ("the host script's `name`",)})
    rule = Rule(id="R-1", title="t", phases=("pre",), severity="blocker", remediation="Fix it.",
                guide=None, chapter=1, chapter_title="c", file="r.yaml", line=1,
                check=Node("leaf", leaf=_Undecided({"reads": reads})))
    [result] = evaluate(SimpleNamespace(for_phase=lambda phase: [rule]), inputs, "pre")
    assert result.status is Status.ERROR
    assert result.message == "Could not be evaluated: The facts read cannot decide."
    return result.obtain


def test_an_error_with_no_fact_missing_says_how_to_get_the_snapshot_facts_it_read() -> None:
    for role in ("source", "target"):
        remedy = _error_remedy(f"{role}.host.name", "site.wave_size")
        assert remedy is not None
        assert f"To get {role}.host.name: the host script's `name`" in remedy
        assert f"`itmscheck collect --role {role}`" in remedy
        assert "wave_size" not in remedy  # a site key read is not what could not decide
        assert remedy != RECOLLECT


def test_an_error_that_read_no_snapshot_fact_says_to_collect_again() -> None:
    assert _error_remedy("site.wave_size") == RECOLLECT
    assert _error_remedy() == RECOLLECT


# -- a pack the site switched off: its rules are skipped unread, saying who and why --------------

class _Unread(CheckType):
    """Fails any test that lets a switched-off rule read a fact."""

    name = "unread"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts: Facts) -> Outcome:
        raise AssertionError("a rule of a pack switched off was evaluated")


@pytest.mark.parametrize(("entry", "skipped"), [
    ({"enabled": False, "by": "A. Admin", "reason": "CAB 7"}, True),
    ({"enabled": True}, False),
])
def test_a_rule_of_a_pack_the_site_switched_off_is_skipped_without_reading_a_fact(
        entry: dict[str, Any], skipped: bool) -> None:
    rule = Rule(id="KB-1", title="t", phases=("pre",), severity="blocker", remediation="Fix it.",
                guide=None, chapter=1, chapter_title="c", file="r.yaml", line=1, pack="known_issues",
                check=Node("leaf", leaf=_Unread({})))
    inputs = Inputs({"source": None, "target": None},
                    Site({"itmscheck_site": 1, "packs": {"known_issues": entry}}), {}, {})
    catalog = SimpleNamespace(for_phase=lambda phase: [rule])
    if not skipped:  # switched on: the rule is evaluated, so its check type is reached
        with pytest.raises(AssertionError, match="was evaluated"):
            evaluate(catalog, inputs, "pre")
        return
    [result] = evaluate(catalog, inputs, "pre")
    assert result.status is Status.SKIPPED
    title = pack_named("known_issues").title  # type: ignore[union-attr]
    assert result.message == (f"Not evaluated: the pack \u201c{title}\u201d is switched off for this site "
                              "by A. Admin: CAB 7")


# -- a result carries everything its rule says, whatever its status ------------------------------

class _Reads(CheckType):
    """Reads one site key, then decides as told."""

    name = "reads"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts: Facts) -> Outcome:
        facts.get("site.owner")
        return Outcome(self.params["state"], "said")


@pytest.mark.parametrize(("state", "status"), [(State.PASS, Status.PASSED), (State.FAIL, Status.FAILED)])
def test_a_result_carries_every_word_of_its_rule(state: State, status: Status) -> None:
    from itmscheck.engine.model import GuideRef, SourceRef

    source = SourceRef(title="Contoso change policy", reference="4.2")
    also = ({"section": "Backing up the CMDB", "page": 12},)
    policy = ({"id": "P1", "text": "itmscheck's own reading"},)
    rule = Rule(id="R-9", title="The title", phases=("pre",), severity="warning", remediation="Do this.",
                guide=GuideRef("Restoring the CMDB", 35), chapter=3, chapter_title="The chapter",
                file="r.yaml", line=4, check=Node("leaf", leaf=_Reads({"state": state})), tags=("cmdb",),
                quote="The guide's words.", also=also, policy=policy, source=source, pack="known_issues")
    inputs = Inputs({"source": None, "target": None}, Site({"itmscheck_site": 1, "owner": "Zoë"}), {}, {})
    [result] = evaluate(SimpleNamespace(for_phase=lambda phase: [rule]), inputs, "pre")
    assert (result.rule, result.title, result.severity, result.status, result.message) == (
        "R-9", "The title", "warning", status, "said")
    assert (result.guide, result.remediation, result.chapter, result.chapter_title) == (
        GuideRef("Restoring the CMDB", 35), "Do this.", 3, "The chapter")
    assert (result.tags, result.quote, result.also, result.policy, result.source, result.pack) == (
        ("cmdb",), "The guide's words.", also, policy, source, "known_issues")
    assert list(result.evidence) == ["site.owner"] and result.attestation is None


# -- attested rules, and rules whose applicability cannot be told ------------------------------

def _rule(**more: Any) -> Rule:
    return Rule(id="CH02-X", title="t", phases=("pre",), severity="blocker", remediation="Fix it.",
                guide=None, chapter=2, chapter_title="c", file="r.yaml", line=1, **more)


def _judge(rule: Rule, site: dict[str, Any]) -> tuple[Status, str]:
    snapshot = Snapshot(role="source", collected_at=EARLY, file="s", facts={})  # evidence of 2026-11-19
    inputs = Inputs({"source": snapshot, "target": None}, Site({"itmscheck_site": 1, **site}), {}, {})
    [result] = evaluate(SimpleNamespace(for_phase=lambda phase: [rule]), inputs, "pre")
    return result.status, result.message


@pytest.mark.parametrize(("attestation", "expected"), [
    ({"by": "A. Admin", "on": "2026-11-19", "evidence": "CAB minutes 42"},
     (Status.ATTESTED, "Attested by A. Admin on 2026-11-19: The export is paused. "
                       "Evidence: CAB minutes 42.")),
    ({"by": "A. Admin", "on": "2026-11-18"},
     (Status.ATTESTED, "Attested by A. Admin on 2026-11-18: The export is paused.")),
    ({"by": "A. Admin", "on": "2026-11-20"},
     (Status.MANUAL, "A person must confirm: The export is paused. (the attestation by A. Admin is dated "
                     "2026-11-20, after the evidence of 2026-11-19: it is refused; attest again after "
                     "collecting new evidence).")),
])
def test_an_attestation_speaks_for_evidence_of_its_day_or_later_and_quotes_its_evidence(
        attestation: dict[str, str], expected: tuple[Status, str]) -> None:
    rule = _rule(attest="The export is paused.")
    assert _judge(rule, {"attestations": {"CH02-X": attestation}}) == expected


def test_a_rule_whose_applicability_cannot_be_told_is_an_error_saying_why() -> None:
    rule = _rule(applies_when=_leaf(U, "the role is unknown"), check=_leaf(P, "fine"))
    assert _judge(rule, {}) == (Status.ERROR, "Cannot tell whether the rule applies: the role is unknown")
    rule = _rule(applies_when=_leaf(F, "no Linux computers"), check=_leaf(P, "fine"))
    assert _judge(rule, {}) == (Status.SKIPPED, "Not applicable: no Linux computers")


# -- each fact read carries where it came from, and how product names were written ---------------

def test_a_fact_read_carries_its_provenance_and_the_product_names_written_otherwise() -> None:
    snapshot = Snapshot(role="source", collected_at=EARLY, file="s", provenance={
                            "host": {"kind": "collected", "by": "host script"}},
                        facts={"host": {"name": "NS70"}, "platform": {"products": [{"name": "A"}]}},
                        written_names={"Inventory Solution": "inventory solution", "A": "a"})
    facts = Facts(Inputs({"source": snapshot, "target": None}, Site(), {}, {}))
    assert facts.get("source.host.name") == "NS70"
    assert facts.get("source.platform.products") == [{"name": "A"}]
    assert facts.evidence["source.host.name"].provenance == "collected by host script"
    assert facts.evidence["source.platform.products"].provenance == (
        "as given; product names written otherwise: A as 'a', Inventory Solution as 'inventory solution'")
    plain = replace(snapshot, written_names={})
    facts = Facts(Inputs({"source": plain, "target": None}, Site(), {}, {}))
    facts.get("source.platform.products")
    assert facts.evidence["source.platform.products"].provenance is None


class _ReadsRef(CheckType):
    name = "reads_ref"
    parameters: ClassVar[dict[str, Any]] = {}

    def evaluate(self, facts: Facts) -> Outcome:
        facts.get(self.params["ref"])
        return Outcome(State.PASS, "read")


def test_an_error_names_every_fact_it_could_not_read() -> None:
    both = Node("all", children=tuple(Node("leaf", leaf=_ReadsRef({"ref": ref}))
                                      for ref in ("source.host.name", "source.host.fqdn")))
    assert _judge(_rule(check=both), {}) == (
        Status.ERROR, "Could not be evaluated: source.host.name is not in the source snapshot. "
                      "source.host.fqdn is not in the source snapshot.")


def test_a_fact_not_read_or_null_keeps_its_provenance_and_a_connection_setting_is_missing() -> None:
    snapshot = Snapshot(role="source", collected_at=EARLY, file="s",
                        provenance={"host": {"kind": "collected", "by": "host script"}},
                        unknown={"host.fqdn": "WMI denied"}, facts={"host": {"name": None, "fqdn": None}})
    facts = Facts(Inputs({"source": snapshot, "target": None}, Site(), {}, {}))
    leaves = [Node("leaf", leaf=_ReadsRef({"ref": ref}))
              for ref in ("source.host.fqdn", "source.host.name", "site.cmdb.password")]
    Node("all", children=tuple(leaves)).evaluate(facts)
    assert facts.evidence["source.host.fqdn"] == Evidence(None, "collected by host script")
    assert facts.evidence["source.host.name"] == Evidence(None, "collected by host script")
    assert facts.missing == ["source.host.fqdn", "source.host.name", "site.cmdb.password"]


def test_a_rule_whose_applicability_reads_facts_not_read_names_each() -> None:
    both = Node("all", children=tuple(Node("leaf", leaf=_ReadsRef({"ref": ref}))
                                      for ref in ("source.host.name", "source.host.fqdn")))
    assert _judge(_rule(applies_when=both, check=_leaf(P, "fine")), {}) == (
        Status.ERROR, "Cannot tell whether the rule applies: source.host.name is not in the source "
                      "snapshot. source.host.fqdn is not in the source snapshot.")


def test_every_fact_read_says_where_it_came_from_and_a_fact_not_there_says_why() -> None:
    site = Site({"itmscheck_site": 1, "owner": "Zoë", "thresholds": {"max_backup_age_days": 3}})
    facts = Facts(Inputs({"source": None, "target": None}, site, {}, {"max_wave_size": 15000}))
    assert facts.get("site.owner") == "Zoë"
    assert facts.get("site.plan.reuse_hardware") is False  # the schema's default
    assert facts.get("threshold.max_backup_age_days") == 3
    assert facts.get("threshold.max_wave_size") == 15000
    assert {ref: evidence.provenance for ref, evidence in facts.evidence.items()} == {
        "site.owner": "declared in the site file", "site.plan.reuse_hardware": "site file default",
        "threshold.max_backup_age_days": "site file", "threshold.max_wave_size": "default"}
    for ref, why in [("site.cmdb.password", "site.cmdb.password is a connection setting, not a fact "
                                            "(its password stays secret)"),
                     ("data.nothing", "data.nothing: no such data table"),
                     ("threshold.nothing", "threshold.nothing: no such threshold")]:
        with pytest.raises(FactUnknown) as unknown:
            facts.get(ref)
        assert (unknown.value.ref, unknown.value.sentence) == (ref, why)
