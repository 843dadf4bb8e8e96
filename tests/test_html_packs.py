"""The HTML report shows the rule packs apart (issue 21 in issue 19's page), in Chromium.

The guide's rules and the vendor's known issues each have their own heading over their
chapters, the verdict card names the packs evaluated, a known issue is marked so
wherever it shows, the chapter menu groups its chapters by pack, and a pack the site
switched off is named with who decided it and why: on the verdict card (so on the
printout's first page), over its rules, and without scripts.
"""

from __future__ import annotations

import contextlib
import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from itmscheck.cli.app import main
from tests.conftest import lab_args, lab_files
from tests.support.browser import axe_source, open_page
from tests.support.html_pages import CHECKED_AT, not_ready_post

REASON = "CAB-77: the vendor articles are reviewed by the architecture board first"
KNOWN = "Known issues (vendor knowledge base)"
# Each pack's heading and what is listed under it: rule ids, chapter numbers, and the ids
# of the rules marked "known issue" anywhere on the page.
PACKS = """() => ({
    packs: Array.from(document.querySelectorAll("#all .pack"), (el) => ({
        id: el.id, heading: el.querySelector("h3").textContent,
        off: Array.from(el.querySelectorAll(":scope>.pack-off"), (p) => p.textContent),
        rules: Array.from(el.querySelectorAll(".rl>li>code"), (c) => c.textContent),
        skipped: Array.from(el.querySelectorAll(".rl>li.skipped>code"), (c) => c.textContent),
        chapters: Array.from(el.querySelectorAll("details.ch"), (d) => Number(d.id.slice(3)))})),
    marked: Array.from(document.querySelectorAll("main article, .rl>li"), (el) => {
        const code = el.querySelector("code"), head = el.querySelector(":scope>:is(h3,h4)>small");
        const line = head ? head.textContent : code.nextSibling.textContent;
        return [code.textContent, line.includes("known issue")];
    }),
    above: Array.from(document.querySelectorAll(".top article>:is(h3,h4)>code"), (c) => c.textContent)})"""


def _report(folder: Path, switched_off: bool) -> Path:
    """The not-ready lab's post report, the known-issues pack on, or switched off by the site."""
    if not switched_off:
        return not_ready_post(folder)
    args = lab_args("not-ready", "post")
    site = lab_files("not-ready", "post")[2].read_text(encoding="utf-8")
    entry = f"packs: {{known_issues: {{enabled: false, reason: '{REASON}', by: P. Bakker}}}}\n\n"
    (folder / "site.yaml").write_text(site.replace("thresholds:", entry + "thresholds:", 1), encoding="utf-8")
    args[args.index("--site") + 1] = str(folder / "site.yaml")
    with contextlib.redirect_stdout(io.StringIO()):
        main([*args, "--checked-at", CHECKED_AT, "--html", str(folder / "post.html"),
              "--json", str(folder / "post.json")])
    return folder / "post.html"


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _report(tmp_path_factory.mktemp("on"), switched_off=False)


@pytest.fixture(scope="module")
def off(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _report(tmp_path_factory.mktemp("off"), switched_off=True)


def _told(report: Path) -> dict[str, Any]:
    return json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))


def _open(browser: Any, report: Path, scripts: bool = True) -> Any:
    return open_page(browser, report, scripts=scripts)


def test_the_verdict_card_names_each_pack_evaluated_and_links_to_its_rules(browser, both) -> None:
    told = _told(both)
    counts = {p["id"]: p["rules"] for p in told["packs"]}
    assert all(p["enabled"] for p in told["packs"]) and counts["known_issues"] >= 15
    page = _open(browser, both)
    assert page.locator("#verdict #packs").inner_text() == (
        f"Rule packs evaluated: The migration guide: {counts['guide']} rules; "
        f"{KNOWN}: {counts['known_issues']} rules.")
    assert page.locator(".pack-off").count() == 0
    page.click(f'#packs a:text("{KNOWN}")')
    heading = page.locator("#pack-known_issues h3")
    assert heading.is_visible() and heading.bounding_box()["y"] < 900


