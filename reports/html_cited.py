"""What a rule rests on, as the HTML report shows it, the guide's words kept apart from ours.

A rule cites the guide's section and page, or, a site's own rule, another source
(:func:`citation`). Under it come the words it enforces (:func:`words`: the
guide's ``quote`` and the further sentences of ``guide.also``, or the source's
quote), then, in a box of its own, what in the rule is itmscheck's choice and not
those words (:func:`policy`). An ``error`` says how to get the facts it lacks
instead of the failure's fix (:func:`remedy`).
"""

from __future__ import annotations

from typing import Any

from itmscheck.engine.model import Result, Status


def citation(result: Result) -> str:
    """``Guide: “<section>”, page N``, or ``Source: <title>, <reference> <url>``."""
    if result.guide is not None:
        return f"Guide: \u201c{result.guide.section}\u201d, page {result.guide.page}"
    return result.citation[0].upper() + result.citation[1:]


def words(result: Result) -> list[tuple[str, str]]:
    """(who says it, the words) for each sentence the rule enforces, the rule's own first.

    The sentences of ``guide.also`` name their section and page: they may come from
    another part of the guide than the rule's citation.
    """
    said = [("The guide says", result.quote)] if result.quote else []
    said += [(f"The guide also says (\u201c{item['section']}\u201d, page {item['page']})", item["quote"])
             for item in result.also]
    if result.source is not None and result.source.quote:
        said.append((f"{result.source.title} says", result.source.quote))
    return said


def policy(item: dict[str, Any]) -> str:
    """One itmscheck choice: what, why, and the site-file key that tunes it."""
    setting = f" (tunable in the site file: {item['setting']})" if item.get("setting") else ""
    return f"{item['part']}: {item['why']}{setting}"


def remedy(result: Result) -> tuple[str, str] | None:
    """(label, text) of what to do: how to get the facts for an ``error`` that says so
    ("To evaluate"), the fix for any other result not satisfied, None for a satisfied one."""
    if result.status is Status.ERROR and result.obtain:
        return "To evaluate", result.obtain
    if result.status in (Status.PASSED, Status.ATTESTED, Status.SKIPPED):
        return None
    return "Fix", result.remediation
