"""JUnit that Jenkins, GitLab and Azure DevOps read: valid, unique, one testcase per rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from itmscheck.engine.model import Evidence, GuideRef, Report, Result, Status
from itmscheck.reports.junit_report import JunitReporter
from tests.conftest import LABS, lab_args

XSD = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "junit" / "jenkins-junit.xsd")))
OUTCOMES = ("failure", "error", "skipped")


def _outcome(case: etree._Element) -> tuple[str, etree._Element | None]:
    found = [child for child in case if child.tag in OUTCOMES]
    assert len(found) <= 1, etree.tostring(case)
    return (found[0].tag, found[0]) if found else ("pass", None)


def _expected_outcome(result: dict) -> str:
    """The mapping a pipeline relies on, from the JSON report's status."""
    blocks = result["severity"] == "blocker"
    return {"passed": "pass", "failed": "failure", "error": "error", "skipped": "skipped",
            "waived": "skipped", "manual": "failure" if blocks else "skipped"}[result["status"]]


def _reports(itmscheck, tmp_path: Path, args: list[str]) -> tuple[dict, etree._Element]:
    run = itmscheck(*args, "--json", tmp_path / "r.json", "--junit", tmp_path / "r.xml")
    assert run.code in (0, 1), run.err
    document = etree.parse(str(tmp_path / "r.xml"))
    XSD.assertValid(document)
    return json.loads((tmp_path / "r.json").read_text(encoding="utf-8")), document.getroot()


@pytest.mark.parametrize("phase", ["pre", "install", "post"])
def test_not_ready_junit_is_valid_and_maps_one_to_one_to_the_json_report(
        itmscheck, tmp_path, phase) -> None:
    report, root = _reports(itmscheck, tmp_path, lab_args("not-ready", phase))
    cases = root.findall(".//testcase")
    assert [case.get("name").split(":")[0] for case in cases] == [
        r["rule"] for r in report["results"]]
    for case, result in zip(cases, report["results"], strict=True):
        outcome, element = _outcome(case)
        assert outcome == _expected_outcome(result), result["rule"]
        assert case.get("classname") == (
            f"{phase}.ch{result['chapter']['number']:02d}-"
            + result["chapter"]["title"].lower().replace(" ", "-"))
        if outcome == "failure":
            assert element is not None and result["message"] in element.get("message")
            assert result["remediation"] in element.text
            for ref, value in result["evidence"].items():
                assert f"{ref} = {json.dumps(value, ensure_ascii=False)}" in element.text
    suite = root.find("testsuite")
    assert int(suite.get("failures")) == sum(
        _expected_outcome(r) == "failure" for r in report["results"]) > 0
    assert {p.get("name"): p.get("value") for p in suite.iter("property")}["verdict"] == "NO-GO"


