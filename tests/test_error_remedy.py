"""An ``error`` says how to get the fact it lacks, never the failure's fix, in every output."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from itmscheck.collectors.cmdb.probe import load_probes
from itmscheck.collectors.factpaths import fact_paths
from itmscheck.engine import loader
from itmscheck.engine.evaluate import evaluate
from itmscheck.engine.remedy import how_to_obtain
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import snapshot_from_document
from tests.conftest import LABS, lab_args


def _lab_with(tmp_path: Path, lab: str, phase: str, **nulls: str) -> list[str]:
    """The lab's arguments with some target facts unknown (``cmdb.collation="why"``)."""
    args = lab_args(lab, phase)
    index = args.index("--target") + 1
    document = json.loads(Path(args[index]).read_text(encoding="utf-8"))
    for path, why in nulls.items():
        *groups, leaf = path.split("__")
        node = document["facts"]
        for group in groups:
            node = node[group]
        node[leaf] = None
        document.setdefault("unknown", {})[".".join([*groups, leaf])] = why
    (tmp_path / "target.json").write_text(json.dumps(document), encoding="utf-8")
    args[index] = str(tmp_path / "target.json")
    return args


def _collation_error(itmscheck, tmp_path: Path) -> tuple[dict, str]:
    args = _lab_with(tmp_path, "ready", "post", cmdb__collation="cannot connect to the CMDB")
    run = itmscheck(*args, "--json", tmp_path / "r.json", "--junit", tmp_path / "r.xml",
                    "--html", tmp_path / "r.html")
    assert run.code == 1
    report = json.loads((tmp_path / "r.json").read_text())
    result = next(r for r in report["results"] if r["rule"] == "CH01-SAME-COLLATION")
    assert result["status"] == "error"
    return result, run.out


def test_a_cmdb_fact_that_was_not_read_names_its_probe_not_the_restore(itmscheck, tmp_path) -> None:
    result, out = _collation_error(itmscheck, tmp_path)
    remedy = result["to_evaluate"]
    assert "cmdb_collation.sql" in remedy and "cmdb.connection" in remedy
    assert "itmscheck collect --role target" in remedy
    assert "Restore" not in remedy and result["remediation"] not in remedy
    # The console says it under the error, and never offers the failure's fix there.
    block = out.split("] CH01-SAME-COLLATION:", 1)[1].split("\n  [", 1)[0]
    assert f"to evaluate: {remedy}" in block and "fix:" not in block


def test_junit_and_html_show_the_errors_remedy_instead_of_the_fix(itmscheck, tmp_path) -> None:
    result, _ = _collation_error(itmscheck, tmp_path)
    case = next(c for c in ElementTree.parse(tmp_path / "r.xml").iter("testcase")
                if c.get("name").startswith("CH01-SAME-COLLATION:"))
    body = case.find("error").text
    assert f"To evaluate: {result['to_evaluate']}" in body and "Remediation:" not in body
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    article = html.split('id="b-CH01-SAME-COLLATION"', 1)[1].split("</article>", 1)[0]
    assert "<b>To evaluate:</b>" in article and "cmdb_collation.sql" in article
    assert "<b>Fix:</b>" not in article


