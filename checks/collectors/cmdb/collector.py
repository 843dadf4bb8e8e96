"""The CMDB collector: read-only probes over pyodbc, one round trip each.

Each probe passes the :mod:`sqlguard` before it is sent, on a session set up
by :mod:`itmscheck.collectors.cmdb.session` (read only, a query timeout, never
blocking the live Notification Server).

Light probes (catalog views, small tables) run in order on one connection;
probes marked ``-- scan: yes`` read tables that grow with the number of
computers: they are handed first, each to one of at most
:data:`~itmscheck.collectors.cmdb.pool.SCAN_CONNECTIONS` connections of their
own set up the same way (:mod:`itmscheck.collectors.cmdb.pool`), and run while
the light probes go on (at 200,000 computers the scans are nearly
all of the time, and a bounded pool keeps the load on the live server
bounded too). Facts are applied in probe order, whichever finished first.

Each probe is independent: one that fails leaves its facts unknown with the
reason; when the connection itself is lost, the remaining probes are not
tried and say so. Nothing secret reaches a reason: the redactor removes the
connection string's password from every driver message.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from itmscheck.collectors import Fragment
from itmscheck.collectors.cmdb import session
from itmscheck.collectors.cmdb.config import cmdb_config
from itmscheck.collectors.cmdb.pool import Outcome, ScanPool, State
from itmscheck.collectors.cmdb.probe import Probe, load_probes
from itmscheck.collectors.cmdb.rows import ROW_TO_FACTS, Unreadable
from itmscheck.collectors.cmdb.sqlguard import guarded
from itmscheck.collectors.secrets import Redactor


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
        # Scans first: each goes to its own connection at once, and the light
        # probes run on the main one while the scans take their time.
        probes = self._probes if self._probes is not None else sorted(
            load_probes(), key=lambda probe: not probe.scan)
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
                connection = session.connect(config)
            except pyodbc.Error as error:
                reason = f"cannot connect to the CMDB: {redact(session.message(error))}"
                for path in self.groups:
                    fragment.miss(path, reason)
                return fragment
            try:
                self._run(connection, probes, config, fragment, redact)
            finally:
                session.close(connection)
        finally:
            self.seconds = time.monotonic() - started
        return fragment

    def _run(self, connection: Any, probes: Iterable[Probe], config: Any,
             fragment: Fragment, redact: Redactor) -> None:
        """Scans handed to their own connections as they come; light probes on ``connection``."""
        import pyodbc

        dbms = session.dbms_of(connection)
        bounded = session.prepare(connection, dbms, config.timeout_seconds)
        fragment.put("cmdb.server", session.info(connection, pyodbc.SQL_SERVER_NAME))
        fragment.put("cmdb.database", session.info(connection, pyodbc.SQL_DATABASE_NAME))
        state = State(None if bounded else (
            f"not run: the {dbms} ODBC driver cannot bound query time, and a probe "
            "without a timeout could stall the Notification Server's database"))
        pool = ScanPool(lambda: self._connect(config, dbms),
                        lambda connection, probe, parameters: self._probe(
                            connection, probe, parameters, redact, state),
                        lambda probe, error: self._failed(probe, error, redact, state), state)
        outcomes: list[tuple[Probe, Outcome | int]] = []
        try:
            for probe in probes:
                outcomes.append((probe, self._dispatch(connection, probe, config, dbms, pool,
                                                       redact, state)))
        except BaseException:  # a Ctrl-C does not wait for the scans under way
            pool.stop()
            raise
        finished = pool.results()
        for probe, outcome in outcomes:  # in probe order, whichever finished first
            self._apply(fragment, probe, finished[outcome] if isinstance(outcome, int) else outcome)

    def _dispatch(self, connection: Any, probe: Probe, config: Any, dbms: str, pool: ScanPool,
                  redact: Redactor, state: State) -> Outcome | int:
        """Run a light probe now; queue a scan (its ticket); or say why it is not run."""
        if state.lost:
            return Outcome(reason=state.lost)
        if not probe.runs_on(dbms):
            return Outcome(reason=f"probe {probe.name} is SQL Server only; this server is {dbms}")
        parameters: tuple[Any, ...] = ()
        if probe.parameter:
            if not config.notification_server:
                return Outcome(reason=f"probe {probe.name} needs {probe.parameter}")
            parameters = (config.notification_server,)
        guarded(probe.sql, probe.name)  # before any connection may send it
        if probe.scan:
            return pool.submit(probe, parameters)
        return self._probe(connection, probe, parameters, redact, state)

    @staticmethod
    def _connect(config: Any, dbms: str) -> tuple[Any, str | None]:
        """A scan connection set up like the main one: (connection, None) or (None, why not)."""
        connection = session.connect(config)
        if not session.prepare(connection, dbms, config.timeout_seconds):
            session.close(connection)
            return None, (f"not run: the {dbms} ODBC driver cannot bound query time "
                          "on a second connection")
        return connection, None

    def _probe(self, connection: Any, probe: Probe, parameters: tuple[Any, ...],
               redact: Redactor, state: State) -> Outcome:
        """One round trip: the facts of ``probe``, or why it has none."""
        import pyodbc

        if state.lost:
            return Outcome(reason=state.lost)
        try:
            cursor = connection.execute(probe.sql, *parameters)
            with state.lock:
                self.round_trips += 1
            columns = [c[0].lower() for c in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            return Outcome(facts=ROW_TO_FACTS[probe.name](rows))
        except pyodbc.Error as error:
            return self._failed(probe, error, redact, state)
        except Unreadable as error:
            return Outcome(reason=f"probe {probe.name}: {redact(str(error))}")

    @staticmethod
    def _failed(probe: Probe, error: Exception, redact: Redactor, state: State) -> Outcome:
        reason = f"probe {probe.name} failed: {redact(session.message(error))}"
        if session.connection_lost(error):
            with state.lock:
                state.lost = state.lost or (
                    f"not tried: the connection to the CMDB was lost ({reason})")
        return Outcome(reason=reason)

    @staticmethod
    def _apply(fragment: Fragment, probe: Probe, outcome: Outcome) -> None:
        if outcome.facts is not None:
            _put_all(fragment, probe, outcome.facts)
        else:
            _miss_all(fragment, probe, outcome.reason or f"probe {probe.name}: no result")


def _put_all(fragment: Fragment, probe: Probe, facts: dict[str, Any]) -> None:
    from itmscheck.evidence.snapshot import null_means_none

    for path, value in facts.items():
        if value is None and path not in null_means_none():
            fragment.miss(path, f"probe {probe.name}: the CMDB record has no value")
        else:
            fragment.put(path, value)


def _miss_all(fragment: Fragment, probe: Probe, reason: str) -> None:
    for path in probe.facts:
        fragment.miss(path, reason)
