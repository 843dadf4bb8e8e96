"""Documentation that cannot drift: every hook, rule, check type and fact is documented."""

from __future__ import annotations

import inspect
import re

import pytest

from itmscheck import docgen, hookspecs
from itmscheck.plugins import plugin_manager
from tests.conftest import REPO

HOOKS = [name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction)
         if name.startswith("itmscheck_")]


@pytest.mark.parametrize("page", sorted(docgen.pages()))
def test_generated_reference_page_is_current(page: str) -> None:
    committed = (REPO / "docs" / page).read_text(encoding="utf-8")
    assert committed == docgen.pages()[page], f"docs/{page} is stale: run python -m itmscheck.docgen"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_and_has_a_docstring(hook: str) -> None:
    assert f"### `{hook}`" in (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert inspect.getdoc(getattr(hookspecs, hook))


def test_docs_name_no_hook_that_does_not_exist() -> None:
    documented = re.findall(r"### `(itmscheck_\w+)`", (REPO / "docs" / "plugins.md").read_text())
    assert sorted(documented) == sorted(HOOKS)


def test_every_check_type_says_when_it_passes_and_fails() -> None:
    for group in plugin_manager().hook.itmscheck_check_types():
        for check_type in group:
            doc = inspect.getdoc(check_type) or ""
            assert "Passes when" in doc and "Fails when" in doc, check_type.name


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    assert "itmscheck check" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pytest" in ci


def test_every_section_of_the_guide_is_covered_or_explained() -> None:
    from itmscheck.engine import loader

    rows = docgen.coverage_rows(loader.catalog())
    missing = [section["section"] for section, rules, why in rows if not rules and not why]
    assert not missing, f"{len(missing)} sections have neither a rule nor a reason: {missing[:5]}"


def test_no_section_is_both_enforced_and_explained_as_uncheckable() -> None:
    from itmscheck.engine import loader

    rows = docgen.coverage_rows(loader.catalog())
    assert [s["section"] for s, rules, why in rows if rules and why] == []


def test_readme_maps_every_status_and_verdict_to_junit_and_pytest() -> None:
    from itmscheck.engine.model import VERDICTS, Status

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Verdicts, statuses and exit statuses", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \|", section, re.M)
    assert rows == [status.value for status in Status]  # one row per status, in the reports' order
    for verdict in VERDICTS:
        assert f"**{verdict}**" in section
        assert re.search(rf"^\| {verdict} \| .+ \| .+ \|$", section, re.M), verdict  # its exit status


def test_every_fleet_rule_is_in_the_rule_catalog_page() -> None:
    from itmscheck.fleet.rules import fleet_rules

    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert fleet_rules()
    for rule in fleet_rules():
        assert f"### {rule.id}: {rule.title}" in page and rule.quote in page
