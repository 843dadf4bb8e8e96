"""Headless Chromium for the HTML report's browser tests (and bench/html_page.py).

Debian's ``chromium`` package, driven by playwright from PyPI: playwright's own
browser download is never used (``executable_path``). The tests get it through
the ``browser`` fixture (tests/conftest.py), which skips naming the apt package
where Chromium is missing, or fails where CI promises it (``ITMSCHECK_REQUIRE_LAB``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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
