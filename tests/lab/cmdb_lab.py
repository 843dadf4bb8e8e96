"""The staged lab CMDB: Altiris-shaped tables in PostgreSQL, generated from a seed.

``lab_sql(LabSpec(...))`` returns one SQL script (run with psql as the lab's
superuser) that creates the tables the probes read - with their Altiris
column spelling: unquoted names fold to lower case in PostgreSQL, columns
with spaces are created quoted with their exact case - and fills them with N
managed computers, sites and their subnets, site servers, agents (32- and
64-bit), items and references, the hierarchy, replication jobs and the
Patch Management tables of the 7.0 or the 7.5 release. The same seed gives
the same database; ``expected`` says what the probes must find in it.

The three SQL Server catalog views the table probe reads (``sys.tables``,
``sys.schemas``, ``sys.partitions``) are staged with Microsoft's column names
over PostgreSQL's catalog; row counts are exact (a count per table, here).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from typing import Any

AGENTS = ("Altiris Agent", "Altiris Inventory Agent", "Altiris Software Update Agent")
PATCH_70 = ("Inv_Installed_Red_Hat_Software_Update", "Inv_Applicable_Red_Hat_Software_Update",
            "Inv_Patchable_Red_Hat_Software_Update", "Inv_Installed_Novell_Software_Update",
            "Inv_Applicable_Novell_Software_Update", "Inv_Patchable_Novell_Software_Update")
PATCH_75 = ("Inv_InstalledSoftware", "Inv_Patchable_Linux_Software_Update")

DDL = """
CREATE SCHEMA dbo;
CREATE TABLE dbo.vComputerResource (Guid varchar(36) PRIMARY KEY, Name varchar(64), IsManaged int);
CREATE TABLE dbo.vComputer (Guid varchar(36) PRIMARY KEY, Name varchar(64), Domain varchar(64),
  "IP Address" varchar(45));
CREATE TABLE dbo.Inv_AeX_AC_Identification (_ResourceGuid varchar(36), "OS Name" varchar(128),
  "OS Version" varchar(32), "System Type" varchar(8), fqdn varchar(255));
CREATE TABLE dbo.Inv_AeX_AC_TCPIP (_ResourceGuid varchar(36), "Host Name" varchar(64),
  "Primary DNS Suffix" varchar(128), "IP Address" varchar(45), "Subnet" varchar(45),
  "Subnet Mask" varchar(45));
CREATE TABLE dbo.Inv_AeX_AC_Client_Agent (_ResourceGuid varchar(36), "Agent Name" varchar(128),
  "Product Version" varchar(32));
CREATE TABLE dbo.Item (Guid varchar(36) PRIMARY KEY, Name varchar(255), ClassGuid varchar(36));
CREATE TABLE dbo.ItemReference (ParentItemGuid varchar(36), ChildItemGuid varchar(36), Hint varchar(64));
CREATE TABLE dbo.HierarchyNode (Guid varchar(36) PRIMARY KEY, ServerName varchar(255),
  ParentNodeGuid varchar(36), IsLocal int);
CREATE TABLE dbo.ReplicationJob (Guid varchar(36) PRIMARY KEY, State int, CreatedDate timestamp);
CREATE TABLE dbo.vSite (Guid varchar(36) PRIMARY KEY, Name varchar(128));
CREATE TABLE dbo.vSiteSubnetMap (_SiteGuid varchar(36), Subnet varchar(45));
CREATE TABLE dbo.vSiteServices (Guid varchar(36), "Host Name" varchar(64),
  "Primary DNS Suffix" varchar(128), _SiteGuid varchar(36));
CREATE TABLE dbo.SWDPackageCodebase (_ResourceGuid varchar(36), Codebase varchar(255));
CREATE SCHEMA sys;
CREATE VIEW sys.schemas AS SELECT oid::bigint AS schema_id, nspname::varchar AS name FROM pg_namespace;
CREATE VIEW sys.tables AS SELECT c.oid::bigint AS object_id, c.relname::varchar AS name,
  c.relnamespace::bigint AS schema_id FROM pg_class c WHERE c.relkind = 'r';
