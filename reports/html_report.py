"""The HTML report: one self-contained file a change board opens offline and prints.

The verdict comes first and large, then what blocks, then the warnings, then
the waivers and attestations with who, why and until when; every rule of the
phase follows, grouped by chapter and collapsed. CSS and JavaScript are inline
and nothing is fetched.

It must stay usable with thousands of results, so the collapsed chapters are
not markup: their rules travel as one JSON document in the page (repeated
strings such as fact names, provenance and remediation stored once) and are
drawn only when a chapter is opened or a filter asks for them. Blockers,
warnings and waivers are drawn by the server, so they show (and print) even
where scripts are blocked.
"""

from __future__ import annotations

import json
from typing import Any

from itmscheck.engine.model import Report, Result, Status
from itmscheck.reports import Reporter

STATUSES = tuple(status.value for status in Status)
SEVERITIES = ("blocker", "warning", "info")
# Rules the server draws per section: enough for any real catalog, few enough that
# a report of thousands of failures still opens at once (the rest on request).
DRAWN = 100


class HtmlReporter(Reporter):
    option = "html"
    description = "HTML report (one self-contained file, opens offline)"

    def render(self, report: Report) -> str:
        from jinja2 import Environment, PackageLoader, select_autoescape

        environment = Environment(loader=PackageLoader("itmscheck.reports", "templates"),
                                  autoescape=select_autoescape(["html", "j2"]),
                                  trim_blocks=True, lstrip_blocks=True,
                                  bytecode_cache=_bytecode_cache())
        environment.filters.update(shown=shown, waiver=waiver_text, attestation=attestation_text,
                                   policy=policy_text, cited=cited)
        sections = {"blockers": list(report.blocking), "warnings": list(report.open_points),
                    "declared": [r for r in report.results if r.waiver or r.attestation]}
        return environment.get_template("report.html.j2").render(
            report=report, sections=sections, limit=DRAWN, chapters=chapters(report.results),
            statuses=STATUSES, severities=SEVERITIES,
            data=embedded(payload(report.results, sections)),
        )


def _bytecode_cache() -> Any:
    """Jinja2's compiled template kept between runs (compiling it was ~30 ms of every check).

    Jinja2 keys it by the template's source checksum; it lives in itmscheck's
    private cache folder (see :mod:`itmscheck.cache`), or nowhere when that is off.
    """
    import stat

    from jinja2 import FileSystemBytecodeCache

    from itmscheck.cache import cache_dir, private

    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if private(folder, stat.S_IFDIR) else None


def shown(value: Any) -> str:
    """A fact's value as JSON, which every reader of the report can read."""
    return json.dumps(value, ensure_ascii=False, default=str)


def chapters(results: tuple[Result, ...]) -> list[dict[str, Any]]:
    """Each chapter with its number, title and the count of each status."""
    found: dict[int, dict[str, Any]] = {}
    for result in results:
        chapter = found.setdefault(result.chapter, {
            "number": result.chapter, "title": result.chapter_title, "total": 0,
            "counts": dict.fromkeys(STATUSES, 0)})
        chapter["total"] += 1
        chapter["counts"][result.status.value] += 1
    return [found[number] for number in sorted(found)]


def payload(results: tuple[Result, ...], sections: dict[str, list[Result]]) -> dict[str, Any]:
    """The results for the page's script; strings that repeat are stored once in ``S``.

    ``more`` lists, per section, the rows beyond the first :data:`DRAWN` that the
    server drew: the page draws them on request, and before printing.
    """
    strings: dict[str, int] = {}

    def ref(text: str | None) -> int:
        return -1 if text is None else strings.setdefault(text, len(strings))

    rows = []
    for r in results:
        row: dict[str, Any] = {
            "r": r.rule, "t": r.title, "m": r.message, "c": r.chapter,
            "v": r.severity, "s": r.status.value, "x": ref(r.remedy),
            "g": ref(cited(r)),
            "e": [[ref(name), ref(shown(e.value)), ref(e.provenance)]
                  for name, e in r.evidence.items()],
        }
        if r.quote:
            row["q"] = ref(f"The guide says: \u201c{r.quote}\u201d")
        elif r.source is not None and r.source.quote:
            row["q"] = ref(f"{r.source.title} says: \u201c{r.source.quote}\u201d")
        if r.policy:
            row["p"] = [ref(policy_text(item)) for item in r.policy]
        if r.waiver:
            row["w"] = ref(waiver_text(r.waiver))
        if r.attestation:
            row["a"] = ref(attestation_text(r.attestation))
        rows.append(row)
    index = {id(r): i for i, r in enumerate(results)}
    more = {name: [index[id(r)] for r in members[DRAWN:]] for name, members in sections.items()}
    return {"S": list(strings), "R": rows, "more": more}


def embedded(document: dict[str, Any]) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` or comment opener can end it early."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def cited(result: Result) -> str:
    """``Guide: "<section>", page N`` (typographic quotes), or ``Source: <title>, <reference>``."""
    if result.guide is not None:
        return f"Guide: \u201c{result.guide.section}\u201d, page {result.guide.page}"
    return result.citation[0].upper() + result.citation[1:]


def waiver_text(waiver: dict[str, Any]) -> str:
    state = "expired on" if waiver.get("expired") else "until"
    return f"Waived by {waiver['by']} {state} {waiver['expires']}: {waiver['reason']}"


def policy_text(item: dict[str, str]) -> str:
    """One itmscheck choice: what, why, and the site-file key that tunes it."""
    setting = f" (tunable in the site file: {item['setting']})" if item.get("setting") else ""
    return f"{item['part']}: {item['why']}{setting}"


def attestation_text(attestation: dict[str, Any]) -> str:
    evidence = f": {attestation['evidence']}" if attestation.get("evidence") else ""
    return f"Attested by {attestation['by']} on {attestation['on']}{evidence}"
