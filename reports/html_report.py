"""The HTML report: one self-contained file a change board opens offline and prints.

The verdict comes first and large, then what blocks (the blockers to fix, then
the sign-offs still missing, each with the site-file lines that would attest
it), then the warnings, then the waivers and attestations with who, why and
until when; every rule of the phase follows, grouped by chapter and by the
guide's section, in closed ``<details>``. CSS and JavaScript are inline and
nothing is fetched.

Every rule is markup the server wrote, so the page works without scripts, find
in page sees every rule and printing prints every rule. It stays fast with
thousands of results because the browser renders lazily (closed chapters and
``content-visibility: auto``) and the filters are CSS classes on one element:
a filter change restyles, it does not rebuild. The counts the filters show
come from :func:`index`, so the script never walks the rules either.
Modules: :mod:`~itmscheck.reports.html_values` (how a value reads),
:mod:`~itmscheck.reports.html_notes` (waivers, attestations, site-file lines).
"""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

from itmscheck.engine.model import Report, Result, Status
from itmscheck.reports import Reporter, html_evidence, html_notes, html_values

STATUSES = tuple(status.value for status in Status)
SEVERITIES = ("blocker", "warning", "info")
ATTENTION = (Status.FAILED, Status.ERROR, Status.MANUAL)
SATISFIED = ("passed", "attested", "skipped")
# Rules of a section above the chapters that are elements as the page opens (a screenful
# and more); the rest are drawn right after (see templates/lazy.js).
FIRST = 30


class HtmlReporter(Reporter):
    option = "html"
    description = "HTML report (one self-contained file, opens offline)"

    def render(self, report: Report) -> str:
        from jinja2 import Environment, PackageLoader, select_autoescape

        environment = Environment(loader=PackageLoader("itmscheck.reports", "templates"),
                                  autoescape=select_autoescape(["html", "j2"]),
                                  trim_blocks=True, lstrip_blocks=True,
                                  bytecode_cache=_bytecode_cache())
        groups = sections(report.results)
        listed = chapters(report.results, groups)
        in_page = [*groups["fix"], *groups["sign"], *groups["warn"],
                   *(r for c in listed for g in c["guide"] for r in g["entries"])]
        evidence = html_evidence.in_page_order(in_page)
        environment.filters.update(
            date=html_values.date, plural=html_values.plural, fact=html_values.fact_name,
            evidence=lambda r: evidence[r.rule], waiver=html_notes.waiver,
            attestation=html_notes.attestation, attest_yaml=html_notes.attest_yaml)
        drawn = ({r.rule for c in listed for g in c["guide"] for r in g["entries"]
                  if r.status.value in SATISFIED and r.evidence}
                 if len(report.results) > html_evidence.INLINE_UP_TO else set())
        return environment.get_template("report.html.j2").render(
            report=report, sections=groups, chapters=listed, anchors=anchors(groups),
            statuses=STATUSES, severities=SEVERITIES, satisfied=SATISFIED, drawn=drawn, first=FIRST,
            index=embedded(index(groups, listed)),
            facts=embedded(html_evidence.stored_once(listed, drawn, evidence)) if drawn else None)


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


def sections(results: tuple[Result, ...]) -> dict[str, list[Result]]:
    """The page's sections above the chapters, in reading order.

    ``fix``: blockers that failed or could not be evaluated (work to do);
    ``sign``: blockers a person has not yet confirmed (a sign-off to give);
    ``warn``: what needs attention without blocking, warnings before information;
    ``decl``: every waiver and attestation.
    """
    blocking = [r for r in results if r.blocks]
    attention = [r for r in results if not r.blocks and r.status in ATTENTION]
    return {"fix": [r for r in blocking if r.status is not Status.MANUAL],
            "sign": [r for r in blocking if r.status is Status.MANUAL],
            "warn": sorted(attention, key=lambda r: (SEVERITIES.index(r.severity), r.chapter)),
            "decl": [r for r in results if r.waiver or r.attestation]}


def above(groups: dict[str, list[Result]]) -> dict[str, str]:
    """The rules the sections above the chapters show in full: rule id -> anchor prefix."""
    return {r.rule: prefix for prefix, name in (("b", "fix"), ("b", "sign"), ("w", "warn"))
            for r in groups[name]}


def chapters(results: tuple[Result, ...], groups: dict[str, list[Result]]) -> list[dict[str, Any]]:
    """Each chapter: number, title, count per status, and its other rules by guide section.

    A rule is shown in full once: the blockers and warnings above, every other rule in
    its chapter, which counts what it leaves to the sections above (``above``). Within a
    chapter the rules follow the guide: by page, then section, then rule id. ``key``
    names the chapter (``cN``) in :func:`index`.
    """
    shown = above(groups)
    found: dict[int, list[Result]] = {}
    for result in results:
        found.setdefault(result.chapter, []).append(result)
    listed = []
    for number in sorted(found):
        members = found[number]
        counts = dict.fromkeys(STATUSES, 0)
        for r in members:
            counts[r.status.value] += 1
        ordered = sorted((r for r in members if r.rule not in shown),
                         key=lambda r: (r.guide.page, r.guide.section, r.rule))
        guide = [{"section": ref.section, "page": ref.page, "entries": list(rules)}
                 for ref, rules in groupby(ordered, key=lambda r: r.guide)]
        listed.append({"number": number, "key": f"c{number}", "title": members[0].chapter_title,
                       "total": len(members), "counts": counts, "rules": members, "guide": guide,
                       "above": {prefix: sum(shown.get(r.rule) == prefix for r in members)
                                 for prefix in ("b", "w")}})
    return listed


def anchors(groups: dict[str, list[Result]]) -> dict[str, str]:
    """Where the waivers and attestations section links each of its rules to."""
    shown = above(groups)
    return {r.rule: f"{shown.get(r.rule, 'r')}-{r.rule}" for r in groups["decl"]}


def index(groups: dict[str, list[Result]], listed: list[dict[str, Any]]) -> dict[str, Any]:
    """What the filters count, so the page's script never walks the rules.

    ``g`` maps each counted group (the sections above and each chapter, keyed as
    :func:`chapters` keys them) to rows ``[status, severity, chapter, count]``, status
    and severity as positions in ``statuses`` and ``severities``. A filter's count is
    the sum of the rows it keeps. (A guide section in a chapter is hidden when the
    filters hide all its rules by CSS alone; see filters.js.)
    """
    def rows(members: list[Result]) -> list[list[int]]:
        tally: dict[tuple[int, int, int], int] = {}
        for r in members:
            key = (STATUSES.index(r.status.value), SEVERITIES.index(r.severity), r.chapter)
            tally[key] = tally.get(key, 0) + 1
        return [[*key, count] for key, count in sorted(tally.items())]

    counted = {name: rows(members) for name, members in groups.items()}
    for chapter in listed:
        counted[chapter["key"]] = rows(chapter["rules"])
    return {"statuses": STATUSES, "severities": SEVERITIES, "g": counted}


def embedded(document: dict[str, Any]) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` can end it, no ``<!--`` change its parsing.

    Only ``</`` and ``<!`` are escaped (both occur only inside JSON strings), so markup
    carried in strings costs its own bytes and no more.
    """
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!", "\\u003c!")
