"""Turning probe rows into facts: one function per probe, pure and testable.

Rows arrive as dicts keyed by lower-case column alias (PostgreSQL folds
aliases, SQL Server keeps them: lower-casing makes both alike). Each function
returns ``{fact path: value}``, or raises :class:`Unreadable` when the rows
cannot honestly become the fact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from itmscheck.collectors.cmdb.inventory_rows import INVENTORY_ROWS
from itmscheck.collectors.cmdb.rowbase import Row, Unknown, Unreadable

__all__ = ["ROW_TO_FACTS", "Row", "Unknown", "Unreadable", "canonical_table"]

# The Altiris spelling of the tables the rules and probes name; catalogs may
# return them in another case (PostgreSQL folds them to lower case).
CANONICAL_TABLES = (
    "Inv_AeX_AC_Identification", "Inv_AeX_AC_Client_Agent", "Inv_AeX_AC_TCPIP", "Item",
    "ItemReference", "HierarchyNode", "ReplicationJob", "SWDPackageCodebase", "ResourceKey",
    "vComputerResource", "vComputer", "vSite", "vSiteSubnetMap", "vSiteServices", "vThisNS",
    "vProductInstallation",
    "Inv_InstalledSoftware", "Inv_Patchable_Linux_Software_Update",
    "Inv_Installed_Red_Hat_Software_Update", "Inv_Applicable_Red_Hat_Software_Update",
    "Inv_Patchable_Red_Hat_Software_Update", "Inv_Installed_Novell_Software_Update",
    "Inv_Applicable_Novell_Software_Update", "Inv_Patchable_Novell_Software_Update",
)
_BY_FOLDED = {name.lower(): name for name in CANONICAL_TABLES}
FINISHED_REPLICATION_STATES = frozenset({4, 5, 6})  # Broadcom KB 180303


def canonical_table(name: str) -> str:
    return _BY_FOLDED.get(name.lower(), name)


def cmdb_tables(rows: list[Row]) -> dict[str, Any]:
    """Tables with their row counts; views (type V) with null: present, their rows not counted."""
    tables: dict[str, int | None] = {}
    for row in rows:
        name = canonical_table(str(row["table_name"]))
        if str(row["object_type"]).strip().upper() == "V" and row["row_count"] is None:
            tables[name] = None
        else:
            tables[name] = (tables.get(name) or 0) + int(row["row_count"] or 0)
    return {"cmdb.tables": dict(sorted(tables.items()))}


def cmdb_collation(rows: list[Row]) -> dict[str, Any]:
    value = rows[0]["collation_name"] if rows else None
    if not value:
        raise Unreadable("the server returned no collation for the database")
    return {"cmdb.collation": str(value)}


def cmdb_instance_collation(rows: list[Row]) -> dict[str, Any]:
    value = rows[0]["collation_name"] if rows else None
    if not value:
        raise Unreadable("the server returned no collation for the instance")
    return {"cmdb.instance_collation": str(value)}


def cmdb_last_full_backup(rows: list[Row]) -> dict[str, Any]:
    if not rows:  # msdb records no full backup: a value ("none"), not an unknown
        return {"cmdb.last_full_backup": {"finished_at": None, "destination": None}}
    row = rows[0]
    finished: datetime = row["finished_local"]
    quarters = row.get("time_zone_quarters")
    # backupset.time_zone is the offset at backup time; 127 means unknown, and then
    # the server's offset now is the best remaining evidence.
    minutes = (int(quarters) * 15 if quarters is not None and int(quarters) != 127
               else int(row["server_offset_minutes"]))
    moment = finished.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    stamp = moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"cmdb.last_full_backup": {"finished_at": stamp,
                                      "destination": row["destination"] or None}}


def cmdb_owner(rows: list[Row]) -> dict[str, Any]:
    if len(rows) != 1:
        raise Unreadable(f"sys.databases has {len(rows)} rows for this database, not one")
    owner = rows[0]["owner_name"]
    if not owner:  # SUSER_SNAME: NULL when the owner's SID is no login here
        raise Unreadable("the database owner's SID maps to no login on this server (a database "
                         "restored from another server keeps its old owner): set the owner")
    return {"cmdb.owner": str(owner)}


def resources_managed_computers(rows: list[Row]) -> dict[str, Any]:
    return {"resources.managed_computers": int(rows[0]["managed_computers"])}


def hierarchy_replication_jobs(rows: list[Row]) -> dict[str, Any]:
    unfinished = {int(r["state"]): int(r["jobs"]) for r in rows
                  if int(r["state"]) not in FINISHED_REPLICATION_STATES and int(r["jobs"])}
    if unfinished:
        states = ", ".join(f"{count} in state {state}" for state, count in sorted(unfinished.items()))
        raise Unreadable(f"replication jobs not finished ({states}); the public record does not "
                         "say which states are Pending, Retry or Running: check the Current "
                         "Replication Activity report and declare hierarchy.replication_jobs")
    return {f"hierarchy.replication_jobs.{k}": 0 for k in ("pending", "retry", "running")}


def hierarchy_nodes(rows: list[Row]) -> dict[str, Any]:
    """This server's links in HierarchyNode, named; refused when vThisNS does not say which it is."""
    local = {str(r["local_guid"]).upper() for r in rows}
    if len(local) != 1:
        raise Unreadable(f"vThisNS gives {len(local)} local Notification Servers, not one: "
                         "which hierarchy node is this server cannot be told")
    links = [r for r in rows if r["relation"] in ("parent", "child")]
    unnamed = sorted(str(r["node_guid"]) for r in links if not r["server_name"])
    if unnamed:
        raise Unreadable(f"hierarchy node(s) {', '.join(unnamed)} have no name in Item")
    parents = sorted(str(r["server_name"]) for r in links if r["relation"] == "parent")
    if len(parents) > 1:
        raise Unreadable(f"{len(parents)} parent nodes recorded ({', '.join(parents)})")
    children = sorted(str(r["server_name"]) for r in links if r["relation"] == "child")
    return {"hierarchy.parent": parents[0] if parents else None, "hierarchy.children": children}


