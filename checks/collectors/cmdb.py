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

Light probes (catalog views, small tables) run in order on one connection;
probes marked ``-- scan: yes`` read tables that grow with the number of
computers and run afterwards, concurrently, on at most
:data:`SCAN_CONNECTIONS` connections of their own, set up the same way (at
200,000 computers the scans are nearly all of the time, and a bounded pool
keeps the load on the live server bounded too).

Each probe is independent: one that fails leaves its facts unknown with the
reason; when the connection itself is lost, the remaining probes are not
tried and say so. Nothing secret reaches a reason: the redactor removes the
connection string's password from every driver message.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from checks.collectors import Fragment
from checks.collectors.cmdb_config import cmdb_config
from checks.collectors.cmdb_rows import ROW_TO_FACTS, Unreadable
from checks.collectors.probe import Probe, is_sql_server, load_probes
from checks.collectors.secrets import Redactor
from checks.collectors.sqlguard import check_session_statement, guarded

ISOLATION = "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"
# Connections the scans of computer-sized tables may use at once (besides the main
# one, idle meanwhile): enough to overlap them, few enough to leave the live
# Notification Server its database (its own pool is far larger).
SCAN_CONNECTIONS = 2


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
        """Light probes in order on ``connection``; scans afterwards, concurrently."""
        import pyodbc

        dbms = str(connection.getinfo(pyodbc.SQL_DBMS_NAME))
        bounded = _bound_query_time(connection, dbms, config.timeout_seconds)
        fragment.put("cmdb.server", _info(connection, pyodbc.SQL_SERVER_NAME))
        fragment.put("cmdb.database", _info(connection, pyodbc.SQL_DATABASE_NAME))
        if is_sql_server(dbms):
            connection.execute(check_session_statement(ISOLATION))
        state = _State(None if bounded else (
            f"not run: the {dbms} ODBC driver cannot bound query time, and a probe "
            "without a timeout could stall the Notification Server's database"))
        scans: list[tuple[Probe, tuple[Any, ...]]] = []
        for probe in probes:
            if state.lost:
                _miss_all(fragment, probe, state.lost)
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
            guarded(probe.sql, probe.name)  # before any connection may send it
            if probe.scan:
                scans.append((probe, parameters))
            else:
                self._apply(fragment, probe, self._probe(connection, probe, parameters, redact,
                                                         state))
        if scans:
            self._scan(scans, config, dbms, fragment, redact, state)

    def _scan(self, scans: list[tuple[Probe, tuple[Any, ...]]], config: Any, dbms: str,
              fragment: Fragment, redact: Redactor, state: _State) -> None:
        """The scans on at most :data:`SCAN_CONNECTIONS` connections of their own, at once.

        Each is a single read-only SELECT with the same query timeout and, on SQL
        Server, the same non-blocking isolation as the main connection; their
        facts are applied in probe order, so the fragment does not depend on
        which finished first.
        """
        import pyodbc

        local = threading.local()
        opened: list[Any] = []
        lock = threading.Lock()

        def run(probe: Probe, parameters: tuple[Any, ...]) -> _Outcome:
            if state.lost:
                return _Outcome(reason=state.lost)
            connection = getattr(local, "connection", None)
            if connection is None:
                try:
                    connection = pyodbc.connect(config.connection, autocommit=True, readonly=True,
                                                timeout=config.login_timeout_seconds)
                except pyodbc.Error as error:
                    return self._failed(probe, error, redact, state)
                with lock:
                    opened.append(connection)
                local.connection = connection
                if not _bound_query_time(connection, dbms, config.timeout_seconds):
                    local.connection = None
                    return _Outcome(reason=f"not run: the {dbms} ODBC driver cannot bound "
                                           "query time on a second connection")
                if is_sql_server(dbms):
                    connection.execute(check_session_statement(ISOLATION))
            return self._probe(connection, probe, parameters, redact, state)

        workers = min(SCAN_CONNECTIONS, len(scans))
        try:
            with ThreadPoolExecutor(workers, thread_name_prefix="cmdb-scan") as pool:
                outcomes = list(pool.map(lambda item: run(*item), scans))
        finally:
            for connection in opened:
                with contextlib.suppress(pyodbc.Error):
                    connection.close()
        for (probe, _parameters), outcome in zip(scans, outcomes, strict=True):
            self._apply(fragment, probe, outcome)

    def _probe(self, connection: Any, probe: Probe, parameters: tuple[Any, ...],
               redact: Redactor, state: _State) -> _Outcome:
        """One round trip: the facts of ``probe``, or why it has none."""
        import pyodbc

        if state.lost:
            return _Outcome(reason=state.lost)
        try:
            cursor = connection.execute(probe.sql, *parameters)
            with state.lock:
                self.round_trips += 1
            columns = [c[0].lower() for c in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            return _Outcome(facts=ROW_TO_FACTS[probe.name](rows))
        except pyodbc.Error as error:
            return self._failed(probe, error, redact, state)
        except Unreadable as error:
            return _Outcome(reason=f"probe {probe.name}: {redact(str(error))}")

    @staticmethod
    def _failed(probe: Probe, error: Exception, redact: Redactor, state: _State) -> _Outcome:
        reason = f"probe {probe.name} failed: {redact(_message(error))}"
        if _connection_lost(error):
            with state.lock:
                state.lost = state.lost or (
                    f"not tried: the connection to the CMDB was lost ({reason})")
        return _Outcome(reason=reason)

    @staticmethod
    def _apply(fragment: Fragment, probe: Probe, outcome: _Outcome) -> None:
        if outcome.facts is not None:
            _put_all(fragment, probe, outcome.facts)
        else:
            _miss_all(fragment, probe, outcome.reason or f"probe {probe.name}: no result")


@dataclass
class _State:
    """What the probes of one collection share across threads: whether the CMDB is gone."""

    lost: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class _Outcome:
    facts: dict[str, Any] | None = None
    reason: str | None = None


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
