"""A run narrowed with ``check --rule`` is a diagnostic run: PARTIAL, never a GO (issue 14, class 2).

The verdict is ``PARTIAL`` in every report, the exit status 1 when a selected
blocker blocks and 3 otherwise, and a selection with no rule of the phase is
bad input (2).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from itmscheck.engine import loader
from itmscheck.evidence.schemas import schema
from tests.conftest import lab_args

CATALOG = loader.catalog()
XSD = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "junit" / "jenkins-junit.xsd")))


def _statuses(itmscheck, tmp_path: Path, lab: str, phase: str) -> dict[str, dict]:
    """The full run's results by rule, to pick rules whatever the catalog holds."""
    itmscheck(*lab_args(lab, phase), "--json", tmp_path / "full.json")
    report = json.loads((tmp_path / "full.json").read_text(encoding="utf-8"))
    return {result["rule"]: result for result in report["results"]}


def _passing_automatic_blocker(results: dict[str, dict]) -> str:
    automatic = {rule.id for rule in CATALOG.rules if rule.attest is None}
    return next(rule for rule, r in results.items()
                if r["status"] == "passed" and r["severity"] == "blocker" and rule in automatic)


def _reports(tmp_path: Path) -> list[str]:
    return ["--json", str(tmp_path / "r.json"), "--junit", str(tmp_path / "r.xml"),
            "--html", str(tmp_path / "r.html")]


def test_a_passing_rule_selected_while_other_blockers_fail_is_partial_exit_3(itmscheck, tmp_path):
    results = _statuses(itmscheck, tmp_path, "not-ready", "pre")
    rule = _passing_automatic_blocker(results)
    run = itmscheck(*lab_args("not-ready", "pre"), "--rule", rule, *_reports(tmp_path))
    assert run.code == 3, run.out
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "PARTIAL"
    assert [r["rule"] for r in report["results"]] == [rule]
    assert "GO" not in run.out.replace("NO-GO", "").split("PARTIAL")[0]
    assert run.out.startswith("Phase pre: PARTIAL")


def test_a_selected_blocker_that_blocks_is_exit_1_and_still_partial(itmscheck, tmp_path):
    run = itmscheck(*lab_args("not-ready", "pre"), "--rule", "CH02-TARGET-OS", *_reports(tmp_path))
    assert run.code == 1
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "PARTIAL"
    assert report["blocking"] == ["CH02-TARGET-OS"]


def test_a_failed_warning_alone_is_partial_exit_3_not_go(itmscheck, tmp_path):
    results = _statuses(itmscheck, tmp_path, "not-ready", "pre")
    warning = next(rule for rule, r in results.items()
                   if r["status"] == "failed" and r["severity"] == "warning")
    run = itmscheck(*lab_args("not-ready", "pre"), "--rule", warning, "--json", tmp_path / "r.json")
    assert run.code == 3
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["verdict"] == "PARTIAL"


def test_a_selection_on_the_ready_lab_is_never_exit_0(itmscheck, tmp_path):
    results = _statuses(itmscheck, tmp_path, "ready", "post")
    run = itmscheck(*lab_args("ready", "post"), *[arg for rule in list(results)[:5]
                                                  for arg in ("--rule", rule)])
    assert run.code == 3
    assert "PARTIAL" in run.out.splitlines()[0]


def test_selecting_every_rule_of_the_phase_is_still_a_diagnostic_run(itmscheck, tmp_path):
    selection = [arg for rule in CATALOG.for_phase("install") for arg in ("--rule", rule.id)]
    run = itmscheck(*lab_args("ready", "install"), *selection, "--json", tmp_path / "r.json")
    assert run.code == 3
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["verdict"] == "PARTIAL"


@pytest.mark.parametrize(("phase", "rules"), [
    ("pre", ["CH17-NO-IN-PLACE-UPGRADE"]),  # an install rule, asked of pre
    ("install", ["CH01-SUPPORTED-PATH", "CH02-CMDB-BACKUP"]),  # pre rules, asked of install
    ("post", ["CH02-NEW-PRODUCTS-AFTER"]),
])
def test_a_selection_with_no_rule_of_the_phase_exits_2(itmscheck, tmp_path, phase, rules):
    for rule in rules:  # the cases stay what they say even when the catalog changes
        assert phase not in next(r.phases for r in CATALOG.rules if r.id == rule)
    run = itmscheck(*lab_args("ready", phase), *[a for r in rules for a in ("--rule", r)],
                    "--json", tmp_path / "r.json")
    assert run.code == 2
    assert run.err.startswith("itmscheck: command line: ")
    assert f"no rule of phase {phase}" in run.err
    assert rules[0] in run.err
    assert not (tmp_path / "r.json").exists()


def test_rules_of_another_phase_in_a_selection_are_named_not_dropped(itmscheck, tmp_path):
    run = itmscheck(*lab_args("ready", "pre"), "--rule", "CH02-TARGET-OS",
                    "--rule", "CH17-NO-IN-PLACE-UPGRADE", "--json", tmp_path / "r.json")
    assert run.code == 3
    assert "CH17-NO-IN-PLACE-UPGRADE" in run.out and "not a rule of phase pre" in run.out
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [r["rule"] for r in report["results"]] == ["CH02-TARGET-OS"]


def test_every_report_of_a_partial_run_says_partial(itmscheck, tmp_path):
    run = itmscheck(*lab_args("not-ready", "post"), "--rule", "CH01-SAME-COLLATION",
                    *_reports(tmp_path))
    assert run.code == 1
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert list(schema("report.schema.json").iter_errors(report)) == []
    assert report["verdict"] == "PARTIAL"
    junit = etree.parse(str(tmp_path / "r.xml"))
    XSD.assertValid(junit)
    properties = {p.get("name"): p.get("value") for p in junit.getroot().iter("property")}
    assert properties["verdict"] == "PARTIAL"
    assert "verdict: PARTIAL" in junit.getroot().find("testsuite").findtext("system-out")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<header class="verdict PARTIAL" id="verdict">' in html
    assert "<h1>PARTIAL</h1>" in html
    assert "<title>itmscheck post: PARTIAL</title>" in html
    assert "not a verdict" in html
