"""The known-issues pack: a second built-in rule pack, apart from the guide's, switchable per site.

Issue 21: its rules cite their knowledge-base article (title, reference, URL
and the sentence, verbatim), carry the ``KB-`` prefix and their own groups;
the pack is loaded by default and a site switches it off in its site file,
with the reason in every report (console, JSON, JUnit, HTML, pytest mode).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from itmscheck.engine import catalog as catalog_module
from itmscheck.engine import loader
from itmscheck.engine.packs import KNOWN_ISSUES
from itmscheck.errors import InputError
from tests.conftest import REPO, lab_args, lab_files

CATALOG = loader.catalog()
KB = [rule for rule in CATALOG.rules if rule.pack == "known_issues"]
REASON = "CAB-77: the vendor articles are reviewed by the architecture board first"


def _site_off(tmp_path: Path, lab: str, phase: str, entry: str | None = None) -> Path:
    """The lab's site file with the known-issues pack switched off (or ``entry`` as its packs: value)."""
    site = lab_files(lab, phase)[2].read_text(encoding="utf-8")
    entry = entry or f"{{known_issues: {{enabled: false, reason: '{REASON}', by: P. Bakker}}}}"
    path = tmp_path / "site.yaml"
    path.write_text(site.replace("thresholds:", f"packs: {entry}\n\nthresholds:", 1), encoding="utf-8")
    return path


def _args(lab: str, phase: str, site: Path) -> list[str]:
    args = lab_args(lab, phase)
    args[args.index("--site") + 1] = str(site)
    return args


# -- the pack: its own folder, prefix, groups and citations --------------------------------------

def test_the_pack_has_at_least_15_rules_each_citing_its_article_verbatim_with_its_address() -> None:
    assert len(KB) >= 15
    folder = Path(str(__import__("importlib").resources.files(KNOWN_ISSUES.package))).resolve()
    for rule in KB:
        assert rule.id.startswith("KB-") and 21 <= rule.chapter <= 40, rule.id
        assert Path(rule.file).parent.resolve() == folder, rule.id
        assert rule.guide is None and rule.source is not None, rule.id
        assert rule.source.url and rule.source.url.startswith(("http://", "https://")), rule.id
        assert rule.source.quote and rule.source.reference and rule.source.title, rule.id


def test_a_known_issue_written_for_another_version_is_a_warning_and_says_so() -> None:
    for rule in KB:
        if "inferred" in rule.description:
            assert rule.severity == "warning", rule.id


def _load_as_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    folder = tmp_path / "known"
    folder.mkdir()
    (folder / "kb.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(catalog_module, "_pack_folders",
                        lambda: {folder.resolve(): KNOWN_ISSUES})
    types = loader.plugin_manager().hook.itmscheck_check_types()
    catalog_module.load_catalog([folder], [t for group in types for t in group])


KB_RULE = """\
itmscheck_rules: 1
chapter: {number: 21, title: Known issues test}
rules:
  - id: KB-TEST
    title: A test
    phases: [pre]
    severity: warning
    attest: Something was done.
    remediation: Do it.
    source: {title: An article, reference: Broadcom KB 1, url: "https://kb.example/1", quote: Do it.}
"""


def test_a_known_issue_rule_loads_when_it_cites_its_article(tmp_path, monkeypatch) -> None:
    _load_as_pack(tmp_path, monkeypatch, KB_RULE)


