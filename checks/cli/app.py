"""The ``itmscheck`` command line (docs/contract.md, "Command line").

Exit status: 0 = GO, 1 = NO-GO, 2 = the input could not be used. Input
errors print one message naming the file and the field or line, never a
traceback. Heavy imports (jsonschema, Jinja2, the reporters) happen inside
the commands, so ``itmscheck --help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from itmscheck.cli.exit_status import EXIT_BAD_INPUT
from itmscheck.cli.parser import build_parser
from itmscheck.errors import InputError


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    code: int | None = None
    try:
        parser = build_parser(_reporter_options() if "check" in arguments else ())
        try:
            args = parser.parse_args(arguments)
        except SystemExit as done:  # --help, --version and usage errors (2)
            return int(done.code or 0)
        command = {"check": _check, "rules": _rules, "collect": _collect, "diff": _diff,
                   "plan": _plan}
        code = command[args.command](args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # `itmscheck check | head`: the reader left, the verdict stands
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BAD_INPUT if code is None else code
    except InputError as error:
        print(f"itmscheck: {_redacted(str(error))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("itmscheck: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug must still never pass the gate, nor dump a traceback
        if os.environ.get("ITMSCHECK_DEBUG"):
            raise
        detail = _redacted(str(error))[:300]
        print(f"itmscheck: internal error ({type(error).__name__}: {detail}); no verdict was given. "
              "Set ITMSCHECK_DEBUG=1 to see the traceback and report it.", file=sys.stderr)
        return EXIT_BAD_INPUT


def _redacted(text: str) -> str:
    """An error may quote a site file's line: never with a connection string's password."""
    from itmscheck.collectors.secrets import redact_connection

    return "\n".join(redact_connection(line) if re.search(r"(?i)\b(pwd|password)\s*=", line) else line
                     for line in text.split("\n"))


def _reporter_options() -> list[tuple[str, str]]:
    return [(reporter.option, reporter.description) for reporter in _reporters()]


def _reporters() -> list[Any]:
    from itmscheck.cli.check import reporters

    return reporters()


def _check(args: argparse.Namespace) -> int:
    from itmscheck.cli.check import run

    return run(args)


def _rules(args: argparse.Namespace) -> int:
    """The catalog as a table: a header, a row per rule grouped by chapter, and the total."""
    from itmscheck.engine import loader

    rules = loader.catalog(args.rules_dir).for_phase(args.phase)
    rows = [(r.id, r.severity, ",".join(r.phases), "manual" if r.attest else "auto", r.title)
            for r in rules]
    header = ("RULE", "SEVERITY", "PHASES", "KIND", "TITLE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]

    def line(cells: tuple[str, ...]) -> str:
        return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + "  " + cells[-1]

    print(line(header))
    chapter = None
    for rule, row in zip(rules, rows, strict=True):
        if rule.chapter != chapter:
            chapter = rule.chapter
            print(f"Chapter {rule.chapter}: {rule.chapter_title}")
        print(line(row))
    chapters = len({rule.chapter for rule in rules})
    kinds = sum(1 for row in rows if row[3] == "manual")
    scope = f" of phase {args.phase}" if args.phase else ""
    print(f"{len(rules)} rules{scope} in {chapters} chapters: {len(rules) - kinds} checked "
          f"automatically, {kinds} confirmed by a person (manual).")
    return 0


def _collect(args: argparse.Namespace) -> int:
    from itmscheck.collectors.command import collect_command

    return collect_command(args)


def _diff(args: argparse.Namespace) -> int:
    """0 = only the differences the guide expects, 1 = drift, 2 = bad input."""
    from itmscheck.comparison.command import run

    return run(args.before, args.after, args.json)


def _plan(args: argparse.Namespace) -> int:
    """0 = a plan was proposed, 1 = no plan can pass the plan rules, 2 = bad input."""
    from itmscheck.planning.command import run

    return run(args.source, args.site, args.output)
