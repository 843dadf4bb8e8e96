"""Fact collectors: the only stage that touches the outside world.

A collector gathers one group of facts for a snapshot. It is an object with a
``name`` and a ``collect(role, site)`` method returning a fragment of facts;
a collector that fails leaves its facts null and records why, and the
others go on (see the ``itmscheck_collectors`` hook).

``collect`` may return a plain dict of facts (all of them then count as
collected by the collector) or a :class:`Fragment`, which also says which
facts it could not read and why, and where each fact came from. A collector
may list the fact paths it is responsible for in ``groups``, so that when it
raises, exactly those facts are recorded as unknown with its reason.

``itmscheck collect`` itself is :mod:`.command`. May import
:mod:`itmscheck.evidence` (to validate what it writes), :mod:`itmscheck.errors`,
:mod:`itmscheck.cache`, :mod:`itmscheck.outputs` and :mod:`itmscheck.plugins`;
never the engine, the reports or the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class Collector(Protocol):
    name: str
    """Shown as the provenance of the facts it gathers."""

    def collect(self, role: str, site: dict[str, Any]) -> dict[str, Any] | Fragment:
        """Return a fragment of ``facts`` (nested dicts); raise to report a failure."""
        ...


@dataclass
class Fragment:
    """What one collector found: facts, the facts it could not read, and their origin.

    ``unknown`` and ``provenance`` are keyed by dotted fact path (or a group
    prefix), exactly as the snapshot's maps of the same name. ``failures`` say
    why a source the site asked for (a CMDB connection, a files root) could
    not be read at all, and ``hints`` what to install or change: ``collect``
    prints both and exits 1.
    """

    facts: dict[str, Any] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, dict[str, str]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    def put(self, path: str, value: Any) -> None:
        """Set the fact at dotted ``path``, creating the groups above it."""
        node = self.facts
        *parents, leaf = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value

    def miss(self, path: str, reason: str) -> None:
        """Record that the fact at ``path`` could not be read, and why."""
        self.put(path, None)
        self.unknown[path] = reason


class CollectorFailed(Exception):
    """A collector could not run at all; the message is safe to show (no secret)."""
