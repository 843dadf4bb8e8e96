"""Fixtures shared by the project's own tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from itmscheck.cli.app import main

REPO = Path(__file__).resolve().parents[1]
LABS = REPO / "examples" / "lab"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def itmscheck(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run the command line in-process, as a user would type it."""

    def run(*args: str | Path) -> Run:
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def lab_files(lab: str, phase: str) -> tuple[Path, Path, Path]:
    """The lab's source, target and site file for a phase (the demo's own choice)."""
    from itmscheck.cli.check import demo_files

    source, target, site = demo_files(lab, phase)
    folder = LABS / lab  # the checkout's files, not an installed copy
    return folder / source.name, folder / target.name, folder / site.name


def lab_args(lab: str, phase: str) -> list[str]:
    source, target, site = lab_files(lab, phase)
    return ["check", "--phase", phase, "--source", str(source), "--target", str(target),
            "--site", str(site)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's, through playwright) shared by a module's browser tests.

    Without Chromium they skip with one reason naming the apt package; where CI
    promises every part (``ITMSCHECK_REQUIRE_LAB=1``) they fail with it instead.
    """
    from tests.support.browser import chromium
    from tests.support.system import require

    require("chromium")
    with chromium() as opened:
        yield opened


@pytest.fixture
def needs_chromium() -> None:
    """For a test that starts Chromium itself: skips (or, in CI, fails) without it."""
    from tests.support.system import require

    require("chromium")
