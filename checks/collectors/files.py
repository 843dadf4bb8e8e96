"""The files collector: the guide's file locations on the Notification Server.

It lists what a file listing can answer (see :mod:`file_locations`): the
newest data store file and its PackageFiles folder, the Inventory baseline
files and stand-alone packages, the Table 6-1 Deployment file counts (the 7.1
folders on the source, the 7.5 folders on the target), the SHA-256 of the
RTCI and RTSM files, the SEPIC installation packages, whether the migration
wizard is installed, and the install folder itself once a Notification Server
folder is found in it. Each fact is read on its own: one unreadable file or
folder leaves that fact null with the reason, the others go on. A folder that
does not exist holds nothing (an empty list, a count of 0, no file); an
install folder that does not exist means the wrong folder was given, so then
nothing is read at all, and - when the site asked for the files (``--local``
or ``files.root``) - the source is reported as failed.
"""

from __future__ import annotations

import hashlib
import ntpath
from collections.abc import Callable
from functools import partial
from typing import Any

from itmscheck.collectors import Fragment
from itmscheck.collectors import file_locations as at
from itmscheck.collectors.datastore import data_store
from itmscheck.collectors.winpaths import ServerFolders, entries, server_folders, walk

GROUPS = ("platform.install_path", "platform.migration_wizard_installed",
          "migration.data_store", "solutions.inventory.baseline_files",
          "solutions.inventory.standalone_packages",
          *(f"solutions.deployment.files.{f}" for f in at.DEPLOYMENT),
          *(f"solutions.rtci.{f}" for f in at.RTCI), *(f"solutions.rtsm.{f}" for f in at.RTSM),
          "solutions.sepic.install_packages")


class FilesCollector:
    name = "files"
    groups = GROUPS

    def collect(self, role: str, site: dict[str, Any]) -> Fragment:
        fragment = Fragment()
        server = server_folders(site)
        reason = server.unreadable
        if reason is None and not server.local(server.install_path).is_dir():
            reason = (f"the Altiris install folder {server.install_path} ({server.install_from}) "
                      "does not exist; set files.install_path")
        if reason is not None:
            for path in GROUPS:
                fragment.miss(path, reason)
            if server.configured:
                fragment.failures.append(reason)
            return fragment
        for path, read in _readers(server, role).items():
            try:
                fragment.put(path, read())
            except OSError as error:  # this fact only: locked, denied, not a file
                fragment.miss(path, f"{error.filename or 'a file'}: {error.strerror or error}")
        record = {"kind": "collected", "by": self.name, "detail": server.describe()}
        for group in ("platform.install_path", "platform.migration_wizard_installed",
                      "migration", "solutions"):
            fragment.provenance[group] = dict(record)
        return fragment


def _readers(server: ServerFolders, role: str) -> dict[str, Callable[[], Any]]:
    files = _Files(server)
    readers: dict[str, Callable[[], Any]] = {
        "platform.install_path": partial(_install_path, server),
        "platform.migration_wizard_installed": lambda: server.local(
            server.under_install(at.WIZARD)).is_file(),
        "migration.data_store": lambda: data_store(server),
        "solutions.inventory.baseline_files": lambda: sorted(
            f"{folder}\\{name}" for folder in at.BASELINE_FOLDERS
            for name in files.names(ntpath.join(at.BASELINE, folder))),
        "solutions.inventory.standalone_packages": lambda: sorted(files.names(at.STANDALONE)),
        "solutions.sepic.install_packages": lambda: sorted(
            {n for folder in at.SEPIC for n in files.names(folder, folders=True)}),
    }
    for fact, (seven_one, seven_five) in at.DEPLOYMENT.items():
        suffix = at.PBT_SUFFIX if fact == "pbt_files" else ""
        readers[f"solutions.deployment.files.{fact}"] = partial(
            files.count, seven_one if role == "source" else seven_five, suffix)
    for group, table in (("rtci", at.RTCI), ("rtsm", at.RTSM)):
        for fact, relative in table.items():
            readers[f"solutions.{group}.{fact}"] = partial(files.sha256, relative)
    return readers


def _install_path(server: ServerFolders) -> str:
    """The install folder, once the Notification Server's own folder is found in it."""
    if not server.local(server.under_install(at.NS)).is_dir():
        raise OSError(2, f"no {at.NS} folder in it; set files.install_path",
                      server.install_path)
    return server.install_path


class _Files:
    """Listings and hashes of paths relative to the install folder, errors naming them."""

    def __init__(self, server: ServerFolders) -> None:
        self.server = server

    def names(self, relative: str, folders: bool = False) -> list[str]:
        """Files (recursively, as ``sub\\name``) or sub-folders of a folder; none if it is absent."""
        windows = self.server.under_install(relative)
        local = self.server.local(windows)
        if not local.exists():
            return []
        if folders:
            return [e.name for e in entries(local, windows) if e.is_dir()]
        return ["\\".join(p.relative_to(local).parts) for p in walk(local, windows)]

    def count(self, folders: tuple[at.Folder, ...], suffix: str) -> int:
        """Distinct files in ``folders`` (see :class:`file_locations.Folder`), only ``suffix`` if given."""
        seen: set[tuple[str, str]] = set()
        for folder in folders:
            windows = self.server.under_install(folder.path)
            local = self.server.local(windows)
            for file in walk(local, windows) if local.exists() else []:
                parts = file.relative_to(local).parts
                if suffix and not file.name.lower().endswith(suffix):
                    continue
                if folder.inside and folder.inside.lower() not in (p.lower() for p in parts[:-1]):
                    continue
                seen.add((folder.mirror, "\\".join(parts).lower()))
        return len(seen)

    def sha256(self, relative: str) -> str | None:
        windows = self.server.under_install(relative)
        local = self.server.local(windows)
        if not local.exists():
            return None  # the schema's null: the file does not exist
        digest = hashlib.sha256()
        try:
            with local.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError as error:
            raise OSError(error.errno, error.strerror, windows) from None
        return digest.hexdigest()