@pytest.mark.parametrize(("change", "words"), [
    (('source: {title: An article, reference: Broadcom KB 1, url: "https://kb.example/1", '
      'quote: Do it.}', "guide: {section: Restoring the Configuration Management Database, page: 35}"),
     "cites its article (source: {title, reference, url, quote}), not the guide"),
    ((', quote: Do it.}', '}'), "gives its article's quote"),
    ((', url: "https://kb.example/1"', ''), "gives its article's url"),
    (("id: KB-TEST", "id: CH02-TEST"), "has an id starting with 'KB-'"),
    (("number: 21", "number: 2"), "chapter 2 is not a chapter number of the pack"),
])
def test_a_known_issue_rule_that_does_not_cite_its_article_or_keep_its_place_will_not_load(
        tmp_path, monkeypatch, change, words) -> None:
    with pytest.raises(InputError) as raised:
        _load_as_pack(tmp_path, monkeypatch, KB_RULE.replace(*change))
    assert "kb.yaml" in str(raised.value) and words in str(raised.value)


def test_a_site_rule_may_not_take_the_packs_prefix_or_its_groups(itmscheck, tmp_path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "site.yaml").write_text(KB_RULE, encoding="utf-8")
    run = itmscheck(*lab_args("ready", "pre"), "--rules-dir", folder)
    assert run.code == 2
    assert "chapter 21 is not a chapter number of a site's own rule file" in run.err
    (folder / "site.yaml").write_text(KB_RULE.replace("number: 21", "number: 2"), encoding="utf-8")
    run = itmscheck(*lab_args("ready", "pre"), "--rules-dir", folder)
    assert run.code == 2
    assert "the id prefix 'KB-' belongs to the built-in pack" in run.err


# -- loaded by default, shown apart --------------------------------------------------------------

def test_the_pack_is_loaded_by_default_and_its_rules_are_reported_as_known_issues(
        itmscheck, tmp_path) -> None:
    run = itmscheck(*lab_args("not-ready", "post"), "--json", tmp_path / "r.json")
    assert run.code == 1
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {p["id"]: p["enabled"] for p in report["packs"]} == {"guide": True, "known_issues": True}
    trial = next(r for r in report["results"] if r["rule"] == "KB-LICENSES-NOT-TRIAL")
    assert trial["pack"] == "known_issues" and trial["status"] == "failed" and trial["guide"] is None
    assert trial["source"]["reference"] == (
        "ITMS 7.5 help, ITMS Installation and Upgrade (topic v18351920_v89977504)")
    assert "KB-LICENSES-NOT-TRIAL" in report["blocking"]
    assert all(r["pack"] == "guide" for r in report["results"] if r["rule"].startswith("CH"))
    assert "  [FAILED  ] KB-LICENSES-NOT-TRIAL (known issue): " in run.out
    assert re.search(r"^Rule packs evaluated: The migration guide: \d+ rules; Known issues "
                     r"\(vendor knowledge base\): \d+ rules\.$", run.out, re.MULTILINE)


def test_rules_lists_the_pack_apart_with_each_articles_address(itmscheck) -> None:
    run = itmscheck("rules")
    guide, known = run.out.index("== The migration guide"), run.out.index("== Known issues")
    assert guide < run.out.index("CH01-SAME-COLLATION") < known < run.out.index("KB-LICENSES-NOT-TRIAL")
    assert "<http://help.elasticbeanstalk.com/CS?ProdId=EMM_INST&vid=v18351920_v89977504" in run.out
    assert "(The migration guide: " in run.out.splitlines()[-1]


# -- switched off per site, the reason in every report -------------------------------------------

