"""The logs collector: errors and warnings in the Notification Server's a.log files.

The guide asks to "Review the Symantec Management Platform logs for the
errors or the warnings" (Table 1-1) and to "Check logs for errors or
warnings" with the Altiris Log Viewer (Table 2-1), but does not say where the
files are. Symantec's knowledge base (article 171848, "Notification server
(SMP) and agent log directory") gives ``ProgramData\\Symantec\\SMP\\Logs`` for
every 7.x release; on Windows Server 2003 ProgramData is ``All Users\\
Application Data``. ``<Altiris>\\Notification Server\\Logs`` (where 6.0 kept
them) is tried last. The site file's ``files.log_folder`` overrides them all.

The scan is bounded: only a.log files modified within the window are read,
newest first, up to ``files.log_max_mb``; when the window holds more, the
counts stay unknown rather than undercounted.
"""

from __future__ import annotations

import ntpath
import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Any

from itmscheck.collectors import Fragment
from itmscheck.collectors.alog import decode, entries, grouping_key
from itmscheck.collectors.winpaths import ServerFolders, server_folders
from itmscheck.collectors.winpaths import entries as folder_entries

GROUPS = ("logs.folder", "logs.days", "logs.errors_last_days", "logs.warnings_last_days",
          "logs.top_messages")
LOG_FILE = re.compile(r"^a\d*\.log$", re.I)  # a.log and its rolled-over a00001.log, ...
DEFAULT_DAYS, DEFAULT_MAX_MB, TOP = 7, 256, 10


class LogsCollector:
    name = "logs"
    groups = GROUPS

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now  # tests fix the clock; collect uses the time it runs

    def collect(self, role: str, site: dict[str, Any]) -> Fragment:
        fragment = Fragment()
        server = server_folders(site)
        options = server.options or {}
        days = int(options.get("log_days") or DEFAULT_DAYS)
        folder = None if server.unreadable else log_folder(server)
        if folder is None:
            reason = server.unreadable or ("no a.log folder found (tried "
                                           + ", ".join(candidates(server)) + "); set files.log_folder")
            for path in GROUPS:
                fragment.miss(path, reason)
            if server.configured:
                fragment.failures.append(reason)
            return fragment
        fragment.put("logs.folder", folder)
        fragment.put("logs.days", days)
        now = self._now or datetime.now(timezone.utc)
        try:
            counts, top = scan(server, folder, now - timedelta(days=days), now,
                               int(options.get("log_max_mb") or DEFAULT_MAX_MB) << 20)
        except OSError as error:  # a log locked or denied: the counts would be partial
            for path in GROUPS[2:]:
                fragment.miss(path, f"{error.filename or folder}: {error.strerror or error}")
        except ValueError as error:
            for path in GROUPS[2:]:
                fragment.miss(path, str(error))
        else:
            fragment.put("logs.errors_last_days", counts["error"])
            fragment.put("logs.warnings_last_days", counts["warning"])
            fragment.put("logs.top_messages", top)
        fragment.provenance["logs"] = {"kind": "collected", "by": self.name,
                                       "detail": f"a.log files in {folder}, {server.describe()}"}
        return fragment


def candidates(server: ServerFolders) -> list[str]:
    given = (server.options or {}).get("log_folder")
    if given:
        return [str(given)]
    return [*(ntpath.join(p, r"Symantec\SMP\Logs") for p in server.program_data()),
            server.under_install(r"Notification Server\Logs")]


def log_folder(server: ServerFolders) -> str | None:
    return next((c for c in candidates(server) if server.local(c).is_dir()), None)


def scan(server: ServerFolders, folder: str, since: datetime, now: datetime,
         budget: int) -> tuple[Counter[str], list[dict[str, Any]]]:
    """Errors and warnings since ``since``, and the most frequent messages among them."""
    files = [f for f in folder_entries(server.local(folder), folder)
             if LOG_FILE.match(f.name) and f.is_file()]
    recent = sorted((f for f in files if f.stat().st_mtime >= since.timestamp()),
                    key=lambda f: f.stat().st_mtime, reverse=True)
    if sum(f.stat().st_size for f in recent) > budget:
        raise OSError(0, f"the a.log files of the window exceed {budget >> 20} MB "
                         "(raise files.log_max_mb or shorten files.log_days)", folder)
    counts: Counter[str] = Counter(error=0, warning=0)
    messages: Counter[tuple[str, str]] = Counter()
    for file in recent:
        try:
            text = decode(file.read_bytes())
        except OSError as error:
            raise OSError(error.errno, error.strerror, ntpath.join(folder, file.name)) from None
        for entry in entries(text, now):
            if entry.at is None:  # skipping it could hide the very error that matters
                raise ValueError(f"{ntpath.join(folder, file.name)}: an {entry.severity} entry's "
                                 f"date {entry.date!r} is in no form this reader knows")
            if since <= entry.at <= now:
                counts[entry.severity] += 1
                messages[(entry.severity, grouping_key(entry.message))] += 1
    top = sorted(messages.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    return counts, [{"message": m, "severity": s, "count": n} for (s, m), n in top]
