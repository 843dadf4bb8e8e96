"""pytest mode's tests: a server, its chapters, and an item per rule of the phase.

Node ids and JUnit classnames name the server, the phase and the chapter, never
a file, as ``check --junit`` does:
``NS75.post::ch01-introducing-it-management-suite-migration::CH01-SAME-COLLATION``
(classname ``NS75.post.ch01-...``). An item's location is its rule's
definition (rule file and line), so skip messages point at the rule, not at
this plugin.

Outcomes follow the gate (README, "Verdicts, statuses and exit statuses"): a
blocker that blocks fails, saying why, with its evidence as JSON; a warning or
information rule that failed or could not be evaluated passes with a pytest
warning (:class:`RuleWarning`), recorded straight into pytest's warnings
summary so that ``filterwarnings = error`` cannot turn a GO into a failure;
waived is xfail with who, why and until when; not applicable and unconfirmed
non-blocking rules are skipped; attested passes (counted apart, see
:mod:`itmscheck.acceptance.verdict`).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from itmscheck.acceptance.options import PLAN, Server
from itmscheck.console import escape
from itmscheck.engine.identity import chapter_label
from itmscheck.engine.model import Result, Status


class RuleWarning(UserWarning):
    """A warning (or information) rule that failed or could not be evaluated: shown, not failed."""


class RuleFailed(Exception):
    """A blocker that blocks: its text is the whole report, without a traceback."""


class NotificationServer(pytest.Collector):
    """A server's snapshot; its children are the chapters of the phase.

    A plain collector, not a ``pytest.File``: its node id is the server's label
    rather than a path, and ``--lf`` then selects the rules that failed instead
    of skipping the whole server.
    """

    def __init__(self, *, server: Server, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.server = server

    def collect(self) -> Iterator[pytest.Collector]:
        plan = self.config.stash[PLAN]
        chapters: dict[str, list[Any]] = {}
        for rule in plan.catalog.for_phase(plan.phase):
            chapters.setdefault(chapter_label(rule.chapter, rule.chapter_title), []).append(rule)
        for label, rules in chapters.items():
            yield Chapter.from_parent(self, name=label, server=self.server, rules=rules)


def server_node(file_path: Path, parent: pytest.Collector) -> NotificationServer | None:
    plan = parent.config.stash.get(PLAN, None)
    server = None if plan is None else plan.servers.get(file_path.resolve())
    if server is None:
        return None
    return NotificationServer.from_parent(parent, name=server.label, path=file_path,
                                          nodeid=server.label, server=server)


class Chapter(pytest.Collector):
    def __init__(self, *, server: Server, rules: list[Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.server, self.rules = server, rules

    def collect(self) -> Iterator[pytest.Item]:
        for rule in self.rules:
            item = RuleItem.from_parent(self, name=rule.id, server=self.server, rule=rule)
            item.add_marker(rule.severity)
            item.add_marker(f"ch{rule.chapter:02d}")
            if rule.pack:  # -m "not known_issues" leaves the pack out (a partial run)
                item.add_marker(rule.pack)
            yield item


class RuleItem(pytest.Item):
    def __init__(self, *, server: Server, rule: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.server, self.rule = server, rule

    def runtest(self) -> None:
        from itmscheck.engine.evaluate import evaluate

        plan = self.config.stash[PLAN]
        (result,) = evaluate(plan.catalog, self.server.inputs, plan.phase, {self.rule.id})
        # The verdict reads these, in this process or on pytest-xdist's controller.
        self.user_properties += [("severity", result.severity), ("status", result.status.value),
                                 ("guide", result.citation)]
        status = result.status
        if result.blocks:
            raise RuleFailed(explain(result))
        if status in (Status.FAILED, Status.ERROR):
            self._warn(result)
        elif status is Status.WAIVED:
            waiver = result.waiver or {}
            pytest.xfail(escape(f"waived by {waiver.get('by')} until {waiver.get('expires')}: "
                                f"{waiver.get('reason')}"))
        elif status in (Status.SKIPPED, Status.MANUAL):
            pytest.skip(escape(f"{status.value}: {result.message}"))

    def _warn(self, result: Result) -> None:
        text = escape(f"{result.rule} [{result.severity}, {result.status.value}]: {result.message} "
                      f"({result.citation})" + (f" To evaluate: {result.obtain}" if result.obtain else ""))
        self.user_properties.append(("warning", text))
        path, line, _ = self.location
        record = warnings.WarningMessage(RuleWarning(text), RuleWarning, path, (line or 0) + 1,
                                         line="")
        # Straight to pytest's warnings summary, past the warning filters: a rule's
        # warning is the gate's finding, not a Python warning a filter may make an error.
        self.ihook.pytest_warning_recorded.call_historic(kwargs={
            "warning_message": record, "when": "runtest", "nodeid": self.nodeid, "location": None})

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> Any:
        if isinstance(excinfo.value, RuleFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return Path(self.rule.file), self.rule.line - 1, f"itmscheck rule {self.name}"


def located(item: pytest.Item, report: pytest.TestReport) -> pytest.TestReport:
    """A rule's skip reported at the rule's definition, not at the line of this plugin that skipped."""
    if (isinstance(item, RuleItem) and report.skipped and isinstance(report.longrepr, tuple)
            and not hasattr(report, "wasxfail")):
        path, line, _ = item.location
        report.longrepr = (path, (line or 0) + 1, report.longrepr[2])
    return report


def explain(result: Result) -> str:
    """What a failed blocker's report says: the finding, the evidence (as JSON), the fix, the guide."""
    lines = [f"{result.rule} [{result.severity}, {result.status.value}]: {result.title}",
             result.message]
    lines += [f"  {ref} = {json.dumps(e.value, ensure_ascii=False, default=str)}"
              + (f"  ({e.provenance})" if e.provenance else "")
              for ref, e in result.evidence.items()]
    fix = f"To evaluate: {result.remedy}" if result.status is Status.ERROR else f"Fix: {result.remediation}"
    lines += [fix, result.citation[0].upper() + result.citation[1:]]
    return escape("\n".join(lines))  # snapshot text reaches the terminal: no control characters
