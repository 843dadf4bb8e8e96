"""pytest mode: the rules of a phase as pytest items, for acceptance tests in CI.

    pytest --itmscheck-phase post --itmscheck-source s.json \\
           --itmscheck-target ns75.json [--itmscheck-target child.json ...] \\
           [--itmscheck-site site.yaml] [--itmscheck-partial -m blocker -k RULE-ID] \\
           [--junitxml out.xml] [-n 2]

Each target snapshot (a Notification Server of a hierarchy) is collected as
the server, its chapters and a test per rule of the phase, marked with its
severity (``blocker``, ``warning``, ``info``), chapter (``ch04``) and pack
(``guide``, ``known_issues``). The
session ends as ``check`` would: 0 only for GO (every blocker of the phase
ran and none blocks). With pytest-xdist, the rules of one server stay on one
worker. Without any ``--itmscheck-*`` option the plugin does nothing, so the
project's own tests run as usual.

This module holds the hooks; the options are :mod:`.options`, the tests
:mod:`.items` and the session's verdict :mod:`.verdict`.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from itmscheck.acceptance import items, options, verdict
from itmscheck.engine.model import SEVERITIES
from itmscheck.engine.packs import PACKS

GATEKEEPER = "itmscheck-gatekeeper"


def pytest_addoption(parser: pytest.Parser) -> None:
    options.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    plan = options.read_plan(config)
    if plan is None:
        return
    for severity in SEVERITIES:
        config.addinivalue_line("markers", f"{severity}: itmscheck rules of severity {severity}")
    for rule in plan.catalog.rules:
        config.addinivalue_line("markers", f"ch{rule.chapter:02d}: itmscheck rules of chapter "
                                           f"{rule.chapter}, {rule.chapter_title}")
    for pack in PACKS:
        config.addinivalue_line("markers", f"{pack.id}: itmscheck rules of the pack {pack.title}")
    config.stash[options.PLAN] = plan
    config.args[:] = [str(server.snapshot) for server in plan.servers.values()]  # the servers only
    # pytest-xdist's controller judges, its workers run. ``-p no:itmscheck-gatekeeper`` would
    # leave pytest's own status as the verdict, which knows nothing of blockers left out: a
    # session without its gatekeeper does not start.
    if not hasattr(config, "workerinput") and config.pluginmanager.register(
            verdict.Gatekeeper(plan), GATEKEEPER) is None:
        raise pytest.UsageError(f"itmscheck: the plugin {GATEKEEPER} that judges the session "
                                f"cannot be disabled (remove -p no:{GATEKEEPER})")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    return items.server_node(file_path, parent)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item,
                              call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    return items.located(item, report)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """One server per worker: plain ``-n`` schedules by the first part of the node id, the server."""
    if config.stash.get(options.PLAN, None) is None or config.getvalue("dist") != "load":
        return None
    import importlib

    # xdist ships no type information, hence the import by name.
    return importlib.import_module("xdist.scheduler").LoadFileScheduling(config, log)
