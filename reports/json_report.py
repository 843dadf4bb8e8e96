"""The JSON report (docs/contract.md, "JSON report"; rules/schema/report.schema.json)."""

from __future__ import annotations

import json

from itmscheck.engine.model import Report
from itmscheck.reports import Reporter, pack_dict, result_dict


class JsonReporter(Reporter):
    option = "json"
    description = "JSON report: verdict, summary, one result per rule"

    def render(self, report: Report) -> str:
        document = {
            "itmscheck_report": 1,
            "phase": report.phase,
            "verdict": report.verdict,
            "summary": report.summary,
            "server": report.server,
            "blocking": [result.rule for result in report.blocking],
            "attention": report.attention,
            "evaluated_at": report.evaluated_at,
            "collected_at": report.collected_at,
            "checked_at": report.checked_at,
            "warnings": list(report.warnings),
            "packs": [pack_dict(state) for state in report.packs],
            "inputs": report.inputs,
            "site": report.site_name,
            "tool": {"name": "itmscheck", "version": report.tool_version},
            "results": result_dict(report),
        }
        if report.selection:
            document["selection"] = list(report.selection)
        return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"
