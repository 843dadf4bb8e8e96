"""The system parts some tests need, and how a test asks for them.

The full suite needs four Debian packages beside the Python ones (README,
"Running the tests"; ``.ci/run`` installs them). A test that needs one calls
:func:`require`, which skips with one reason naming what is missing and the
``apt-get install`` line that adds it, or - where CI promises every part
(``ITMSCHECK_REQUIRE_LAB=1``) - fails with the same reason, so a gap never hides.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PACKAGES = {
    "unixodbc": "unixODBC, the ODBC driver manager pyodbc loads (libodbc.so.2)",
    "odbc-postgresql": "psqlODBC, the ODBC driver of the lab CMDB",
    "postgresql": "PostgreSQL 15, the server of the lab CMDB",
    "chromium": "Chromium, which opens the HTML report in the browser tests",
}
POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
ODBC_DRIVER = "PostgreSQL Unicode"


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def missing(package: str) -> str | None:
    """Why ``package``'s part cannot be used here, or None when it can."""
    if package == "unixodbc":
        try:
            import pyodbc
        except ImportError as error:
            return f"pyodbc cannot load the ODBC driver manager ({error})"
        return None
    if package == "odbc-postgresql":
        import pyodbc

        return None if ODBC_DRIVER in pyodbc.drivers() else f"no ODBC driver {ODBC_DRIVER!r}"
    if package == "postgresql":
        for tool in ("initdb", "pg_ctl", "psql"):
            if not _executable(POSTGRES_BIN / tool):
                return f"{POSTGRES_BIN / tool} is missing"
        if os.geteuid() == 0 and shutil.which("runuser") is None:
            return "runuser is missing (util-linux), needed to run PostgreSQL as root's stand-in"
        return None
    if package == "chromium":
        return None if chromium() else "no chromium on PATH"
    raise ValueError(f"unknown system package {package!r}")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def why_not(*packages: str) -> str | None:
    """One reason naming what is missing and the packages to install, or None."""
    for position, package in enumerate(packages):
        problem = missing(package)
        if problem:
            needed = " ".join(packages[position:])
            return (f"needs {PACKAGES[package]}: {problem}; install the system packages with "
                    f"`apt-get install {needed}`")
    return None


def require(*packages: str) -> None:
    """Skip (fail where ``ITMSCHECK_REQUIRE_LAB`` is set) unless every package's part works."""
    reason = why_not(*packages)
    if reason is None:
        return
    if os.environ.get("ITMSCHECK_REQUIRE_LAB"):  # CI installs every part: a skip would hide a gap
        pytest.fail(f"ITMSCHECK_REQUIRE_LAB is set, but this test {reason}")
    pytest.skip(reason)
