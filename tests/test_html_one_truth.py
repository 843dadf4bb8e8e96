"""The decision page (issue 19) tells what every other output tells (issues 13, 15 and 17).

Headless Chromium over the real lab's reports: the guide's words each rule enforces
(its quote and ``guide.also``) or a site rule's own ``source:``, itmscheck's policy
apart from those words, when the evidence was collected and checked and the warning
when it is old, an error's own remedy ("To evaluate") where a failure shows its fix,
a fact read by an unconfirmed probe, and a partial run. Where a test reads every rule
it opens the page without scripts: what it finds is in the server's markup, so it is
reachable without JavaScript, printed, and found by find in page.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from itmscheck.cli.app import main
from tests.conftest import lab_args
from tests.support.browser import open_page
from tests.support.html_pages import CHECKED_AT, UNCONFIRMED, not_ready_post
from tests.support.site_rules import CONTOSO_RULES as SITE_RULES

# Each rule as the page shows it, by rule id: the whole text, the text of its citation line
# (articles only), its guide words, its policy box, its "Fix:"/"To evaluate:" line, what it
# marks unconfirmed, and the heading of the group it is listed under in its chapter.
RULES = """() => Object.fromEntries(Array.from(document.querySelectorAll("main article, .rl>li"), (el) => {
    const text = (s) => Array.from(el.querySelectorAll(s), (x) => x.textContent.trim());
    const group = el.closest(".gs");
    return [el.querySelector("code").textContent, {
        text: el.textContent, cite: text(":scope>p.g"), words: text(".words"), policy: text(".policy"),
        remedy: text(".fix"), unconfirmed: text(".unconfirmed"),
        group: group ? group.querySelector("h4").textContent : null}];
}))"""


def _run(*args: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        main(list(args))


@pytest.fixture(scope="module")
def post(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return not_ready_post(tmp_path_factory.mktemp("post"))


def _told(page_file: Path) -> dict[str, Any]:
    return json.loads(page_file.with_suffix(".json").read_text(encoding="utf-8"))


def _open(browser: Any, page_file: Path, scripts: bool = True) -> Any:
    return open_page(browser, page_file, scripts=scripts)


def _rules(browser: Any, page_file: Path) -> dict[str, dict[str, Any]]:
    """Every rule's parts, from the page without scripts (every rule is markup there)."""
    rules: dict[str, dict[str, Any]] = _open(browser, page_file, scripts=False).evaluate(RULES)
    return rules


# Where a rule comes from and the words it enforces (issue 13, issue 17 point 10)

def test_every_rule_shows_the_guides_words_under_its_section_and_page(browser, post) -> None:
    told, shown = _told(post), _rules(browser, post)
    assert set(shown) == {r["rule"] for r in told["results"]}
    for result in told["results"]:
        rule, guide = shown[result["rule"]], result["guide"]
        if guide is None:  # a known issue: its article instead (test_its_article_...)
            assert result["pack"] == "known_issues", result["rule"]
            continue
        assert f"The guide says: \u201c{guide['quote']}\u201d" in rule["words"], result["rule"]
        where = f"\u201c{guide['section']}\u201d, page {guide['page']}"
        if rule["group"] is None:  # shown in full above the chapters: its own citation line
            assert rule["cite"][0].startswith(f"Guide: {where}, chapter {result['chapter']['number']}.")
        else:  # listed in its chapter under the guide's section
            assert rule["group"] == where
        for also in guide.get("also", []):
            assert (f"The guide also says (\u201c{also['section']}\u201d, page {also['page']}): "
                    f"\u201c{also['quote']}\u201d") in rule["words"], result["rule"]
    cited = [r["guide"] for r in told["results"] if r["guide"]]
    assert sum(len(guide.get("also", [])) for guide in cited) >= 10  # the lab has them


