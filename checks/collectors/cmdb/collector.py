"""The CMDB collector: read-only probes over pyodbc, one round trip each.

It opens the session (:mod:`itmscheck.collectors.cmdb.session`: read only, a
query timeout, never blocking the live Notification Server), hands the
probes to a :class:`~itmscheck.collectors.cmdb.run.ProbeRun` (light probes on
the main connection, scans on their own) and records each outcome
(:mod:`itmscheck.collectors.cmdb.outcomes`). When the CMDB cannot be read at
all - no ODBC library, no such driver, a refused login, a closed port - every
CMDB fact is unknown with the driver's reason, and the fragment's
``failures`` say so for the console, with a hint when a piece of this machine
is missing. Nothing secret reaches a reason: the redactor removes the
connection string's password from every driver message.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from itmscheck.collectors import Fragment
from itmscheck.collectors.cmdb import failures, session
from itmscheck.collectors.cmdb.config import cmdb_config
from itmscheck.collectors.cmdb.outcomes import apply
from itmscheck.collectors.cmdb.probe import Probe, load_probes
from itmscheck.collectors.cmdb.run import ProbeRun
from itmscheck.collectors.secrets import Redactor

NO_CONNECTION = ("no CMDB connection string (site file cmdb.connection, --connection-env, "
                 "or ITMSCHECK_CMDB_CONNECTION)")


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
        if config.connection is None:
            return self._unread(fragment, NO_CONNECTION, configured=False)
        # Scans first: each goes to its own connection at once, and the light
        # probes run on the main one while the scans take their time.
        probes = self._probes if self._probes is not None else sorted(
            load_probes(), key=lambda probe: not probe.scan)
        redact = Redactor(config.connection)
        started = time.monotonic()
        try:
            try:
                import pyodbc
            except ImportError as error:  # libodbc missing: pyodbc cannot load
                return self._unread(fragment, *failures.import_failure(error))
            try:
                connection = session.connect(config)
            except pyodbc.Error as error:
                return self._unread(fragment, *failures.connect_failure(
                    error, redact(session.message(error))))
            try:
                fragment.put("cmdb.server", session.info(connection, pyodbc.SQL_SERVER_NAME))
                fragment.put("cmdb.database", session.info(connection, pyodbc.SQL_DATABASE_NAME))
                run = ProbeRun(connection, config, redact)
                try:
                    for probe, outcome in run.outcomes(probes):
                        apply(fragment, probe, outcome)
                    if run.lost:
                        fragment.failures.append(run.lost)
                finally:
                    self.round_trips = run.round_trips
            finally:
                session.close(connection)
        finally:
            self.seconds = time.monotonic() - started
        return fragment

    def _unread(self, fragment: Fragment, reason: str, hint: str | None = None,
                configured: bool = True) -> Fragment:
        """Every CMDB fact unknown for ``reason``; a configured source that failed says so."""
        for path in self.groups:
            fragment.miss(path, reason)
        if configured:
            fragment.failures.append(reason)
            if hint:
                fragment.hints.append(hint)
        return fragment
