"""A CMDB session as the probes need it: read only, bounded in time, never blocking.

Read-only by construction: the connection is opened with autocommit (no
transaction is ever left open holding locks) and ``readonly``; every probe has
a query timeout (ODBC's ``Connection.timeout``, else PostgreSQL's
``statement_timeout``); and on SQL Server the session first runs ``SET
TRANSACTION ISOLATION LEVEL READ UNCOMMITTED`` - the Altiris convention (its
own reports read ``WITH (NOLOCK)``) - so no probe waits on, or blocks, the
live Notification Server. A session statement was chosen over per-table hints
so that the probes stay in the SQL both SQL Server and the lab accept.
PostgreSQL readers never block writers, so the lab needs no such statement.
"""

from __future__ import annotations

import contextlib
from typing import Any

from itmscheck.collectors.cmdb.probe import is_sql_server
from itmscheck.collectors.cmdb.sqlguard import check_session_statement

ISOLATION = "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"


def connect(config: Any) -> Any:
    """A new connection (``pyodbc.Error`` when the server will not have it)."""
    import pyodbc

    return pyodbc.connect(config.connection, autocommit=True, readonly=True,
                          timeout=config.login_timeout_seconds)


def dbms_of(connection: Any) -> str:
    import pyodbc

    return str(connection.getinfo(pyodbc.SQL_DBMS_NAME))


def prepare(connection: Any, dbms: str, seconds: int) -> bool:
    """Bound query time and, on SQL Server, read without locks; False if time cannot be bounded."""
    if not _bound_query_time(connection, dbms, seconds):
        return False
    if is_sql_server(dbms):
        connection.execute(check_session_statement(ISOLATION))
    return True


def close(connection: Any) -> None:
    import pyodbc

    with contextlib.suppress(pyodbc.Error):  # a server gone has nothing to release
        connection.close()


def _bound_query_time(connection: Any, dbms: str, seconds: int) -> bool:
    import pyodbc

    try:
        connection.timeout = seconds
        return True
    except pyodbc.Error:
        pass  # psqlODBC refuses SQL_ATTR_CONNECTION_TIMEOUT; try the server's setting
    if "postgresql" in dbms.lower():
        connection.execute(check_session_statement(f"SET statement_timeout = {seconds * 1000}"))
        return True
    return False


def info(connection: Any, code: int) -> str | None:
    value = connection.getinfo(code)
    return str(value) if value else None


def message(error: Exception) -> str:
    """The driver's words, without the SQLSTATE that leads them."""
    parts = [str(a) for a in error.args]
    return " ".join(parts[1:] if len(parts) > 1 else parts).strip()


def connection_lost(error: Exception) -> bool:
    state = str(error.args[0]) if error.args else ""
    # SQLSTATE class 08 = connection exception (a timeout, HYT00, is not: the
    # next probe may well answer in time)
    return state.startswith("08")
