"""The HTML report: one self-contained file a change board opens offline.

The verdict comes first, then what blocks, then the rest grouped by chapter.
No external resource is referenced: CSS and JavaScript are inline.
"""

from __future__ import annotations

from checks.model import Report, Status
from reports import Reporter

_ORDER = {Status.FAILED: 0, Status.ERROR: 1, Status.MANUAL: 2, Status.WAIVED: 3,
          Status.PASSED: 4, Status.SKIPPED: 5}


class HtmlReporter(Reporter):
    option = "html"
    description = "HTML report (one self-contained file, opens offline)"

    def render(self, report: Report) -> str:
        from jinja2 import Environment, PackageLoader, select_autoescape

        environment = Environment(loader=PackageLoader("reports", "templates"),
                                  autoescape=select_autoescape(["html", "j2"]),
                                  trim_blocks=True, lstrip_blocks=True)
        chapters: dict[tuple[int, str], list[object]] = {}
        for result in sorted(report.results, key=lambda r: (r.chapter, _ORDER[r.status], r.rule)):
            chapters.setdefault((result.chapter, result.chapter_title), []).append(result)
        return environment.get_template("report.html.j2").render(
            report=report, blocking=report.blocking, chapters=chapters,
            warnings=[r for r in report.results
                      if r.severity != "blocker" and r.status in (Status.FAILED, Status.ERROR)],
        )