def resources_sites(rows: list[Row]) -> dict[str, Any]:
    sites = [{"name": str(r["site_name"]), "agents": int(r["agents"] or 0)} for r in rows]
    return {"resources.sites": sorted(sites, key=lambda s: str(s["name"]))}


def host_inventory(rows: list[Row]) -> dict[str, Any]:
    if not rows:
        raise Unreadable("the CMDB has no computer of that name")
    if len({str(r["host_name"]).upper() for r in rows}) > 1 or len(rows) > 1:
        raise Unreadable(f"{len(rows)} computers of that name in the CMDB (duplicates)")
    row = rows[0]
    return {"host.name": row["host_name"] or None, "host.fqdn": row["fqdn"] or None,
            "host.ip_addresses": [row["ip_address"]] if row["ip_address"] else None,
            "host.os.name": row["os_name"] or None}


def cmdb_orphaned_users(rows: list[Row]) -> dict[str, Any]:
    """Database users whose login SID is on no login of the instance (none: an empty list)."""
    return {"cmdb.orphaned_users": sorted(str(row["user_name"]) for row in rows)}


ROW_TO_FACTS: dict[str, Callable[[list[Row]], dict[str, Any]]] = {
    "cmdb_tables": cmdb_tables,
    "cmdb_collation": cmdb_collation,
    "cmdb_instance_collation": cmdb_instance_collation,
    "cmdb_last_full_backup": cmdb_last_full_backup,
    "resources_managed_computers": resources_managed_computers,
    "hierarchy_replication_jobs": hierarchy_replication_jobs,
    "hierarchy_nodes": hierarchy_nodes,
    "resources_sites": resources_sites,
    "host_inventory": host_inventory,
    "cmdb_owner": cmdb_owner,
    "cmdb_orphaned_users": cmdb_orphaned_users,
    **INVENTORY_ROWS,
}
