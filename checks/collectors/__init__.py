"""Fact collectors: the only stage that touches the outside world.

A collector gathers one group of facts for a snapshot. It is an object with a
``name`` and a ``collect(role, site)`` method returning a fragment of facts;
a collector that fails leaves its facts null and records why, and the
others go on (see the ``itmscheck_collectors`` hook).
"""

from __future__ import annotations

from typing import Any, Protocol


class Collector(Protocol):
    name: str
    """Shown as the provenance of the facts it gathers."""

    def collect(self, role: str, site: dict[str, Any]) -> dict[str, Any]:
        """Return a fragment of ``facts`` (nested dicts); raise to report a failure."""
        ...
