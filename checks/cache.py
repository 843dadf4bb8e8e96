"""The user's private cache folder, shared by the caches that speed up a run (issue 6).

Everything kept there is derived from inputs it is keyed by (a SHA-256 of
their content), so a stale entry cannot be found; entries are only read from
a folder and files owned by this user and writable by nobody else, because a
cached catalog is a pickle and a remembered guard verdict skips a parse.
``ITMSCHECK_CACHE_DIR`` moves the folder; ``ITMSCHECK_NO_CACHE=1`` turns every
cache off. Kept free of heavy imports: ``collect`` and ``check`` read it first.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def cache_dir() -> Path | None:
    """Where the caches live, or None when they are turned off."""
    if os.environ.get("ITMSCHECK_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if os.environ.get("ITMSCHECK_CACHE_DIR"):
        return Path(os.environ["ITMSCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "itmscheck"


def private(path: Path, kind: int = stat.S_IFREG) -> bool:
    """True when ``path`` is of ``kind``, owned by this user and writable by no one else."""
    try:
        info = path.lstat()
    except OSError:
        return False
    owned = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_IFMT(info.st_mode) == kind and owned and not info.st_mode & 0o022
