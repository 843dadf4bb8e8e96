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
    """The mapping a pipeline relies on (README's table), from the JSON report's status.

    Only a blocker that blocks is a failure or an error: a GO run has neither.
    """
    blocks = result["severity"] == "blocker"
    return {"passed": "pass", "attested": "pass", "failed": "failure" if blocks else "pass",
            "error": "error" if blocks else "pass", "skipped": "skipped", "waived": "skipped",
            "manual": "failure" if blocks else "skipped"}[result["status"]]


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
            f"NS75.{phase}.ch{result['chapter']['number']:02d}-"
            + result["chapter"]["title"].lower().replace(" ", "-"))
        if outcome == "pass" and result["status"] in ("failed", "error"):
            assert case.findtext("system-out").startswith(
                f"WARNING: {result['rule']} [{result['severity']}, {result['status']}]: ")
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
                  if status is Status.ATTESTED else None)


def test_manual_fails_for_a_blocker_and_skips_otherwise_and_attestations_show() -> None:
    results = (_result("R-MANUAL-BLOCKER", Status.MANUAL),
               _result("R-MANUAL-WARNING", Status.MANUAL, severity="warning"),
               _result("R-ATTESTED", Status.ATTESTED))
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
    assert failure.get("message") == ('[blocker] R-MANUAL-BLOCKER message <&> "quoted" '
                                      '(guide: "Preparing for the migration", page 34)')
    assert 'source.host.name = "NS70"  (declared by J. Doe)' in failure.text


def test_classname_and_name_are_unique_across_the_whole_catalog(itmscheck, tmp_path) -> None:
    for phase in ("pre", "install", "post"):
        _, root = _reports(itmscheck, tmp_path, lab_args("ready", phase))
        keys = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
        assert keys and len(keys) == len(set(keys))
        assert all(classname.startswith(f"NS75.{phase}.ch") for classname, _ in keys)


def _ready_post_with_findings_that_do_not_block(tmp_path: Path) -> list[str]:
    """The ready lab after migrating, with a warning failed and another not evaluated."""
    target = json.loads((LABS / "ready" / "target-post.json").read_text(encoding="utf-8"))
    target["facts"]["solutions"]["patch_windows"]["bulletins"] = None  # CH04-WINDOWS-BULLETINS
    target["facts"]["solutions"]["monitor"]["windows_2000_pack_enabled"] = True  # CH07-WINDOWS-2000-PACK
    (tmp_path / "target.json").write_text(json.dumps(target), encoding="utf-8")
    args = lab_args("ready", "post")
    args[args.index("--target") + 1] = str(tmp_path / "target.json")
    return args


def test_a_go_run_has_no_failure_or_error_and_its_warnings_are_warning_lines(
        itmscheck, tmp_path) -> None:
    report, root = _reports(itmscheck, tmp_path, _ready_post_with_findings_that_do_not_block(tmp_path))
    assert report["verdict"] == "GO"
    statuses = {r["rule"]: r["status"] for r in report["results"]}
    assert statuses["CH04-WINDOWS-BULLETINS"] == "error"
    assert statuses["CH07-WINDOWS-2000-PACK"] == "failed"
    assert root.find(".//failure") is None and root.find(".//error") is None
    suite = root.find("testsuite")
    assert (suite.get("failures"), suite.get("errors")) == ("0", "0")
    cases = {case.get("name").split(":")[0]: case for case in root.iter("testcase")}
    guide = next(r["guide"] for r in report["results"] if r["rule"] == "CH04-WINDOWS-BULLETINS")
    bulletins = cases["CH04-WINDOWS-BULLETINS"].findtext("system-out").splitlines()
    assert bulletins[0].startswith("WARNING: CH04-WINDOWS-BULLETINS [warning, error]: Could not be")
    assert bulletins[0].endswith(f'(guide: "{guide["section"]}", page {guide["page"]})')
    pack = cases["CH07-WINDOWS-2000-PACK"].findtext("system-out").splitlines()
    assert pack[0].startswith("WARNING: CH07-WINDOWS-2000-PACK [warning, failed]: ")
    assert sum("WARNING:" in (case.findtext("system-out") or "") for case in cases.values()) == 2


