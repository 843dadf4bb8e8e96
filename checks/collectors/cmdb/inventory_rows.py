"""Rows of the inventory probes: agents and plug-ins, installed products, resource keys.

Same contract as :mod:`itmscheck.collectors.cmdb.rows`: pure functions from
rows (dicts keyed by lower-case alias) to ``{fact path: value}``; a value may be
:class:`~itmscheck.collectors.cmdb.rowbase.Unknown` (that fact only), and
:class:`~itmscheck.collectors.cmdb.rowbase.Unreadable` refuses them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from itmscheck.collectors.cmdb.rowbase import Row, Unknown, Unreadable
from itmscheck.collectors.products import guide_name


def _count(rows: list[Row], column: str) -> int:
    if len(rows) != 1 or rows[0][column] is None:
        raise Unreadable(f"expected one count, got {len(rows)} row(s)")
    return int(rows[0][column])


def agents_total(rows: list[Row]) -> dict[str, Any]:
    return {"agents.total": _count(rows, "agents")}


def agents_legacy(rows: list[Row]) -> dict[str, Any]:
    """Managed agents older than the server's own; unknown when the server's own record is not one."""
    servers = _count(rows, "server_versions")
    if servers != 1:
        why = ("the CMDB has no Symantec Management Agent record for the Notification Server"
               if servers == 0 else f"the Notification Server has {servers} agent versions recorded")
        return {"agents.legacy": Unknown(f"{why}, so its agents' release cannot be compared")}
    return {"agents.legacy": _count(rows, "legacy")}


def agents_versions(rows: list[Row]) -> dict[str, Any]:
    versions = [{"name": str(r["agent_name"]), "version": str(r["product_version"] or ""),
                 "computers": int(r["computers"])} for r in rows if r["agent_name"]]
    return {"agents.versions": sorted(versions, key=lambda v: (v["name"].casefold(), v["version"]))}


def platform_products(rows: list[Row]) -> dict[str, Any]:
    names = {str(r["product_name"]).strip() for r in rows if r["product_name"]}
    if not names:  # at least the platform itself is installed on a Notification Server
        raise Unreadable("vProductInstallation names no product, not even the platform")
    unknown = sorted(n for n in names if guide_name(n) is None)
    if unknown:
        raise Unreadable(f"product names the guide does not use: {', '.join(unknown)}; declare "
                         "platform.products as Symantec Installation Manager lists them")
    products = sorted({guide_name(n) or n for n in names})
    return {"platform.products": [{"name": name, "release": None} for name in products]}


def resources_duplicate_keys(rows: list[Row]) -> dict[str, Any]:
    return {"resources.duplicate_keys": _count(rows, "duplicate_keys")}


INVENTORY_ROWS: dict[str, Callable[[list[Row]], dict[str, Any]]] = {
    "agents_total": agents_total,
    "agents_legacy": agents_legacy,
    "agents_versions": agents_versions,
    "platform_products": platform_products,
    "resources_duplicate_keys": resources_duplicate_keys,
}
