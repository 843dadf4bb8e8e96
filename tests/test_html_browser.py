"""The HTML report in Chromium, as a change board member uses it (issue 19, points 1-6).

Each test drives headless Chromium (Debian's package, through playwright) over the
not-ready lab's post report, the one with every kind of finding.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from itmscheck.cli.app import main
from tests.conftest import lab_args
from tests.support.browser import open_page
from tests.support.html_pages import CHECKED_AT, not_ready_post


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The not-ready lab's post report: 71 blockers (3 known issues), warnings, a waiver, an error,
    old evidence."""
    return not_ready_post(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def told(report: Path) -> dict[str, Any]:
    """The same run's JSON report: the counts the page must agree with."""
    return json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))


def _open(browser: Any, report: Path, width: int = 1280, height: int = 900, hash: str = "",
          **options: Any) -> Any:
    scripts = options.pop("java_script_enabled", True)
    return open_page(browser, report, width, height, hash, scripts, **options)


def _settled(page: Any) -> None:
    """Until the page has handled what was asked and drawn two frames since."""
    page.wait_for_timeout(100)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _below_bar(page: Any, selector: str) -> tuple[float, float]:
    """(top of what the selector finds, bottom of the sticky filter bar), in the viewport."""
    return page.evaluate("""(selector) => [document.querySelector(selector).getBoundingClientRect().top,
        document.getElementById("filters").getBoundingClientRect().bottom]""", selector)


# 1. Anchors

def test_a_blocker_link_lands_with_its_heading_below_the_sticky_filter_bar(browser, report) -> None:
    page = _open(browser, report)
    page.mouse.wheel(0, 1500)  # the bar is stuck at the top by now
    page.click('a[href="#b-CH02-SITE-SERVERS-UPGRADED"]')
    _settled(page)
    top, bar = _below_bar(page, "#b-CH02-SITE-SERVERS-UPGRADED")
    assert bar > 0 and top >= bar, "the rule's heading is under the filter bar"


def test_a_section_heading_reached_by_its_address_is_not_under_the_bar(browser, report) -> None:
    page = _open(browser, report)
    page.mouse.wheel(0, 1500)
    page.evaluate('location.hash = "#warnings"')
    _settled(page)
    top, bar = _below_bar(page, "#warnings h2")
    assert bar > 0 and top >= bar


# 2. Filters tell the truth, and the address says which

def test_section_counts_follow_the_filters_and_an_emptied_section_says_so(browser, report, told) -> None:
    page = _open(browser, report)
    heading = page.locator("#blockers h2")
    blocking, to_fix = len(told["blocking"]), told["attention"]["to_fix"]
    assert 0 < to_fix < blocking
    assert heading.inner_text().endswith(f"({blocking})")
    page.uncheck('input[name=v][value=blocker]')
    assert heading.inner_text().endswith(f"(0 of {blocking})")
    assert page.locator("#blockers").get_by_text("Nothing here matches the filters.").is_visible()
    page.check('input[name=v][value=blocker]')
    page.uncheck('input[name=s][value=manual]')
    assert heading.inner_text().endswith(f"({to_fix} of {blocking})")
    assert not page.locator("#blockers").get_by_text("Nothing here matches the filters.").is_visible()


def test_the_address_and_the_filters_stay_in_step_both_ways(browser, report, told) -> None:
    page = _open(browser, report)
    page.uncheck('input[name=s][value=passed]')
    page.select_option("select[name=c]", "4")
    assert page.evaluate("location.hash") == "#s=attested,failed,error,skipped,waived,manual&c=4"
    page.evaluate('location.hash = "#s=failed&v=blocker"')  # a shared link, opened in this page
    _settled(page)
    assert page.is_checked('input[name=s][value=failed]')
    assert not page.is_checked('input[name=s][value=manual]')
    assert not page.is_checked('input[name=v][value=warning]')
    assert page.input_value("select[name=c]") == ""
    failed_blockers = page.locator("#blockers article:visible").count()
    assert failed_blockers > 0
    assert page.inner_text("#shown").startswith(f"{failed_blockers} of {len(told['results'])} rules shown")
    page.check('input[name=s][value=manual]')
    assert page.evaluate("location.hash") == "#s=failed,manual&v=blocker"


def test_the_attested_filter_shows_only_what_a_person_confirmed(browser, tmp_path) -> None:
    main([*lab_args("ready", "post"), "--html", str(tmp_path / "r.html"),
          "--json", str(tmp_path / "r.json")])
    told = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    summary = told["summary"]
    page = _open(browser, tmp_path / "r.html", hash="#s=attested&open")
    shown = page.locator("main :is(article, .rl>li):visible")
    assert shown.count() == summary["attested"] > 0
    assert set(shown.evaluate_all("els => els.map((el) => el.className)")) == {"attested blocker",
                                                                                 "attested warning"}
    assert page.inner_text("#shown") == f"{summary['attested']} of {len(told['results'])} rules shown"
    for text in shown.all_text_contents():  # an attested rule asks for no fix: it is satisfied
        assert "Attested by" in text and "Fix:" not in text


