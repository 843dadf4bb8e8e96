"""pytest mode's command line: the ``--itmscheck-*`` options and the servers they name.

The options are read once, in ``pytest_configure``, into a :class:`Plan`:
the phase, whether the session is a deliberate partial run, and every
Notification Server with its inputs already loaded, so bad input is pytest's
usage error (exit 4) naming the file and field, never a collection error.
Paths given beside the options are refused the same way: they would not run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from itmscheck.console import escape
from itmscheck.engine.model import PHASES


@dataclass(frozen=True)
class Server:
    """One Notification Server of the session: a collected snapshot and its rules."""

    name: str
    """Its host name (:func:`itmscheck.engine.identity.server_name`)."""
    label: str
    """``NS75.post``: its node id and the first part of every classname."""
    snapshot: Path
    """The file collected for it: the target snapshot, or the source in a phase without one."""
    inputs: Any


@dataclass(frozen=True)
class Plan:
    phase: str
    partial: bool
    catalog: Any
    servers: dict[Path, Server]
    """By the resolved path of each server's snapshot."""
    checked_at: datetime | None = None
    """When the session checks (``--itmscheck-checked-at``, default now): the evidence's age."""


PLAN = pytest.StashKey[Plan]()


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("itmscheck", "itmscheck: the rule catalog as acceptance tests")
    group.addoption("--itmscheck-phase", choices=PHASES, help="the phase whose rules to run")
    group.addoption("--itmscheck-source", action="append", type=Path, default=[],
                    metavar="SNAPSHOT", help="snapshot of the 7.0 server: one for every "
                    "target, or one per --itmscheck-target in the same order")
    group.addoption("--itmscheck-target", action="append", type=Path, default=[],
                    metavar="SNAPSHOT", help="snapshot of a 7.5 server (repeatable: one per "
                    "Notification Server; with -n each runs on its own worker)")
    group.addoption("--itmscheck-site", type=Path, metavar="SITE.yaml", help="the site file")
    group.addoption("--itmscheck-checked-at", metavar="DATETIME",
                    help="the moment the session checks, against which the evidence's age is "
                         "judged (ISO 8601 with a time zone; default: now)")
    group.addoption("--itmscheck-partial", action="store_true",
                    help="a deliberate diagnostic run of some rules (-k, -m, --lf, ...): the "
                         "verdict is PARTIAL, exit 1 when a selected blocker blocks and 3 "
                         "otherwise, never 0. Without it, a session that leaves out a blocker "
                         "of the phase is NO-GO")


def read_plan(config: pytest.Config) -> Plan | None:
    """The servers to check, or None when no ``--itmscheck-*`` option was given."""
    phase: str | None = config.getoption("itmscheck_phase")
    sources: list[Path] = config.getoption("itmscheck_source")
    targets: list[Path] = config.getoption("itmscheck_target")
    site: Path | None = config.getoption("itmscheck_site")
    partial: bool = config.getoption("itmscheck_partial")
    if phase is None and not sources and not targets and site is None and not partial:
        return None  # not asked for: the plugin stays out of the way
    if phase is None or not sources:
        raise pytest.UsageError("itmscheck: --itmscheck-phase and --itmscheck-source are needed")
    if len(sources) not in (1, len(targets)):
        raise pytest.UsageError("itmscheck: give one --itmscheck-source, or one per "
                                "--itmscheck-target")
    if len(sources) == 1:  # one 7.0 server for every target
        sources = sources * max(len(targets), 1)
    servers: list[Path | None] = [*targets] or [None]  # a phase may need no target
    pairs = list(zip(sources, servers, strict=True))
    from itmscheck.engine import loader
    from itmscheck.errors import InputError

    try:  # fail at once, with the file and field, rather than as a collection error
        checked_at = _checked_at(config.getoption("itmscheck_checked_at"))
        catalog = loader.catalog()
        loaded = _servers(phase, [(source, target, loader.load_inputs(catalog, source, target, site))
                                  for source, target in pairs])
    except InputError as error:
        raise pytest.UsageError(escape(f"itmscheck: {error}")) from None
    _refuse_other_paths(config, loaded)
    return Plan(phase=phase, partial=partial, catalog=catalog, servers=loaded, checked_at=checked_at)


def _checked_at(text: str | None) -> datetime:
    from itmscheck.evidence.snapshot import parse_datetime

    if text is None:
        return datetime.now(timezone.utc)
    return parse_datetime(text, "command line", "--itmscheck-checked-at")


def _servers(phase: str, loaded: list[tuple[Path, Path | None, Any]]) -> dict[Path, Server]:
    from itmscheck.engine.identity import server_label, server_name

    servers: dict[Path, Server] = {}
    labels: dict[str, Path] = {}
    for source, target, inputs in loaded:
        snapshot = target or source
        if snapshot.resolve() in servers:
            raise pytest.UsageError("itmscheck: the same --itmscheck-target is given twice")
        name = server_name(inputs)
        label = server_label(name, phase)
        if label in labels:  # their tests and JUnit names would collide
            raise pytest.UsageError(f"itmscheck: {labels[label]} and {snapshot} are both the server "
                                    f"{name!r}: check them in separate sessions")
        labels[label] = snapshot
        servers[snapshot.resolve()] = Server(name, label, snapshot, inputs)
    return servers


def _refuse_other_paths(config: pytest.Config, servers: dict[Path, Server]) -> None:
    """Paths beside the options would silently not run: pytest's usage error (exit 4) instead.

    Naming the snapshots themselves is allowed (pytest-xdist's workers do).
    """
    if config.args_source is not pytest.Config.ArgsSource.ARGS:
        return  # no path given: pytest would use testpaths or the current folder
    others = [arg for arg in config.args if Path(arg).resolve() not in servers]
    if others:
        raise pytest.UsageError(
            f"itmscheck: {', '.join(others)}: paths cannot be combined with --itmscheck-* options "
            "(they would not run); run them in a separate pytest session")
