"""The console a newcomer reads: what to do first, in order, and a command line that never guesses."""

from __future__ import annotations

import argparse
import json
import re

import pytest

from itmscheck.cli.parser import build_parser
from tests.conftest import LABS, lab_args


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
    assert "attestations:" not in itmscheck(*lab_args("ready", "pre")).out


def test_rules_has_a_header_aligned_columns_and_a_total(itmscheck) -> None:
    from itmscheck.engine import loader

    run = itmscheck("rules", "--phase", "pre")
    lines = run.out.splitlines()
    header = lines[0]
    assert header.split() == ["RULE", "SEVERITY", "PHASES", "KIND", "TITLE"]
    rows = [line for line in lines[1:-1] if line.startswith("  ")]
    for column in ("SEVERITY", "PHASES", "KIND", "TITLE"):
        start = header.index(column)
        assert all(row[start - 2:start] == "  " and row[start] != " " for row in rows), column
    total = len(loader.catalog().for_phase("pre"))
    assert len(rows) == total
    assert re.match(rf"^{total} rules of phase pre in \d+ chapters: \d+ checked automatically, "
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


def test_an_attestation_for_an_automatic_rule_is_reported_not_ignored(itmscheck, tmp_path) -> None:
    site = (LABS / "ready" / "site.yaml").read_text(encoding="utf-8")
    site = site.replace("attestations:\n", "attestations:\n  CH01-SUPPORTED-PATH: {by: A. Smit, "
                        "on: 2026-11-20}\n", 1)
    (tmp_path / "site.yaml").write_text(site, encoding="utf-8")
    args = lab_args("ready", "pre")
    args[args.index("--site") + 1] = str(tmp_path / "site.yaml")
    run = itmscheck(*args, "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    (warning,) = [w for w in report["warnings"] if "CH01-SUPPORTED-PATH" in w]
    assert "site.yaml, line" in warning and "checked automatically" in warning
    assert f"WARNING: {warning}" in run.out
    assert report["attention"]["warnings"] >= 1
    supported = next(r for r in report["results"] if r["rule"] == "CH01-SUPPORTED-PATH")
    assert supported["status"] == "passed" and "attestation" not in supported


def test_a_missing_target_is_said_once_in_words_that_read(itmscheck) -> None:
    run = itmscheck("check", "--phase", "post", "--source", LABS / "ready" / "source.json",
                    "--site", LABS / "ready" / "site.yaml")
    assert run.code == 1
    lines = [line for line in run.out.splitlines() if "] CH01-SAME-COLLATION" in line]
    assert lines == ["  [ERROR   ] CH01-SAME-COLLATION: Could not be evaluated: no target snapshot "
                     "was given (--target)."]
    assert "target no target" not in run.out
    assert all(line.count("snapshot was given") <= 1 for line in run.out.splitlines())