# 3. Order and guidance

def test_blockers_to_fix_come_before_the_sign_offs_still_missing(browser, report, told) -> None:
    page = _open(browser, report)
    statuses = page.eval_on_selector_all(
        "#blockers article", "els => els.map((el) => el.querySelector('.st, i').textContent)")
    assert len(statuses) == len(told["blocking"])
    first_sign_off = statuses.index("manual")
    assert set(statuses[:first_sign_off]) <= {"failed", "error"}
    assert set(statuses[first_sign_off:]) == {"manual"}


def test_each_unattested_blocker_shows_the_site_file_line_that_attests_it(browser, report, told) -> None:
    page = _open(browser, report)
    lines = page.eval_on_selector_all(
        "#blockers article", """els => els.filter((el) => el.querySelector('.st, i').textContent === 'manual')
            .map((el) => [el.id.slice(2), el.querySelector('pre') && el.querySelector('pre').textContent])""")
    assert len(lines) == told["attention"]["to_sign_off"] > 0
    for rule, line in lines:
        assert line == f'  {rule}: {{by: "", on: YYYY-MM-DD, evidence: ""}}'


def test_list_facts_read_as_lists_and_side_by_side_never_as_json(browser, report) -> None:
    page = _open(browser, report)
    parity = page.locator("#b-CH01-PRODUCT-PARITY")
    parity.scroll_into_view_if_needed()  # near the screen, so laid out (content-visibility: auto)
    _settled(page)
    table = parity.locator("table.cmp")
    assert table.locator("caption").inner_text() == "platform.products: source and target side by side"
    assert table.locator("tbody tr").count() >= 20
    assert "not in target" in table.locator("tr", has_text="Barcode Solution").inner_text()
    users = page.locator("#declared li", has_text="CH01-USER-ACCOUNTS-RECREATED").locator("a")
    users.click()
    _settled(page)  # the link's target laid out where it landed (content-visibility: auto)
    listed = page.locator("#r-CH01-USER-ACCOUNTS-RECREATED table.cmp tbody tr")
    assert listed.count() == 3 and listed.nth(2).inner_text().endswith("not in target")
    sites = page.locator("#w-CH02-SITES-SUBNETS-PROFILES-INTACT").text_content()
    assert "HQ-Amsterdam (agents 9200)" in sites  # a mapping reads as its name and fields
    blobs = page.eval_on_selector_all(
        "main dd, main td", "els => els.map((el) => el.textContent).filter((t) => /^\\s*[\\[{]/.test(t))")
    assert blobs == [], "a list is shown as a JSON blob"


def test_dates_read_as_dates_with_the_iso_value_in_the_title(browser, report) -> None:
    page = _open(browser, report)
    moments = page.locator("#verdict time").evaluate_all("els => els.map((el) => [el.textContent, el.title])")
    assert moments == [["20 Nov 2026, 09:30 UTC", "2026-11-20T09:30:00Z"],  # source collected
                       ["24 Nov 2026, 16:00 UTC", "2026-11-24T16:00:00Z"],  # target collected
                       ["1 Dec 2026, 12:00 UTC", CHECKED_AT]]  # checked
    waiver = page.locator("#declared li", has_text="K. Visser").locator("time")
    assert (waiver.inner_text(), waiver.get_attribute("title")) == ("31 Dec 2026", "2026-12-31")


def test_counts_say_one_rule_and_many_blockers(browser, report, told) -> None:
    page = _open(browser, report)
    assert f"{len(told['blocking'])} blockers stop the migration" in page.inner_text("#verdict")
    summaries = page.eval_on_selector_all("details.ch summary", "els => els.map((el) => el.textContent)")
    assert any(re.search(r"\u2014 1 rule:", text) for text in summaries)
    assert not any(re.search(r"\b1 rules\b|\(s\)", text) for text in summaries)
    assert "(s)" not in page.inner_text("main")


def test_an_evidence_cell_with_no_known_source_says_so(browser, report) -> None:
    page = _open(browser, report)
    row = page.locator("#w-CH01-AGENTS-UPGRADED dt", has_text="target.agents.legacy")
    assert row.evaluate("dt => dt.nextElementSibling.nextElementSibling.textContent") == "no known source"


# 4. Without JavaScript

def test_without_scripts_every_rule_and_fact_is_there_and_no_button_is_dead(
        browser, tmp_path) -> None:
    from itmscheck.outputs import write_atomically
    from itmscheck.reports.html_report import HtmlReporter
    from tests.support.many_results import report as many

    page_file = tmp_path / "r.html"
    results = many(400)  # 300 rules in the sections above the chapters: more than any page size
    write_atomically(page_file, HtmlReporter().render(results))
    page = _open(browser, page_file, java_script_enabled=False)
    text = page.evaluate("document.body.textContent")
    for result in results.results:
        assert result.rule in text and result.message in text
        for fact in result.evidence:
            assert fact in text.replace("\u200b", "")
    assert page.locator("button:visible").count() == 0
    note = page.locator("noscript:not(.lazy)").inner_text()
    assert "every rule is still here" in note
    chapter = page.locator("details.ch").first
    chapter.locator("summary").click()
    assert chapter.locator("li").first.is_visible()


