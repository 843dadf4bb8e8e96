"""Fixtures shared by the project's own tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
