"""One collection's probes over an open CMDB connection: light ones here, scans in the pool.

Light probes (catalog views, small tables) run in order on the main
connection; probes marked ``-- scan: yes`` read tables that grow with the
number of computers: they are handed first, each to one of at most
:data:`~itmscheck.collectors.cmdb.pool.SCAN_CONNECTIONS` connections of their
own set up the same way (:mod:`itmscheck.collectors.cmdb.pool`), and run while
the light probes go on (at 200,000 computers the scans are nearly all of the
time, and a bounded pool keeps the load on the live server bounded too).
Outcomes come back in probe order, whichever finished first.

Each probe is independent: one that fails leaves its facts unknown with the
reason; when the connection itself is lost, the remaining probes are not
tried and say so. Every probe passes the :mod:`sqlguard` before it is sent,
and every driver message goes through the redactor.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from itmscheck.collectors.cmdb import session
from itmscheck.collectors.cmdb.pool import Outcome, ScanPool, State
from itmscheck.collectors.cmdb.probe import Probe
from itmscheck.collectors.cmdb.rows import ROW_TO_FACTS, Unreadable
from itmscheck.collectors.cmdb.sqlguard import guarded
from itmscheck.collectors.secrets import Redactor


class ProbeRun:
    """Runs probes on ``connection``; counts the queries sent in ``round_trips``."""

    def __init__(self, connection: Any, config: Any, redact: Redactor) -> None:
        self.connection, self.config, self.redact = connection, config, redact
        self.round_trips = 0  # probe queries sent (session statements not counted)
        self.lost: str | None = None  # why the probes stopped being tried, if they did

    def outcomes(self, probes: Iterable[Probe]) -> list[tuple[Probe, Outcome]]:
        dbms = session.dbms_of(self.connection)
        bounded = session.prepare(self.connection, dbms, self.config.timeout_seconds)
        state = State(None if bounded else (
            f"not run: the {dbms} ODBC driver cannot bound query time, and a probe "
            "without a timeout could stall the Notification Server's database"))
        pool = ScanPool(lambda: self._connect(dbms),
                        lambda connection, probe, parameters: self._probe(
                            connection, probe, parameters, state),
                        lambda probe, error: self._failed(probe, error, state), state)
        pending: list[tuple[Probe, Outcome | int]] = []
        try:
            for probe in probes:
                pending.append((probe, self._dispatch(probe, dbms, pool, state)))
        except BaseException:  # a Ctrl-C does not wait for the scans under way
            pool.stop()
            raise
        finished = pool.results()
        self.lost = state.lost
        return [(probe, finished[outcome] if isinstance(outcome, int) else outcome)
                for probe, outcome in pending]

    def _dispatch(self, probe: Probe, dbms: str, pool: ScanPool, state: State) -> Outcome | int:
        """Run a light probe now; queue a scan (its ticket); or say why it is not run."""
        if state.lost:
            return Outcome(reason=state.lost)
        if not probe.runs_on(dbms):
            return Outcome(reason=f"probe {probe.name} is SQL Server only; this server is {dbms}")
        parameters: tuple[Any, ...] = ()
        if probe.parameter:
            if not self.config.notification_server:
                return Outcome(reason=f"probe {probe.name} needs {probe.parameter}")
            parameters = (self.config.notification_server,)
        guarded(probe.sql, probe.name)  # before any connection may send it
        if probe.scan:
            return pool.submit(probe, parameters)
        return self._probe(self.connection, probe, parameters, state)

    def _connect(self, dbms: str) -> tuple[Any, str | None]:
        """A scan connection set up like the main one: (connection, None) or (None, why not)."""
        connection = session.connect(self.config)
        if not session.prepare(connection, dbms, self.config.timeout_seconds):
            session.close(connection)
            return None, (f"not run: the {dbms} ODBC driver cannot bound query time "
                          "on a second connection")
        return connection, None

    def _probe(self, connection: Any, probe: Probe, parameters: tuple[Any, ...],
               state: State) -> Outcome:
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
            return self._failed(probe, error, state)
        except Unreadable as error:
            return Outcome(reason=f"probe {probe.name}: {self.redact(str(error))}")

    def _failed(self, probe: Probe, error: Exception, state: State) -> Outcome:
        reason = f"probe {probe.name} failed: {self.redact(session.message(error))}"
        if session.connection_lost(error):
            with state.lock:
                state.lost = state.lost or (
                    f"not tried: the connection to the CMDB was lost ({reason})")
        return Outcome(reason=reason)
