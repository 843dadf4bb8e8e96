"""The JSON report keeps the contract (docs/contract.md, "JSON")."""

from __future__ import annotations

import json

import pytest

from itmscheck.evidence.schemas import schema
from tests.conftest import lab_args


@pytest.mark.parametrize("lab", ["ready", "not-ready"])
@pytest.mark.parametrize("phase", ["pre", "install", "post"])
def test_report_validates_and_its_summary_counts_the_results(itmscheck, tmp_path, lab, phase):
    run = itmscheck(*lab_args(lab, phase), "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    errors = list(schema("report.schema.json").iter_errors(report))
    assert not errors, errors[0].message
    assert report["phase"] == phase
    assert sum(report["summary"].values()) == len(report["results"])
    for status, count in report["summary"].items():
        assert count == sum(r["status"] == status for r in report["results"])
    assert (report["verdict"] == "GO") == (run.code == 0) == (not report["blocking"])


def test_a_failed_result_carries_evidence_guide_and_remediation(itmscheck, tmp_path):
    itmscheck(*lab_args("not-ready", "install"), "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    collation = next(r for r in report["results"] if r["rule"] == "CH01-SAME-COLLATION")
    assert collation == {**collation,
                         "severity": "blocker", "status": "failed",
                         "guide": {"section": "Readiness checklist for IT Management Suite migration",
                                   "page": 19, "quote": "When you restore CMDB, use the same "
                                   "collation that was used for Symantec Management Platform 7.0.",
                                   "also": [{"section": "Migrating from Symantec Management Platform 7.0",
                                             "page": 28, "quote": "When you restore the database, use the "
                                             "same collation that was used on the Symantec Management "
                                             "Platform 7.0 server."}]},
                         "evidence": {"target.cmdb.instance_collation": "Latin1_General_CI_AS",
                                      "source.cmdb.collation": "SQL_Latin1_General_CP1_CI_AS",
                                      "target.cmdb.collation": "SQL_Latin1_General_CP1_CI_AS"}}
    assert "Latin1_General_CI_AS" in collation["message"]
    assert collation["remediation"].startswith("Restore the 7.0 CMDB backup on a SQL Server instance")
    assert collation["provenance"]["source.cmdb.collation"].startswith("declared by")


def test_a_server_is_evidence_by_the_fields_that_name_it_not_all_its_facts(itmscheck, tmp_path):
    itmscheck(*lab_args("not-ready", "post"), "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    mixed = next(r for r in report["results"] if r["rule"] == "CH01-NO-MIXED-MODE")
    assert {"target.host.name", "target.host.ip_addresses", "source.host.fqdn"} <= set(mixed["evidence"])
    assert not {"target.host", "source.host"} & set(mixed["evidence"])  # not its OS, users, .NET...


def test_an_existing_report_is_replaced_whole(itmscheck, tmp_path):
    path = tmp_path / "r.json"
    path.write_text("stale " * 100_000)
    itmscheck(*lab_args("ready", "pre"), "--json", path)
    json.loads(path.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left behind
