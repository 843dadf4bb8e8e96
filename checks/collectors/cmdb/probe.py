"""The CMDB probes: one T-SQL SELECT per ``.sql`` file, named for the fact it yields.

Each file starts with ``--`` header lines the collector reads:

- ``-- fact: a.b, c.d``: the fact paths the probe yields;
- ``-- server: any | sqlserver``: ``any`` = SQL that SQL Server and the lab's
  PostgreSQL both accept; ``sqlserver`` = only SQL Server can answer it;
- ``-- parameter: ...``: the probe takes one ``?`` parameter (what it is);
- ``-- scan: yes``: it reads tables that grow with the number of computers, so
  it runs on a connection of its own, concurrently with the other scans;
- ``-- documented: ...``: where its tables and columns are documented.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

SERVERS = ("any", "sqlserver")


@dataclass(frozen=True)
class Probe:
    name: str
    facts: tuple[str, ...]
    server: str
    sql: str
    parameter: str | None = None
    scan: bool = False

    def runs_on(self, dbms: str) -> bool:
        return self.server == "any" or (self.server == "sqlserver" and is_sql_server(dbms))


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
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        key, sep, value = line[2:].partition(":")
        if sep and key.strip() in ("fact", "server", "parameter", "scan"):
            header[key.strip()] = value.strip()
    facts = tuple(f.strip() for f in header.get("fact", "").split(",") if f.strip())
    server = header.get("server", "")
    if not facts or server not in SERVERS:
        raise ValueError(f"probe {name}: its header needs '-- fact:' and '-- server: any|sqlserver'")
    return Probe(name=name, facts=facts, server=server, sql=text, parameter=header.get("parameter"),
                 scan=header.get("scan", "").lower() == "yes")
