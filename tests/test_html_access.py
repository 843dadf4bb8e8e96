"""Everyone who signs off can use the HTML report (issue 19, point 8).

axe-core (the copy axe-playwright-python ships) runs its WCAG 2.1 A and AA rules
in headless Chromium; the other tests do what a keyboard, screen-reader or
high-contrast user does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import axe_source, open_page
from tests.support.html_pages import not_ready_post

WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return not_ready_post(tmp_path_factory.mktemp("report"))


def _open(browser: Any, report: Path, width: int = 1280, height: int = 900, **options: Any) -> Any:
    scripts = options.pop("java_script_enabled", True)
    return open_page(browser, report, width, height, scripts=scripts, **options)


def _violations(page: Any) -> list[str]:
    page.evaluate(axe_source())
    return page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
        return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.length} x ` +
            v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
    }""", WCAG21_AA)


def test_axe_finds_no_wcag_21_aa_violation_as_the_page_opens(browser, report) -> None:
    assert _violations(_open(browser, report)) == []


def test_axe_finds_none_with_every_chapter_open_and_a_filter_set(browser, report) -> None:
    page = _open(browser, report)
    page.click("#open-all")
    page.uncheck('input[name=s][value=passed]')
    # axe looks only at what is rendered: render the rules off screen too.
    page.add_style_tag(content="article,.rl>li{content-visibility:visible!important}")
    assert _violations(page) == []


def test_axe_finds_none_on_a_phone_with_the_filters_opened(browser, report) -> None:
    page = _open(browser, report, width=390, height=844)
    page.click("#toggle")
    assert _violations(page) == []


def test_the_count_of_rules_shown_is_a_live_status(browser, report) -> None:
    page = _open(browser, report)
    results = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))["results"]
    blockers = sum(r["severity"] == "blocker" for r in results)
    status = page.get_by_role("status")
    assert status.inner_text() == f"{len(results)} of {len(results)} rules shown"
    page.uncheck('input[name=v][value=info]')
    page.uncheck('input[name=v][value=warning]')
    assert status.inner_text() == f"{blockers} of {len(results)} rules shown"  # whatever their status


def test_a_link_to_a_blocker_the_filters_hide_shows_it_and_moves_the_focus_there(
        browser, report) -> None:
    page = _open(browser, report)
    page.uncheck('input[name=s][value=manual]')
    target = page.locator("#b-CH02-LICENSES-APPLIED")
    assert not target.is_visible()
    page.click('a[href="#b-CH02-LICENSES-APPLIED"]')
    assert target.is_visible()
    assert page.evaluate("document.activeElement.id") == "b-CH02-LICENSES-APPLIED"
    top, bar = page.evaluate("""() => [document.getElementById("b-CH02-LICENSES-APPLIED")
        .getBoundingClientRect().top, document.getElementById("filters").getBoundingClientRect().bottom]""")
    assert 0 <= bar <= top < page.evaluate("innerHeight")
    assert "CH02-LICENSES-APPLIED" in page.get_by_role("status").inner_text()
    page.uncheck('input[name=v][value=info]')  # the next filter change hides it again
    assert not target.is_visible()


def test_a_link_to_a_long_value_in_a_rule_the_filters_hide_shows_that_rule(browser, report) -> None:
    page = _open(browser, report)
    page.uncheck('input[name=s][value=failed]')  # hides where the product list is shown in full
    owner = page.locator("#b-CH03-BASELINE-FILES-RESTORED")
    assert not owner.is_visible()
    link = page.locator("#b-CH04-WINDOWS-CLEANUP-HIERARCHY a", has_text="as for CH03-BASELINE-FILES-RESTORED")
    link.click()
    assert owner.is_visible()
    assert page.evaluate("document.activeElement.closest('article').id") == "b-CH03-BASELINE-FILES-RESTORED"


def test_a_skip_link_is_the_first_stop_and_leads_to_the_filters(browser, report) -> None:
    page = _open(browser, report)
    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.textContent, document.activeElement.getAttribute('href')]")
    assert skip == ["Skip to the filters", "#filters"]
    assert page.locator(".skip").is_visible()  # shown while it has the focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('#filters') !== null")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#filters') !== null")


def test_badges_and_the_verdict_keep_their_borders_in_forced_colours(browser, report) -> None:
    page = _open(browser, report)
    page.emulate_media(forced_colors="active")
    borders = page.evaluate("""() => ["#verdict", "#blockers article h4 i", "details.ch .st",
                                      "#verdict .stale", "#blockers .policy"].map((s) => {
        const style = getComputedStyle(document.querySelector(s));
        return [s, style.borderTopStyle, parseFloat(style.borderTopWidth) > 0];
    })""")
    assert all(style != "none" and wide for _, style, wide in borders), borders
