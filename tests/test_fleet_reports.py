"""The fleet's reports: JSON (with its schema), JUnit (a suite per server, by host) and the HTML page
say the same thing, and the page stands on its own, without JavaScript, in Chromium too."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from tests.conftest import REPO
from tests.support.fleet_lab import DEMO

XSD = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "junit" / "jenkins-junit.xsd")))
SCHEMA = json.loads((REPO / "rules" / "schema" / "fleet_report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["pre", "post"])
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from itmscheck.cli.app import main

    out = tmp_path_factory.mktemp(f"fleet-{request.param}")
    code = main(["fleet", str(DEMO / "fleet.yaml"), "--phase", request.param, "--json", str(out / "f.json"),
                 "--junit", str(out / "f.xml"), "--html", str(out / "f.html")])
    return {"code": code, "out": out, "json": json.loads((out / "f.json").read_text(encoding="utf-8")),
            "junit": etree.parse(str(out / "f.xml")), "html": (out / "f.html").read_text(encoding="utf-8")}


def _html_rows(page: str) -> dict[str, dict[str, Any]]:
    """Each server row of the page's table: its verdict and the rules to fix and to sign off."""
    table = page.split("<h2>Servers</h2>", 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr><td>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<td>(.*?)</td>", "<td>" + row, re.S)
        name = unescape(re.sub(r"<[^>]+>", " ", cells[0]).split()[0])
        rows[name] = {"verdict": unescape(re.sub(r"<[^>]+>", "", cells[1])),
                      "to_fix": re.findall(r"<b>([A-Z0-9-]+)</b>", cells[4]),
                      "to_sign_off": re.findall(r"<b>([A-Z0-9-]+)</b>", cells[5])}
    return rows


def test_the_json_report_follows_its_schema(written: dict[str, Any]) -> None:
    jsonschema.validate(written["json"], SCHEMA)
    assert written["code"] == (0 if written["json"]["verdict"] == "GO" else 1)


def test_the_html_page_shows_what_the_json_says(written: dict[str, Any]) -> None:
    document, page = written["json"], written["html"]
    verdict = re.search(r'<section class="card (go|nogo)" id="verdict">', page)
    assert verdict is not None and verdict.group(1) == ("go" if document["verdict"] == "GO" else "nogo")
    assert _html_rows(page) == {s["name"]: {"verdict": s["verdict"],
                                            "to_fix": [r["rule"] for r in s["to_fix"]],
                                            "to_sign_off": [r["rule"] for r in s["to_sign_off"]]}
                                for s in document["servers"]}
    cross = page.split("<h2>Cross-server rules</h2>", 1)[1].split("</table>", 1)[0]
    assert re.findall(r'badge (\w+)">\w+</span></td><td><b>([A-Z0-9-]+)</b>', cross) == \
        [(r["status"], r["rule"]) for r in document["cross_server"]]


def test_junit_has_a_suite_per_server_named_by_host_agreeing_with_the_json(written: dict[str, Any]) -> None:
    document, junit = written["json"], written["junit"]
    assert XSD.validate(junit), XSD.error_log
    suites = {suite.get("name"): suite for suite in junit.getroot().iter("testsuite")}
    phase = document["phase"]
    assert list(suites) == [f"itmscheck {s['host']} {phase}" for s in document["servers"]] + \
        [f"itmscheck fleet {phase}"]
    for server in document["servers"]:
        suite = suites[f"itmscheck {server['host']} {phase}"]
        problems = len(suite.findall("testcase/failure")) + len(suite.findall("testcase/error"))
        expected = (1 if server["verdict"] == "NO EVIDENCE"
                    else len(server["to_fix"]) + len(server["to_sign_off"]))
        assert problems == expected, server["name"]
    fleet = suites[f"itmscheck fleet {phase}"]
    assert len(fleet.findall("testcase")) == len(document["cross_server"])
    no_go = bool(junit.getroot().findall(".//failure") or junit.getroot().findall(".//error"))
    assert no_go == (document["verdict"] == "NO-GO")


def test_the_page_is_self_contained_and_links_each_servers_report_beside_it(written: dict[str, Any]) -> None:
    page, out = written["html"], written["out"]
    assert "<script" not in page and "<link" not in page and "src=" not in page
    links = re.findall(r'href="([^"#][^"]*)"', page)
    reported = [s for s in written["json"]["servers"] if s["report"]]
    assert links == [s["report"] for s in reported]
    for server in reported:
        report = (out / server["report"]).read_text(encoding="utf-8")
        assert server["host"] in report


def test_a_report_may_not_replace_the_fleet_file(itmscheck, tmp_path) -> None:
    run = itmscheck("fleet", DEMO / "fleet.yaml", "--json", DEMO / "fleet.yaml")
    assert run.code == 2
    assert "fleet file" in run.err


def test_the_fleet_page_in_chromium_without_javascript(browser, tmp_path) -> None:
    from itmscheck.cli.app import main

    page_file = tmp_path / "f.html"
    assert main(["fleet", str(DEMO / "fleet.yaml"), "--phase", "post", "--html", str(page_file)]) == 1
    page = browser.new_page(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page.goto(page_file.as_uri())
    tree = page.locator("ul.tree li")
    assert tree.count() == 3
    assert tree.nth(0).inner_text().startswith("NO EVIDENCE NS70-HQ")
    # The tree's colour follows the state, and the state is also written.
    assert page.locator("ul.tree .badge.nogo").count() == 2
    # It prints: the whole demo (tree, rows, rules and three run-books) on a few A4 pages.
    pdf = page.pdf(format="A4")
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 6
    page.get_by_role("link", name="full report").first.click()
    assert page.url.endswith("/f.html.servers/NS75-BR01-post.html")
    assert "NS75-BR01" in page.content()
    page.close()