def test_a_known_issue_shows_its_articles_words_under_the_article_it_cites(browser, post) -> None:
    told, shown = _told(post), _rules(browser, post)
    known = [r for r in told["results"] if r["pack"] == "known_issues"]
    assert len(known) >= 15 and any(rule["group"] is None for rule in (shown[r["rule"]] for r in known))
    for result in known:
        rule, source = shown[result["rule"]], result["source"]
        assert rule["words"] == [f"{source['title']} says: \u201c{source['quote']}\u201d"], result["rule"]
        where = f"Source: {source['title']}, {source['reference']} <{source['url']}>"
        if rule["group"] is None:  # shown in full above the chapters: its own citation line
            chapter = result["chapter"]["number"]
            assert rule["cite"][0].startswith(f"{where}, chapter {chapter}."), result["rule"]
        else:  # listed in its group under the article it cites
            assert rule["group"] == where, result["rule"]
        assert "The guide says" not in rule["text"]


def test_itmscheck_policy_is_shown_apart_from_the_guides_words(browser, post) -> None:
    told, shown = _told(post), _rules(browser, post)
    with_policy = [r for r in told["results"] if r.get("policy")]
    assert len(with_policy) >= 10
    for result in told["results"]:
        rule = shown[result["rule"]]
        if not result.get("policy"):
            assert rule["policy"] == [], result["rule"]
            continue
        (box,) = rule["policy"]
        whose = "guide" if result["guide"] else "source"  # a known issue's words are its article's
        assert box.startswith(f"itmscheck policy, not the {whose}\u2019s words:"), result["rule"]
        for item in result["policy"]:
            assert f"{item['part']}: {item['why']}" in box
            if item.get("setting"):
                assert f"(tunable in the site file: {item['setting']})" in box
            assert not any(item["why"] in words for words in rule["words"])  # never as the guide's
    # and they look apart: the guide's words in italics, the policy upright in a box of its own
    page = _open(browser, post)
    looks = page.evaluate("""(rule) => {
        const el = document.getElementById("b-" + rule), style = (s) => getComputedStyle(el.querySelector(s));
        return [style(".words").fontStyle, style(".policy").fontStyle, style(".policy").borderLeftStyle,
                el.querySelector(".policy").closest(".g") === null];
    }""", "CH01-NO-MIXED-MODE")
    assert looks == ["italic", "normal", "solid", True]


def test_a_site_rule_cites_its_own_source_and_its_words_not_the_guide(browser, tmp_path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "contoso.yaml").write_text(SITE_RULES, encoding="utf-8")
    _run(*lab_args("ready", "pre"), "--rules-dir", str(tmp_path / "rules"),
         "--html", str(tmp_path / "r.html"))
    shown = _rules(browser, tmp_path / "r.html")
    approval = shown["CONTOSO-CHANGE-APPROVED"]  # a missing sign-off: in full, above the chapters
    assert approval["cite"] == ["Source: Contoso change policy, section 4.2 "
                                "<https://intranet.contoso.example/policies/change>, chapter 2. "
                                "Contoso change policy says: \u201cEvery production migration needs the "
                                "change board's approval.\u201d"]
    assert "The guide says" not in approval["text"] and "Guide:" not in approval["text"]
    named = shown["CONTOSO-NS-NAMED"]  # passed: in chapter 2, under its source after the guide's sections
    assert named["group"] == "Source: Contoso naming standard, NS-01"
    assert named["words"] == ["Contoso naming standard says: \u201cNotification Servers are named "
                              "NS<release><n>.\u201d"]
    page = _open(browser, tmp_path / "r.html")
    page.click("#ch-2 summary")
    headings = page.locator("#ch-2 .gs h4").all_text_contents()
    assert headings[-1] == "Source: Contoso naming standard, NS-01"
    assert all(h.startswith("\u201c") for h in headings[:-1])


# An error's own remedy (issue 17 point 6)

