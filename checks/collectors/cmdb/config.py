"""Where the CMDB connection comes from: the site file, or an environment variable.

Site file (``cmdb:``)::

    cmdb:
      connection: "DRIVER={ODBC Driver 17 for SQL Server};SERVER=SQL01\\ALTIRIS;..."
      connection_env: ITMS_CMDB          # or: the name of a variable holding it
      timeout_seconds: 30                # per probe (pyodbc Connection.timeout)
      login_timeout_seconds: 15
      notification_server: NS70          # its own inventory record gives host facts

``collect --connection-env NAME`` overrides both; without any of them the
variable ``ITMSCHECK_CMDB_CONNECTION`` is used when set. A connection asked
for by name but absent is bad input (exit 2). No connection at all is not:
the CMDB facts stay unknown with that reason, and the site may declare them.
Keeping the password in a variable keeps it out of the site file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from itmscheck.errors import InputError

DEFAULT_ENV = "ITMSCHECK_CMDB_CONNECTION"


@dataclass(frozen=True)
class CmdbConfig:
    connection: str | None
    origin: str
    timeout_seconds: int = 30
    login_timeout_seconds: int = 15
    notification_server: str | None = None


def cmdb_config(site: dict[str, Any], site_file: str = "site file") -> CmdbConfig:
    section = site.get("cmdb") or {}
    env_name = section.get("connection_env")
    if env_name:
        value = os.environ.get(env_name, "").strip()
        if not value:
            raise InputError(site_file, f"environment variable {env_name} is not set or empty, "
                                        "but the CMDB connection string is to come from it",
                             field="cmdb.connection_env")
        return _config(value, f"environment variable {env_name}", section)
    if section.get("connection"):
        return _config(str(section["connection"]), "site file cmdb.connection", section)
    if os.environ.get(DEFAULT_ENV, "").strip():
        return _config(os.environ[DEFAULT_ENV].strip(), f"environment variable {DEFAULT_ENV}",
                       section)
    return _config(None, "none", section)


def _config(connection: str | None, origin: str, section: dict[str, Any]) -> CmdbConfig:
    server = section.get("notification_server")
    return CmdbConfig(connection, origin,
                      timeout_seconds=int(section.get("timeout_seconds", 30)),
                      login_timeout_seconds=int(section.get("login_timeout_seconds", 15)),
                      notification_server=str(server) if server else None)