def test_every_rule_is_under_its_own_packs_heading_and_a_known_issue_is_marked_so(browser, both) -> None:
    told = _told(both)
    shown = _open(browser, both, scripts=False).evaluate(PACKS)  # every rule is markup then
    guide, known = shown["packs"]
    assert (guide["id"], known["id"]) == ("pack-guide", "pack-known_issues")  # the guide's first
    assert guide["heading"].startswith("The migration guide") and known["heading"].startswith(KNOWN)
    by_pack = {pack: {r["rule"] for r in told["results"] if r["pack"] == pack}
               for pack in ("guide", "known_issues")}
    assert known["heading"].endswith(f"({len(by_pack['known_issues'])})")
    assert guide["heading"].endswith(f"({len(by_pack['guide'])})")
    # each rule listed in its pack's chapters, or shown above them (blockers, warnings)
    above = set(shown["above"])
    assert set(known["rules"]) | (above & by_pack["known_issues"]) == by_pack["known_issues"]
    assert set(guide["rules"]) | (above & by_pack["guide"]) == by_pack["guide"]
    assert not set(known["rules"]) & by_pack["guide"] and not set(guide["rules"]) & by_pack["known_issues"]
    assert min(known["chapters"]) > max(guide["chapters"])
    assert above & by_pack["known_issues"]  # the lab's trial license blocks, shown above too
    # marked "known issue" wherever shown, and only those
    marked = {rule for rule, is_marked in shown["marked"] if is_marked}
    assert marked == by_pack["known_issues"]


def test_the_chapter_menu_groups_chapters_by_pack_and_a_known_issue_group_hides_the_guides(
        browser, both) -> None:
    told = _told(both)
    page = _open(browser, both)
    groups = page.evaluate("""() => Array.from(document.querySelectorAll("#chapter optgroup"),
        (g) => [g.label, Array.from(g.querySelectorAll("option"), (o) => Number(o.value))])""")
    assert [label for label, _ in groups] == ["The migration guide", KNOWN]
    licenses = next(r["chapter"]["number"] for r in told["results"] if r["rule"] == "KB-LICENSES-NOT-TRIAL")
    assert licenses in groups[1][1] and licenses not in groups[0][1]
    page.select_option("#chapter", str(licenses))
    page.wait_for_timeout(100)
    in_chapter = sum(r["chapter"]["number"] == licenses for r in told["results"])
    assert page.locator("#shown").inner_text() == f"{in_chapter} of {len(told['results'])} rules shown"
    assert page.locator("#pack-guide").is_hidden() and page.locator("#pack-known_issues").is_visible()
    assert page.evaluate("location.hash") == f"#c={licenses}"


def test_a_pack_switched_off_says_who_and_why_on_the_card_over_its_rules_and_without_scripts(
        browser, off) -> None:
    told = _told(off)
    (state,) = [p for p in told["packs"] if not p["enabled"]]
    said = (f"Pack switched off: {KNOWN}: switched off for this site by P. Bakker: {REASON} "
            f"({state['rules']} rules of the phase not evaluated, shown as skipped).")
    for scripts in (True, False):
        page = _open(browser, off, scripts=scripts)
        assert page.locator("#verdict #pack-off-known_issues").inner_text() == said
        assert page.locator("#verdict #packs").inner_text() == (
            f"Rule packs evaluated: The migration guide: {told['packs'][0]['rules']} rules.")
    shown = page.evaluate(PACKS)
    known = next(p for p in shown["packs"] if p["id"] == "pack-known_issues")
    assert known["off"] == [f"Switched off for this site by P. Bakker: {REASON}. Its {state['rules']} "
                            "rules of the phase were not evaluated and show as skipped."]
    assert len(known["rules"]) == state["rules"] and known["skipped"] == known["rules"]
    assert not [rule for rule in told["blocking"] if rule.startswith("KB-")]
    assert not [code for code in shown["above"] if code.startswith("KB-")]


def test_a_pack_switched_off_is_on_the_printouts_first_page(browser, off) -> None:
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(_open(browser, off).pdf(format="A4")))
    first = " ".join(unicodedata.normalize("NFKC", pdf.pages[0].extract_text()).split())  # no "ﬀ" ligature
    assert f"Pack switched off: {KNOWN}: switched off for this site by P. Bakker: {REASON}" in first


def test_axe_finds_no_wcag_21_aa_violation_in_the_packs_with_one_switched_off(browser, off) -> None:
    page = _open(browser, off)
    page.click("#open-all")
    page.add_style_tag(content="article,.rl>li{content-visibility:visible!important}")
    page.evaluate(axe_source())
    violations = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})).violations.map((v) => v.id)""")
    assert violations == []
