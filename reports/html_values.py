"""Facts as a person reads them in the HTML report: lists as lists, dates as dates.

The JSON report keeps every value exactly; this page is for reading, so a
product list is a list (or, beside the other server's list, a two-column
comparison), an ISO date is "24 Nov 2026, 16:00 UTC" with the ISO value kept in
a ``title``, and a fact name can wrap after its dots. Everything returned is
escaped :class:`~markupsafe.Markup`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from markupsafe import Markup, escape

NO_SOURCE = Markup("<em>no known source</em>")

_ISO = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?")


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date(text: str) -> Markup:
    """An ISO 8601 date or time as "24 Nov 2026, 16:00 UTC", the ISO value in the title.

    Anything that is not a valid ISO date comes back as plain (escaped) text. Month
    names are English whatever the locale: the report's language.
    """
    if not _ISO.fullmatch(text):
        return escape(text)
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return escape(text)
    shown = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    if len(text) > 10:
        shown += f", {moment:%H:%M}" + (f":{moment:%S}" if moment.second else "")
        offset = moment.utcoffset()
        if offset is not None:
            minutes = int(offset.total_seconds()) // 60
            sign = "+" if minutes >= 0 else "-"
            shown += " UTC" + (f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}" if minutes else "")
    return Markup('<time datetime="{0}" title="{0}">{1}</time>').format(text, shown)


def age(collected: str, checked: str) -> str:
    """How long before the check the evidence was collected: ``11.6 days before the check``.

    In days with one decimal, as the run's evidence-age warning counts them; both are
    ISO 8601 instants (the report's ``collected_at`` and ``checked_at``).
    """
    try:
        days = (_instant(checked) - _instant(collected)).total_seconds() / 86400
    except ValueError:
        return "age unknown"
    if days < 0:
        return "dated after the check"
    return f"{days:.1f} days before the check"


def _instant(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.utcoffset() is None:
        raise ValueError(f"{text!r} has no zone")
    return moment


# Names up to this length fit the fact column at any width the page supports (on paper
# too; 320 px stacks the column); longer ones get break points, which cost bytes.
SHORT_NAME = 20


def fact_name(name: str) -> Markup:
    """A dotted fact name that may wrap after its dots, and only there (``<wbr>``)."""
    if len(name) <= SHORT_NAME:
        return escape(name)
    return Markup(".<wbr>").join(escape(part) for part in name.split("."))


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 rule``, ``53 rules``; ``nouns`` when the plural is not noun + s."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def inline(value: Any) -> Markup:
    """A value on one line: lists joined by commas, mappings as ``key value``."""
    # Plain joins of escaped parts: Markup.format runs Python's string.Formatter, which
    # made these few lines most of a report's rendering time (bench/fleet.py).
    if isinstance(value, dict):
        return Markup(", ".join(f"{escape(key)} {inline(item)}" for key, item in value.items()))
    if isinstance(value, list):
        return Markup(", ".join(inline(item) for item in value)) if value else Markup("none")
    return scalar(value)


def scalar(value: Any) -> Markup:
    if value is None:
        return Markup('<em class="null">null (not known)</em>')
    if isinstance(value, bool):
        return Markup("true" if value else "false")
    if isinstance(value, str):
        return date(value) if value else Markup('<em class="null">empty text</em>')
    return escape(str(value))


def item(value: Any) -> Markup:
    """One item of a list: a mapping leads with its name, its other fields in brackets."""
    if not isinstance(value, dict):
        return inline(value)
    fields = "; ".join(f'<span class="k">{escape(key)}</span> {inline(field)}'
                       for key, field in value.items() if key != "name")
    if "name" not in value:
        return Markup(fields)
    name = f"<b>{inline(value['name'])}</b>"
    return Markup(f"{name} ({fields})" if len(value) > 1 else name)


def readable(value: Any) -> Markup:
    """A fact's value in an evidence cell."""
    if isinstance(value, list):
        if not value:
            return Markup('<em class="null">none (an empty list)</em>')
        return Markup('<ul class="vl">' + "".join(f"<li>{item(entry)}</li>" for entry in value) + "</ul>")
    if isinstance(value, dict):
        if not value:
            return Markup('<em class="null">none (empty)</em>')
        pairs = "".join(f'<li><span class="k">{escape(key)}</span> {inline(field)}</li>'
                        for key, field in value.items())
        return Markup(f'<ul class="vl">{pairs}</ul>')
    return scalar(value)