def test_every_status_is_told_apart_and_explained(itmscheck, tmp_path) -> None:
    """Waived, error and not-applicable rules each get the outcome and reason CI shows."""
    folder = LABS / "not-ready"
    site = (folder / "site.yaml").read_text(encoding="utf-8") + (
        "  - rule: CH01-SAME-COLLATION\n"
        "    reason: The vendor confirmed both collations sort alike.\n"
        "    by: A. Smit (DBA)\n"
        "    expires: 2026-12-31\n")
    (tmp_path / "site.yaml").write_text(site, encoding="utf-8")
    target = json.loads((folder / "target-post.json").read_text(encoding="utf-8"))
    target["facts"]["platform"]["sim_install_path"] = None  # could not be read
    source = json.loads((folder / "source.json").read_text(encoding="utf-8"))
    for snapshot in (source, target):  # CH04-LINUX-PATCH-TABLES no longer applies
        snapshot["facts"]["platform"]["products"] = [
            p for p in snapshot["facts"]["platform"]["products"]
            if p["name"] != "Patch Management Solution for Linux"]
    (tmp_path / "target.json").write_text(json.dumps(target), encoding="utf-8")
    (tmp_path / "source.json").write_text(json.dumps(source), encoding="utf-8")
    args = lab_args("not-ready", "post")
    args[args.index("--target") + 1] = str(tmp_path / "target.json")
    args[args.index("--source") + 1] = str(tmp_path / "source.json")
    args[args.index("--site") + 1] = str(tmp_path / "site.yaml")
    report, root = _reports(itmscheck, tmp_path, args)
    statuses = {r["rule"]: r["status"] for r in report["results"]}
    assert statuses["CH01-SAME-COLLATION"] == "waived"
    assert statuses["CH01-SAME-SIM-PATH"] == "error"
    assert statuses["CH04-LINUX-PATCH-TABLES"] == "skipped"
    cases = {case.get("name").split(":")[0]: case for case in root.iter("testcase")}

    kind, waived = _outcome(cases["CH01-SAME-COLLATION"])
    assert kind == "skipped"
    assert waived.get("message") == (
        "waived: Waived by A. Smit (DBA) until 2026-12-31: "
        "The vendor confirmed both collations sort alike.")
    kind, error = _outcome(cases["CH01-SAME-SIM-PATH"])
    assert (kind, error.get("type")) == ("error", "could-not-evaluate")
    assert "Could not be evaluated" in error.get("message")
    kind, skipped = _outcome(cases["CH04-LINUX-PATCH-TABLES"])
    assert kind == "skipped" and skipped.get("message").startswith("skipped: Not applicable")
    out = cases["CH01-SAME-COLLATION"].findtext("system-out")
    for line in ("rule: CH01-SAME-COLLATION", "severity: blocker",
                 "guide: Readiness checklist for IT Management Suite migration (page 19)",
                 "waiver: Waived by A. Smit (DBA) until 2026-12-31"):
        assert line in out


def _result(rule: str, status: Status, severity: str = "blocker", chapter: int = 2) -> Result:
    return Result(rule=rule, title=f"{rule} title", severity=severity, status=status,
                  message=f"{rule} message <&> \"quoted\"", remediation="Do the fix.",
                  guide=GuideRef("Preparing for the migration", 34), chapter=chapter,
                  chapter_title="Migrating Symantec Management Platform",
                  evidence={"source.host.name": Evidence("NS70", "declared by J. Doe")},
                  attestation={"by": "P. Jansen", "on": "2026-11-20", "evidence": "CAB-17"}
                  if status is Status.PASSED else None)


def test_manual_fails_for_a_blocker_and_skips_otherwise_and_attestations_show() -> None:
    results = (_result("R-MANUAL-BLOCKER", Status.MANUAL),
               _result("R-MANUAL-WARNING", Status.MANUAL, severity="warning"),
               _result("R-ATTESTED", Status.PASSED))
    report = Report(phase="pre", verdict="NO-GO", results=results,
                    evaluated_at="2026-11-20T09:30:00Z",
                    inputs={"source": "s.json", "target": None, "site": None}, tool_version="0")
    root = etree.fromstring(JunitReporter().render(report).encode("utf-8"))
    XSD.assertValid(root)
    cases = {case.get("name").split(":")[0]: case for case in root.iter("testcase")}
    assert _outcome(cases["R-MANUAL-BLOCKER"])[0] == "failure"
    assert _outcome(cases["R-MANUAL-WARNING"])[0] == "skipped"
    assert _outcome(cases["R-ATTESTED"])[0] == "pass"
    assert "attested: by P. Jansen on 2026-11-20 (CAB-17)" in cases["R-ATTESTED"].findtext(
        "system-out")
    # Markup in messages arrives as text, not as XML.
    failure = cases["R-MANUAL-BLOCKER"].find("failure")
    assert failure.get("message") == '[blocker] R-MANUAL-BLOCKER message <&> "quoted"'
    assert 'source.host.name = "NS70"  (declared by J. Doe)' in failure.text


def test_classname_and_name_are_unique_across_the_whole_catalog(itmscheck, tmp_path) -> None:
    for phase in ("pre", "install", "post"):
        _, root = _reports(itmscheck, tmp_path, lab_args("ready", phase))
        keys = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
        assert keys and len(keys) == len(set(keys))
        assert all(classname.startswith(f"{phase}.ch") for classname, _ in keys)
