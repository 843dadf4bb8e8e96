"""The values that flow through evaluation: outcomes, results and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from itmscheck.engine.packs import PackState

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
    """A check's conclusion and the sentence that explains it.

    An unknown outcome names in ``needs`` the references whose values could not
    decide (present, but unusable: not a number, no version, collected too early):
    the ``error`` it leads to says how to get them again, as for a fact not read.
    """

    state: State
    message: str
    needs: tuple[str, ...] = ()

    @classmethod
    def passed(cls, message: str) -> Outcome:
        return cls(State.PASS, message)

    @classmethod
    def failed(cls, message: str) -> Outcome:
        return cls(State.FAIL, message)

    @classmethod
    def unknown(cls, message: str, needs: tuple[str, ...] = ()) -> Outcome:
        return cls(State.UNKNOWN, message, needs)


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

    def cite(self) -> str:
        return f"guide: \"{self.section}\", page {self.page}"


GUIDE_TITLE = "IT Management Suite Migration Guide version 7.0 to 7.5"


@dataclass(frozen=True)
class SourceRef:
    """What a rule enforces when it is not the guide: a site's policy, a standard, a KB article.

    A site's own rules (``--rules-dir``, a plugin) may cite one; of the built-in
    packs, the guide's rules cite the guide and the known-issues pack's rules each
    cite their knowledge-base article, with its ``url`` and the ``quote`` they
    enforce (:mod:`itmscheck.engine.packs`).
    """

    title: str
    reference: str
    url: str | None = None
    quote: str | None = None

    def cite(self) -> str:
        return f"source: {self.title}, {self.reference}" + (f" <{self.url}>" if self.url else "")


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
    guide: GuideRef | None
    remediation: str
    chapter: int
    chapter_title: str
    evidence: dict[str, Evidence] = field(default_factory=dict)
    waiver: dict[str, Any] | None = None
    attestation: dict[str, Any] | None = None
    tags: tuple[str, ...] = ()
    quote: str | None = None
    """The guide's words the rule enforces."""
    also: tuple[dict[str, Any], ...] = ()
    """Further guide sentences the rule enforces: ``{section, page, quote}`` (``guide.also``)."""
    policy: tuple[dict[str, str], ...] = ()
    """What in the rule is itmscheck's choice, not the guide's: ``{part, why[, setting]}``."""
    source: SourceRef | None = None
    """What the rule cites instead of the guide (a site's own rule); ``guide`` is then None."""
    pack: str | None = None
    """The rule pack it belongs to (``guide``, ``known_issues``); None for a site's own rule."""
    obtain: str | None = None
    """For ``error``: how to get the facts it lacks (a collector, a probe, a fragment field
    or a site-file declaration): an error's remedy, not the failure's."""

    @property
    def blocks(self) -> bool:
        """A blocker that did not pass and was not waived stops the migration."""
        return blocks(self.severity, self.status)

    @property
    def citation(self) -> str:
        """Where the rule comes from, in one line: the guide's section and page, or its source."""
        if self.source is not None:
            return self.source.cite()
        assert self.guide is not None
        return self.guide.cite()

    @property
    def remedy(self) -> str:
        """What to do about this result: how to get the facts for ``error``, else the remediation."""
        if self.status is Status.ERROR and self.obtain:
            return self.obtain
        return self.remediation


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
    checked_at: str | None = None
    """When the check ran (``--checked-at``, default now): the evidence's age is judged against it."""
    collected_at: dict[str, str] = field(default_factory=dict)
    """When each snapshot's evidence was collected, by role (``source``, ``target``)."""
    warnings: tuple[str, ...] = ()
    """Findings about the run rather than a rule: evidence older than the site allows."""
    evidence_day: str | None = None
    """The evidence's day (the newest snapshot's local date, ``YYYY-MM-DD``): an attestation
    dated after it confirms nothing."""
    packs: tuple[PackState, ...] = ()
    """The rule packs of the run (:class:`itmscheck.engine.packs.PackState`): whether each was
    evaluated or switched off by the site, by whom and why."""

    @property
    def packs_off(self) -> tuple[PackState, ...]:
        """The packs the site switched off: every report says so, by whom and why."""
        return tuple(state for state in self.packs if not state.enabled)

    @property
    def summary(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        for result in self.results:
            counts[result.status.value] += 1
        return counts

    @property
    def blocking(self) -> tuple[Result, ...]:
        return tuple(result for result in self.results if result.blocks)

    @property
    def open_points(self) -> tuple[Result, ...]:
        """Findings that need attention without blocking: warnings first, then information."""
        found = [r for r in self.results
                 if not r.blocks and r.status in (Status.FAILED, Status.ERROR, Status.MANUAL)]
        return tuple(sorted(found, key=lambda r: (r.severity != "warning", r.chapter, r.rule)))

    @property
    def attention(self) -> dict[str, int]:
        """What is left to do, as every output counts it: blockers to fix (failed or could
        not be evaluated), blockers to sign off (manual), and warnings (findings that do not
        block, and the run's own warnings)."""
        sign = sum(1 for r in self.blocking if r.status is Status.MANUAL)
        return {"to_fix": len(self.blocking) - sign, "to_sign_off": sign,
                "warnings": len(self.open_points) + len(self.warnings)}
