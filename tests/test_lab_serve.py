"""One documented command starts the lab CMDB, says how to collect from it, and stops it."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from tests import pg_lab
from tests.support.system import require

REPO = Path(__file__).resolve().parents[1]


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tests.lab.serve", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def test_start_prints_a_connection_string_that_collect_uses_then_stop_removes_it(tmp_path) -> None:
    require(*pg_lab.LAB_PACKAGES)
    # Not under pytest's tmp_path: as root, the postgres user must be able to enter it.
    folder = Path(tempfile.mkdtemp(prefix="itms-serve-"))
    started = _serve("start", "--folder", str(folder), "--computers", "40")
    try:
        assert started.returncode == 0, started.stderr
        connection = re.search(r"^  (DRIVER=\{PostgreSQL Unicode\};\S+)$", started.stdout, re.M)
        command = re.search(r"^  (itmscheck collect .*)$", started.stdout, re.M)
        assert connection and command, started.stdout
        port = int(re.search(r"PORT=(\d+);", connection.group(1)).group(1))
        assert _serve("status", "--folder", str(folder)).returncode == 0
        argv = command.group(1).split()
        argv[argv.index("--output") + 1] = str(tmp_path / "ns70.json")
        env = {**pg_lab.env_without_cmdb(), "ITMSCHECK_CMDB_CONNECTION": connection.group(1)}
        done = subprocess.run([sys.executable, "-m", "itmscheck", *argv[1:]], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)
        # Every configured source was read; the SQL Server-only facts stay unknown on PostgreSQL,
        # which collect's exit 1 says (as start printed).
        assert done.returncode == 1 and "collect: FAILED" not in done.stderr, done.stderr
        assert "probe cmdb_collation is SQL Server only" in done.stderr
        assert "collect exits 1 here" in started.stdout
        facts = json.loads((tmp_path / "ns70.json").read_text())["facts"]
        # The lab's 40 computers, as the tests' own lab of the same seed counts the managed ones.
        from tests.lab.cmdb_lab import LabSpec, lab_sql

        expected = lab_sql(LabSpec(seed=7, computers=40)).expected
        assert 0 < facts["resources"]["managed_computers"] == expected["resources.managed_computers"] <= 40
        assert facts["cmdb"]["database"] == "Symantec_CMDB"
    finally:
        stopped = _serve("stop", "--folder", str(folder))
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert not folder.exists()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more
    assert _serve("status", "--folder", str(folder)).returncode == 1


def test_without_postgresql_start_says_what_to_install(tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    (tmp_path / "pyodbc.py").write_text('raise ImportError("libodbc.so.2: cannot open")\n')
    done = subprocess.run([sys.executable, "-m", "tests.lab.serve", "start", "--folder",
                           str(tmp_path / "lab")], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "apt-get install unixodbc odbc-postgresql postgresql" in done.stderr


def test_a_user_other_than_root_runs_postgresql_as_itself(tmp_path, monkeypatch) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(pg_lab.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(pg_lab.shutil, "chown", lambda *a: ran.append(["chown"]))
    monkeypatch.setattr(pg_lab.subprocess, "run", lambda command, **kw: ran.append(command))
    pg_lab.PgServer(folder=tmp_path, port=5999).start()
    assert ran and ran[0][0].endswith("/initdb") and all(c[0] != "runuser" for c in ran)
    monkeypatch.setattr(pg_lab.os, "geteuid", lambda: 0)
    ran.clear()
    pg_lab.PgServer(folder=tmp_path, port=5999).start()  # root: as the postgres user
    assert ran[0] == ["chown"] and ran[1][:4] == ["runuser", "-u", "postgres", "--"]


def test_readme_documents_the_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    collect = readme.split("## Collecting the evidence", 1)[1].split("\n## ", 1)[0]
    for action in ("start", "stop"):
        assert f"python3 -m tests.lab.serve {action}" in collect