def test_switching_the_pack_off_skips_its_rules_and_every_report_says_who_and_why(
        itmscheck, tmp_path) -> None:
    site = _site_off(tmp_path, "not-ready", "post")
    run = itmscheck(*_args("not-ready", "post", site), "--json", tmp_path / "r.json",
                    "--junit", tmp_path / "r.xml", "--html", tmp_path / "r.html")
    assert run.code == 1  # the guide's findings still block
    said = f"switched off for this site by P. Bakker: {REASON}"
    # console
    assert f"Pack switched off: Known issues (vendor knowledge base): {said}" in run.out
    assert "KB-LICENSES-NOT-TRIAL" not in run.out
    # JSON
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    off = next(p for p in report["packs"] if p["id"] == "known_issues")
    assert off["enabled"] is False and off["reason"] == REASON and off["by"] == "P. Bakker"
    known = [r for r in report["results"] if r["pack"] == "known_issues"]
    assert known and all(r["status"] == "skipped" and REASON in r["message"] for r in known)
    assert not [rule for rule in report["blocking"] if rule.startswith("KB-")]
    # JUnit
    suite = ElementTree.parse(tmp_path / "r.xml").getroot().find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["pack_known_issues"] == f"off by P. Bakker: {REASON}"
    assert properties["pack_guide"] == "on"
    assert f"Pack switched off: Known issues (vendor knowledge base): {said}" in suite.find("system-out").text
    case = next(c for c in suite.iter("testcase") if c.get("name").startswith("KB-LICENSES-NOT-TRIAL"))
    assert REASON in case.find("skipped").get("message")
    # HTML
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="pack-off" id="pack-off-known_issues">Pack switched off: Known issues '
                     r"\(vendor knowledge base\): switched off for this site by P\. Bakker: "
                     + re.escape(REASON), html)


def test_the_ready_lab_stays_go_with_the_pack_switched_off(itmscheck, tmp_path) -> None:
    for phase in ("pre", "install", "post"):
        run = itmscheck(*_args("ready", phase, _site_off(tmp_path, "ready", phase)))
        assert run.code == 0, run.out


def test_a_pack_switched_on_explicitly_is_evaluated(itmscheck, tmp_path) -> None:
    site = _site_off(tmp_path, "not-ready", "post", "{known_issues: {enabled: true}}")
    run = itmscheck(*_args("not-ready", "post", site))
    assert "[FAILED  ] KB-LICENSES-NOT-TRIAL (known issue)" in run.out
    assert "Pack switched off" not in run.out


@pytest.mark.parametrize(("entry", "words"), [
    ("{known_issues: {enabled: false, by: P. Bakker}}", "'reason' is required"),
    ("{known_issues: {enabled: false, reason: reviewed}}", "'by' is required"),
    ("{known_issues: {enabled: false, reason: \"\\u200b\", by: P. Bakker}}",
     "switching a pack off needs a reason that says why"),
    ("{guide: {enabled: false, reason: no, by: P. Bakker}}", "unknown key 'guide'"),
    ("{known_issues: {enabled: no-thanks, reason: x, by: y}}", "packs.known_issues.enabled"),
])
def test_a_pack_switched_off_without_a_reason_and_a_name_is_bad_input(
        itmscheck, tmp_path, entry, words) -> None:
    run = itmscheck(*_args("ready", "pre", _site_off(tmp_path, "ready", "pre", entry)))
    assert run.code == 2, run.out
    assert "site.yaml" in run.err and words in run.err
    assert "Traceback" not in run.err


def test_pytest_mode_skips_the_packs_rules_and_ends_saying_who_switched_it_off_and_why(tmp_path) -> None:
    source, target, _ = lab_files("ready", "post")
    site = _site_off(tmp_path, "ready", "post")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-rs",
         "--itmscheck-phase", "post", "--itmscheck-source", str(source),
         "--itmscheck-target", str(target), "--itmscheck-site", str(site)],
        capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    assert (f"itmscheck: on NS75.post, pack switched off: Known issues (vendor knowledge base): "
            f"switched off for this site by P. Bakker: {REASON}") in done.stdout
    assert re.search(rf"SKIPPED .*skipped: Not evaluated: the pack .*{re.escape(REASON[:20])}", done.stdout)


# -- docs/coverage.md: every candidate, with its rules or the reason there is none --------------

