"""The values that flow through evaluation: outcomes, results and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

PHASES = ("pre", "install", "post")
SEVERITIES = ("blocker", "warning", "info")
# GO and NO-GO answer for the whole phase; PARTIAL is a run narrowed to some
# rules (``check --rule``, a deliberately partial pytest session): never a GO.
GO, NO_GO, PARTIAL = "GO", "NO-GO", "PARTIAL"
VERDICTS = (GO, NO_GO, PARTIAL)


class State(str, Enum):
    """What one check concluded: Kleene's three values."""

    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Outcome:
    """A check's conclusion and the sentence that explains it."""

    state: State
    message: str

    @classmethod
    def passed(cls, message: str) -> Outcome:
        return cls(State.PASS, message)

    @classmethod
    def failed(cls, message: str) -> Outcome:
        return cls(State.FAIL, message)

    @classmethod
    def unknown(cls, message: str) -> Outcome:
        return cls(State.UNKNOWN, message)


class Status(str, Enum):
    """A rule's status in a report (docs: "Verdicts, statuses and exit statuses").

    ``attested`` is a manual rule a person confirmed in the site file: it
    satisfies the gate like ``passed`` but is counted apart, because a
    person's word is not a measurement.
    """

    PASSED = "passed"
    ATTESTED = "attested"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"
    WAIVED = "waived"
    MANUAL = "manual"


def blocks(severity: str, status: Status) -> bool:
    """A blocker that failed, could not be evaluated or awaits a person stops the migration.

    ``passed``, ``attested``, ``waived`` and ``skipped`` (not applicable) satisfy the gate.
    """
    return severity == "blocker" and status in (Status.FAILED, Status.ERROR, Status.MANUAL)


@dataclass(frozen=True)
class GuideRef:
    section: str
    page: int


@dataclass(frozen=True)
class Evidence:
    """One fact a rule read: its value and where it came from."""

    value: Any
    provenance: str | None = None


@dataclass(frozen=True)
class Result:
    """The evaluation of one rule in one phase."""

    rule: str
    title: str
    severity: str
    status: Status
    message: str
    guide: GuideRef
    remediation: str
    chapter: int
    chapter_title: str
    evidence: dict[str, Evidence] = field(default_factory=dict)
    waiver: dict[str, Any] | None = None
    attestation: dict[str, Any] | None = None
    tags: tuple[str, ...] = ()
    quote: str | None = None
    """The guide's words the rule enforces."""
    policy: tuple[dict[str, str], ...] = ()
    """What in the rule is itmscheck's choice, not the guide's: ``{part, why[, setting]}``."""

    @property
    def blocks(self) -> bool:
        """A blocker that did not pass and was not waived stops the migration."""
        return blocks(self.severity, self.status)


@dataclass(frozen=True)
class Report:
    """Everything a reporter renders."""

    phase: str
    verdict: str
    results: tuple[Result, ...]
    evaluated_at: str
    inputs: dict[str, str | None]
    tool_version: str
    site_name: str | None = None
    demo: bool = False
    server: str | None = None
    """The Notification Server the report speaks for (the target's host name; see
    :func:`itmscheck.engine.identity.server_name`): several servers' reports in one
    CI run stay apart."""
    selection: tuple[str, ...] = ()
    """The rule ids a partial run (``--rule``) was narrowed to; empty for a full run."""

    @property
    def summary(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        for result in self.results:
            counts[result.status.value] += 1
        return counts

    @property
    def blocking(self) -> tuple[Result, ...]:
        return tuple(result for result in self.results if result.blocks)
