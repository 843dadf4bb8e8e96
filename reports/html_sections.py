"""The HTML report's structure: its sections, its chapters, and what the filters count.

The page reads in this order: the blockers to fix, the sign-offs still missing,
the warnings, the waivers and attestations (:func:`sections`), then every other
rule by rule pack (:func:`by_pack`: the guide's rules, then the known issues),
in its chapter, by the guide's section or the article it cites
(:func:`chapters`); each rule is shown in full once. :func:`index` is what the
page's filters count from.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from itmscheck.engine.model import SEVERITIES, Result, Status
from itmscheck.engine.packs import PACKS, PackState, pack_named

STATUSES = tuple(status.value for status in Status)
ATTENTION = (Status.FAILED, Status.ERROR, Status.MANUAL)


def sections(results: tuple[Result, ...]) -> dict[str, list[Result]]:
    """The page's sections above the chapters, in reading order.

    ``fix``: blockers that failed or could not be evaluated (work to do);
    ``sign``: blockers a person has not yet confirmed (a sign-off to give);
    ``warn``: what needs attention without blocking, warnings before information, by
    chapter and rule id (the console's order: ``Report.open_points``);
    ``decl``: every waiver and attestation.
    """
    blocking = [r for r in results if r.blocks]
    attention = [r for r in results if not r.blocks and r.status in ATTENTION]
    return {"fix": [r for r in blocking if r.status is not Status.MANUAL],
            "sign": [r for r in blocking if r.status is Status.MANUAL],
            "warn": sorted(attention, key=lambda r: (SEVERITIES.index(r.severity), r.chapter, r.rule)),
            "decl": [r for r in results if r.waiver or r.attestation]}


def above(groups: dict[str, list[Result]]) -> dict[str, str]:
    """The rules the sections above the chapters show in full: rule id -> anchor prefix."""
    return {r.rule: prefix for prefix, name in (("b", "fix"), ("b", "sign"), ("w", "warn"))
            for r in groups[name]}


def chapters(results: tuple[Result, ...], groups: dict[str, list[Result]]) -> list[dict[str, Any]]:
    """Each chapter: number, title, count per status, and its other rules by guide section.

    A rule is shown in full once: the blockers and warnings above, every other rule in
    its chapter, which counts what it leaves to the sections above (``above``). Within a
    chapter the rules follow the guide: by page, then section, then rule id; a site's own
    rules that cite another source follow, by source, and a known-issues group's rules are
    grouped by the article they cite (:func:`cited`; such a group has its ``source``).
    ``key`` names the chapter (``cN``) in :func:`index`; ``pack`` is its rules' pack (a
    site's own rules file under the guide's chapters, so theirs is ``guide``).
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
        ordered = sorted((r for r in members if r.rule not in shown), key=lambda r: (*cited(r), r.rule))
        guide = [{"cited": key, "section": key[2], "page": key[1], "source": rules[0].source,
                  "entries": rules}
                 for key, rules in ((key, list(group)) for key, group in groupby(ordered, key=cited))]
        listed.append({"number": number, "key": f"c{number}", "title": members[0].chapter_title,
                       "pack": next((r.pack for r in members if r.pack), PACKS[0].id),
                       "total": len(members), "counts": counts, "rules": members, "guide": guide,
                       "above": {prefix: sum(shown.get(r.rule) == prefix for r in members)
                                 for prefix in ("b", "w")}})
    return listed


def by_pack(listed: list[dict[str, Any]], states: tuple[PackState, ...]) -> list[dict[str, Any]]:
    """The chapters (:func:`chapters`) by rule pack, the packs shown apart in the packs' order.

    Each: the pack's ``id`` and ``title``, its ``state`` in this run (on, or switched off
    by the site file, by whom and why; None when the run does not say), its ``chapters``
    and their ``groups`` (what the filters count the pack by). Every chapter is in one pack,
    so no rule is lost; a pack with no rule of the phase has no group.
    """
    order = [pack.id for pack in PACKS]
    found = {state.id: state for state in states}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for chapter in listed:
        grouped.setdefault(chapter["pack"], []).append(chapter)
    ranked = sorted(grouped, key=lambda pack_id: (order.index(pack_id) if pack_id in order else len(order),
                                                  pack_id))
    return [{"id": pack_id, "title": _title(pack_id, found.get(pack_id)), "state": found.get(pack_id),
             "chapters": grouped[pack_id], "groups": " ".join(c["key"] for c in grouped[pack_id]),
             "total": sum(c["total"] for c in grouped[pack_id])} for pack_id in ranked]


def _title(pack_id: str, state: PackState | None) -> str:
    pack = pack_named(pack_id)
    return state.title if state else pack.title if pack else pack_id


def cited(result: Result) -> tuple[int, int, str, str]:
    """What a rule is grouped under in its chapter: its guide section (by page), or, for a
    known-issues rule or a site's own rule that cites another source, that source, after
    the guide's sections."""
    if result.guide is not None:
        return (0, result.guide.page, result.guide.section, "")
    source = result.source  # a rule cites the guide or a source (rules.schema.json)
    return (1, 0, source.title if source else "", source.reference if source else "")


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