def test_coverage_lists_every_candidate_with_its_rules_or_why_none() -> None:
    rows = CATALOG.tables["known_issue_candidates"]["rows"]
    harvest = [row["number"] for row in rows if row["origin"] == "harvest"]
    assert harvest == list(range(1, 32))
    ids = {rule.id for rule in KB}
    for row in rows:
        assert set(row["rules"]) <= ids, row["number"]
        assert bool(row["rules"]) != bool(row["why"]), row["number"]
    assert {rule for row in rows for rule in row["rules"]} == ids  # every rule answers a candidate
    page = (REPO / "docs" / "coverage.md").read_text(encoding="utf-8")
    table = page.split("# Coverage of the known issues", 1)[1]
    for row in rows:
        line = next(line for line in table.splitlines() if line.startswith(f"| {row['number']} |"))
        assert all(f"`{rule}`" in line for rule in row["rules"]), row["number"]
        if row["why"]:
            assert " ".join(str(row["why"]).split()) in line, row["number"]


# -- collectors: where the evidence says each fact lives ------------------------------------------

def test_the_host_script_reads_the_application_identitys_name_never_its_password() -> None:
    script = (REPO / "checks" / "collectors" / "windows" / "Get-ItmsFacts.ps1").read_text(encoding="utf-8")
    assert 'Properties["user"]' in script and "Notification Server\\AppIdentity" in script
    assert 'Properties["pwd"]' not in script and "'pwd'" not in script


def test_the_orphaned_users_probe_gives_a_sorted_list_and_none_is_an_empty_one() -> None:
    from itmscheck.collectors.cmdb.rows import ROW_TO_FACTS

    rows = [{"user_name": "zeta"}, {"user_name": "altiris_reports"}]
    assert ROW_TO_FACTS["cmdb_orphaned_users"](rows) == {
        "cmdb.orphaned_users": ["altiris_reports", "zeta"]}
    assert ROW_TO_FACTS["cmdb_orphaned_users"]([]) == {"cmdb.orphaned_users": []}


# -- licenses name their product as the product list does ----------------------------------------

def test_a_license_of_an_unknown_product_exits_2_naming_the_field_and_the_nearest(
        itmscheck, tmp_path) -> None:
    source, target, site = lab_files("ready", "post")
    document = json.loads(target.read_text(encoding="utf-8"))
    document["facts"]["platform"]["licenses"][1]["name"] = "Inventory Pak for Servers"
    edited = tmp_path / "target.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    run = itmscheck("check", "--phase", "post", "--source", source, "--target", edited, "--site", site)
    assert run.code == 2
    assert run.err.startswith(f"itmscheck: {edited}: facts.platform.licenses[1].name")
    assert "nearest: Inventory Pack for Servers" in run.err


def test_a_license_written_with_an_alias_is_judged_under_its_canonical_name(itmscheck, tmp_path) -> None:
    source, target, site = lab_files("not-ready", "post")
    document = json.loads(target.read_text(encoding="utf-8"))
    trial = next(item for item in document["facts"]["platform"]["licenses"] if item["trial"])
    trial["name"] = "patch management solution for windows"
    edited = tmp_path / "target.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    run = itmscheck("check", "--phase", "post", "--source", source, "--target", edited, "--site", site)
    assert "KB-LICENSES-NOT-TRIAL (known issue): 1 of 18 items" in run.out
    assert "Patch Management Solution for Windows (trial true)" in run.out


def test_a_rule_picking_a_license_by_a_non_canonical_name_does_not_load(itmscheck, tmp_path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "site.yaml").write_text("""itmscheck_rules: 1
chapter: {number: 4, title: Migrating Patch Management Solution}
rules:
  - id: SITE-PATCH-LICENSE
    title: Patch maintenance runs another year
    phases: [post]
    severity: warning
    check:
      type: not_expired
      fact: target.platform.licenses
      field: maintenance_expires
      where: {name: Patch Management}
    remediation: Renew it.
    source: {title: Contoso licensing, reference: L-1}
""", encoding="utf-8")
    run = itmscheck("rules", "--rules-dir", folder)
    assert run.code == 2
    assert "rule SITE-PATCH-LICENSE names the product 'Patch Management'" in run.err
