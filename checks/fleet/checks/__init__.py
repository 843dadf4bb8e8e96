"""The cross-server check types, one per module: each compares, none reads a file.

Each module's ``check(view, params)`` returns an :class:`Outcome`; its
docstring says when it passes and when it fails. The rules that use them are
data (``rules/fleet/cross_server.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from itmscheck.engine.model import Outcome
from itmscheck.fleet.checks import (
    bottom_up,
    no_mixed_mode,
    replication_off_around_migrating,
    unique_hosts,
    wave_sizes,
)
from itmscheck.fleet.view import FleetView

CHECKS: dict[str, Callable[[FleetView, dict[str, Any]], Outcome]] = {
    module.__name__.rsplit(".", 1)[1]: module.check
    for module in (bottom_up, no_mixed_mode, replication_off_around_migrating, unique_hosts,
                   wave_sizes)
}
