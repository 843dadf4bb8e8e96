"""The CMDB collector: read-only probes over pyodbc, one round trip each.

Read-only by construction: the connection is opened with autocommit (no
transaction is ever left open holding locks), every probe passes the
:mod:`sqlguard` before it is sent, every probe has a query timeout
(``Connection.timeout``), and on SQL Server the session first runs ``SET
TRANSACTION ISOLATION LEVEL READ UNCOMMITTED`` - the Altiris convention
(its own reports read ``WITH (NOLOCK)``) - so no probe waits on, or blocks,
the live Notification Server. A session statement was chosen over per-table
hints so that the probes stay in the SQL both SQL Server and the lab accept.
PostgreSQL readers never block writers, so the lab needs no such statement.

Each probe is independent: one that fails leaves its facts unknown with the
reason; when the connection itself is lost, the remaining probes are not
tried and say so. Nothing secret reaches a reason: the redactor removes the
connection string's password from every driver message.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from typing import Any

from checks.collectors import Fragment
from checks.collectors.cmdb_config import cmdb_config
from checks.collectors.cmdb_rows import ROW_TO_FACTS, Unreadable
from checks.collectors.probe import Probe, is_sql_server, load_probes
from checks.collectors.secrets import Redactor
from checks.collectors.sqlguard import check_select, check_session_statement

ISOLATION = "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"


class CmdbCollector:
    """Runs the probes against the CMDB; ``probes`` may be given (tests, plugins)."""

    name = "cmdb"

    def __init__(self, probes: Iterable[Probe] | None = None) -> None:
        self._probes = probes
        self.round_trips = 0  # probe queries sent (session statements not counted)
        self.seconds = 0.0

    @property
    def groups(self) -> tuple[str, ...]:
        return (*(f for p in load_probes() for f in p.facts), "cmdb.server", "cmdb.database")

    def collect(self, role: str, site: dict[str, Any]) -> Fragment:
        config = cmdb_config(site)
        fragment = Fragment()
        probes = self._probes if self._probes is not None else load_probes()
        if config.connection is None:
            for path in self.groups:
                fragment.miss(path, "no CMDB connection string (site file cmdb.connection, "
                                    "--connection-env, or ITMSCHECK_CMDB_CONNECTION)")
            return fragment
        redact = Redactor(config.connection)
        started = time.monotonic()
        try:
            import pyodbc

            try:
                connection = pyodbc.connect(config.connection, autocommit=True, readonly=True,
                                            timeout=config.login_timeout_seconds)
            except pyodbc.Error as error:
                reason = f"cannot connect to the CMDB: {redact(_message(error))}"
                for path in self.groups:
                    fragment.miss(path, reason)
                return fragment
            try:
                self._run(connection, probes, config, fragment, redact)
            finally:
                with contextlib.suppress(pyodbc.Error):  # a server gone has nothing to release
                    connection.close()
        finally:
            self.seconds = time.monotonic() - started
        return fragment

    def _run(self, connection: Any, probes: Iterable[Probe], config: Any,
             fragment: Fragment, redact: Redactor) -> None:
        import pyodbc

        dbms = str(connection.getinfo(pyodbc.SQL_DBMS_NAME))
        bounded = _bound_query_time(connection, dbms, config.timeout_seconds)
        fragment.put("cmdb.server", _info(connection, pyodbc.SQL_SERVER_NAME))
        fragment.put("cmdb.database", _info(connection, pyodbc.SQL_DATABASE_NAME))
        if is_sql_server(dbms):
            connection.execute(check_session_statement(ISOLATION))
        lost: str | None = None if bounded else (
            f"not run: the {dbms} ODBC driver cannot bound query time, and a probe "
            "without a timeout could stall the Notification Server's database")
        for probe in probes:
            if lost:
                _miss_all(fragment, probe, lost)
                continue
            if not probe.runs_on(dbms):
                _miss_all(fragment, probe, f"probe {probe.name} is SQL Server only; "
                                           f"this server is {dbms}")
                continue
            parameters: tuple[Any, ...] = ()
            if probe.parameter:
                if not config.notification_server:
                    _miss_all(fragment, probe, f"probe {probe.name} needs {probe.parameter}")
                    continue
                parameters = (config.notification_server,)
            try:
                check_select(probe.sql, probe.name)
                cursor = connection.execute(probe.sql, *parameters)
                self.round_trips += 1
                columns = [c[0].lower() for c in cursor.description]
                rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
                _put_all(fragment, probe, ROW_TO_FACTS[probe.name](rows))
            except pyodbc.Error as error:
                reason = f"probe {probe.name} failed: {redact(_message(error))}"
                _miss_all(fragment, probe, reason)
                if _connection_lost(error):
                    lost = f"not tried: the connection to the CMDB was lost ({reason})"
            except Unreadable as error:
                _miss_all(fragment, probe, f"probe {probe.name}: {redact(str(error))}")


def _bound_query_time(connection: Any, dbms: str, seconds: int) -> bool:
    """Give every probe a query timeout: ODBC's, else the server's own; False if neither."""
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


def _put_all(fragment: Fragment, probe: Probe, facts: dict[str, Any]) -> None:
    from checks.snapshot import null_means_none

    for path, value in facts.items():
        if value is None and path not in null_means_none():
            fragment.miss(path, f"probe {probe.name}: the CMDB record has no value")
        else:
            fragment.put(path, value)


def _miss_all(fragment: Fragment, probe: Probe, reason: str) -> None:
    for path in probe.facts:
        fragment.miss(path, reason)


def _info(connection: Any, code: int) -> str | None:
    value = connection.getinfo(code)
    return str(value) if value else None


def _message(error: Exception) -> str:
    parts = [str(a) for a in error.args]
    return " ".join(parts[1:] if len(parts) > 1 else parts).strip()


def _connection_lost(error: Exception) -> bool:
    state = str(error.args[0]) if error.args else ""
    # SQLSTATE class 08 = connection exception (a timeout, HYT00, is not: the
    # next probe may well answer in time)
    return state.startswith("08")
