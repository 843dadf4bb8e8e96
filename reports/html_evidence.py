"""The facts a rule read, as the HTML report shows them: fact, value, where it came from.

A rule's evidence is rows (fact, value, source: a ``<dl>`` of ``dt dd dd``) and,
for the facts it read on both servers, comparison tables (:mod:`.html_compare`).
:func:`in_page_order` makes both as escaped markup for every rule; a long
value (the product list that 66 rules read) is shown in full the first time and
linked to after that, so the page, and its printout, hold it once. The template
writes the parts into the page, or, for the rules that passed, were attested or
were skipped in a report too large to carry all of it as markup
(:data:`INLINE_UP_TO`), :func:`stored_once` carries them with each repeated string
once and the page's script draws them (when a chapter opens, before printing,
and while idle).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from itmscheck.engine.model import Result
from itmscheck.reports import html_compare
from itmscheck.reports.html_compare import source
from itmscheck.reports.html_values import plural, readable

# Up to this many results every fact is markup: the page is complete without scripts.
# Beyond it, the facts of satisfied rules (5,000 rules' worth is ~0.7 MB of markup)
# travel stored once, and the page stays under 2 MB.
INLINE_UP_TO = 1000
# A value whose markup is longer than this is shown once and linked to after that.
LONG = 240

Row = tuple[str, Markup, Markup | None]
"""A fact's name (text: the template and the script add its break points), value and
source; no source when the value is a link to where it was shown with its source."""


def in_page_order(results: Iterable[Result]) -> dict[str, tuple[list[Row], list[Markup]]]:
    """Each rule's evidence as ``(rows, comparison tables)``, ``results`` in page order."""
    seen: dict[str, tuple[str, str]] = {}
    return {result.rule: parts(result, seen) for result in results}


def parts(result: Result, seen: dict[str, tuple[str, str]]) -> tuple[list[Row], list[Markup]]:
    """One rule's evidence; ``seen`` maps the long values shown so far to (anchor, rule)."""
    evidence = result.evidence
    lists, others, single = html_compare.pairs(evidence)
    rows: list[Row] = []
    for name in single:
        value = once(_key(name, evidence[name].value), readable(evidence[name].value), result, seen,
                     _what(evidence[name].value))
        rows.append((name, value, None if value.startswith("<a") else source(evidence[name])))
    tables = [once(_key(old + " " + new, [evidence[old].value, evidence[new].value]),
                   html_compare.lists(old, evidence[old], new, evidence[new]), result, seen,
                   "the same comparison")
              for old, new in lists]
    # A link in place of a table is a paragraph of its own, never the tail of the one before
    # (the page leaves out optional end tags: it would run on from the "Fix:" line).
    tables = [Markup("<p>{}</p>").format(table) if table.startswith("<a") else table for table in tables]
    if others:
        tables.append(html_compare.values(evidence, others))
    return rows, tables


def once(key: str, markup: Markup, result: Result, seen: dict[str, tuple[str, str]],
         what: str) -> Markup:
    """A long value in full the first time (with an anchor), a link to it after that."""
    if len(markup) <= LONG:
        return markup
    if key in seen:
        anchor, first = seen[key]
        return Markup('<a href="#{}">{} (and source) as for {}</a>').format(anchor, what, first)
    anchor = f"v{len(seen)}"
    seen[key] = (anchor, result.rule)
    return Markup('<div id="{}">{}</div>').format(anchor, markup)


def _key(name: str, value: Any) -> str:
    return name + "\0" + json.dumps(value, sort_keys=True, default=str)


def _what(value: Any) -> str:
    if isinstance(value, list):
        return f"the same {plural(len(value), 'item')}"
    return "the same value"


def stored_once(chapters: Iterable[dict[str, Any]], drawn: set[str],
                evidence: dict[str, tuple[list[Row], list[Markup]]]) -> dict[str, Any]:
    """The evidence the script draws, each repeated string and row once.

    ``S`` is the strings (markup); ``R`` the rows, ``[fact, value, source]`` as positions
    in ``S`` (``source`` null when the value links to where it was shown; ``[null,
    table, null]`` for a comparison table); ``E`` maps each chapter's key to one entry
    per rule listed in it, in page order: ``0`` when the page already holds its facts,
    else the positions of its rows in ``R``. ``drawn`` holds the ids of the rules whose
    facts the script draws, ``evidence`` every rule's parts (:func:`in_page_order`).
    """
    strings: dict[str, int] = {}
    rows: dict[tuple[int | None, int, int | None], int] = {}

    def ref(text: Markup) -> int:
        return strings.setdefault(str(text), len(strings))

    def row(fact: int | None, value: int, source: int | None) -> int:
        return rows.setdefault((fact, value, source), len(rows))

    entries: dict[str, list[Any]] = {}
    for chapter in chapters:
        listed: list[Any] = entries.setdefault(chapter["key"], [])
        for guide in chapter["guide"]:
            for result in guide["entries"]:
                if result.rule not in drawn:
                    listed.append(0)
                    continue
                facts, tables = evidence[result.rule]
                listed.append([row(ref(escape(f)), ref(v), None if s is None else ref(s))
                               for f, v, s in facts] + [row(None, ref(t), None) for t in tables])
    return {"S": list(strings), "R": [list(key) for key in rows], "E": entries}
