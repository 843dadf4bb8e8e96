"""What ``itmscheck check`` prints: the verdict, then what to do, in the order to do it.

1. the verdict line (phase, verdict, the count of each status);
2. when the evidence was collected and when the check ran, and the rule packs: the
   guide's rules and the known issues, or who switched a pack off and why;
3. the blockers to fix first (failed, or could not be evaluated: then how to get
   the facts instead of the failure's fix);
4. the sign-offs still missing (manual blockers);
5. the warnings: findings that do not block, and warnings about the run itself
   (evidence older than the site allows);
6. the waivers in force;
7. once, when a sign-off is missing, how to record one, as YAML for the site file,
   dated the evidence's day (an attestation dated after it confirms nothing);
8. the summary line, ``N to fix, M to sign off, K warnings``.

Every line is escaped (:func:`itmscheck.console.escape`) before it is printed:
messages, evidence, waivers and file names come from snapshots and site files,
and a control character there must not rewrite the verdict on a terminal. The
command line's :class:`itmscheck.console.ConsoleStream` escapes again, which
changes nothing (an escaped line has no control character left).
"""

from __future__ import annotations

from collections.abc import Iterable

from itmscheck.console import escape
from itmscheck.engine.model import Report, Result, Status

INDENT = " " * 12


def summary_line(report: Report) -> str:
    todo = report.attention
    warn = todo["warnings"]
    return (f"{report.verdict}: {todo['to_fix']} to fix, {todo['to_sign_off']} to sign off, "
            f"{warn} {'warning' if warn == 1 else 'warnings'}.")


def print_report(report: Report, elsewhere: list[str]) -> None:
    for line in report_lines(report, elsewhere):
        print(line)


def report_lines(report: Report, elsewhere: Iterable[str] = ()) -> list[str]:
    """The lines to print, each escaped for a terminal."""
    return [escape(line) for line in _lines(report, elsewhere)]


def _lines(report: Report, elsewhere: Iterable[str]) -> list[str]:
    tally = ", ".join(f"{count} {status}" for status, count in report.summary.items() if count)
    total = len(report.results)
    if report.verdict == "PARTIAL":
        lines = [f"Phase {report.phase}: PARTIAL ({total} selected {'rule' if total == 1 else 'rules'}"
                 f": {tally}). A diagnostic run, not a verdict: run without --rule for GO / NO-GO."]
    else:
        lines = [f"Phase {report.phase}: {report.verdict} ({total} rules: {tally})"]
    elsewhere = list(elsewhere)
    if elsewhere:
        lines.append(f"  not a rule of phase {report.phase}, not evaluated: {', '.join(elsewhere)}")
    evidence = ", ".join(f"{role} {moment}" for role, moment in report.collected_at.items())
    if evidence or report.checked_at:
        lines.append(f"Evidence collected: {evidence or 'none'}; checked at {report.checked_at}.")
    lines += _packs(report)

    fix = [r for r in report.blocking if r.status is not Status.MANUAL]
    sign = [r for r in report.blocking if r.status is Status.MANUAL]
    warnings = list(report.open_points)
    waived = [r for r in report.results if r.status is Status.WAIVED]
    lines += _section(f"To fix first ({len(fix)} {_plural(len(fix), 'blocker')}):", fix)
    lines += _section(f"To sign off ({len(sign)} {_plural(len(sign), 'blocker')} a person must "
                      "confirm):", sign)
    if warnings or report.warnings:
        count = len(warnings) + len(report.warnings)
        lines += ["", f"Warnings ({count}, not blocking):"]
        lines += [f"  WARNING: {text}" for text in report.warnings]
        lines += [line for r in warnings for line in _entry(r)]
    lines += _section(f"Waived ({len(waived)}):", waived)
    manual = sign + [r for r in warnings if r.status is Status.MANUAL]
    if manual:
        # Unindented, so that it pastes into a site file as it is.
        lines += ["", f"An attestation dated after the evidence's day ({_day(report)}) confirms "
                      "nothing: date it that day at the latest, or collect again after attesting.",
                  "To record a sign-off once it is true, add it to the site file (--site):",
                  "attestations:",
                  f"  {manual[0].rule}: {{by: \"J. de Vries\", on: {_day(report)}, "
                  "evidence: \"CHG-1042: where it can be seen\"}"]
    lines += ["", summary_line(report)]
    return lines


def _section(title: str, results: list[Result]) -> list[str]:
    if not results:
        return []
    return ["", title, *(line for r in results for line in _entry(r))]


def _packs(report: Report) -> list[str]:
    """The rule packs of the run, told apart; a pack the site switched off says by whom and why."""
    if len(report.packs) < 2 and not report.packs_off:
        return []
    counted = "; ".join(f"{state.title}: {state.rules} rules" for state in report.packs if state.enabled)
    lines = [f"Rule packs evaluated: {counted or 'none'}."]
    lines += [f"Pack switched off: {state.sentence()}" for state in report.packs_off]
    return lines


def _entry(result: Result) -> list[str]:
    kinds = ([] if result.blocks else [result.severity]) + (
        ["known issue"] if result.pack == "known_issues" else [])
    marker = f" ({', '.join(kinds)})" if kinds else ""
    lines = [f"  [{result.status.value.upper():8}] {result.rule}{marker}: {result.message}"]
    if result.status is Status.ERROR:
        lines.append(f"{INDENT}to evaluate: {result.remedy}")
    elif result.status is Status.FAILED:
        lines.append(f"{INDENT}fix: {result.remediation}")
    elif result.status is Status.MANUAL:
        lines.append(f"{INDENT}to do: {result.remediation}")
    lines.append(f"{INDENT}{result.citation}")
    return lines


def _plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


def _day(report: Report) -> str:
    """The latest date an attestation may carry and still confirm this evidence."""
    return report.evidence_day or report.evaluated_at[:10]
