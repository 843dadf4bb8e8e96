"""The staged lab CMDB: Altiris-shaped tables and views in PostgreSQL, generated from a seed.

``lab_sql(LabSpec(...))`` returns one SQL script (run with psql as the lab's
superuser) that creates what the probes read, in the shapes the public
evidence shows (tests/test_lab_schema.py ties every column a probe cites to
this DDL, and this DDL's columns back to the probes' citations):

- the ``v...`` objects are views, as in the CMDB, over storage of the lab's
  own in schema ``lab`` (which the probes' role cannot read);
- ``HierarchyNode`` is a parent -> child link table (``ParentGuid``,
  ``ChildGuid``, Broadcom KB 158071) and ``vThisNS`` names this server's node;
- site subnets are written in CIDR form (KB 180297);
- ``dbo.fnVersionCompare`` compares dotted versions, as the CMDB's does.

Unquoted names fold to lower case in PostgreSQL; columns with spaces are
created quoted with their exact case. It is filled with N managed computers,
their agents and plug-ins, sites and subnets, items, the hierarchy,
replication jobs, products, resource keys and the Patch Management tables of
the 7.0 or the 7.5 release. The same seed gives the same database;
``expected`` says what the probes must find in it.

The three SQL Server catalog views the table probe reads (``sys.objects``,
``sys.schemas``, ``sys.partitions``) are staged with Microsoft's column names
over PostgreSQL's catalog; row counts are exact (a count per table, here).
T-SQL's ``+`` between strings is staged as an operator of ``dbo``.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from typing import Any

AGENTS = {"Altiris Agent": "7.0.8640", "Altiris Inventory Agent": "7.0.1218",
          "Altiris Software Update Agent": "7.0.3800"}
OLDER_AGENT = "7.0.7811"  # a core agent older than the Notification Server's own
PATCH_70 = ("Inv_Installed_Red_Hat_Software_Update", "Inv_Applicable_Red_Hat_Software_Update",
            "Inv_Patchable_Red_Hat_Software_Update", "Inv_Installed_Novell_Software_Update",
            "Inv_Applicable_Novell_Software_Update", "Inv_Patchable_Novell_Software_Update")
PATCH_75 = ("Inv_InstalledSoftware", "Inv_Patchable_Linux_Software_Update")
# Views in the CMDB: here each reads a storage table of the same name in schema lab.
VIEWS = {
    "vComputerResource": "Guid varchar(36) PRIMARY KEY, IsManaged int",
    "vComputer": 'Guid varchar(36) PRIMARY KEY, Name varchar(64), "IP Address" varchar(45)',
    "vSite": "Guid varchar(36) PRIMARY KEY, Name varchar(128)",
    "vSiteSubnetMap": "_SiteGuid varchar(36), Subnet varchar(45)",
    "vSiteServices": 'Guid varchar(36), "Host Name" varchar(64), "Primary DNS Suffix" varchar(128)',
    "vThisNS": "Guid varchar(36)",
    "vProductInstallation": "Name varchar(128), State text",
}

DDL = """
CREATE SCHEMA dbo;
CREATE SCHEMA lab;
CREATE TABLE dbo.Inv_AeX_AC_Identification (_ResourceGuid varchar(36), "OS Name" varchar(128),
  fqdn varchar(255));
CREATE TABLE dbo.Inv_AeX_AC_TCPIP (_ResourceGuid varchar(36), Subnet varchar(45),
  "Subnet Mask" varchar(45));
CREATE TABLE dbo.Inv_AeX_AC_Client_Agent (_ResourceGuid varchar(36), "Agent Name" varchar(128),
  "Product Version" varchar(32));
