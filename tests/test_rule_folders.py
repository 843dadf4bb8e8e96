"""Issue 14: a rule folder adds and never replaces, and user rule files are checked deeply.

The bad-input corpus (tests/bad_input/rules-*, table-*) holds the files; this
module holds what a corpus file cannot: a plugin's check type, a folder given
twice, and patterns run against hostile snapshot text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from itmscheck.engine import loader
from itmscheck.engine.checktype import REF, CheckType
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import Outcome, State
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.hookspecs import hookimpl
from itmscheck.plugins import plugin_manager
from itmscheck.types.every_item import EveryItem
from tests.conftest import LABS

RULE = """itmscheck_rules: 1
chapter: {{number: 2, title: Planning your migration to IT Management Suite 7.5}}
rules:
  - id: SITE-{name}
    title: A site's own rule
    phases: [pre]
    severity: blocker
    check: {check}
    remediation: Fix it.
    guide: {{section: About supported IT Management Suite migration paths, page: 18}}
"""


class Equals(CheckType):
    """A plugin's check type that takes the name of a built-in one.

    Passes always. Fails never.
    """

    name = "equals"
    parameters: ClassVar[dict[str, Any]] = {"fact": REF}

    def evaluate(self, facts: Facts) -> Outcome:
        return Outcome.passed("replaced")


class _Replacing:
    @hookimpl
    def itmscheck_check_types(self) -> list[type[CheckType]]:
        return [Equals]


@pytest.fixture
def fresh_catalog(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ITMSCHECK_NO_CACHE", "1")
    loader._load.cache_clear()
    yield
    loader._load.cache_clear()


def test_a_plugins_check_type_cannot_replace_a_built_in_one_and_both_files_are_named(
        itmscheck, fresh_catalog) -> None:
    plugin = _Replacing()
    plugin_manager().register(plugin, name="replacing-test-plugin")
    try:
        run = itmscheck("rules")
    finally:
        plugin_manager().unregister(plugin)
    assert run.code == 2
    assert run.err.startswith(f"itmscheck: {__file__}: check type 'equals' already exists in ")
    assert str(Path(loader.__file__).parents[1] / "types" / "equals.py") in run.err


def test_a_folder_given_twice_adds_its_rules_once(itmscheck, tmp_path, fresh_catalog) -> None:
    (tmp_path / "mine.yaml").write_text(RULE.format(name="ONCE", check="{type: equals, fact: "
                                                    "source.cmdb.collation, value: x}"), encoding="utf-8")
    run = itmscheck("rules", "--rules-dir", tmp_path, "--rules-dir", tmp_path / "." )
    assert run.code == 0, run.err
    assert run.out.count("SITE-ONCE") == 1


def test_a_table_of_another_name_is_added(itmscheck, tmp_path, fresh_catalog) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "site_servers.yaml").write_text(
        "itmscheck_data: 1\ndescription: Our servers.\nsources: [{section: x}]\n"
        "rows:\n  - {name: NS70}\n", encoding="utf-8")
    (tmp_path / "mine.yaml").write_text(RULE.format(
        name="TABLE", check="{type: matches_row, table: data.site_servers, columns: {name: "
                            "source.host.name}}"), encoding="utf-8")
    run = itmscheck("check", "--rules-dir", tmp_path, "--rule", "SITE-TABLE")
    assert "SITE-TABLE" not in run.err and run.code in (0, 3), run.err


def test_an_ordering_operator_on_text_is_unknown_at_evaluation_not_a_crash() -> None:
    check = EveryItem({"type": "every_item", "fact": "source.items", "field": "size", "op": "<",
                       "value": 3})
    snapshot = Snapshot(role="source", collected_at=__import__("datetime").datetime(2026, 1, 1), file="s",
                        facts={"items": [{"name": "a", "size": "many"}]})
    facts = Facts(Inputs({"source": snapshot}, Site(), {}, {}))
    outcome = check.evaluate(facts)
    assert outcome.state is State.UNKNOWN and "unknown for a" in outcome.message


@pytest.mark.parametrize("pattern", [r"^(a+)+$", r"^(a|aa)+$", r"^(\w+\s?)+$"])
def test_a_backtracking_pattern_against_hostile_text_ends_at_once(tmp_path, pattern) -> None:
    """Python's re would take hours on 40 'a' and a '!'; RE2 matches in linear time."""
    source = json.loads((LABS / "ready" / "source.json").read_text(encoding="utf-8"))
    source["facts"]["host"]["os"]["name"] = "a" * 40 + "!"
    (tmp_path / "source.json").write_text(json.dumps(source), encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(RULE.format(name="OS", check="{type: matches, fact: "
                                     f"source.host.os.name, pattern: '{pattern}', meaning: a name}}"),
                                     encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "itmscheck", "check", "--source", tmp_path / "source.json",
                          "--rules-dir", rules], capture_output=True, text=True, timeout=60, check=False,
                         env={**os.environ, "ITMSCHECK_NO_CACHE": "1"})
    assert run.returncode == 1, run.stderr
    blockers = run.stdout.split("\nTo fix first", 1)[1].split("\n\n", 1)[0]
    assert "[FAILED  ] SITE-OS: source.host.os.name is 'aaaa" in blockers
