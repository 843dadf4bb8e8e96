"""docs/facts.md says, fact by fact, what collects it, and counts what automatic blockers read."""

from __future__ import annotations

import json
import re
from pathlib import Path

from itmscheck.collectors.coverage import DECLARED_ONLY, HOST_SCRIPT, SCRIPT_FACTS, collected_by
from itmscheck.collectors.factpaths import fact_paths, under
from itmscheck.engine import loader
from itmscheck.factcoverage import Coverage, coverage
from tests.conftest import REPO

SCRIPT = REPO / "checks" / "collectors" / "windows" / "Get-ItmsFacts.ps1"
EXAMPLE = Path(__file__).parent / "lab" / "ns75-fragment.json"
SUMMARY = re.compile(r"^Facts read by automatic blocker rules: (\d+); collected automatically: "
                     r"(\d+) \((\d+) %\)\.$", re.MULTILINE)


def test_every_fact_is_collected_by_a_source_or_declared_only_with_its_reason_never_both():
    sources = collected_by()
    assert set(sources) == set(fact_paths())
    for path, labels in sources.items():
        assert bool(labels) != (path in DECLARED_ONLY), path
    assert set(DECLARED_ONLY) <= set(fact_paths())  # no reason left for a fact that is gone


def _known(tree: dict, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else key
        found |= {path} if path in fact_paths() else _known(value, path) if isinstance(value, dict) else set()
    return found


def test_what_the_docs_credit_to_the_host_script_is_what_it_writes():
    claimed = {p for group in SCRIPT_FACTS for p in under(fact_paths(), group)}
    example = _known(json.loads(EXAMPLE.read_text())["facts"])  # kept in step with the script
    assert claimed == example
    template = SCRIPT.read_text()[SCRIPT.read_text().index('$json = @"'):]
    for path in claimed - {p for p in claimed if p.startswith(("solutions.deployment.files.",
                                                                "solutions.rtci.", "solutions.rtsm."))}:
        assert f'"{path.split(".")[-1]}":' in template, path
    assert all(HOST_SCRIPT in collected_by()[p] for p in claimed)


def test_a_probe_marked_unconfirmed_is_credited_as_such():
    assert collected_by()["hierarchy.parent"] == ("CMDB probe `hierarchy_nodes` (unconfirmed)",)
    assert collected_by()["hierarchy.replication_jobs.pending"] == (
        "CMDB probe `hierarchy_replication_jobs`",)


def test_a_check_reading_a_whole_group_counts_only_the_facts_it_reads_there():
    read = coverage(loader.catalog()).read
    # CH01-UNIQUE-NAME-IP compares target.host with source.host: names and addresses only
    assert "CH01-UNIQUE-NAME-IP" in read["host.ip_addresses"]
    assert "CH01-UNIQUE-NAME-IP" not in read.get("host.os.version", ())


def test_the_summary_line_has_the_issue_s_form_and_rounds_down():
    assert Coverage(read={"a": ("R",), "b": ("R",), "c": ("R",)},
                    collected=("a", "b")).summary() == (
        "Facts read by automatic blocker rules: 3; collected automatically: 2 (66 %).")
    page = (REPO / "docs" / "facts.md").read_text(encoding="utf-8")
    found = SUMMARY.findall(page)
    covered = coverage(loader.catalog())
    assert found == [(str(len(covered.read)), str(len(covered.collected)), str(covered.percent))]


def test_every_declared_only_fact_an_automatic_blocker_reads_is_listed_with_its_reason():
    page = (REPO / "docs" / "facts.md").read_text(encoding="utf-8")
    covered = coverage(loader.catalog())
    for path in set(covered.read) - set(covered.collected):
        assert f"- `{path}` (" in page and DECLARED_ONLY[path] in page, path
