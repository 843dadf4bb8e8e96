"""Headless Chromium for the HTML report's browser tests (and bench/html_page.py).

Debian's ``chromium`` package, driven by playwright from PyPI: playwright's own
browser download is never used (``executable_path``). Without Chromium the
browser tests skip with one reason naming the package; with
``ITMSCHECK_REQUIRE_LAB=1`` (CI, which installs it) its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = next((found for found in (shutil.which("chromium"), shutil.which("chromium-browser"),
                                     "/usr/bin/chromium") if found and Path(found).exists()), None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
MISSING = "chromium is not installed (Debian's chromium package; CI installs it)"

if CHROMIUM is None and os.environ.get("ITMSCHECK_REQUIRE_LAB"):  # CI installs it: never skip there
    raise RuntimeError("chromium is not installed, and ITMSCHECK_REQUIRE_LAB says it must be")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason=MISSING)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (playwright's ``Browser``), closed afterwards."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, MISSING
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_source() -> str:
    """axe-core as the axe-playwright-python package ships it (no network needed)."""
    from importlib import resources

    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
