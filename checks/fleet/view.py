"""What the cross-server rules see: the hierarchy, each server's run, the fleet's computers.

A server is *installed* when its newest evidence is of phase install or post
and its 7.5 server reports release 7.5 or later (None: the release was not
read); *migrated* when, besides, its post phase is GO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from itmscheck.engine import normalize
from itmscheck.fleet.runs import ServerRun
from itmscheck.fleet.topology import Tree

MIGRATED_RELEASE = (7, 5)


@dataclass(frozen=True)
class Computer:
    """One machine of the fleet: a server's 7.0 or 7.5 host, or a legacy server."""

    server: str
    role: str  # "7.0", "7.5" or "legacy"
    host: dict[str, Any] | None

    @property
    def label(self) -> str:
        name = (self.host or {}).get("name") or "?"
        return f"{name} ({self.role} of {self.server})" if self.role != "legacy" else f"{name} (legacy)"

    def keys(self) -> set[str] | None:
        """Its name and addresses as Windows and networks compare them; None if not read."""
        host = self.host or {}
        if not host.get("name") or host.get("ip_addresses") is None:
            return None
        texts = [host["name"], host.get("fqdn"), *host["ip_addresses"]]
        return {normalize.computer(str(text)) for text in texts if text}


@dataclass(frozen=True)
class FleetView:
    tree: Tree
    runs: dict[str, ServerRun]
    legacy: tuple[dict[str, Any], ...] = ()

    def installed(self, name: str) -> bool | None:
        facts = self.runs[name].facts
        if facts["phase"] == "pre":
            return False
        release = facts.get("target_release")
        if not isinstance(release, str) or not any(c.isdigit() for c in release):
            return None
        return tuple(int(part) for part in re.findall(r"\d+", release)) >= MIGRATED_RELEASE

    def migrated(self, name: str) -> bool:
        return bool(self.installed(name)) and bool(self.runs[name].facts.get("migrated"))

    def migrating(self, name: str) -> bool:
        return bool(self.installed(name)) and not self.migrated(name)

    def computers(self) -> list[Computer]:
        found = []
        for name, run in self.runs.items():
            found.append(Computer(name, "7.0", run.facts.get("source_host")))
            if not run.facts.get("reuse_hardware"):
                found.append(Computer(name, "7.5", run.facts.get("target_host")))
        return found + [Computer(str(item["name"]), "legacy", dict(item)) for item in self.legacy]

    def who(self, name: str) -> list[Computer]:
        """The computers a linked name denotes (by name, FQDN or address)."""
        key = normalize.computer(name)
        return [computer for computer in self.computers() if key in (computer.keys() or set())]
