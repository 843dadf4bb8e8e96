"""Issue 14, the console and the exit status: what reaches a terminal cannot rewrite it, a
console that cannot encode a character does not crash, and the exit status is the verdict's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LABS

READY = LABS / "ready"


def _with_collation(tmp_path: Path, collation: str) -> Path:
    """The ready lab's post-migration target, its CMDB restored with another collation."""
    document = json.loads((READY / "target-post.json").read_text(encoding="utf-8"))
    document["facts"]["cmdb"]["collation"] = collation
    target = tmp_path / "target.json"
    target.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    return target


def _post(target: Path, site: Path = READY / "site.yaml") -> list[str | Path]:
    return ["check", "--phase", "post", "--source", READY / "source.json", "--target", target,
            "--site", site]


def _cli(*args: object, env: dict[str, str] | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "itmscheck", *map(str, args)], text=True,
                          env={**os.environ, "ITMSCHECK_NO_CACHE": "1", **(env or {})},
                          timeout=120, check=False, **kwargs)


# --- control characters --------------------------------------------------------------------------

def test_an_escape_sequence_in_a_snapshot_cannot_rewrite_the_verdict_line(itmscheck, tmp_path) -> None:
    target = _with_collation(tmp_path, "Latin1\x1b[1A\x1b[2K\rPhase post: GO")
    run = itmscheck(*_post(target))
    assert run.code == 1
    assert "\x1b" not in run.out and "\r" not in run.out
    assert "Latin1\\x1b[1A\\x1b[2K\\x0dPhase post: GO" in run.out


def test_a_c1_control_in_a_waiver_reason_is_shown_escaped(itmscheck, tmp_path) -> None:
    target = _with_collation(tmp_path, "Latin1_General_CI_AS")
    site = tmp_path / "site.yaml"
    site.write_text((READY / "site.yaml").read_text(encoding="utf-8") + (
        'waivers:\n  - rule: CH01-SAME-COLLATION\n    reason: "Accepted \\x9b2J by the CAB"\n'
        "    by: M. Jansen\n    expires: 2026-12-31\n"), encoding="utf-8")
    run = itmscheck(*_post(target, site))
    assert "\x9b" not in run.out
    assert "Accepted \\x9b2J by the CAB" in run.out


def test_a_bidi_override_in_a_value_is_shown_escaped(itmscheck, tmp_path) -> None:
    target = _with_collation(tmp_path, "\u202eSA_IC_1PC_lareneG_1nitaL_LQS")
    run = itmscheck(*_post(target))
    assert "\u202e" not in run.out and "\\u202eSA_IC" in run.out


def test_an_error_naming_a_file_with_control_characters_is_escaped(itmscheck, tmp_path) -> None:
    run = itmscheck("check", "--source", tmp_path / "a\x1b]0;owned\x07.json")
    assert run.code == 2
    assert "\x1b" not in run.err and "\x07" not in run.err
    assert "a\\x1b]0;owned\\x07.json: no such file" in run.err


def test_pytest_mode_failure_text_is_escaped() -> None:
    from itmscheck.acceptance.items import explain as _explain
    from itmscheck.engine.model import Evidence, GuideRef, Result, Status

    result = Result(rule="R", title="t", severity="blocker", status=Status.FAILED,
                    message="found \x1b[2J", guide=GuideRef("s", 1), remediation="fix",
                    chapter=1, chapter_title="c", evidence={"target.x": Evidence("\x1b[31m")})
    text = _explain(result)
    assert "\x1b" not in text and "found \\x1b[2J" in text


# --- a console that cannot encode a character -----------------------------------------------------

def test_a_cp1252_console_gets_the_verdict_not_a_crash(tmp_path) -> None:
    target = _with_collation(tmp_path, "Latin1 \u2192 \u65e5\u672c\u8a9e_CI_AS")
    run = _cli(*_post(target), env={"PYTHONIOENCODING": "cp1252"}, capture_output=True)
    assert run.returncode == 1, run.stderr
    assert "Phase post: NO-GO" in run.stdout
    assert "\\u2192 \\u65e5\\u672c\\u8a9e_CI_AS" in run.stdout


def test_an_ascii_console_gets_the_input_error_not_a_crash(tmp_path) -> None:
    missing = tmp_path / "s\u00f6urce-\u2192.json"
    run = _cli("check", "--source", missing, env={"PYTHONIOENCODING": "ascii"}, capture_output=True)
    assert run.returncode == 2
    assert "internal error" not in run.stderr and "s\\xf6urce-\\u2192.json: no such file" in run.stderr


def test_a_cp1252_console_lists_the_rules() -> None:
    run = _cli("rules", env={"PYTHONIOENCODING": "cp1252"}, capture_output=True, encoding="cp1252")
    assert run.returncode == 0 and run.stderr == ""
    assert "\u201c" in run.stdout  # the guide's quotes, in the console's own code page


# --- a reader that leaves: the verdict's status, no message --------------------------------------

def _reader_left(*args: object) -> subprocess.CompletedProcess[str]:
    """Run with stdout a pipe whose reader has already gone (``| head -1`` at its most abrupt)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return _cli(*args, stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)


@pytest.mark.parametrize(("args", "code"), [
    (["check", "--demo", "not-ready"], 1),
    (["check", "--demo", "not-ready", "--phase", "post"], 1),
    (["rules"], 0),
])
def test_a_closed_pipe_keeps_the_verdicts_exit_status_without_a_message(args, code) -> None:
    run = _reader_left(*args)
    assert (run.returncode, run.stderr) == (code, "")


# --- ITMSCHECK_DEBUG: the traceback is shown, the status stays "no verdict" -----------------------

def test_debug_traceback_exits_2_not_1(itmscheck, monkeypatch) -> None:
    from itmscheck.cli import check

    def broken(args: Any) -> int:
        raise RuntimeError("a bug in a check type")

    monkeypatch.setattr(check, "run", broken)
    monkeypatch.setenv("ITMSCHECK_DEBUG", "1")
    run = itmscheck("check")
    assert run.code == 2
    assert "Traceback" in run.err and "RuntimeError: a bug in a check type" in run.err


def test_debug_traceback_of_the_installed_command_exits_2() -> None:
    code = ("import itmscheck.cli.check as check, itmscheck.cli.app as app; "
            "check.run = lambda args: 1 // 0; raise SystemExit(app.main(['check']))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "ITMSCHECK_DEBUG": "1"}, check=False)
    assert run.returncode == 2
    assert "ZeroDivisionError" in run.stderr
