"""``itmscheck check``: the gate - evaluate a phase, write the reports, print the verdict.

Exit status as the command line's: 0 = GO, 1 = NO-GO; bad input raises
:class:`InputError` (2). Without ``--source`` it runs a bundled demo lab.
"""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path
from typing import Any

from itmscheck import __version__
from itmscheck.cli.exit_status import EXIT_GO, EXIT_NO_GO
from itmscheck.errors import InputError


def reporters() -> list[Any]:
    from itmscheck.plugins import plugin_manager

    return [r for group in plugin_manager().hook.itmscheck_reporters() for r in group]


def demo_files(lab: str, phase: str) -> tuple[Path, Path, Path]:
    """The bundled lab's source snapshot, the target snapshot for the phase, its site file.

    After the migration (``post``) a lab may hold ``source-post.json``: the 7.0
    server collected again after the 7.5 one, which alone can show what was
    removed from it since (CH02-REDIRECTED-SITE-SERVERS-REMOVED).
    """
    folder = Path(str(resources.files("itmscheck.demo").joinpath(lab)))
    target = "target-pre.json" if phase == "pre" else "target-post.json"
    source = folder / "source-post.json"
    if phase != "post" or not source.exists():
        source = folder / "source.json"
    return source, folder / target, folder / "site.yaml"


def run(args: argparse.Namespace) -> int:
    from itmscheck.engine import loader
    from itmscheck.engine.evaluate import evaluate, evaluation_time
    from itmscheck.engine.gate import verdict
    from itmscheck.engine.model import Report

    demo = args.source is None
    if demo:
        if args.target is not None or args.site is not None:
            raise InputError("command line", "--target and --site need --source as well")
        args.source, args.target, args.site = demo_files(args.demo, args.phase)
        print(f"Running the bundled demo environment '{args.demo}' "
              f"(examples/lab/{args.demo}, phase {args.phase}): pass --source to check your own.")

    catalog = loader.catalog(args.rules_dir)
    unknown_rules = sorted(set(args.rules or ()) - catalog.ids)
    if unknown_rules:
        raise InputError("command line", f"--rule {unknown_rules[0]!r} is not a rule of the "
                                         "catalog (see `itmscheck rules`)")
    inputs = loader.load_inputs(catalog, args.source, args.target, args.site)
    results = evaluate(catalog, inputs, args.phase, set(args.rules) if args.rules else None)
    report = Report(
        phase=args.phase, verdict=verdict(results), results=results,
        evaluated_at=evaluation_time(inputs).strftime("%Y-%m-%dT%H:%M:%SZ"),
        inputs={"source": str(args.source), "target": str(args.target) if args.target else None,
                "site": str(args.site) if args.site else None},
        tool_version=__version__, site_name=inputs.site.name, demo=demo,
    )
    _write_reports(args, report)
    _print_summary(report)
    return EXIT_GO if report.verdict == "GO" else EXIT_NO_GO


def _write_reports(args: argparse.Namespace, report: Any) -> None:
    from itmscheck.outputs import write_atomically

    for reporter in reporters():
        path = getattr(args, reporter.option, None)
        if path is None:
            continue
        try:
            write_atomically(path, reporter().render(report))
        except OSError as error:
            raise InputError(str(path), f"cannot write the {reporter.option} report: "
                                        f"{error.strerror or error}") from None


def _print_summary(report: Any) -> None:
    counts = ", ".join(f"{count} {status}" for status, count in report.summary.items() if count)
    print(f"Phase {report.phase}: {report.verdict} ({len(report.results)} rules: {counts})")
    for result in report.results:
        if result.status.value in ("passed", "skipped"):
            continue
        marker = "BLOCKS" if result.blocks else result.severity
        print(f"  [{result.status.value.upper():7}] {result.rule} ({marker}): {result.message}")
        if result.blocks:
            print(f"            fix: {result.remediation}")
