"""Reporters: the same results rendered for people and for pipelines.

A reporter is a class with an ``option`` (the ``check --<option> PATH``
command-line flag), a ``description`` and a ``render`` method; plugins add
reporters through the ``itmscheck_reporters`` hook. Reports are written
atomically (:mod:`itmscheck.outputs`): a crash never leaves half a report
where a pipeline looks. Installed as ``itmscheck.reports``; may import the
engine's values (:mod:`itmscheck.engine.model`), :mod:`itmscheck.errors` and
:mod:`itmscheck.cache`.
"""

from __future__ import annotations

from typing import ClassVar

from itmscheck.engine.model import Report
from itmscheck.engine.packs import PackState


class Reporter:
    """Base class of reporters."""

    option: ClassVar[str]
    """The command-line option (without ``--``) that names the output file."""

    description: ClassVar[str]

    def render(self, report: Report) -> str:
        raise NotImplementedError


def pack_dict(state: PackState) -> dict[str, object]:
    """A rule pack as the JSON report spells it: on, or off with who decided it and why."""
    row: dict[str, object] = {"id": state.id, "title": state.title, "enabled": state.enabled,
                              "rules": state.rules}
    if not state.enabled:
        row.update(reason=state.reason, by=state.by)
    return row


def pack_sentences(report: Report) -> list[str]:
    """One sentence per pack the site switched off: every report carries it."""
    return [f"Pack switched off: {state.sentence()}" for state in report.packs_off]


def result_dict(report: Report) -> list[dict[str, object]]:
    """The results as the JSON report (docs/contract.md, "JSON report") spells them."""
    rows: list[dict[str, object]] = []
    for r in report.results:
        row: dict[str, object] = {
            "rule": r.rule, "title": r.title, "severity": r.severity,
            "status": r.status.value, "message": r.message,
            "guide": {"section": r.guide.section, "page": r.guide.page,
                      **({"quote": r.quote} if r.quote else {}),
                      **({"also": [dict(item) for item in r.also]} if r.also else {})}
            if r.guide else None,
            "evidence": {ref: e.value for ref, e in r.evidence.items()},
            "provenance": {ref: e.provenance for ref, e in r.evidence.items() if e.provenance},
            "remediation": r.remediation,
            "chapter": {"number": r.chapter, "title": r.chapter_title},
            "pack": r.pack or "site",
        }
        if r.source:
            row["source"] = {key: value for key, value in vars(r.source).items() if value}
        if r.status.value == "error" and r.obtain:
            row["to_evaluate"] = r.obtain
        if r.waiver:
            row["waiver"] = r.waiver
        if r.attestation:
            row["attestation"] = r.attestation
        if r.policy:
            row["policy"] = [dict(item) for item in r.policy]
        if r.tags:
            row["tags"] = list(r.tags)
        rows.append(row)
    return rows
