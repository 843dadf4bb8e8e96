"""Product names: every spelling the guide uses gives the same verdict; other names are refused.

A rule must never become ``skipped`` because a product was spelled as a
chapter title (``ServiceDesk Solution``) rather than as the body text
(``ServiceDesk``): snapshots are named canonically when they are loaded.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from itmscheck.engine import loader
from itmscheck.engine.evaluate import evaluate
from itmscheck.engine.model import PHASES
from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_json, load_yaml, validate
from itmscheck.evidence.products import key, product_names
from itmscheck.evidence.site import site_from_document
from itmscheck.evidence.snapshot import snapshot_from_document
from tests.conftest import LABS, REPO

CATALOG = loader.catalog()
NAMES = product_names()
ALIASES = [(row["name"], alias) for row in NAMES.rows for alias in row["aliases"]]


def _documents(phase: str) -> dict[str, Any]:
    lab = LABS / "ready"
    return {"source": load_json(lab / "source.json"),
            "target": load_json(lab / ("target-pre.json" if phase == "pre" else "target-post.json")),
            "site": load_yaml(lab / "site.yaml")}


def _statuses(documents: dict[str, Any], phase: str) -> dict[str, str]:
    snapshots = {role: snapshot_from_document(documents[role], role) for role in ("source", "target")}
    inputs = loader.inputs(CATALOG, dict(snapshots), site_from_document(documents["site"], "site"))
    return {r.rule: r.status.value for r in evaluate(CATALOG, inputs, phase)}


def _with_product(documents: dict[str, Any], canonical: str, spelling: str) -> dict[str, Any]:
    """The lab holding ``canonical`` (added where the guide allows it) spelled ``spelling``."""
    row = next(r for r in NAMES.rows if r["name"] == canonical)
    changed = copy.deepcopy(documents)
    for role, allowed, release in (("source", row["in_70"], "7.0 SP2 MR4"),
                                   ("target", row["in_75"], "7.5")):
        products = (changed[role]["facts"].get("platform") or {}).get("products")
        if products is None:
            continue  # target-pre holds no product list
        if allowed and not any(p["name"] == canonical for p in products):
            products.append({"name": canonical, "release": release})
        for product in products:
            if product["name"] == canonical:
                product["name"] = spelling
    return changed


@pytest.mark.parametrize(("canonical", "alias"), ALIASES, ids=[a for _c, a in ALIASES])
def test_every_alias_gives_the_same_results_as_its_canonical_name(canonical: str, alias: str) -> None:
    for phase in PHASES:
        documents = _documents(phase)
        expected = _statuses(_with_product(documents, canonical, canonical), phase)
        for spelling in (alias, alias.upper(), alias.replace(" ", "-")):
            assert _statuses(_with_product(documents, canonical, spelling), phase) == expected, (
                phase, spelling)


def test_the_shipped_table_is_valid_and_names_no_spelling_twice() -> None:
    validate(load_yaml(REPO / "rules" / "data" / "products.yaml"), "data.schema.json", "products.yaml")
    spellings = [key(s) for row in NAMES.rows for s in (row["name"], *row["aliases"])]
    assert len(spellings) == len(set(spellings))


def test_the_spellings_are_told_apart_without_case_spaces_hyphens_or_trademark_signs() -> None:
    assert key("Real Time System Manager") == key("real-time system manager")
    assert key("Symantec\u2122 ServiceDesk") == key("Symantec ServiceDesk")
    assert NAMES.canonical[key("Out of band Management Component")] == "Out of Band Management Component"


def _write(tmp_path: Path, role: str, name: str) -> Path:
    lab = LABS / "ready"
    document = load_json(lab / ("source.json" if role == "source" else "target-post.json"))
    document["facts"]["platform"]["products"][1]["name"] = name
    path = tmp_path / f"{role}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _check(itmscheck: Any, tmp_path: Path, name: str) -> Any:
    lab = LABS / "ready"
    return itmscheck("check", "--phase", "post", "--source", lab / "source.json",
                     "--target", _write(tmp_path, "target", name), "--site", lab / "site.yaml")


def test_an_unknown_product_name_exits_2_naming_file_name_and_nearest(itmscheck, tmp_path) -> None:
    run = _check(itmscheck, tmp_path, "Servce Desk Solutoin")
    assert run.code == 2
    assert run.err.startswith(f"itmscheck: {tmp_path / 'target.json'}: facts.platform.products[1].name")
    assert "'Servce Desk Solutoin' is not a product name itmscheck knows (nearest: ServiceDesk" in run.err
    assert "rules/data/products.yaml" in run.err


def test_a_name_holding_its_release_exits_2_saying_where_the_release_goes(itmscheck, tmp_path) -> None:
    run = _check(itmscheck, tmp_path, "Service Desk 7")
    assert run.code == 2
    assert "'Service Desk 7' holds a release: write 'ServiceDesk' as the name and put '7'" in run.err


def test_an_ambiguous_name_exits_2_listing_the_candidates(itmscheck, tmp_path) -> None:
    run = _check(itmscheck, tmp_path, "Patch Management Solution")
    assert run.code == 2
    assert ("'Patch Management Solution' names several products: write one of Patch Management "
            "Solution for Windows, Patch Management Solution for Linux, Patch Management Solution "
            "for Mac") in run.err


def test_a_product_listed_twice_with_different_releases_is_refused() -> None:
    document = load_json(LABS / "ready" / "target-post.json")
    document["facts"]["platform"]["products"].append({"name": "ServiceDesk Solution", "release": "7.1"})
    with pytest.raises(InputError, match="'ServiceDesk' is listed twice with different releases"):
        snapshot_from_document(document, "target.json")


def test_a_declared_unknown_product_name_stops_collect_before_anything_is_written(
        itmscheck, tmp_path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text("itmscheck_site: 1\nfacts:\n  platform:\n    products:\n"
                    "      - {name: Deployment Solutoin, release: '7.1'}\n", encoding="utf-8")
    run = itmscheck("collect", "--role", "source", "--site", site, "--output", tmp_path / "s.json")
    assert run.code == 2
    assert ("'Deployment Solutoin' is not a product name itmscheck knows "
            "(nearest: Deployment Solution") in run.err
    assert not (tmp_path / "s.json").exists()


def test_a_rule_file_naming_a_non_canonical_product_does_not_load(itmscheck, tmp_path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "site.yaml").write_text("""itmscheck_rules: 1
chapter: {number: 17, title: Migrating ServiceDesk Solution}
rules:
  - id: SITE-SD-CHECK
    title: A rule spelling ServiceDesk as its chapter title
    phases: [post]
    severity: blocker
    applies_when: {type: contains, fact: target.platform.products, key: name, value: ServiceDesk Solution}
    attest: ServiceDesk works.
    remediation: Fix it.
    guide: {section: Migrating ServiceDesk Solution, page: 124}
