"""Why the CMDB could not be read at all, in words an administrator can act on.

The driver's own words come first (passwords removed by the caller's
redactor); when the cause is a missing piece of this machine rather than the
server - no ODBC driver manager for pyodbc to load, or no ODBC driver of the
name the connection string gives - a hint says what to install.
"""

from __future__ import annotations

import re
from typing import Any

# pyodbc needs the ODBC driver manager (unixODBC's libodbc) to load at all.
MANAGER_HINT = ("install the ODBC driver manager and a SQL Server ODBC driver on this machine: "
                "Debian/Ubuntu `apt-get install unixodbc` then Microsoft's `msodbcsql18`; "
                "RHEL `dnf install unixODBC` then `msodbcsql18`; macOS `brew install unixodbc "
                "msodbcsql18`; on Windows the driver manager is built in: install "
                "\"ODBC Driver 18 for SQL Server\"")
# unixODBC: "Can't open lib 'X' : file not found"; Windows and unixODBC: IM002 for an
# unknown DSN or driver name.
_DRIVER_MISSING = re.compile(r"can't open lib|data source name not found|IM002", re.IGNORECASE)


def import_failure(error: ImportError) -> tuple[str, str]:
    """(reason, hint) when pyodbc itself cannot be loaded."""
    return f"the ODBC library cannot be loaded ({error})", MANAGER_HINT


def connect_failure(error: Exception, message: str) -> tuple[str, str | None]:
    """(reason, hint or None) when ``pyodbc.connect`` refused; ``message`` is the redacted driver text."""
    reason = f"cannot connect to the CMDB: {message}"
    state = str(error.args[0]) if error.args else ""
    if state == "IM002" or _DRIVER_MISSING.search(message):
        return reason, (f"the ODBC driver the connection string names is not installed here "
                        f"(installed: {_installed()}); install it, or name one of these in "
                        "DRIVER={...}; " + MANAGER_HINT)
    return reason, None


def _installed() -> str:
    try:
        import pyodbc

        drivers: Any = pyodbc.drivers()
    except Exception:  # only a hint: without the list it still helps
        return "unknown"
    return ", ".join(sorted(str(d) for d in drivers)) or "none"
