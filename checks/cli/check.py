"""``itmscheck check``: the gate - evaluate a phase, write the reports, print the verdict.

Exit status as the command line's: 0 = GO, 1 = NO-GO; a run narrowed with
``--rule`` is PARTIAL, a diagnostic: 1 when a selected blocker blocks, 3
otherwise, never 0. Bad input raises :class:`InputError` (2), and so does a
selection with no rule of the phase. Without ``--source`` it runs a bundled
demo lab.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from itmscheck import __version__
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
    from itmscheck.cli.console import print_report
    from itmscheck.engine import loader
    from itmscheck.engine.evaluate import evaluate, evaluation_time, evidence_date
    from itmscheck.engine.gate import exit_status, verdict
    from itmscheck.engine.identity import server_name
    from itmscheck.engine.model import Report
    from itmscheck.engine.notices import collected_at, run_warnings, stamp
    from itmscheck.engine.packs import pack_states

    demo = args.source is None
    if args.demo is not None and not demo:
        raise InputError("command line", "--demo runs a bundled lab instead of your snapshots: "
                                         "give --demo or --source, not both")
    if demo:
        if args.target is not None or args.site is not None:
            raise InputError("command line", "--target and --site need --source as well")
        args.demo = args.demo or "ready"
        args.source, args.target, args.site = demo_files(args.demo, args.phase)
        print(f"Running the bundled demo environment '{args.demo}' "
              f"(examples/lab/{args.demo}, phase {args.phase}): pass --source to check your own.")

    catalog = loader.catalog(args.rules_dir)
    unknown_rules = sorted(set(args.rules or ()) - catalog.ids)
    if unknown_rules:
        raise InputError("command line", f"--rule {unknown_rules[0]!r} is not a rule of the "
                                         "catalog (see `itmscheck rules`)")
    selection, elsewhere = _selection(catalog, args.phase, args.rules or [])
    inputs = loader.load_inputs(catalog, args.source, args.target, args.site)
    _refuse_overlaps(args)
    results = evaluate(catalog, inputs, args.phase, set(selection) if args.rules else None)
    # The check time reads the clock; evaluation never sees it (a bundled demo replays its moment).
    checked_at = args.checked_at or (evaluation_time(inputs) if demo else datetime.now(timezone.utc))
    report = Report(
        phase=args.phase, verdict=verdict(results, partial=bool(args.rules)), results=results,
        evaluated_at=stamp(evaluation_time(inputs)),
        inputs={"source": str(args.source), "target": str(args.target) if args.target else None,
                "site": str(args.site) if args.site else None},
        tool_version=__version__, site_name=inputs.site.name, demo=demo,
        server=server_name(inputs), selection=tuple(selection), checked_at=stamp(checked_at),
        collected_at=collected_at(inputs), warnings=run_warnings(inputs, checked_at),
        evidence_day=evidence_date(inputs).isoformat(),
        packs=pack_states(catalog, inputs.site, args.phase),
    )
    _write_reports(args, report)
    print_report(report, elsewhere)
    return exit_status(report.verdict, blocking=bool(report.blocking))


def _selection(catalog: Any, phase: str, rules: list[str]) -> tuple[list[str], list[str]]:
    """The selected rules of the phase, and the selected rules of other phases (named, not run).

    A selection with no rule of the phase would evaluate nothing: that is bad input.
    """
    phases = {rule.id: rule.phases for rule in catalog.rules}
    selected = list(dict.fromkeys(rules))
    inside = [rule for rule in selected if phase in phases[rule]]
    elsewhere = [f"{rule} ({', '.join(phases[rule])})" for rule in selected if phase not in phases[rule]]
    if selected and not inside:
        raise InputError("command line", f"--rule selects no rule of phase {phase}: "
                                         f"{', '.join(elsewhere)} (see `itmscheck rules --phase "
                                         f"{phase}`)")
    return inside, elsewhere


def _refuse_overlaps(args: argparse.Namespace) -> None:
    """No report may replace an input (a snapshot, the site file, a rule file) or another report."""
    from itmscheck.engine import loader
    from itmscheck.outputs import refuse_overlaps

    rule_files = loader.rule_files(loader.rule_folders(args.rules_dir))
    refuse_overlaps([(f"--{r.option}", getattr(args, r.option, None)) for r in reporters()],
                    [("--source", args.source), ("--target", args.target), ("--site", args.site),
                     *(("a rule file", file) for file in rule_files)])


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
