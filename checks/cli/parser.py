"""The command line's options: one argparse parser for every command.

Abbreviated options are refused (``--rule`` is never read as ``--rules-dir``),
and a usage error exits 2 with itmscheck's wording.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from itmscheck import __version__
from itmscheck.cli.exit_status import EXIT_BAD_INPUT
from itmscheck.engine.model import PHASES

DEMO_LABS = ("ready", "not-ready")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # An abbreviation is a guess: `rules --rule X` must not become `--rules-dir X`.
        super().__init__(*args, **{**kwargs, "allow_abbrev": False})

    def error(self, message: str) -> Any:  # argparse's own exit 2, with our wording
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"itmscheck: error: {message}\n")


def moment(text: str) -> datetime:
    """An ISO 8601 date and time with its time zone (``--checked-at``)."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 date and time, e.g. "
                                         "2026-11-20T09:30:00Z") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no time zone (end it with Z or +01:00)")
    return value.astimezone(timezone.utc)


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
                       help="evaluate only this rule (repeatable): a diagnostic run, verdict "
                            "PARTIAL, exit 1 if a selected blocker blocks and 3 otherwise")
    check.add_argument("--rules-dir", action="append", type=Path, metavar="DIR", default=[],
                       help="add the rule files (*.yaml) of this folder to the catalog (repeatable)")
    check.add_argument("--demo", choices=DEMO_LABS,
                       help="run this bundled lab instead of your own snapshots (the default "
                            "when --source is not given: ready); not with --source")
    check.add_argument("--checked-at", type=moment, metavar="DATETIME",
                       help="the moment the check runs, against which the evidence's age is "
                            "judged (ISO 8601 with a time zone; default: now, or the demo's "
                            "evidence time); set it to replay an archived run exactly")
    for option, description in reporter_options or (
            ("json", "JSON report"), ("junit", "JUnit XML"), ("html", "HTML report")):
        check.add_argument(f"--{option}", type=Path, metavar="PATH", help=f"write the {description}")

    collect = commands.add_parser("collect", help="gather a snapshot from a server and its CMDB")
    collect.add_argument("--role", choices=("source", "target"), required=True,
                         help="source = the 7.0 server, target = the 7.5 server")
    collect.add_argument("--site", type=Path, metavar="SITE.yaml",
                         help="site file: the CMDB connection (cmdb:), the file locations "
                              "(files:) and the facts a person declares (facts:)")
    collect.add_argument("--output", type=Path, required=True, metavar="SNAPSHOT.json",
                         help="where to write the snapshot (written atomically)")
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
    diff.add_argument("before", type=Path, metavar="BEFORE.json",
                      help="snapshot of the server before (usually the 7.0 source)")
    diff.add_argument("after", type=Path, metavar="AFTER.json",
                      help="snapshot of the server after (usually the migrated 7.5 target)")
    diff.add_argument("--json", type=Path, metavar="PATH",
                      help="write the differences as JSON (expected ones with their guide section)")

    plan = commands.add_parser("plan", help="propose redirect waves that pass the plan rules")
    plan.add_argument("--source", type=Path, required=True, help="snapshot of the 7.0 server (JSON)")
    plan.add_argument("--site", type=Path,
                      help="site file whose plan (hierarchy nodes, other keys) to start from")
    plan.add_argument("--output", type=Path, metavar="SITE.yaml",
                      help="write the whole site file with the proposed plan here (comments are "
                           "not kept); without it, print the plan section")

    fleet = commands.add_parser("fleet", help="judge every Notification Server of a migration and "
                                              "the rules between them")
    fleet.add_argument("fleet", type=Path, nargs="?", metavar="FLEET.yaml",
                       help="the fleet file (default: the bundled fleet demo)")
    fleet.add_argument("--phase", choices=PHASES, default="pre",
                       help="the phase whose GO / NO-GO the fleet answers for (default: pre)")
    for option, description in (("json", "JSON report"), ("junit", "JUnit XML, a testsuite per server"),
                                ("html", "HTML fleet page, each server's report beside it")):
        fleet.add_argument(f"--{option}", type=Path, metavar="PATH", help=f"write the {description}")

    rules = commands.add_parser("rules", help="list the rule catalog")
    rules.add_argument("--phase", choices=PHASES, help="list only the rules of this phase")
    rules.add_argument("--rules-dir", action="append", type=Path, metavar="DIR", default=[],
                       help="add the rule files (*.yaml) of this folder to the catalog (repeatable)")
    return parser