def test_a_host_fact_names_the_fragment_field_and_the_probe_that_read_it(itmscheck, tmp_path) -> None:
    args = _lab_with(tmp_path, "ready", "pre", host__os__name="not in the fragment")
    itmscheck(*args, "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    result = next(r for r in report["results"] if r["rule"] == "CH02-TARGET-OS")
    assert result["status"] == "error"
    remedy = result["to_evaluate"]
    assert "Get-ItmsFacts.ps1" in remedy and "`facts.host.os.name`" in remedy
    assert "--import" in remedy and "host_inventory.sql" in remedy


def test_a_fact_nothing_reads_is_declared_in_the_site_file(itmscheck, tmp_path) -> None:
    args = lab_args("ready", "pre")
    source = json.loads(Path(args[args.index("--source") + 1]).read_text(encoding="utf-8"))
    source["facts"]["platform"]["smp_release"] = None
    (tmp_path / "source.json").write_text(json.dumps(source), encoding="utf-8")
    args[args.index("--source") + 1] = str(tmp_path / "source.json")
    itmscheck(*args, "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    result = next(r for r in report["results"] if r["rule"] == "CH01-SUPPORTED-PATH")
    assert result["status"] == "error"
    assert result["to_evaluate"].startswith("No collector reads source.platform.smp_release: a "
                                            "person declares `platform.smp_release` in the site "
                                            "file's `facts:`")


@pytest.mark.parametrize(("phase", "path", "value", "rule", "says"), [
    ("pre", ("host", "plugins", "java"), "installed", "CH02-CONSOLE-PLUGINS",
     "`facts.host.plugins.java`"),  # min_version: present, but holds no version number
    ("post", ("platform", "smp_release"), "Seven Five", "CH02-TARGET-RELEASE",
     "`platform.smp_release` in the site file's `facts:`"),
    ("post", ("hierarchy", "parent"), "NS-UNKNOWN", "CH01-NO-MIXED-MODE",
     "Declare `notification_servers` in the site file"),  # a neighbour of unknown release
])
def test_a_value_that_cannot_decide_says_how_to_get_it_not_the_fix(itmscheck, tmp_path, phase, path,
                                                                   value, rule, says) -> None:
    """The class, with main's check types: an unknown outcome of a fact that is present but
    unusable names the fact, so its error says how to get it instead of the failure's fix."""
    args = lab_args("ready", phase)
    index = args.index("--target") + 1
    document = json.loads(Path(args[index]).read_text(encoding="utf-8"))
    node = document["facts"]
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    (tmp_path / "target.json").write_text(json.dumps(document), encoding="utf-8")
    args[index] = str(tmp_path / "target.json")
    itmscheck(*args, "--json", tmp_path / "r.json")
    result = next(r for r in json.loads((tmp_path / "r.json").read_text())["results"]
                  if r["rule"] == rule)
    assert result["status"] == "error", result["message"]
    assert says in result["to_evaluate"] and result["remediation"] not in result["to_evaluate"]


def test_a_missing_snapshot_says_which_option_to_pass(itmscheck, tmp_path) -> None:
    itmscheck("check", "--phase", "post", "--source", LABS / "ready" / "source.json",
              "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    remedies = {r["to_evaluate"] for r in report["results"] if r["status"] == "error"}
    assert remedies and all(r.startswith("Pass --target with the 7.5 server's snapshot")
                            for r in remedies)


def test_only_an_error_carries_a_remedy_of_its_own(itmscheck, tmp_path) -> None:
    itmscheck(*lab_args("not-ready", "pre"), "--json", tmp_path / "a.json")
    itmscheck("check", "--phase", "post", "--source", LABS / "ready" / "source.json",
              "--site", LABS / "ready" / "site.yaml", "--json", tmp_path / "b.json")
    results = [r for name in ("a.json", "b.json")
               for r in json.loads((tmp_path / name).read_text())["results"]]
    assert {r["status"] for r in results} >= {"failed", "manual", "error", "attested"}
    assert {r["status"] for r in results if "to_evaluate" in r} == {"error"}
    assert all("to_evaluate" in r for r in results if r["status"] == "error")


@pytest.mark.parametrize("path", fact_paths())
def test_every_fact_has_a_way_to_be_obtained(path: str) -> None:
    remedy = how_to_obtain([f"source.{path}"], loader.fact_sources())
    assert remedy and f"`{path}`" in remedy and "facts:" in remedy


def test_every_probe_is_named_for_the_facts_it_reads() -> None:
    for probe in load_probes():
        for fact in probe.facts:
            assert f"{probe.name}.sql" in how_to_obtain([f"target.{fact}"], loader.fact_sources())


def _all_null(document: dict) -> dict:
    blank = copy.deepcopy(document)

    def wipe(node: dict) -> None:
        for key, value in node.items():
            if isinstance(value, dict) and key not in ("tables", "data_store"):
                wipe(value)
            else:
                node[key] = None

    wipe(blank["facts"])
    return blank


@pytest.mark.parametrize("phase", ["pre", "install", "post"])
def test_every_rule_that_cannot_be_evaluated_says_how_to_get_its_facts(phase: str) -> None:
    """The class, not one example: blank evidence errs every automatic rule it can."""
    catalog = loader.catalog()
    folder = LABS / "ready"
    target = "target-pre.json" if phase == "pre" else "target-post.json"
    snapshots = {role: snapshot_from_document(_all_null(json.loads((folder / name).read_text())),
                                              name, role)
                 for role, name in (("source", "source.json"), ("target", target))}
    results = evaluate(catalog, loader.inputs(catalog, snapshots, Site()), phase)
    errors = [r for r in results if r.status.value == "error"]
    assert len(errors) > 20
    for result in errors:
        assert result.obtain and result.remedy == result.obtain != result.remediation, result.rule


def test_pytest_mode_says_how_to_evaluate_an_error(tmp_path) -> None:
    import subprocess
    import sys

    args = _lab_with(tmp_path, "ready", "post", cmdb__collation="cannot connect to the CMDB")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--itmscheck-phase", "post",
         "--itmscheck-source", args[args.index("--source") + 1], "--itmscheck-target",
         str(tmp_path / "target.json"), "--itmscheck-site", args[args.index("--site") + 1],
         "-k", "CH01-SAME-COLLATION", "--itmscheck-partial"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 1, done.stdout[-2000:]
    assert "To evaluate: To get target.cmdb.collation: the CMDB probe cmdb_collation.sql" in done.stdout
    assert "Fix: Restore" not in done.stdout
