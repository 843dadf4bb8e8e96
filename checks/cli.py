"""The ``itmscheck`` command line (CONTRACT.md section 1).

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
from pathlib import Path
from typing import Any

from checks import __version__
from checks.errors import InputError
from checks.model import PHASES

DEMO_LABS = ("ready", "not-ready")
EXIT_GO, EXIT_NO_GO, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own exit 2, with our wording
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"itmscheck: error: {message}\n")


def build_parser(reporter_options: Sequence[tuple[str, str]] = ()) -> argparse.ArgumentParser:
    parser = _Parser(prog="itmscheck", description=(
        "Rules-based validator for migrating Symantec IT Management Suite 7.0 to 7.5: "
        "GO / NO-GO before installing, while installing and after migrating."))
    parser.add_argument("--version", action="version", version=f"itmscheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="evaluate the rules of a phase and gate GO / NO-GO")
    check.add_argument("--phase", choices=PHASES, default="pre",
                       help="pre = before installing 7.5, install = while installing, "
                            "post = after migrating (default: pre)")
    check.add_argument("--source", type=Path, help="snapshot of the 7.0 server (JSON)")
    check.add_argument("--target", type=Path, help="snapshot of the 7.5 server (JSON)")
    check.add_argument("--site", type=Path, help="site file (YAML): plan, attestations, waivers")
    check.add_argument("--rule", action="append", dest="rules", metavar="RULE-ID",
                       help="evaluate only this rule (repeatable)")
    check.add_argument("--rules-dir", action="append", type=Path, metavar="DIR", default=[],
                       help="add the rule files (*.yaml) of this folder to the catalog (repeatable)")
    check.add_argument("--demo", choices=DEMO_LABS, default="ready",
                       help="which bundled lab to run when --source is not given (default: ready)")
    for option, description in reporter_options or (
            ("json", "JSON report"), ("junit", "JUnit XML"), ("html", "HTML report")):
        check.add_argument(f"--{option}", type=Path, metavar="PATH", help=f"write the {description}")

    collect = commands.add_parser("collect", help="gather a snapshot from a server and its CMDB")
    collect.add_argument("--role", choices=("source", "target"), required=True)
    collect.add_argument("--site", type=Path)
    collect.add_argument("--output", type=Path, required=True)
    collect.add_argument("--import", type=Path, action="append", dest="imports",
                         metavar="FRAGMENT.json",
                         help="merge a fragment written on the server by Get-ItmsFacts.ps1 "
                              "(repeatable)")
    collect.add_argument("--connection-env", metavar="NAME",
                         help="read the CMDB's ODBC connection string from this environment "
                              "variable (overrides the site file)")
    collect.add_argument("--local", action="store_true",
                         help="this machine is the Notification Server: read host facts from it")

    diff = commands.add_parser("diff", help="compare two snapshots fact by fact")
    diff.add_argument("before", type=Path)
    diff.add_argument("after", type=Path)
    diff.add_argument("--json", type=Path, metavar="PATH",
                      help="write the differences as JSON (expected ones with their guide section)")

    plan = commands.add_parser("plan", help="propose redirect waves that pass the plan rules")
    plan.add_argument("--source", type=Path, required=True, help="snapshot of the 7.0 server (JSON)")
    plan.add_argument("--site", type=Path,
                      help="site file whose plan (hierarchy nodes, other keys) to start from")
    plan.add_argument("--output", type=Path, metavar="SITE.yaml",
                      help="write the whole site file with the proposed plan here (comments are "
                           "not kept); without it, print the plan section")

    rules = commands.add_parser("rules", help="list the rule catalog")
    rules.add_argument("--phase", choices=PHASES)
    rules.add_argument("--rules-dir", action="append", type=Path, metavar="DIR", default=[],
                       help="add the rule files (*.yaml) of this folder to the catalog (repeatable)")
    return parser


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
    from checks.collectors.secrets import redact_connection

    return "\n".join(redact_connection(line) if re.search(r"(?i)\b(pwd|password)\s*=", line) else line
                     for line in text.split("\n"))


def _reporter_options() -> list[tuple[str, str]]:
    return [(reporter.option, reporter.description) for reporter in _reporters()]


def _reporters() -> list[Any]:
    from checks.check_command import reporters

    return reporters()


def _check(args: argparse.Namespace) -> int:
    from checks.check_command import run

    return run(args)


def _rules(args: argparse.Namespace) -> int:
    from checks import engine

    catalog = engine.catalog(args.rules_dir)
    chapter = None
    for rule in catalog.for_phase(args.phase):
        if rule.chapter != chapter:
            chapter = rule.chapter
            print(f"Chapter {rule.chapter}: {rule.chapter_title}")
        kind = "manual" if rule.attest else "auto"
        print(f"  {rule.id:32} {rule.severity:8} {','.join(rule.phases):18} {kind:6} {rule.title}")
    return 0


def _collect(args: argparse.Namespace) -> int:
    from checks.collect import collect_command

    return collect_command(args)


def _diff(args: argparse.Namespace) -> int:
    """0 = only the differences the guide expects, 1 = drift, 2 = bad input (see checks.diff)."""
    from checks.diff import run

    return run(args.before, args.after, args.json)


def _plan(args: argparse.Namespace) -> int:
    """0 = a plan was proposed, 1 = no plan can pass the plan rules, 2 = bad input."""
    from checks.plan_command import run

    return run(args.source, args.site, args.output)