""", encoding="utf-8")
    run = itmscheck("rules", "--rules-dir", rules)
    assert run.code == 2
    assert ("rule SITE-SD-CHECK names the product 'ServiceDesk Solution', which is not a canonical "
            "product name (write 'ServiceDesk')") in run.err


def test_a_suite_name_is_accepted_and_not_counted() -> None:
    for phase in ("install", "post"):
        documents = _documents(phase)
        expected = _statuses(documents, phase)
        for role in ("source", "target"):
            documents[role]["facts"]["platform"]["products"].append(
                {"name": "IT Management Suite", "release": "7.5" if role == "target" else "7.0 SP2 MR4"})
        assert _statuses(documents, phase) == expected


@pytest.mark.parametrize("lab", ["ready", "not-ready"])
def test_the_labs_lists_hold_only_products_that_exist_on_their_release(lab: str) -> None:
    rows = {row["name"]: row for row in NAMES.rows}
    for file, allowed in (("source.json", "in_70"), ("target-post.json", "in_75")):
        snapshot = snapshot_from_document(load_json(LABS / lab / file), file)
        for product in snapshot.facts["platform"]["products"]:
            assert product["name"] in rows, product
            assert rows[product["name"]][allowed], (lab, file, product["name"])


def test_every_name_and_spelling_is_documented_in_the_facts_page() -> None:
    text = (REPO / "docs" / "facts.md").read_text(encoding="utf-8")
    for canonical, alias in [(row["name"], row["name"]) for row in NAMES.rows] + ALIASES:
        assert alias in text, f"{alias} ({canonical}) is not in docs/facts.md"


def test_the_spelling_written_stays_visible_in_the_evidence() -> None:
    documents = _with_product(_documents("pre"), "ServiceDesk", "ServiceDesk Solution")
    snapshots = {role: snapshot_from_document(documents[role], role) for role in ("source", "target")}
    inputs = loader.inputs(CATALOG, dict(snapshots), site_from_document(documents["site"], "site"))
    result = evaluate(CATALOG, inputs, "pre", {"CH17-OPEN-PROCESSES"})[0]
    assert result.status.value == "passed"
    provenance = result.evidence["source.platform.products"].provenance or ""
    assert "ServiceDesk as 'ServiceDesk Solution'" in provenance


def test_spellings_match_without_case_as_windows_compares_never_unicode_case_folding() -> None:
    assert key("ServiceDesk_Solution") == key("service desk solution")
    assert key("STRAßE") != key("STRASSE")  # casefold() would equate them; Windows does not
