"""The HTML report at 5,000 results (issue 19, point 7): small, lazily rendered, and whole.

Timings are the benchmark's (bench/html_page.py); these tests hold what makes them
possible and what must not be traded for them: the size, lazy rendering, and
find in page and printing seeing every rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from itmscheck.engine.model import Status
from itmscheck.outputs import write_atomically
from itmscheck.reports.html_report import HtmlReporter
from tests.support.many_results import report as many

RESULTS = many(5000)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("big") / "report.html"
    write_atomically(page, HtmlReporter().render(RESULTS))
    return page


def _open(browser: Any, page_file: Path, hash: str = "") -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(10000)
    page.goto(page_file.as_uri() + hash)
    return page


def test_5000_results_weigh_at_most_2_mb_and_say_what_needs_scripts(big) -> None:
    assert big.stat().st_size <= 2_000_000
    satisfied = sum(r.status in (Status.PASSED, Status.ATTESTED, Status.SKIPPED) for r in RESULTS.results)
    note = big.read_text(encoding="utf-8").split("<noscript><p>", 1)[1].split("</p></noscript>", 1)[0]
    assert (f"the facts read by the {satisfied} rules that passed, were attested or were skipped "
            "are drawn by the script: the JSON report lists them") in note


def _drawn(page: Any) -> None:
    for _ in range(300):  # the page's policy forbids wait_for_function's eval: poll
        if page.evaluate("document.documentElement.dataset.drawn"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the chapters were not drawn while the browser was idle")


def test_every_rule_and_fact_is_drawn_while_idle_and_nothing_far_off_screen_is_laid_out(
        browser, big) -> None:
    page = _open(browser, big)
    _drawn(page)  # find in page now sees every rule, without opening anything
    rules = "main article, .rl>li"
    assert page.locator(rules).count() == len(RESULTS.results)
    text = page.evaluate("document.body.textContent")
    assert [r.rule for r in RESULTS.results if r.rule not in text or r.message not in text] == []
    assert [r.rule for r in RESULTS.results for fact in r.evidence if fact not in text] == []
    lazy = page.eval_on_selector_all(
        "main article, .rl>li, .gs, details.ch",
        "els => [...new Set(els.map((el) => getComputedStyle(el).contentVisibility))]")
    assert lazy == ["auto"]


def test_printing_draws_and_shows_every_rule_and_fact(browser, big) -> None:
    page = _open(browser, big)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # as printing does
    page.emulate_media(media="print")
    rules = "main article, .rl>li"
    assert page.locator(rules).count() == len(RESULTS.results)
    hidden = "els => els.filter((el) => !el.checkVisibility()).length"
    assert page.eval_on_selector_all(rules, hidden) == 0
    text = page.evaluate("document.body.textContent")
    assert [r.rule for r in RESULTS.results for fact in r.evidence if fact not in text] == []


def test_filters_preset_from_the_address_show_only_what_was_asked(browser, big) -> None:
    page = _open(browser, big, "#s=failed,error&v=blocker&c=4&open")
    page.wait_for_selector("html[data-drawn]", state="attached")  # long sections draw while idle
    expected = [r.rule for r in RESULTS.results if r.chapter == 4 and r.severity == "blocker"
                and r.status in (Status.FAILED, Status.ERROR)]
    shown = page.locator("main :is(article, .rl>li):visible")
    assert sorted(shown.evaluate_all("els => els.map((el) => el.querySelector('code').textContent)")) \
        == sorted(expected) != []
    assert page.inner_text("#shown") == f"{len(expected)} of 5000 rules shown"
    assert page.locator("details.ch:visible").evaluate_all("els => els.map((el) => [el.id, el.open])") \
        == [["ch-4", True]]


def test_the_benchmark_measures_load_open_all_and_filters(browser, big) -> None:
    from bench.html_page import PAGES, measure  # bench/html_page.py cannot rot unnoticed

    figures = measure(browser, big, PAGES["itmscheck"])
    assert sorted(figures) == ["filter", "load", "open"] and all(v > 0 for v in figures.values())
