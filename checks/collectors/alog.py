"""Reading the Notification Server's a.log files: entries, their severity, time and message.

The guide says only to check the logs "for errors or warnings" with the
Altiris Log Viewer (Table 1-1, Table 2-1); it does not describe the files.
What this reader assumes is what the files themselves show: one XML-like
element per entry, ``<event date='...' severity='N' ...>`` with the message
in CDATA, severity 1 = error and 2 = warning (then 4 information, 8 trace,
16 verbose, the Notification Server's log levels). Dates are read in the
forms the Symantec Management Platform writes (``2013-09-16 10:55:02.362
-04:00``, ``9/16/2013 10:55:02 AM``, ``Sep 16 10:55:02``); a date without a
zone is taken as UTC (an edge of the window may move by the server's
offset), one without a year as the latest such date not after ``now``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

EVENT = re.compile(r"<event\b([^>]*)>(.*?)</event>", re.S | re.I)
ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:'([^']*)'|"([^"]*)")""")
CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
SEVERITIES = {"1": "error", "2": "warning"}
FORMATS = ("%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M:%S%z", "%m/%d/%Y %H:%M:%S",
           "%m/%d/%Y %I:%M:%S %p", "%d/%m/%Y %H:%M:%S")
GUID = re.compile(r"\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?", re.I)


@dataclass(frozen=True)
class Entry:
    severity: str  # "error" or "warning"
    at: datetime | None  # None: the date attribute (``date``) could not be read
    message: str
    date: str


def entries(text: str, now: datetime) -> Iterator[Entry]:
    """The error and warning entries of one log file's text."""
    for match in EVENT.finditer(text):
        attributes = {m[1].lower(): m[2] or m[3] for m in ATTRIBUTE.finditer(match[1])}
        severity = SEVERITIES.get(attributes.get("severity", "").strip())
        if severity is None:
            continue
        body = CDATA.search(match[2])
        message = body[1] if body else re.sub(r"<[^>]+>", " ", match[2])
        date = attributes.get("date", "")
        yield Entry(severity, when(date, now), message, date)


def when(text: str, now: datetime) -> datetime | None:
    """The time of an entry's ``date`` attribute, in UTC; None when it cannot be read."""
    text = " ".join(text.replace("T", " ").split())
    text = re.sub(r"(\d{2}:\d{2}:\d{2})\.\d+", r"\1", text)  # fractions: not needed, any length
    text = re.sub(r" ?(Z|[+-]\d{2}):?(\d{2})?$", lambda m: "+0000" if m[1] == "Z"
                  else f"{m[1]}{m[2] or '00'}", text)
    for form in FORMATS:
        try:
            parsed = datetime.strptime(text, form)
        except ValueError:
            continue
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    try:
        partial = datetime.strptime(f"{now.year} {text}", "%Y %b %d %H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return partial if partial <= now else partial.replace(year=now.year - 1)


def grouping_key(message: str) -> str:
    """The message's first line with GUIDs and numbers folded, so repeats of one problem group."""
    first = next((line.strip() for line in message.strip().splitlines() if line.strip()), "")
    folded = re.sub(r"\d+", "#", GUID.sub("{guid}", " ".join(first.split())))
    return folded[:200] or "(empty message)"


def decode(data: bytes) -> str:
    """Log text: UTF-16 or UTF-8 by its byte order mark, else UTF-8; bad bytes replaced."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")
