"""The console: what to do first, in order, and a command line that never guesses (issue 17);
what reaches a terminal cannot rewrite it, a console that cannot encode a character does not crash,
and the exit status is the verdict's (issue 14).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from itmscheck.cli.parser import build_parser
from tests.conftest import LABS, lab_args

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


def test_the_console_report_escapes_every_line_itself() -> None:
    """cli/console.py escapes what it prints even where no ConsoleStream stands in front of stdout
    (pytest's capture, an embedding program): the finding, its fix, a run warning, a waiver."""
    from itmscheck.cli.console import report_lines
    from itmscheck.engine.model import GuideRef, Report, Result, Status

    def result(rule: str, status: Status, **extra: Any) -> Result:
        return Result(rule=rule, title="t", severity="blocker", status=status, message="found \x1b[2J",
                      guide=GuideRef("s\u202e", 1), remediation="fix \x9b1A", chapter=1,
                      chapter_title="c", **extra)

    report = Report(phase="pre", verdict="NO-GO", evaluated_at="2026-11-20T09:30:00Z", inputs={},
                    tool_version="0", results=(
                        result("R-ONE", Status.FAILED), result("R-TWO", Status.MANUAL),
                        result("R-THREE", Status.WAIVED, waiver={"by": "M\x07", "expires": "x",
                                                                  "reason": "r"})),
                    warnings=("evidence \r\x1b]0;owned\x07",))
    lines = report_lines(report)
    text = "\n".join(lines)
    assert not any(ch in text for ch in "\x1b\x9b\x07\r\u202e")
    assert "found \\x1b[2J" in text and "fix \\x9b1A" in text and "\\u202e" in text
    assert "evidence \\x0d\\x1b]0;owned\\x07" in text


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


# --- what to do first, in order (issue 17) ---------------------------------------------------------


def _sections(out: str) -> list[str]:
    """The headings of the console's sections, in order."""
    return [line.split(" (")[0] for line in out.splitlines()
            if re.match(r"^(To fix first|To sign off|Warnings|Waived|To record a sign-off) ", line)]


def test_blockers_to_fix_come_first_then_sign_offs_then_warnings(itmscheck) -> None:
    run = itmscheck(*lab_args("not-ready", "pre"))
    assert _sections(run.out)[:3] == ["To fix first", "To sign off", "Warnings"]
    fix = run.out.split("To fix first", 1)[1].split("\nTo sign off", 1)[0]
    sign = run.out.split("To sign off", 1)[1].split("\nWarnings", 1)[0]
    assert "[FAILED  ] CH01-SUPPORTED-PATH" in fix and "[MANUAL" not in fix
    assert "[MANUAL  ] CH01-LICENSES-COPIED" in sign and "[FAILED" not in sign
    warnings = run.out.split("\nWarnings", 1)[1]
    assert "CH02-CONSOLE-PLUGINS (warning)" in warnings


def test_the_summary_line_counts_what_to_fix_sign_off_and_heed(itmscheck, tmp_path) -> None:
    run = itmscheck(*lab_args("not-ready", "pre"), "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    todo = report["attention"]
    blocking = [r for r in report["results"] if r["rule"] in report["blocking"]]
    assert todo["to_fix"] == sum(r["status"] != "manual" for r in blocking) > 0
    assert todo["to_sign_off"] == sum(r["status"] == "manual" for r in blocking) > 0
    assert run.out.rstrip().splitlines()[-1] == (
        f"NO-GO: {todo['to_fix']} to fix, {todo['to_sign_off']} to sign off, "
        f"{todo['warnings']} warnings.")


def test_a_go_run_ends_with_nothing_to_do(itmscheck) -> None:
    run = itmscheck(*lab_args("ready", "post"))
    assert run.out.rstrip().splitlines()[-1].startswith("GO: 0 to fix, 0 to sign off,")


def test_how_to_record_an_attestation_is_printed_once_as_yaml_that_the_site_file_accepts(
        itmscheck, tmp_path) -> None:
    run = itmscheck(*lab_args("not-ready", "pre"))
    assert run.out.count("attestations:") == 1
    snippet = run.out.split("add it to the site file (--site):\n", 1)[1].split("\n\n", 1)[0]
    rule = re.search(r"^  ([A-Z0-9-]+): \{", snippet, re.M).group(1)
    assert f"[MANUAL  ] {rule}" in run.out.split("To sign off", 1)[1]
    # Pasted into a site file as printed, it attests the rule.
    (tmp_path / "site.yaml").write_text("itmscheck_site: 1\n" + snippet + "\n", encoding="utf-8")
    args = lab_args("not-ready", "pre")
    args[args.index("--site") + 1] = str(tmp_path / "site.yaml")
    again = itmscheck(*args, "--rule", rule, "--json", tmp_path / "r.json")
    (result,) = json.loads((tmp_path / "r.json").read_text())["results"]
    assert again.code == 3 and result["status"] == "attested"


def test_no_snippet_when_nothing_awaits_a_person(itmscheck) -> None:
    run = itmscheck(*lab_args("ready", "post"))
    assert "[MANUAL" not in run.out and "attestations:" not in run.out


def test_rules_has_a_header_aligned_columns_and_a_total(itmscheck) -> None:
    from itmscheck.engine import loader

    run = itmscheck("rules", "--phase", "pre")
    lines = run.out.splitlines()
    header = lines[0]
    assert header.split() == ["RULE", "SEVERITY", "PHASES", "KIND", "TITLE"]
    # A rule's row starts with its id; the guide's words and the policy under it are indented deeper.
    rows = [line for line in lines[1:-1] if re.match(r"^  [A-Z][A-Z0-9]*(-[A-Z0-9]+)+ ", line)]
    # Between the rows: each pack's heading (the guide's rules apart from the known issues),
    # the chapters, and the words under each row.
    assert all(line.startswith(("== ", "Chapter ", "      ")) for line in lines[1:-1] if line not in rows)
    assert [line.split(":")[0] for line in lines if line.startswith("== ")] == [
        "== The migration guide", "== Known issues (vendor knowledge base)"]
    for column in ("SEVERITY", "PHASES", "KIND", "TITLE"):
        start = header.index(column)
        assert all(row[start - 2:start] == "  " and row[start] != " " for row in rows), column
    total = len(loader.catalog().for_phase("pre"))
    assert len(rows) == total
    assert re.match(rf"^{total} rules of phase pre in \d+ chapters \(The migration guide: \d+; Known "
                    r"issues \(vendor knowledge base\): \d+\): \d+ checked automatically, "
                    r"\d+ confirmed by a person \(manual\)\.$", lines[-1])


def _actions(parser: argparse.ArgumentParser, path: str = "itmscheck"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _actions(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield path, action


def test_every_option_and_argument_has_help_text() -> None:
    from itmscheck.cli.app import _reporter_options

    found = list(_actions(build_parser(_reporter_options())))
    assert len(found) > 20
    missing = [f"{path} {'/'.join(action.option_strings) or action.dest}" for path, action in found
               if not action.help or action.help == argparse.SUPPRESS]
    assert missing == []


@pytest.mark.parametrize("argv", [["rules", "--rule", "CH01-SUPPORTED-PATH"],
                                  ["rules", "--rules", "x"], ["check", "--phas", "pre"],
                                  ["check", "--jso", "r.json"], ["collect", "--role", "source",
                                                                 "--out", "s.json"]])
def test_an_abbreviated_option_is_refused_not_guessed(itmscheck, argv) -> None:
    run = itmscheck(*argv)
    assert run.code == 2 and run.out == ""
    assert re.search(r"unrecognized arguments|arguments are required: --output", run.err)
    assert "--rules-dir must name a folder" not in run.err


def test_demo_together_with_source_is_an_error(itmscheck) -> None:
    run = itmscheck("check", "--demo", "not-ready", "--source", LABS / "ready" / "source.json")
    assert run.code == 2
    assert "--demo" in run.err and "--source" in run.err and run.out == ""


def test_an_attestation_for_an_automatic_rule_is_refused_naming_its_line(itmscheck, tmp_path) -> None:
    """Not silently ignored: bad input (exit 2) naming the site file's line, since a person's
    word never overrides a measurement (issue 17 asked for it to be reported; issue 13 made it
    exit 2, the stricter)."""
    site = (LABS / "ready" / "site.yaml").read_text(encoding="utf-8")
    site = site.replace("attestations:\n", "attestations:\n  CH01-SUPPORTED-PATH: {by: A. Smit, "
                        "on: 2026-11-20}\n", 1)
    (tmp_path / "site.yaml").write_text(site, encoding="utf-8")
    line = site.splitlines().index("  CH01-SUPPORTED-PATH: {by: A. Smit, on: 2026-11-20}") + 1
    args = lab_args("ready", "pre")
    args[args.index("--site") + 1] = str(tmp_path / "site.yaml")
    run = itmscheck(*args, "--json", tmp_path / "r.json")
    assert run.code == 2 and run.out == "" and not (tmp_path / "r.json").exists()
    assert f"site.yaml:{line}: attestations.CH01-SUPPORTED-PATH" in run.err
    assert "checked from the evidence" in run.err and "waiver" in run.err


def test_a_missing_target_is_said_once_in_words_that_read(itmscheck) -> None:
    run = itmscheck("check", "--phase", "post", "--source", LABS / "ready" / "source.json",
                    "--site", LABS / "ready" / "site.yaml")
    assert run.code == 1
    lines = [line for line in run.out.splitlines() if "] CH01-SAME-COLLATION" in line]
    assert lines == ["  [ERROR   ] CH01-SAME-COLLATION: Could not be evaluated: no target snapshot "
                     "was given (--target)."]
    assert "target no target" not in run.out
    assert all(line.count("snapshot was given") <= 1 for line in run.out.splitlines())
