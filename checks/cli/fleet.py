"""``itmscheck fleet``: every Notification Server of a migration, and the rules between them.

Exit status as ``check``'s: 0 = GO (every server's phase and every
cross-server blocker), 1 = NO-GO, 2 = bad input (raised as InputError).
Without a fleet file it runs the bundled fleet demo and says so first.
"""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

from itmscheck.engine.gate import exit_status


def demo_fleet() -> Path:
    return Path(str(resources.files("itmscheck.demo").joinpath("fleet", "fleet.yaml")))


def run(args: argparse.Namespace) -> int:
    from itmscheck.fleet.judge import judge_fleet

    path = args.fleet
    if path is None:
        path = demo_fleet()
        print(f"Running the bundled fleet demo (examples/lab/fleet, phase {args.phase}): "
              "pass FLEET.yaml to judge your own.")
    judgement = judge_fleet(path, args.phase, html=args.html is not None)
    from itmscheck.fleet.reports import write_reports

    write_reports(args, judgement)
    _print(judgement)
    return exit_status(judgement.verdict, blocking=bool(judgement.blocking))


def _print(judgement: object) -> None:
    from itmscheck.fleet.console import print_fleet

    print_fleet(judgement)