def test_an_error_says_how_to_get_its_facts_and_a_failure_shows_its_fix(browser, post) -> None:
    told, shown = _told(post), _rules(browser, post)
    errors = [r for r in told["results"] if r["status"] == "error"]
    assert errors and all(r.get("to_evaluate") for r in errors)
    for result in told["results"]:
        remedy = shown[result["rule"]]["remedy"]
        if result["status"] == "error":
            assert remedy == [f"To evaluate: {result['to_evaluate']}"]
            assert "Fix:" not in shown[result["rule"]]["text"]
        elif result["status"] in ("failed", "manual", "waived"):
            assert remedy == [f"Fix: {result['remediation']}"], result["rule"]
        else:
            assert remedy == [], result["rule"]
    page = _open(browser, post)  # and with scripts, where the blockers are read
    label = page.locator(f"#b-{errors[0]['rule']} .fix b")
    label.scroll_into_view_if_needed()
    assert label.is_visible() and label.text_content() == "To evaluate:"


# Evidence age (issue 17 point 8)

def test_the_verdict_card_says_when_the_evidence_was_collected_and_checked_and_warns_when_old(
        browser, post, tmp_path) -> None:
    told = _told(post)
    page = _open(browser, post)
    assert page.inner_text("#verdict #age") == (
        "Evidence collected: source 20 Nov 2026, 09:30 UTC (11.1 days before the check), "
        "target 24 Nov 2026, 16:00 UTC (6.8 days before the check); checked 1 Dec 2026, 12:00 UTC.")
    assert page.locator("#age time").evaluate_all("els => els.map((el) => el.dateTime)") == [
        told["collected_at"]["source"], told["collected_at"]["target"], told["checked_at"]] != []
    (warning,) = told["warnings"]  # the source only
    assert page.locator("#verdict .stale").all_inner_texts() == [f"Warning: {warning}"]
    todo = told["attention"]
    assert page.inner_text("#verdict #todo") == (
        f"{todo['to_fix']} to fix, {todo['to_sign_off']} to sign off, {todo['warnings']} warnings.")
    fresh = not_ready_post(tmp_path, checked_at="2026-11-25T08:00:00Z")  # 4.9 days after the source
    page = _open(browser, fresh)
    assert page.locator("#verdict .stale").count() == 0 == len(_told(fresh)["warnings"])
    assert page.inner_text("#age").endswith("(0.7 days before the check); checked 25 Nov 2026, 08:00 UTC.")


# A fact read by an unconfirmed probe (issue 15)

def test_a_fact_read_by_an_unconfirmed_probe_is_marked_so_beside_its_value(browser, post) -> None:
    told, shown = _told(post), _rules(browser, post)
    reading = {r["rule"] for r in told["results"]
               if any(fact.startswith("target.hierarchy.") for fact in r["evidence"])}
    assert {"CH01-NO-MIXED-MODE", "CH12-PARENT-ONLY"} <= reading
    marked = {rule for rule, parts in shown.items() if parts["unconfirmed"]}
    assert marked == reading
    for rule in marked:
        assert set(shown[rule]["unconfirmed"]) == {f"unconfirmed: {UNCONFIRMED}"}
    page = _open(browser, post)
    weight = page.evaluate("""() => {
        const mark = document.querySelector("#b-CH01-NO-MIXED-MODE .unconfirmed");
        return [getComputedStyle(mark).fontWeight, getComputedStyle(mark.parentElement).fontWeight];
    }""")
    assert weight[0] != weight[1]  # it stands out from the provenance it qualifies


# A partial run (CONTRACT section 6)

def test_a_partial_run_says_it_is_no_verdict(browser, tmp_path) -> None:
    _run(*lab_args("not-ready", "pre"), "--rule", "CH02-TARGET-OS", "--rule", "CH02-CMDB-BACKUP",
         "--checked-at", CHECKED_AT, "--html", str(tmp_path / "r.html"))
    page = _open(browser, tmp_path / "r.html")
    assert page.inner_text("#verdict h1") == "PARTIAL"
    assert "A diagnostic run of 2 selected rules, not a verdict:" in page.inner_text("#verdict")
    colour = page.evaluate("getComputedStyle(document.getElementById('verdict')).backgroundColor")
    assert colour == "rgb(91, 102, 115)"  # neither GO's green nor NO-GO's red
    assert page.inner_text("#shown") == "2 of 2 rules shown"
