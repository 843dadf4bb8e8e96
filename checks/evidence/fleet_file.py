"""The fleet file: the Notification Servers of one migration and where their evidence is.

YAML read strictly and validated against ``fleet.schema.json``, so a mistake
is named ``file:line`` with the offending line, like the site file's. Paths
are relative to the fleet file and must name files that exist; what the
snapshots and site files hold is checked when they are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itmscheck.errors import InputError
from itmscheck.evidence.documents import dotted, excerpt, load_yaml, validate
from itmscheck.evidence.yamlfile import line_of

PHASE_ORDER = ("pre", "install", "post")


@dataclass(frozen=True)
class Pair:
    source: Path
    target: Path


@dataclass(frozen=True)
class ServerEntry:
    """One Notification Server of the fleet, as the file declares it."""

    name: str
    parent: str | None
    site: Path | None
    phases: dict[str, Pair]
    index: int

    @property
    def newest_phase(self) -> str:
        return [phase for phase in PHASE_ORDER if phase in self.phases][-1]


@dataclass(frozen=True)
class FleetFile:
    file: str
    name: str | None
    servers: tuple[ServerEntry, ...]
    legacy_servers: tuple[dict[str, Any], ...]
    document: Any

    def refuse(self, path: list[Any], message: str) -> InputError:
        """Bad input at ``path`` of the document, named by its line and quoting it."""
        line = line_of(self.document, path)
        return InputError(self.file, message, line=line, field=dotted(path),
                          excerpt=excerpt(self.file, line))


def load_fleet_file(path: Path) -> FleetFile:
    document = load_yaml(path)
    file = str(path)
    if document is None:
        raise InputError(file, "is empty: a fleet file starts with `itmscheck_fleet: 1`")
    validate(document, "fleet.schema.json", file)
    fleet = FleetFile(file, document.get("name"), (), tuple(document.get("legacy_servers", [])),
                      document)
    folder = path.parent
    shared = _existing(fleet, folder, document.get("site"), ["site"])
    servers = []
    for index, item in enumerate(document["servers"]):
        where: list[Any] = ["servers", index]
        site = _existing(fleet, folder, item.get("site"), [*where, "site"]) or shared
        phases = {phase: Pair(*(_existing_required(fleet, folder, pair[role],
                                                   [*where, "phases", phase, role])
                                for role in ("source", "target")))
                  for phase, pair in sorted(item["phases"].items(), key=lambda p: PHASE_ORDER.index(p[0]))}
        servers.append(ServerEntry(item["name"].strip(), item.get("parent"), site, phases, index))
    return FleetFile(file, fleet.name, tuple(servers), fleet.legacy_servers, document)


def _existing(fleet: FleetFile, folder: Path, given: str | None, where: list[Any]) -> Path | None:
    return None if given is None else _existing_required(fleet, folder, given, where)


def _existing_required(fleet: FleetFile, folder: Path, given: str, where: list[Any]) -> Path:
    path = folder / given
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "no such file"
        raise fleet.refuse(where, f"{given}: {what} (paths are relative to the fleet file)")
    return path
