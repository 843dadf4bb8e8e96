"""The benchmark's lab CMDB: the test lab's tables, filled set-based at any size.

``tests/lab/cmdb_lab.py`` builds its rows in Python and sends them as INSERT
literals: right for 300 computers, far too slow for 200,000. This module
reuses its DDL and its shape (the NS's own record first, ~5 % unmanaged
computers, three agents per managed computer, a fifth of the core agents older
than the server's, 10 % with a second adapter, sites with two subnets each,
items and references, the local hierarchy node, replication jobs, products,
resource keys, the Patch Management tables of 7.0) and lets
PostgreSQL generate every row with ``generate_series``: one INSERT ... SELECT
per table, whatever the size. Values are arithmetic on the row number, so the
same size always gives the same database, and :func:`expected` can say what
the probes must find without reading it back.

The server is the tests' own (:class:`tests.pg_lab.PgServer`) with
``pg_stat_statements`` loaded, so the benchmark counts the statements a
collect sends from the server's side.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from tests.lab.cmdb_lab import AGENTS, DDL, OLDER_AGENT, PATCH_70
from tests.pg_lab import DATABASE, READER, READER_PASSWORD, PgServer

NOTIFICATION_SERVER = "NS70"
# Rows per managed computer in each 7.0 Patch Management table (in proportion to the size).
PATCH_ROWS = {"Installed": 2.0, "Applicable": 0.5, "Patchable": 0.25}


# SQL Server's sys.partitions.rows is maintained metadata: the table probe reads it
# without scanning anything. The test lab's view counts every table exactly instead
# (query_to_xml), and its nested-loop join re-runs all the counts once per table
# (19 x 19 full counts: 5.5 s at 200,000 computers). Here the view reads PostgreSQL's
# own metadata (pg_class.reltuples, exact after the VACUUM below), like SQL Server.
METADATA_COUNTS = """
CREATE OR REPLACE VIEW sys.partitions AS SELECT c.oid::bigint AS object_id, 1 AS index_id,
  c.reltuples::bigint AS rows
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND n.nspname = 'dbo';
"""


@dataclass(frozen=True)
class Shape:
    """What a lab of ``computers`` holds, in counts."""

    computers: int

    @property
    def sites(self) -> int:
        return max(3, self.computers // 1000)  # a site (and its site server) per 1,000

    @property
    def items(self) -> int:
        return self.computers // 2 + 10


def _guid(prefix: str, expression: str) -> str:
    """A deterministic upper-case GUID from a row number (md5 has the right 32 digits)."""
    return f"upper(md5('{prefix}' || ({expression}))::uuid::text)"


def _computer_rows(shape: Shape) -> str:
    """One row per computer, index 0 being the Notification Server's own record."""
    return f"""
CREATE TEMP TABLE bench_computer AS
SELECT i,
       {_guid('c', 'i')} AS guid,
       CASE WHEN i = 0 THEN '{NOTIFICATION_SERVER}' ELSE 'PC' || lpad((i - 1)::text, 6, '0') END
         AS name,
       CASE WHEN i = 0 OR (i * 37) % 100 >= 5 THEN 1 ELSE 0 END AS managed,
       i % {shape.sites} AS site,
       '10.' || (20 + (i % {shape.sites}) / 100) || '.'
         || (((i % {shape.sites}) % 100) * 2 + (i / {shape.sites}) % 2) AS net
  FROM generate_series(0, {shape.computers}) AS i;
"""