def test_a_failure_message_names_the_guide_section_and_page(itmscheck, tmp_path) -> None:
    report, root = _reports(itmscheck, tmp_path, lab_args("not-ready", "install"))
    cases = {case.get("name").split(":")[0]: case for case in root.iter("testcase")}
    for result in report["results"]:
        element = _outcome(cases[result["rule"]])[1]
        if element is not None and element.tag in ("failure", "error"):
            guide = result["guide"]
            assert element.get("message").endswith(
                f'(guide: "{guide["section"]}", page {guide["page"]})'), result["rule"]
    assert cases["CH01-SAME-COLLATION"].find("failure").get("message").endswith(
        '(guide: "Readiness checklist for IT Management Suite migration", page 19)')


def _renamed(lab_file: Path, tmp_path: Path, name: str) -> Path:
    document = json.loads(lab_file.read_text(encoding="utf-8"))
    document["facts"]["host"]["name"] = name
    path = tmp_path / f"{name}-{lab_file.name}"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_reports_of_two_servers_in_one_pipeline_do_not_collide(itmscheck, tmp_path) -> None:
    """Suite names and classnames carry the server's host name, the phase and the chapter."""
    roots = {}
    for name in ("NS75-AMS", "NS75-RTM"):
        args = lab_args("ready", "post")
        args[args.index("--target") + 1] = str(_renamed(LABS / "ready" / "target-post.json",
                                                        tmp_path, name))
        roots[name] = _reports(itmscheck, tmp_path, args)[1]
    names = {name: root.find("testsuite").get("name") for name, root in roots.items()}
    assert names == {"NS75-AMS": "itmscheck NS75-AMS post", "NS75-RTM": "itmscheck NS75-RTM post"}
    keys = {name: {(c.get("classname"), c.get("name")) for c in root.iter("testcase")}
            for name, root in roots.items()}
    assert not keys["NS75-AMS"] & keys["NS75-RTM"]
    for name, pairs in keys.items():
        assert {classname.split(".ch")[0] for classname, _ in pairs} == {f"{name}.post"}
    assert "NS75-AMS.post.ch01-introducing-it-management-suite-migration" in {
        classname for classname, _ in keys["NS75-AMS"]}
    server = {p.get("name"): p.get("value") for p in roots["NS75-RTM"].iter("property")}["server"]
    assert server == "NS75-RTM"


def test_a_server_whose_name_was_not_read_is_named_by_its_snapshot(itmscheck, tmp_path) -> None:
    document = json.loads((LABS / "ready" / "target-pre.json").read_text(encoding="utf-8"))
    document["facts"]["host"]["name"] = None
    (tmp_path / "ns75-staging.json").write_text(json.dumps(document), encoding="utf-8")
    args = lab_args("ready", "pre")
    args[args.index("--target") + 1] = str(tmp_path / "ns75-staging.json")
    run = itmscheck(*args, "--junit", tmp_path / "r.xml")
    root = etree.parse(str(tmp_path / "r.xml")).getroot()
    assert root.find("testsuite").get("name") == "itmscheck ns75-staging pre", run.out
    assert all(c.get("classname").startswith("ns75-staging.pre.ch") for c in root.iter("testcase"))


def test_attested_rules_pass_and_are_counted_apart(itmscheck, tmp_path) -> None:
    report, root = _reports(itmscheck, tmp_path, lab_args("ready", "post"))
    attested = [r["rule"] for r in report["results"] if r["status"] == "attested"]
    assert attested and report["summary"]["attested"] == len(attested)
    skipped = [r["rule"] for r in report["results"] if r["status"] == "skipped"]  # not applicable
    assert report["summary"]["passed"] == len(report["results"]) - len(attested) - len(skipped)
    suite = root.find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["attested"] == str(len(attested))
    assert properties["passed"] == str(report["summary"]["passed"])
    assert f"{len(attested)} attested" in suite.findtext("system-out")
    cases = {case.get("name").split(":")[0]: case for case in root.iter("testcase")}
    for rule in attested:
        assert _outcome(cases[rule])[0] == "pass"
        out = cases[rule].findtext("system-out")
        assert "status: attested" in out and "attested: by " in out