-- MATERIALIZED: each table is counted once per query, not once per row of a join.
CREATE VIEW sys.partitions AS WITH counted AS MATERIALIZED (
  SELECT c.oid::bigint AS object_id, 1 AS index_id,
  (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname,
   c.relname), false, true, '')))[1]::text::bigint AS rows
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND n.nspname = 'dbo') SELECT object_id, index_id, rows FROM counted;
"""


@dataclass(frozen=True)
class LabSpec:
    seed: int = 7
    computers: int = 300
    sites: int = 3
    release: str = "7.0"            # which Patch Management tables exist
    notification_server: str = "NS70"
    parent: str | None = None       # hierarchy parent's server name
    children: tuple[str, ...] = ()
    unfinished_jobs: int = 0        # replication jobs in states KB 180303 does not name
    finished_jobs: int = 12


@dataclass
class Lab:
    sql: str
    expected: dict[str, Any] = field(default_factory=dict)


def _guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()


def _values(rows: list[tuple[Any, ...]]) -> str:
    def literal(v: Any) -> str:
        if v is None:
            return "NULL"
        if isinstance(v, int):
            return str(v)
        return "'" + str(v).replace("'", "''") + "'"
    return ",\n".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)


def _insert(table: str, rows: list[tuple[Any, ...]], out: list[str]) -> None:
    for start in range(0, len(rows), 1000):
        out.append(f"INSERT INTO dbo.{table} VALUES\n{_values(rows[start:start + 1000])};")


def lab_sql(spec: LabSpec) -> Lab:
    rng = random.Random(spec.seed)
    out = [DDL]
    tables: dict[str, list[tuple[Any, ...]]] = {}
    sites = [(_guid(rng), f"Site-{i + 1:02d}") for i in range(spec.sites)]
    subnets = {guid: [f"10.{20 + i}.{j}.0" for j in range(2)] for i, (guid, _n) in enumerate(sites)}
    tables["vSite"] = list(sites)
    tables["vSiteSubnetMap"] = [(g, s) for g, _n in sites for s in subnets[g]]
    tables["vSiteServices"] = [(_guid(rng), f"SS{i + 1:02d}", "corp.example", g)
                               for i, (g, _n) in enumerate(sites)]
    resources, computers, ident, tcpip, agents = [], [], [], [], []
    managed, per_site = 0, {name: 0 for _g, name in sites}
    names = [spec.notification_server] + [f"PC{n:05d}" for n in range(spec.computers)]
    for index, name in enumerate(names):
        guid = _guid(rng)
        site_guid, site_name = sites[index % len(sites)]
        is_managed = 1 if index == 0 or rng.random() > 0.05 else 0
        bits = "Win64" if index == 0 or rng.random() < 0.6 else "Win32"
        subnet = rng.choice(subnets[site_guid])
        ip = subnet.rsplit(".", 1)[0] + f".{index % 250 + 2}"
        os_name = ("Microsoft Windows Server 2003 R2 Enterprise Edition" if index == 0
                   else rng.choice(("Microsoft Windows 7 Enterprise", "Microsoft Windows XP")))
        resources.append((guid, name, is_managed))
        computers.append((guid, name, "CORP", ip))
        ident.append((guid, os_name, "5.2.3790" if index == 0 else "6.1.7601", bits,
                      f"{name.lower()}.corp.example"))
        nics = 2 if rng.random() < 0.1 else 1  # a second adapter in the same subnet
        tcpip += [(guid, name, "corp.example", ip, subnet, "255.255.255.0")] * nics
        if is_managed:
            managed += 1
            per_site[site_name] += 1
            agents += [(guid, agent, "7.0.8640" if bits == "Win32" else "7.0.8640.x64")
                       for agent in AGENTS]
    tables.update({"vComputerResource": resources, "vComputer": computers,
                   "Inv_AeX_AC_Identification": ident, "Inv_AeX_AC_TCPIP": tcpip,
                   "Inv_AeX_AC_Client_Agent": agents})
    items = [(_guid(rng), f"Item {n}", _guid(rng)) for n in range(spec.computers // 2 + 10)]
    tables["Item"] = items
    tables["ItemReference"] = [(rng.choice(items)[0], rng.choice(items)[0], "policyappliesto")
                               for _ in range(len(items) * 2)]
    local = _guid(rng)
    parent = _guid(rng) if spec.parent else None
    nodes = [(local, spec.notification_server, parent, 1)]
    if spec.parent:
        nodes.append((parent, spec.parent, None, 0))
    nodes += [(_guid(rng), child, local, 0) for child in spec.children]
    tables["HierarchyNode"] = nodes
    states = [rng.choice((4, 5, 6)) for _ in range(spec.finished_jobs)]
    states += [rng.choice((1, 2, 3)) for _ in range(spec.unfinished_jobs)]
    tables["ReplicationJob"] = [(_guid(rng), s, "2026-11-19 10:00:00") for s in states]
    tables["SWDPackageCodebase"] = [(_guid(rng), f"http://ss01/pkg/{n}") for n in range(25)]
    for patch in PATCH_70 if spec.release == "7.0" else PATCH_75:
        out.append(f"CREATE TABLE dbo.{patch} (_ResourceGuid varchar(36), Name varchar(128));")
        tables[patch] = [(rng.choice(resources)[0], f"update-{n}") for n in range(rng.randint(5, 40))]
    for table, rows in tables.items():
        if rows:
            _insert(table, rows, out)
    expected = {
        "resources.managed_computers": managed,
        "resources.sites": [{"name": n, "agents": per_site[n]} for _g, n in sites],
        "cmdb.tables": dict(sorted((t, len(r)) for t, r in tables.items())),
        "hierarchy.parent": spec.parent,
        "hierarchy.children": sorted(spec.children),
        "host.name": spec.notification_server,
        "host.ip_addresses": [computers[0][3]],
        "host.fqdn": ident[0][4],
        "host.os.name": ident[0][1],
    }
    return Lab(sql="\n".join(out) + "\nANALYZE;\n", expected=expected)
