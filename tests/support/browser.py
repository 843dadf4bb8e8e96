"""Headless Chromium for the HTML report's browser tests (and bench/html_page.py).

Debian's ``chromium`` package, driven by playwright from PyPI: playwright's own
browser download is never used (``executable_path``). The tests get it through
the ``browser`` fixture (tests/conftest.py), which skips naming the apt package
where Chromium is missing, or fails where CI promises it (``ITMSCHECK_REQUIRE_LAB``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.support.system import chromium as installed
from tests.support.system import why_not

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (playwright's ``Browser``), closed afterwards."""
    from playwright.sync_api import sync_playwright

    path = installed()
    if path is None:
        raise RuntimeError(f"this {why_not('chromium')}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_source() -> str:
    """axe-core as the axe-playwright-python package ships it (no network needed)."""
    from importlib import resources

    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def open_page(browser: Any, page_file: Path, width: int = 1280, height: int = 900, hash: str = "",
              scripts: bool = True, **options: Any) -> Any:
    """A report opened in a new page; with scripts, once every lazily drawn rule is drawn.

    Long sections are drawn while the browser is idle (reports/templates/lazy.js): what a
    test reads is the page once drawn, whatever the machine's load. tests/test_html_scale.py
    tests the drawing itself and opens its pages without waiting.
    """
    page = browser.new_page(viewport={"width": width, "height": height}, java_script_enabled=scripts,
                            **options)
    page.set_default_timeout(5000)
    page.goto(page_file.as_uri() + hash)
    if scripts:
        page.wait_for_selector("html[data-drawn]", state="attached")
    return page