# 5. Print

def test_the_not_ready_post_report_prints_on_at_most_25_a4_pages_verdict_and_blockers_first(
        browser, report, told) -> None:
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(_open(browser, report).pdf(format="A4")))
    # Issue 19's target, held with the known-issues pack's 18 rules in (129 results).
    assert len(told["results"]) == 129 and len(pdf.pages) <= 25
    assert [round(float(x)) for x in pdf.pages[0].mediabox[2:]] == [596, 843]  # A4
    first = pdf.pages[0].extract_text()
    assert first.lstrip().startswith("NO-GO")
    assert f"{len(told['blocking'])} blockers stop the migration" in first
    assert "Evidence collected" in first and "is 11.1 days old" in first  # the evidence's age
    assert "The blockers at a glance" in first and "CH01-NO-MIXED-MODE" in first
    last = pdf.pages[-1].extract_text()
    final = max(r["chapter"]["number"] for r in told["results"])  # the known issues' last group
    assert f"Chapter {final}" in last  # the last chapter printed, though closed


def test_print_keeps_one_body_size_and_breaks_fact_names_only_after_dots(browser, report) -> None:
    page = _open(browser, report, width=720)
    page.emulate_media(media="print")
    sizes = page.evaluate("""() => {
        const size = (el) => getComputedStyle(el).fontSize;
        const rule = document.querySelector('#b-CH01-NO-MIXED-MODE');
        return [size(rule.querySelector('p')), size(rule.querySelector('.g, .guide')),
                size(rule.querySelector('.fix')), size(rule.querySelector('dd, td')),
                size(rule.querySelector('dt, td')), size(rule.querySelector('.words')),
                size(rule.querySelector('.policy'))];
    }""")
    assert len(set(sizes)) == 1, sizes
    breaks = page.evaluate("""() => {
        const wrong = [];
        // Fact names: the <dt> of an evidence list (a table's first cell before issue 19).
        for (const dt of document.querySelectorAll('#blockers dt, #blockers table.ev td:first-child')) {
            const range = document.createRange();
            let text = '', lastTop = null;
            const walker = document.createTreeWalker(dt, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < node.length; i++) {
                    range.setStart(node, i); range.setEnd(node, i + 1);
                    const top = range.getBoundingClientRect().top;
                    const wrapped = lastTop !== null && top > lastTop + 2;
                    if (wrapped && !text.endsWith('.')) wrong.push(dt.textContent);
                    lastTop = top; text += node.data[i];
                }
            }
        }
        return wrong;
    }""")
    assert breaks == []


def test_every_rule_prints_even_in_closed_chapters(browser, report, told) -> None:
    page = _open(browser, report)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # as printing does
    page.emulate_media(media="print")
    rules = "#all .rl>li, #all details article"
    hidden = page.eval_on_selector_all(rules, "els => els.filter((el) => !el.checkVisibility()).length")
    above = len(told["blocking"]) + told["attention"]["warnings"] - len(told["warnings"])
    assert page.locator(rules).count() == len(told["results"]) - above > 0  # the others are above
    assert hidden == 0


# 6. Narrow screens

@pytest.mark.parametrize("width", [390, 320])
def test_a_narrow_screen_never_scrolls_sideways_and_the_bar_collapses(browser, report, width) -> None:
    page = _open(browser, report, width=width, height=844 if width == 390 else 256)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.mouse.wheel(0, 2500)
    height = page.evaluate("innerHeight")
    bar = page.evaluate("document.getElementById('filters').getBoundingClientRect().height")
    assert bar <= height * 0.25, f"the collapsed bar takes {bar} of {height} px"
    page.click("#toggle")
    assert page.get_attribute("#toggle", "aria-expanded") == "true"
    assert page.is_visible("select[name=c]")
    select, form, bar = page.evaluate("""() => {
        const form = document.getElementById('filters').getBoundingClientRect();
        return [document.querySelector('select[name=c]').getBoundingClientRect().right, form.right,
                form.height];
    }""")
    assert select <= form
    assert bar <= height / 2 + 1  # opened, it still leaves half the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_long_input_path_wraps_on_a_phone_instead_of_widening_the_page(browser, tmp_path) -> None:
    """The footer names the input files: a checkout deep in a folder tree must not scroll sideways."""
    import contextlib
    import shutil

    deep = tmp_path / "a-folder-name-as-long-as-a-build-agent-workspace-gives-it" / "not-ready"
    shutil.copytree(Path(lab_args("not-ready", "post")[4]).parent, deep)
    page_file = tmp_path / "post.html"
    with contextlib.redirect_stdout(io.StringIO()):
        main(["check", "--phase", "post", "--source", str(deep / "source.json"), "--target",
              str(deep / "target-post.json"), "--site", str(deep / "site.yaml"), "--checked-at",
              CHECKED_AT, "--html", str(page_file)])
    page = _open(browser, page_file, width=320, height=256)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
