"""The migration wizard's data store file (.adb) and the PackageFiles folder beside it.

"By default, a data store file is created in the Altiris\\Upgrade\\Data
directory" (Table 1-1, page 19); "If package files are exported, this
directory also contains a PackageFiles folder. You must put the PackageFiles
in the same directory where you put the data store file" (Table 2-4, step 5,
page 54). On the 7.5 server the file sits where it was copied to, which the
site file names (``files.data_store_folder``).
"""

from __future__ import annotations

import ntpath
from datetime import datetime, timezone
from typing import Any

from itmscheck.collectors import file_locations as at
from itmscheck.collectors.winpaths import ServerFolders, entries


def data_store(server: ServerFolders) -> dict[str, Any] | None:
    """The newest data store file (.adb) in the data store folder; None when there is none."""
    folder = str((server.options or {}).get("data_store_folder") or
                 server.under_install(at.DATA_STORE))
    local = server.local(folder)
    if not local.is_dir():
        return None
    stores = [e for e in entries(local, folder) if e.name.lower().endswith(".adb") and e.is_file()]
    if not stores:
        return None
    newest = max(stores, key=lambda e: (e.stat().st_mtime, e.name))
    status = newest.stat()
    return {"path": ntpath.join(folder, newest.name), "size_bytes": status.st_size,
            "modified_at": datetime.fromtimestamp(status.st_mtime, timezone.utc)
            .strftime("%Y-%m-%dT%H:%M:%SZ"),
            "package_files": any(e.name.lower() == at.PACKAGE_FILES.lower() and e.is_dir()
                                 for e in entries(local, folder))}