CREATE TABLE dbo.Item (Guid varchar(36) PRIMARY KEY, Name varchar(255));
CREATE TABLE dbo.ItemReference (ChildItemGuid varchar(36), Hint varchar(64));
CREATE TABLE dbo.HierarchyNode (ParentGuid varchar(36), ChildGuid varchar(36));
CREATE TABLE dbo.ReplicationJob (State int);
CREATE TABLE dbo.SWDPackageCodebase (PackageId varchar(36), URL varchar(255));
CREATE TABLE dbo.ResourceKey (ResourceGuid varchar(36), KeyName varchar(64), KeyValue varchar(255));
""" + "".join(f"CREATE TABLE lab.{name} ({columns});\n"
              f"CREATE VIEW dbo.{name} AS SELECT * FROM lab.{name};\n"
              for name, columns in VIEWS.items()) + """
CREATE FUNCTION dbo.fnVersionCompare(a varchar, b varchar) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN x < y THEN -1 WHEN x > y THEN 1 ELSE 0 END
    FROM (SELECT string_to_array(regexp_replace(a, '[^0-9.]', '', 'g'), '.')::int[] AS x,
                 string_to_array(regexp_replace(b, '[^0-9.]', '', 'g'), '.')::int[] AS y) AS v
$$;
CREATE FUNCTION dbo.tsql_concat(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT a || b';
CREATE OPERATOR dbo.+ (LEFTARG = text, RIGHTARG = text, FUNCTION = dbo.tsql_concat);
CREATE SCHEMA sys;
CREATE VIEW sys.schemas AS SELECT oid::bigint AS schema_id, nspname::varchar AS name FROM pg_namespace;
CREATE VIEW sys.objects AS SELECT c.oid::bigint AS object_id, c.relname::varchar AS name,
  c.relnamespace::bigint AS schema_id, CASE c.relkind WHEN 'v' THEN 'V' ELSE 'U' END AS type
  FROM pg_class c WHERE c.relkind IN ('r', 'v');
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
    products: tuple[str, ...] = ("Symantec Management Platform", "Inventory Solution",
                                 "Software Management Solution",
                                 "Patch Management Solution for Windows")
    shared_keys: int = 2            # MAC address keys two computers each hold (duplicates)


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
    schema = "lab" if table in VIEWS else "dbo"
    for start in range(0, len(rows), 1000):
        out.append(f"INSERT INTO {schema}.{table} VALUES\n{_values(rows[start:start + 1000])};")


def lab_sql(spec: LabSpec) -> Lab:
    rng = random.Random(spec.seed)
    out = [DDL]
    tables: dict[str, list[tuple[Any, ...]]] = {}
    sites = [(_guid(rng), f"Site-{i + 1:02d}") for i in range(spec.sites)]
    subnets = {guid: [f"10.{20 + i}.{j}.0" for j in range(2)] for i, (guid, _n) in enumerate(sites)}
    tables["vSite"] = list(sites)
    tables["vSiteSubnetMap"] = [(g, f"{s}/24") for g, _n in sites for s in subnets[g]]
    tables["vSiteServices"] = [(_guid(rng), f"SS{i + 1:02d}", "corp.example")
                               for i, _site in enumerate(sites)]
    resources, computers, ident, tcpip, agents, keys = [], [], [], [], [], []
    managed, legacy, per_site = 0, 0, {name: 0 for _g, name in sites}
    versions: dict[tuple[str, str], int] = {}
    names = [spec.notification_server] + [f"PC{n:05d}" for n in range(spec.computers)]
    for index, name in enumerate(names):
        guid = _guid(rng)
        site_guid, site_name = sites[index % len(sites)]
        is_managed = 1 if index == 0 or rng.random() > 0.05 else 0
        subnet = rng.choice(subnets[site_guid])
        ip = subnet.rsplit(".", 1)[0] + f".{index % 250 + 2}"
        os_name = ("Microsoft Windows Server 2003 R2 Enterprise Edition" if index == 0
                   else rng.choice(("Microsoft Windows 7 Enterprise", "Microsoft Windows XP")))
        resources.append((guid, is_managed))
        computers.append((guid, name, ip))
        ident.append((guid, os_name, f"{name.lower()}.corp.example"))
        nics = 2 if rng.random() < 0.1 else 1  # a second adapter in the same subnet
        tcpip += [(guid, subnet, "255.255.255.0")] * nics
        keys += [(guid, "name.domain", f"{name}.CORP"), (guid, "uniqueid", _guid(rng))]
        if is_managed:
            managed += 1
            per_site[site_name] += 1
            for agent, version in AGENTS.items():
                if agent == "Altiris Agent" and index and rng.random() < 0.2:
                    version, legacy = OLDER_AGENT, legacy + 1
                agents.append((guid, agent, version))
                versions[(agent, version)] = versions.get((agent, version), 0) + 1
    for n in range(spec.shared_keys):  # one network adapter's address on two computers each
        keys += [(resources[1 + 2 * n][0], "macaddress", f"00:50:56:00:00:{n:02x}"),
                 (resources[2 + 2 * n][0], "macaddress", f"00:50:56:00:00:{n:02x}")]
    tables.update({"vComputerResource": resources, "vComputer": computers,
                   "Inv_AeX_AC_Identification": ident, "Inv_AeX_AC_TCPIP": tcpip,
                   "Inv_AeX_AC_Client_Agent": agents, "ResourceKey": keys})
    items = [(_guid(rng), f"Item {n}") for n in range(spec.computers // 2 + 10)]
    tables["ItemReference"] = [(rng.choice(items)[0], "policyappliesto")
                               for _ in range(len(items) * 2)]
    # The hierarchy: this server, its parent with another child, and its own children;
    # each Notification Server is an Item named after it.
    local = _guid(rng)
    servers = [(local, spec.notification_server)]
    links: list[tuple[Any, ...]] = []
    if spec.parent:
        parent, sibling = _guid(rng), _guid(rng)
        servers += [(parent, spec.parent), (sibling, "NS-SIBLING")]
        links += [(parent, local), (parent, sibling)]
    for child in spec.children:
        servers.append((_guid(rng), child))
        links.append((local, servers[-1][0]))
    tables["Item"] = items + servers
    tables["HierarchyNode"] = links
    tables["vThisNS"] = [(local,)]
    states = [rng.choice((4, 5, 6)) for _ in range(spec.finished_jobs)]
    states += [rng.choice((1, 2, 3)) for _ in range(spec.unfinished_jobs)]
    tables["ReplicationJob"] = [(s,) for s in states]
    tables["SWDPackageCodebase"] = [(_guid(rng), f"http://ss01/pkg/{n}") for n in range(25)]
    tables["vProductInstallation"] = [(p, f"<state productCode=\"{{{_guid(rng)}}}\" />")
                                      for p in spec.products]
    for patch in PATCH_70 if spec.release == "7.0" else PATCH_75:
        out.append(f"CREATE TABLE dbo.{patch} (_ResourceGuid varchar(36), Name varchar(128));")
        tables[patch] = [(rng.choice(resources)[0], f"update-{n}") for n in range(rng.randint(5, 40))]
    for table, rows in tables.items():
        if rows:
            _insert(table, rows, out)
    expected = {
        "resources.managed_computers": managed,
        "resources.sites": [{"name": n, "agents": per_site[n]} for _g, n in sites],
        "resources.duplicate_keys": spec.shared_keys,
        "cmdb.tables": dict(sorted([(t, len(r)) for t, r in tables.items() if t not in VIEWS]
                                   + [(v, None) for v in VIEWS])),
        "hierarchy.parent": spec.parent,
        "hierarchy.children": sorted(spec.children),
        "host.name": spec.notification_server,
        "host.ip_addresses": [computers[0][2]],
        "host.fqdn": ident[0][2],
        "host.os.name": ident[0][1],
        "agents.total": managed,
        "agents.legacy": legacy,
        "agents.versions": sorted(({"name": a, "version": v, "computers": n}
                                   for (a, v), n in versions.items()),
                                  key=lambda r: (str(r["name"]).casefold(), str(r["version"]))),
        "platform.products": [{"name": p, "release": None} for p in sorted(spec.products)],
    }
    return Lab(sql="\n".join(out) + "\nANALYZE;\n", expected=expected)
