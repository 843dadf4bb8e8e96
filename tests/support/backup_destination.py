"""The CMDB backup's destination judged as CH02-CMDB-BACKUP judges it, on a one-server snapshot.

Shared by the normalization property tests and the hidden-spellings tests: a location
is local when it names the 7.0 server (by name, FQDN or address) or its SQL Server.
"""

from __future__ import annotations

from datetime import datetime, timezone

from itmscheck.engine.facts import Facts, Inputs
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.types.remote_location import RemoteLocation

BACKUP = RemoteLocation({"type": "remote_location", "fact": "source.cmdb.last_full_backup.destination",
                         "local": ["source.cmdb.server", "source.host.name", "source.host.fqdn",
                                   "source.host.ip_addresses"]})


def backup_facts(location: str, name: str = "NS70", domain: str = "corp.example",
                 address: str = "10.20.1.10") -> Facts:
    """The facts of a 7.0 server ``name``.``domain`` at ``address`` whose backup went to ``location``."""
    snapshot = Snapshot(role="source", collected_at=datetime(2026, 11, 20, tzinfo=timezone.utc), file="s",
                        facts={"host": {"name": name, "fqdn": f"{name}.{domain}",
                                        "ip_addresses": [address]},
                               "cmdb": {"server": "SQL01\\ALTIRIS",
                                        "last_full_backup": {"destination": location}}})
    return Facts(Inputs(snapshots={"source": snapshot, "target": None}, site=Site(), tables={},
                        threshold_defaults={}))
