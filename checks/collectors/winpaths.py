"""The Notification Server's folders as Windows paths, and where to read them here.

The guide names Windows locations (``C:\\Program Files\\Altiris\\RTCI\\...``).
They are kept as Windows paths (:mod:`ntpath`) whatever system itmscheck
runs on, so facts and reasons show the path an administrator knows, and are
mapped to a local path only when read: on the server itself (``collect
--local`` on Windows) as they are, or under the site file's ``files.root``,
a folder standing for the server's drives (``<root>/C/Program Files/...``,
``<root>/UNC/<server>/<share>/...``): a copy, or administrative shares
mounted there. Windows paths ignore case and the guide spells one folder
several ways (``NSCap\\bin``, ``NSCap\\Bin``), so under a root each part is
matched without regard to case.
"""

from __future__ import annotations

import ntpath
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The guide's default install folder (e.g. "By default, the data store file is
# saved in the C:\Program Files\Altiris\Upgrade\Data directory", page 58).
DEFAULT_INSTALL = r"C:\Program Files\Altiris"


@dataclass(frozen=True)
class ServerFolders:
    """Where the server's files are, and why they cannot be read if they cannot."""

    install_path: str
    install_from: str
    root: Path | None = None
    unreadable: str | None = None
    options: dict[str, Any] | None = None
    local_run: bool = False  # collect --local: the server's own drives

    @property
    def configured(self) -> bool:
        """Whether the site asked for the server's files (``--local`` or ``files.root``)."""
        return self.root is not None or self.local_run

    def under_install(self, relative: str) -> str:
        return ntpath.join(self.install_path, relative)

    def local(self, windows_path: str) -> Path:
        """The local path at which ``windows_path`` of the server is read."""
        if self.root is None:
            return Path(windows_path)
        drive, rest = ntpath.splitdrive(ntpath.normpath(windows_path))
        if drive.startswith("\\\\"):  # \\server\share
            parts = ["UNC", *[p for p in drive.split("\\") if p]]
        else:
            parts = [drive.rstrip(":").upper()]
        parts += [p for p in rest.split("\\") if p]
        return _case_insensitive(self.root, parts)

    def program_data(self) -> list[str]:
        """Where the server keeps ProgramData: its own setting when read in place, else the
        Windows Server 2008 folder, then Windows Server 2003's (``%ALLUSERSPROFILE%\\Application Data``)."""
        own = os.environ.get("PROGRAMDATA") if self.root is None else None  # Windows: any case
        return [*([own] if own else []), r"C:\ProgramData",
                r"C:\Documents and Settings\All Users\Application Data"]

    def describe(self) -> str:
        where = f"under {self.root}" if self.root else "on this server"
        return f"read {where}; Altiris install folder {self.install_path} ({self.install_from})"


def server_folders(site: dict[str, Any]) -> ServerFolders:
    """The folders the site file and command line point at (``files:``, ``--local``)."""
    options = site.get("files") or {}
    declared = ((site.get("facts") or {}).get("platform") or {}).get("install_path")
    if options.get("install_path"):
        install, origin = str(options["install_path"]), "site file files.install_path"
    elif isinstance(declared, str) and declared:
        install, origin = declared, "declared platform.install_path"
    else:
        install, origin = DEFAULT_INSTALL, "the guide's default"
    root = Path(options["root"]) if options.get("root") else None
    reason = None
    if root is None and not (site.get("_options") or {}).get("local"):
        reason = ("not read: collect did not run on the Notification Server (pass --local there, "
                  "set files.root, or --import Get-ItmsFacts.ps1 output)")
    elif root is None and sys.platform != "win32":
        reason = (f"not a Windows host ({platform.system()}): set files.root to a folder "
                  "standing for the server's drives")
    elif root is not None and not root.is_dir():
        reason = f"files.root {root} is not a folder"
    local_run = bool((site.get("_options") or {}).get("local"))
    return ServerFolders(install, origin, root, reason, dict(options), local_run)


def _case_insensitive(base: Path, parts: list[str]) -> Path:
    path = base
    for part in parts:
        exact = path / part
        if not exact.exists() and path.is_dir():
            try:
                match = next((c for c in path.iterdir() if c.name.lower() == part.lower()), None)
            except OSError:
                match = None  # unreadable here: the reader reports it on the exact name
            exact = match or exact
        path = exact
    return path


def entries(local: Path, windows: str) -> list[Path]:
    """The entries of folder ``local``; an error names its server path ``windows``."""
    try:
        return sorted(local.iterdir())
    except OSError as error:  # report the server's path, not where it was mounted here
        raise OSError(error.errno, error.strerror, windows) from None


def walk(local: Path, windows: str) -> list[Path]:
    """Every file under folder ``local``, depth first, in name order."""
    found: list[Path] = []
    for entry in entries(local, windows):
        if entry.is_dir():
            found += walk(entry, ntpath.join(windows, entry.name))
        elif entry.is_file():
            found.append(entry)
    return found
