"""`itmscheck collect` then `itmscheck check`, end to end, against the running lab CMDB."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from itmscheck.collectors.factpaths import fact_paths
from itmscheck.evidence.snapshot import load_snapshot
from tests import pg_lab
from tests.pg_lab import READER_PASSWORD, LabCmdb, env_without_cmdb

REPO = Path(__file__).resolve().parents[1]
lab_cmdb = pg_lab.lab_cmdb  # the fixtures, by name
own_lab_cmdb = pg_lab.own_lab_cmdb


def itmscheck(*args: str, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run([sys.executable, "-m", "itmscheck", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=env or env_without_cmdb())


def _site(folder: Path, lab: LabCmdb, connection: bool = True) -> Path:
    site = folder / "site.yaml"
    lines = ["itmscheck_site: 1", "name: lab", "cmdb:", "  notification_server: NS70",
             "  timeout_seconds: 20"]
    if connection:
        lines.append(f'  connection: "{lab.connection}"')
    lines += ["facts_declared_by: Lab Operator", "facts:", "  platform:",
              '    install_path: "C:\\\\Program Files\\\\Altiris"']
    site.write_text("\n".join(lines) + "\n")
    return site


def _statuses(report: Path) -> dict[str, str]:
    return {r["rule"]: r["status"] for r in json.loads(report.read_text())["results"]}


def test_collect_against_the_lab_gives_a_valid_snapshot_with_provenance_and_no_secret(
        lab_cmdb, tmp_path):
    site = _site(tmp_path, lab_cmdb)
    done = itmscheck("collect", "--role", "source", "--site", str(site), "--local",
                     "--output", "s.json", cwd=tmp_path)
    # 1: --local on a Linux lab cannot read the server's files and logs, and says so
    assert done.returncode == 1, done.stderr
    assert "FAILED files: not a Windows host" in done.stderr and "FAILED cmdb" not in done.stderr
    snapshot = load_snapshot(tmp_path / "s.json", "source")  # validates against the schema
    facts = snapshot.facts
    assert facts["resources"]["managed_computers"] == lab_cmdb.expected["resources.managed_computers"]
    assert facts["resources"]["sites"] == lab_cmdb.expected["resources.sites"]
    assert facts["cmdb"]["tables"] == lab_cmdb.expected["cmdb.tables"]
    assert facts["host"]["name"] == socket.gethostname().split(".")[0]  # --local: this machine
    assert "host.name: cmdb says" in done.stderr  # the CMDB's record of NS70 lost, and said so
    assert facts["platform"]["install_path"] == "C:\\Program Files\\Altiris"
    assert snapshot.provenance_of("platform.install_path") == "declared by Lab Operator"
    assert snapshot.provenance_of("resources.managed_computers") == "collected by cmdb"
    assert snapshot.provenance_of("resources.sites").startswith(
        "collected by cmdb (unconfirmed: probe resources_sites uses what no public source shows")
    for path in fact_paths():
        assert snapshot.provenance_of(path), path
    for path in ("cmdb.collation", "cmdb.instance_collation", "cmdb.owner", "cmdb.last_full_backup"):
        assert "SQL Server only" in snapshot.unknown[path]
    artefacts = (tmp_path / "s.json").read_text() + done.stdout + done.stderr
    assert READER_PASSWORD not in artefacts and "PWD=" not in artefacts

    check = itmscheck("check", "--phase", "pre", "--source", "s.json", "--json", "r.json",
                      "--html", "r.html", "--junit", "r.xml", cwd=tmp_path)
    assert check.returncode in (0, 1), check.stderr
    statuses = _statuses(tmp_path / "r.json")
    assert statuses["CH02-HIERARCHY-REMOVED"] == "passed"
    # read by a probe marked unconfirmed: every report says so beside the value
    hierarchy = next(r for r in json.loads((tmp_path / "r.json").read_text())["results"]
                     if r["rule"] == "CH02-HIERARCHY-REMOVED")
    assert "unconfirmed: probe hierarchy_nodes" in json.dumps(hierarchy)
    assert "unconfirmed: probe hierarchy_nodes" in (tmp_path / "r.html").read_text()
    assert statuses["CH02-REPLICATION-QUIET"] == "passed"
    assert statuses["CH02-CMDB-BACKUP"] == "error"  # SQL Server only: unknown, never passed
    assert check.returncode == 1  # the gate fails closed on that error
    for report in ("r.json", "r.html", "r.xml"):
        assert READER_PASSWORD not in (tmp_path / report).read_text()
    assert READER_PASSWORD not in check.stdout + check.stderr


def test_the_connection_string_can_come_from_an_environment_variable(lab_cmdb, tmp_path):
    site = _site(tmp_path, lab_cmdb, connection=False)
    env = {**env_without_cmdb(), "LAB_CMDB": lab_cmdb.connection}
    done = itmscheck("collect", "--role", "target", "--site", str(site), "--connection-env",
                     "LAB_CMDB", "--output", "t.json", cwd=tmp_path, env=env)
    assert done.returncode == 1 and "FAILED" not in done.stderr, done.stderr  # 1: facts unknown
    snapshot = load_snapshot(tmp_path / "t.json", "target")
    assert snapshot.facts["cmdb"]["database"] == "Symantec_CMDB"
    assert snapshot.facts["host"]["name"] == "NS70"  # no --local: the CMDB's own record of it
    assert READER_PASSWORD not in (tmp_path / "t.json").read_text() + done.stdout + done.stderr


def test_a_stopped_database_gives_null_facts_with_reasons_and_no_go(own_lab_cmdb, tmp_path):
    site = _site(tmp_path, own_lab_cmdb)
    own_lab_cmdb.server.stop(mode="immediate")
    done = itmscheck("collect", "--role", "source", "--site", str(site), "--output", "s.json",
                     cwd=tmp_path)
    assert done.returncode == 1 and "FAILED cmdb: cannot connect to the CMDB" in done.stderr
    snapshot = load_snapshot(tmp_path / "s.json", "source")
    assert snapshot.facts["hierarchy"]["replication_jobs"]["pending"] is None
    assert "cannot connect to the CMDB" in snapshot.unknown["hierarchy.replication_jobs.pending"]
    assert "Traceback" not in done.stderr
    check = itmscheck("check", "--phase", "pre", "--source", "s.json", "--json", "r.json",
                      cwd=tmp_path)
    assert check.returncode == 1 and "NO-GO" in check.stdout
    statuses = _statuses(tmp_path / "r.json")
    for rule in ("CH02-REPLICATION-QUIET", "CH02-HIERARCHY-REMOVED", "CH02-CMDB-BACKUP"):
        assert statuses[rule] == "error", rule


def test_collect_help_stays_fast_without_loading_the_database_stack(tmp_path):
    code = ("import sys, itmscheck.cli.app as c\n"
            "try:\n    c.main(['collect', '--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'pyodbc' not in sys.modules and 'sqlglot' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
