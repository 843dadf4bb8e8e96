"""pytest mode: the rules of a phase as pytest items, for acceptance tests in CI.

    pytest --itmscheck-phase post --itmscheck-source s.json \\
           --itmscheck-target ns75.json [--itmscheck-target child.json ...] \\
           [--itmscheck-site site.yaml] [-m blocker] [-k RULE-ID] [--junitxml out.xml] [-n 2]

Each target snapshot (a Notification Server of a hierarchy) is a collected
file and each rule of the phase an item of it, marked with its severity
(``blocker``, ``warning``, ``info``) and chapter (``ch04``). Outcomes: passed
-> pass; failed -> fail; error -> fail saying it could not be evaluated;
skipped (not applicable) -> skip; waived -> xfail with who, why and until
when; manual -> fail for a blocker, skip otherwise. With pytest-xdist, the
rules of one target stay on one worker. Without any ``--itmscheck-*``
option the plugin does nothing, so the project's own tests run as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from itmscheck.console import escape
from itmscheck.engine.model import PHASES, SEVERITIES, Status

_PLAN = pytest.StashKey[dict[Path, tuple[Path, Path | None]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("itmscheck", "itmscheck: the rule catalog as acceptance tests")
    group.addoption("--itmscheck-phase", choices=PHASES, help="the phase whose rules to run")
    group.addoption("--itmscheck-source", action="append", type=Path, default=[],
                    metavar="SNAPSHOT", help="snapshot of the 7.0 server: one for every "
                    "target, or one per --itmscheck-target in the same order")
    group.addoption("--itmscheck-target", action="append", type=Path, default=[],
                    metavar="SNAPSHOT", help="snapshot of a 7.5 server (repeatable: one per "
                    "Notification Server; with -n each runs on its own worker)")
    group.addoption("--itmscheck-site", type=Path, metavar="SITE.yaml", help="the site file")


def _options(config: pytest.Config) -> tuple[str | None, list[Path], list[Path], Path | None]:
    return (config.getoption("itmscheck_phase"), config.getoption("itmscheck_source"),
            config.getoption("itmscheck_target"), config.getoption("itmscheck_site"))


def pytest_configure(config: pytest.Config) -> None:
    phase, sources, targets, site = _options(config)
    if phase is None and not sources and not targets and site is None:
        return  # not asked for: the plugin stays out of the way
    if phase is None or not sources:
        raise pytest.UsageError("itmscheck: --itmscheck-phase and --itmscheck-source are needed")
    if len(sources) not in (1, len(targets)):
        raise pytest.UsageError("itmscheck: give one --itmscheck-source, or one per "
                                "--itmscheck-target")
    if len(sources) == 1:  # one 7.0 server for every target
        sources = sources * max(len(targets), 1)
    servers: list[Path | None] = [*targets] or [None]  # a phase may need no target
    pairs = list(zip(sources, servers, strict=True))
    plan = {(target or source).resolve(): (source, target) for source, target in pairs}
    if len(plan) != len(pairs):
        raise pytest.UsageError("itmscheck: the same --itmscheck-target is given twice")
    from itmscheck.engine import loader
    from itmscheck.errors import InputError

    try:  # fail at once, with the file and field, rather than as a collection error
        catalog = loader.catalog()
        for source, target in plan.values():
            loader.load_inputs(catalog, source, target, site)
    except InputError as error:
        raise pytest.UsageError(escape(f"itmscheck: {error}")) from None
    for severity in SEVERITIES:
        config.addinivalue_line("markers", f"{severity}: itmscheck rules of severity {severity}")
    for rule in catalog.rules:
        config.addinivalue_line("markers", f"ch{rule.chapter:02d}: itmscheck rules of chapter "
                                           f"{rule.chapter}, {rule.chapter_title}")
    config.stash[_PLAN] = plan
    config.args[:] = [str(path) for path in plan]  # collect the servers, not the tests folder


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    plan = parent.config.stash.get(_PLAN, None)
    if plan is not None and file_path.resolve() in plan:
        try:
            nodeid = file_path.relative_to(parent.config.rootpath).as_posix()
        except ValueError:  # outside the rootdir pytest would name it "": keep servers apart
            nodeid = file_path.resolve().as_posix()
        return NotificationServer.from_parent(parent, path=file_path, nodeid=nodeid)
    return None


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """One target per worker: plain ``-n`` schedules by collected file, i.e. by server."""
    if config.stash.get(_PLAN, None) is None or config.getvalue("dist") != "load":
        return None
    import importlib

    # Scopes are collected files; xdist ships no type information, hence the import by name.
    return importlib.import_module("xdist.scheduler").LoadScopeScheduling(config, log)


class NotificationServer(pytest.File):
    """A target snapshot (or the source, in a phase without one): its rules are the items."""

    def collect(self) -> Iterator[pytest.Item]:
        from itmscheck.engine import loader

        phase, _, _, site = _options(self.config)
        source, target = self.config.stash[_PLAN][self.path.resolve()]
        catalog = loader.catalog()
        inputs = loader.load_inputs(catalog, source, target, site)
        for rule in catalog.for_phase(phase):
            item = RuleItem.from_parent(self, name=rule.id, evaluation=(catalog, inputs, phase))
            item.add_marker(rule.severity)
            item.add_marker(f"ch{rule.chapter:02d}")
            yield item


class RuleFailed(Exception):
    """A rule that did not pass: its text is the whole report, without a traceback."""


class RuleItem(pytest.Item):
    def __init__(self, *, evaluation: tuple[Any, Any, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.evaluation = evaluation

    def runtest(self) -> None:
        from itmscheck.engine.evaluate import evaluate

        catalog, inputs, phase = self.evaluation
        (result,) = evaluate(catalog, inputs, phase, {self.name})
        self.user_properties += [("severity", result.severity), ("status", result.status.value),
                                 ("guide", f"{result.guide.section}, page {result.guide.page}")]
        status = result.status
        if status is Status.SKIPPED or (status is Status.MANUAL and not result.blocks):
            pytest.skip(escape(f"{status.value}: {result.message}"))
        if status is Status.WAIVED:
            waiver = result.waiver or {}
            pytest.xfail(escape(f"waived by {waiver.get('by')} until {waiver.get('expires')}: "
                                f"{waiver.get('reason')}"))
        if status is not Status.PASSED:
            raise RuleFailed(_explain(result))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> Any:
        if isinstance(excinfo.value, RuleFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"itmscheck rule {self.name}"


def _explain(result: Any) -> str:
    lines = [f"{result.rule} [{result.severity}, {result.status.value}]: {result.title}",
             result.message]
    lines += [f"  {ref} = {e.value!r}" + (f"  ({e.provenance})" if e.provenance else "")
              for ref, e in result.evidence.items()]
    lines += [f"Fix: {result.remediation}",
              f"Guide: \"{result.guide.section}\", page {result.guide.page}"]
    return escape("\n".join(lines))  # snapshot text reaches the terminal: no control characters
