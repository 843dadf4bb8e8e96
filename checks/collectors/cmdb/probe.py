"""The CMDB probes: one T-SQL SELECT per ``.sql`` file, named for the fact it yields.

Each file starts with ``--`` header lines the collector reads:

- ``-- fact: a.b, c.d``: the fact paths the probe yields;
- ``-- server: any | sqlserver``: ``any`` = SQL that SQL Server and the lab's
  PostgreSQL both accept; ``sqlserver`` = only SQL Server can answer it;
- ``-- parameter: ...``: the probe takes one ``?`` parameter (what it is);
- ``-- scan: yes``: it reads tables that grow with the number of computers, so
  it runs on a connection of its own, concurrently with the other scans;
- ``-- source: OBJECT (Column, Column)`` (a function: ``NAME()``), followed by
  ``--   at: KB number or URL`` and ``--   line: "the exact line printed
  there"``: a public source for that object and those columns;
- ``-- unconfirmed: OBJECT (Column)``, followed by ``--   why: ...``: what the
  probe uses that no public source shows. The facts of such a probe carry
  ``unconfirmed`` in their provenance, and the reports show it.

An indented ``--`` line continues the entry above it; any other comment is
free text. ``tests/test_probe_citations.py`` parses every probe and requires
a ``source`` or ``unconfirmed`` entry for each table, column and non-standard
function it uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

SERVERS = ("any", "sqlserver")
_ENTRY = re.compile(r"^--\s(\w+):\s?(.*)$")
_SUB = re.compile(r"^--\s{3,}(at|line|why):\s?(.*)$")
_MORE = re.compile(r"^--\s{3,}(\S.*)$")
_OBJECT = re.compile(r"^(?P<object>[\w.]+)\s*(?:\((?P<columns>[^)]*)\))?\s*$")
_WHERE = re.compile(r"\bKB\s*\d+|https?://\S+")


@dataclass(frozen=True)
class Citation:
    """Where the public record shows ``object`` and ``columns`` (``unconfirmed``: that it does not)."""

    object: str
    columns: tuple[str, ...]
    at: str = ""
    line: str = ""
    why: str = ""
    function: bool = False

    @property
    def confirmed(self) -> bool:
        return not self.why

    def names(self) -> str:
        """``dbo.vThisNS (Guid)``: the object and columns as the header writes them."""
        if self.function:
            return f"{self.object}()"
        return f"{self.object} ({', '.join(self.columns)})" if self.columns else self.object


@dataclass(frozen=True)
class Probe:
    name: str
    facts: tuple[str, ...]
    server: str
    sql: str
    parameter: str | None = None
    scan: bool = False
    citations: tuple[Citation, ...] = ()

    def runs_on(self, dbms: str) -> bool:
        return self.server == "any" or (self.server == "sqlserver" and is_sql_server(dbms))

    @property
    def unconfirmed(self) -> tuple[Citation, ...]:
        return tuple(c for c in self.citations if not c.confirmed)

    def unconfirmed_note(self) -> str | None:
        """What its facts' provenance says when part of the probe has no public source."""
        if not self.unconfirmed:
            return None
        return (f"probe {self.name} uses what no public source shows: "
                + "; ".join(c.names() for c in self.unconfirmed))


def is_sql_server(dbms: str) -> bool:
    return "sql server" in dbms.lower()


def probe_folder() -> Traversable:
    return resources.files("itmscheck.collectors.cmdb").joinpath("probes")


def load_probes(folder: Traversable | None = None) -> list[Probe]:
    """Every probe of the folder, by name; a malformed header is a packaging bug."""
    folder = folder or probe_folder()
    found = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".sql"):
            found.append(parse_probe(item.name[: -len(".sql")], item.read_text(encoding="utf-8")))
    return found


def parse_probe(name: str, text: str) -> Probe:
    header: dict[str, str] = {}
    entries: list[dict[str, str]] = []
    last: tuple[dict[str, str], str] | None = None
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        sub, entry, more = _SUB.match(line), _ENTRY.match(line), _MORE.match(line)
        if sub and last and last[0] is not header:
            last = (last[0], sub.group(1))
            last[0][sub.group(1)] = sub.group(2).strip()
        elif entry and entry.group(1) in ("source", "unconfirmed"):
            entries.append({"kind": entry.group(1), "object": entry.group(2).strip()})
            last = (entries[-1], "object")
        elif entry and entry.group(1) in ("fact", "server", "parameter", "scan"):
            header[entry.group(1)] = entry.group(2).strip()
            last = (header, entry.group(1))
        elif more and last:
            last[0][last[1]] = f"{last[0][last[1]]} {more.group(1).strip()}".strip()
        else:
            last = None  # free text: what follows is no longer part of an entry
    facts = tuple(f.strip() for f in header.get("fact", "").split(",") if f.strip())
    server = header.get("server", "")
    if not facts or server not in SERVERS:
        raise ValueError(f"probe {name}: its header needs '-- fact:' and '-- server: any|sqlserver'")
    return Probe(name=name, facts=facts, server=server, sql=text, parameter=header.get("parameter"),
                 scan=header.get("scan", "").lower() == "yes",
                 citations=tuple(_citation(name, e) for e in entries))


def _citation(probe: str, entry: dict[str, str]) -> Citation:
    match = _OBJECT.match(entry["object"].replace("()", "", 1)
                          if entry["object"].endswith("()") else entry["object"])
    if match is None:
        raise ValueError(f"probe {probe}: cannot read the object of {entry['kind']}: "
                         f"{entry['object']!r} (write OBJECT (Column, ...) or NAME())")
    columns = tuple(c.strip().strip('[]"') for c in (match.group("columns") or "").split(",")
                    if c.strip())
    citation = Citation(object=match.group("object"), columns=columns, at=entry.get("at", ""),
                        line=entry.get("line", ""), why=entry.get("why", ""),
                        function=entry["object"].endswith("()"))
    if entry["kind"] == "source":
        if not _WHERE.search(citation.at) or not re.fullmatch(r'".+"', citation.line):
            raise ValueError(f"probe {probe}: source {citation.names()} needs '--   at:' with a "
                             "KB number or URL and '--   line: \"...\"' quoting it")
        if citation.why:
            raise ValueError(f"probe {probe}: source {citation.names()} has a 'why:'")
    elif not citation.why:
        raise ValueError(f"probe {probe}: unconfirmed {citation.names()} needs '--   why:'")
    return citation