def lab_sql(shape: Shape) -> str:
    """The whole staging script: DDL, then one INSERT ... SELECT per table (views: their storage)."""
    sites, items = shape.sites, shape.items
    agents = ", ".join(f"('{a}', '{v}')" for a, v in AGENTS.items())
    patch = []
    for table in PATCH_70:
        kind = table.split("_")[1]
        rows = max(5, int(shape.computers * PATCH_ROWS[kind]))
        patch.append(f"""
CREATE TABLE dbo.{table} (_ResourceGuid varchar(36), Name varchar(128));
INSERT INTO dbo.{table} SELECT {_guid('c', f'1 + (n::bigint * 7919) % {shape.computers}')},
       'update-' || n FROM generate_series(0, {rows - 1}) AS n;""")
    return DDL + METADATA_COUNTS + _computer_rows(shape) + f"""
INSERT INTO lab.vSite SELECT {_guid('s', 's')}, 'Site-' || lpad((s + 1)::text, 3, '0')
  FROM generate_series(0, {sites - 1}) AS s;
INSERT INTO lab.vSiteSubnetMap
SELECT {_guid('s', 's')}, '10.' || (20 + s / 100) || '.' || ((s % 100) * 2 + k) || '.0/24'
  FROM generate_series(0, {sites - 1}) AS s, generate_series(0, 1) AS k;
INSERT INTO lab.vSiteServices
SELECT {_guid('ss', 's')}, 'SS' || lpad((s + 1)::text, 3, '0'), 'corp.example'
  FROM generate_series(0, {sites - 1}) AS s;
INSERT INTO lab.vComputerResource SELECT guid, managed FROM bench_computer;
INSERT INTO lab.vComputer SELECT guid, name, net || '.' || (i % 250 + 2) FROM bench_computer;
INSERT INTO dbo.Inv_AeX_AC_Identification
SELECT guid,
       CASE WHEN i = 0 THEN 'Microsoft Windows Server 2003 R2 Enterprise Edition'
            WHEN i % 2 = 0 THEN 'Microsoft Windows 7 Enterprise' ELSE 'Microsoft Windows XP' END,
       lower(name) || '.corp.example'
  FROM bench_computer;
INSERT INTO dbo.Inv_AeX_AC_TCPIP
SELECT guid, net || '.0', '255.255.255.0'
  FROM bench_computer, generate_series(1, 2) AS nic
 WHERE nic = 1 OR i % 10 = 3;
INSERT INTO dbo.Inv_AeX_AC_Client_Agent
SELECT guid, a.name, CASE WHEN a.name = 'Altiris Agent' AND i > 0 AND (i * 13) % 10 < 2
                          THEN '{OLDER_AGENT}' ELSE a.version END
  FROM bench_computer, (VALUES {agents}) AS a(name, version)
 WHERE managed = 1;
INSERT INTO dbo.ResourceKey
SELECT guid, k.name, CASE k.name WHEN 'name.domain' THEN bench_computer.name || '.CORP'
                                 ELSE {_guid('u', 'i')} END
  FROM bench_computer, (VALUES ('name.domain'), ('uniqueid')) AS k(name);
INSERT INTO dbo.Item SELECT {_guid('i', 'n')}, 'Item ' || n FROM generate_series(0, {items - 1}) AS n;
INSERT INTO dbo.Item VALUES ({_guid('h', '0')}, '{NOTIFICATION_SERVER}');
INSERT INTO lab.vThisNS VALUES ({_guid('h', '0')});
INSERT INTO dbo.ItemReference
SELECT {_guid('i', f'(n::bigint * 104729) % {items}')}, 'policyappliesto'
  FROM generate_series(0, {2 * items - 1}) AS n;
INSERT INTO dbo.ReplicationJob SELECT 4 + n % 3 FROM generate_series(0, 11) AS n;
INSERT INTO dbo.SWDPackageCodebase SELECT {_guid('p', 'n')}, 'http://ss01/pkg/' || n
  FROM generate_series(0, {25 * sites - 1}) AS n;
INSERT INTO lab.vProductInstallation VALUES ('Symantec Management Platform', ''),
  ('Inventory Solution', ''), ('Software Management Solution', '');
{"".join(patch)}
DROP TABLE bench_computer;
VACUUM ANALYZE;
"""


def expected(shape: Shape) -> dict[str, Any]:
    """The facts the probes must read from a lab of ``shape`` (same arithmetic as the SQL)."""
    managed = [i for i in range(shape.computers + 1) if i == 0 or (i * 37) % 100 >= 5]
    per_site = [0] * shape.sites
    for i in managed:
        per_site[i % shape.sites] += 1
    return {"resources.managed_computers": len(managed),
            "resources.sites": [{"name": f"Site-{s + 1:03d}", "agents": per_site[s]}
                                for s in range(shape.sites)],
            "host.name": NOTIFICATION_SERVER}


def start_server() -> PgServer:
    """A fresh lab server with ``pg_stat_statements`` loaded (a restart after initdb)."""
    server = PgServer().start()
    try:
        server.psql("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements';")
        server.stop()
        return server.start()
    except BaseException:
        server.remove()
        raise


def database_name(computers: int) -> str:
    return f"{DATABASE}_{computers}"


def connection_string(server: PgServer, computers: int) -> str:
    """The probes' role (SELECT only, over TCP with its password) to the lab of that size."""
    return server.connection_string().replace(f"DATABASE={DATABASE};",
                                              f"DATABASE={database_name(computers)};")


def stage(server: PgServer, computers: int) -> float:
    """(Re)create the lab CMDB of ``computers`` computers in its own database; seconds taken."""
    started = time.monotonic()
    database = database_name(computers)
    server.psql(f'DROP DATABASE IF EXISTS "{database}";')
    server.psql(f'CREATE DATABASE "{database}";')
    server.psql(lab_sql(Shape(computers)), database)
    server.psql(f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
            CREATE ROLE {READER} LOGIN PASSWORD '{READER_PASSWORD}';
          END IF;
        END $$;
        REVOKE ALL ON SCHEMA public FROM PUBLIC;
        GRANT USAGE ON SCHEMA dbo, sys TO {READER};
        GRANT SELECT ON ALL TABLES IN SCHEMA dbo, sys TO {READER};
        ALTER ROLE {READER} IN DATABASE "{database}" SET search_path = dbo, public;
        CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
    """, database)
    return time.monotonic() - started


def reset_statements(server: PgServer, computers: int) -> None:
    """Forget the statements counted so far (the lab's superuser may)."""
    server.psql("SELECT pg_stat_statements_reset();", database_name(computers))


def reader_statements(server: PgServer, computers: int) -> int:
    """Statements the probes' role sent since the last reset, as the server counted them."""
    out = server.psql(f"SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                      f"WHERE userid = '{READER}'::regrole;", database_name(computers))
    return int(out.strip() or 0)
