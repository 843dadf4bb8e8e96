"""The scan pool of the CMDB collector: computer-sized probes on connections of their own.

At most :data:`SCAN_CONNECTIONS` threads, each with one connection opened
when its first scan arrives, so that the scans run while the light probes go
on on the main connection. Each scan is still a single read-only SELECT with
the main connection's query timeout and, on SQL Server, its non-blocking
isolation (the collector's ``connect`` sets both up). The bound keeps the load
on the live Notification Server's database bounded too.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from itmscheck.collectors.cmdb import session
from itmscheck.collectors.cmdb.probe import Probe

# Connections the scans may use at once (besides the main one): enough to overlap
# them, few enough to leave the live Notification Server its database (its own
# pool is far larger).
SCAN_CONNECTIONS = 2


@dataclass
class State:
    """What the probes of one collection share across threads: whether the CMDB is gone."""

    lost: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class Outcome:
    facts: dict[str, Any] | None = None
    reason: str | None = None


Connect = Callable[[], tuple[Any, str | None]]  # (connection, None) or (None, why not)
Run = Callable[[Any, Probe, tuple[Any, ...]], Outcome]
Failed = Callable[[Probe, Exception], Outcome]


class ScanPool:
    """Hand scans over with :meth:`submit`; a ticket finds its outcome in :meth:`results`."""

    def __init__(self, connect: Connect, run: Run, failed: Failed, state: State) -> None:
        self._connect, self._run, self._failed, self._state = connect, run, failed, state
        self._queue: queue.SimpleQueue[tuple[int, Probe, tuple[Any, ...]] | None] = (
            queue.SimpleQueue())
        self._threads: list[threading.Thread] = []
        self._outcomes: dict[int, Outcome] = {}
        self._tickets = 0
        self._crash: list[BaseException] = []

    def submit(self, probe: Probe, parameters: tuple[Any, ...]) -> int:
        self._tickets += 1
        self._queue.put((self._tickets, probe, parameters))
        if len(self._threads) < SCAN_CONNECTIONS:
            thread = threading.Thread(target=self._work, name=f"cmdb-scan-{len(self._threads)}",
                                      daemon=True)  # see stop()
            self._threads.append(thread)
            thread.start()
        return self._tickets

    def results(self) -> dict[int, Outcome]:
        """Every outcome, once the scans are done and their connections closed."""
        self.stop()
        for thread in self._threads:
            thread.join()
        if self._crash:  # a bug, not an answer of the CMDB: the collector fails, and says so
            raise self._crash[0]
        return self._outcomes

    def stop(self) -> None:
        """No more scans: each thread ends after the one it runs, closing its connection.

        Alone (a Ctrl-C, a failure), nothing waits for them: the threads are
        daemons, and a scan is bounded by its query timeout anyway.
        """
        for _thread in self._threads:
            self._queue.put(None)

    def _work(self) -> None:
        import pyodbc

        connection = None
        try:
            while (item := self._queue.get()) is not None:
                ticket, probe, parameters = item
                try:
                    if connection is None and not self._state.lost:
                        connection, refused = self._connect()
                        if refused:
                            self._outcomes[ticket] = Outcome(reason=refused)
                            continue
                    self._outcomes[ticket] = self._run(connection, probe, parameters)
                except pyodbc.Error as error:  # the connection could not be opened
                    self._outcomes[ticket] = self._failed(probe, error)
                except BaseException as error:
                    self._crash.append(error)
        finally:
            if connection is not None:
                session.close(connection)
