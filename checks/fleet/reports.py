"""Writing the fleet's reports: JSON, JUnit and the HTML page with each server's full report beside it.

Every file is written atomically; none may replace an input (the fleet file,
a snapshot, a site file) or another report. The servers' full reports go to
``<page>.servers/<host>-<phase>.html``, linked from their rows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from itmscheck.errors import InputError
from itmscheck.outputs import refuse_overlaps, write_atomically


def write_reports(args: Any, judgement: Any) -> None:
    from itmscheck.fleet.document import fleet_document

    fleet = judgement.fleet
    inputs = [("the fleet file", Path(fleet.file)),
              *((f"a file of {s.name}", path) for s in fleet.servers
                for path in [*(p for pair in s.phases.values() for p in (pair.source, pair.target)),
                             *([s.site] if s.site else [])])]
    refuse_overlaps([("--json", args.json), ("--junit", args.junit), ("--html", args.html)], inputs)
    reports = _server_reports(args.html, judgement) if args.html else {}
    document = fleet_document(judgement, reports)
    if args.json:
        _write(args.json, json.dumps(document, indent=2, ensure_ascii=False) + "\n", "json")
    if args.junit:
        from itmscheck.fleet.junit import render_junit

        _write(args.junit, render_junit(judgement), "junit")
    if args.html:
        from itmscheck.fleet.html import render_html

        _write(args.html, render_html(document), "html")


def _server_reports(page: Path, judgement: Any) -> dict[str, str]:
    """Each server's full HTML report of the phase, beside the page; their links, by server name."""
    from itmscheck.engine.identity import suite_name
    from itmscheck.fleet.runs import render_html

    folder = page.parent / f"{page.name}.servers"
    links = {}
    for run in judgement.servers():
        report = run.reports.get(judgement.phase)
        if report is None:
            continue
        name = suite_name(report.server or run.name, judgement.phase).split(" ", 1)[1].replace(" ", "-")
        folder.mkdir(exist_ok=True)
        _write(folder / f"{name}.html", run.html or render_html(report), "html")
        links[run.name] = f"{folder.name}/{name}.html"
    return links


def _write(path: Path, text: str, option: str) -> None:
    try:
        write_atomically(path, text)
    except OSError as error:
        raise InputError(str(path), f"cannot write the {option} report: {error.strerror or error}") from None
