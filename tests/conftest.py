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


def lab_args(lab: str, phase: str) -> list[str]:
    folder = LABS / lab
    target = "target-pre.json" if phase == "pre" else "target-post.json"
    return ["check", "--phase", phase, "--source", str(folder / "source.json"),
            "--target", str(folder / target), "--site", str(folder / "site.yaml")]
