"""The guide's words and itmscheck's own choices are told apart, in the rules and every report.

A number the guide does not give (a backup age, a pilot's size) is itmscheck's
policy: the rule must declare it (``policy:``, with the reason and, when the
site can tune it, the setting), and ``itmscheck rules``, the JSON and the HTML
reports show it apart from the guide's quote.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from itmscheck.engine import loader
from itmscheck.engine.rule_file import Rule
from tests.conftest import lab_args

CATALOG = loader.catalog()


def _numbers(value: Any) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, dict):
        return [n for item in value.values() for n in _numbers(item)]
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item)]
    return []


def _parameters(rule: Rule) -> tuple[set[float], set[str]]:
    """The numbers and the thresholds a rule's checks use (0 and 1 are none and one)."""
    numbers: set[float] = set()
    thresholds: set[str] = set()
    for node in (rule.check, rule.applies_when):
        for leaf in node.leaves() if node else ():
            for name, value in leaf.params.items():
                numbers |= {n for n in _numbers(value) if n not in (0, 1)}
                if name == "minimum":
                    numbers.add(float(re.match(r"\d+(\.\d+)?", value)[0]))  # type: ignore[index]
                texts = value if isinstance(value, list) else [value]
                thresholds |= {t for t in texts if isinstance(t, str) and t.startswith("threshold.")}
    return numbers, thresholds


def _quoted(rule: Rule) -> set[float]:
    """The numbers of the words a rule cites: the guide's, or (a known issue) its article's."""
    cited = rule.source.quote if rule.source and rule.source.quote else ""
    text = " ".join([rule.quote or "", cited, *(str(also["quote"]) for also in rule.also)])
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


@pytest.mark.parametrize("rule", CATALOG.rules, ids=lambda r: r.id)
def test_policy_numbers_are_declared(rule: Rule) -> None:
    numbers, thresholds = _parameters(rule)
    own = numbers - _quoted(rule)
    if own:
        assert rule.policy, f"{rule.id} uses {sorted(own)}, which its quotes do not give: declare a policy"
    settings = {item.get("setting") for item in rule.policy}
    for threshold in thresholds:
        assert f"thresholds.{threshold.partition('.')[2]}" in settings, (
            f"{rule.id} uses {threshold}: its policy must name the setting")


def test_the_lint_finds_an_undeclared_number() -> None:
    pilot = next(rule for rule in CATALOG.rules if rule.id == "CH02-PLAN-PILOT-FIRST")
    numbers, _ = _parameters(pilot)
    assert numbers - _quoted(pilot) == {0.1, 150.0}


def test_rules_shows_the_guides_words_and_itmscheck_policy_apart(itmscheck) -> None:
    run = itmscheck("rules", "--phase", "pre")
    assert run.code == 0
    block = run.out.split("  CH02-CMDB-BACKUP ")[1].split("\n  CH02-")[0]
    assert ("guide: \u201cThis location should be a secure storage location, and should not be on "
            "the local computer.\u201d (Backing up the Configuration Management Database, p.33)") in block
    assert ("itmscheck policy: the newest full backup is at most 24 hours old when the 7.0 snapshot "
            "is collected \u2014") in block
    assert "[tunable: thresholds.backup_max_age_hours]" in block


def test_the_json_report_carries_the_quote_and_the_policy(itmscheck, tmp_path) -> None:
    itmscheck(*lab_args("ready", "pre"), "--json", tmp_path / "r.json")
    results = {r["rule"]: r for r in json.loads((tmp_path / "r.json").read_text())["results"]}
    backup = results["CH02-CMDB-BACKUP"]
    assert backup["guide"]["quote"].startswith("This location should be a secure storage location")
    assert backup["policy"][0]["setting"] == "thresholds.backup_max_age_hours"
    assert "policy" not in results["CH02-HIERARCHY-REMOVED"]


def test_the_json_report_carries_the_guides_further_sentences(itmscheck, tmp_path) -> None:
    itmscheck(*lab_args("ready", "post"), "--json", tmp_path / "r.json")
    results = {r["rule"]: r for r in json.loads((tmp_path / "r.json").read_text())["results"]}
    also = results["CH02-TARGET-RELEASE"]["guide"]["also"]  # the rule's guide.also, whole
    assert (also[0]["section"], also[0]["page"]) == (
        "About supported IT Management Suite migration paths", 18)
    assert len(also) == 2 and all(a["quote"] for a in also)
    assert "also" not in results["CH01-PRODUCT-PARITY"]["guide"]


def test_the_html_report_shows_the_policy_apart_from_the_guide(itmscheck, tmp_path) -> None:
    site = (lab_args("not-ready", "pre"))
    itmscheck(*site, "--html", tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    drawn = html.split('id="b-CH02-CMDB-BACKUP"')[1].split("</article>")[0]
    assert ('<span class="words">The guide says: \u201cThis location should be a secure storage '
            "location") in drawn
    assert '<div class="policy"><b>itmscheck policy, not the guide\u2019s words:</b>' in drawn
    assert "(tunable in the site file: thresholds.backup_max_age_hours)" in drawn
