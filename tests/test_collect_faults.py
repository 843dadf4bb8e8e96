"""Faults while collecting from a live CMDB: each leaves its facts unknown with the reason, never a crash.

(Unreachable server, refused login, a server stopped mid-run, an unreadable
fragment and Ctrl-C are proven in test_collect.py, test_collect_lab.py and
test_cmdb_lab.py; this module adds locked tables, Ctrl-C during a scan and a refused table.)
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import time
from collections.abc import Iterator

import pytest

from itmscheck.cli.app import main
from itmscheck.collectors.cmdb.collector import CmdbCollector
from itmscheck.collectors.cmdb.probe import Probe, load_probes
from tests import pg_lab
from tests.pg_lab import BIN, DATABASE, READER, LabCmdb

own_lab_cmdb = pg_lab.own_lab_cmdb


def _site(lab: LabCmdb, **extra: object) -> dict[str, object]:
    return {"cmdb": {"connection": lab.connection, "notification_server": "NS70", **extra}}


@contextlib.contextmanager
def _locked(lab: LabCmdb, *tables: str) -> Iterator[None]:
    """The tables held in ACCESS EXCLUSIVE mode by another session, as a live NS might."""
    server = lab.server
    holder = subprocess.Popen(
        [str(BIN / "psql"), "-X", "-q", "-h", str(server.folder), "-p", str(server.port), "-U", "lab",
         "-d", DATABASE, "-c",
         f"BEGIN; LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); "
         "COMMIT;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        names = {t.split(".")[-1].lower() for t in tables}
        deadline = time.monotonic() + 10
        while set(server.psql(
                "SELECT relname FROM pg_locks JOIN pg_class ON relation = pg_class.oid "
                "WHERE mode = 'AccessExclusiveLock'", DATABASE).split()) < names:
            assert time.monotonic() < deadline, "the locks were never taken"
            time.sleep(0.1)
        yield
    finally:
        holder.kill()
        holder.wait()


def test_a_table_locked_by_the_live_server_times_the_probe_out_and_the_rest_is_read(own_lab_cmdb):
    with _locked(own_lab_cmdb, "dbo.ReplicationJob"):
        started = time.monotonic()
        fragment = CmdbCollector().collect("source", _site(own_lab_cmdb, timeout_seconds=1))
        elapsed = time.monotonic() - started
    assert elapsed < 10  # bounded by the 1 s timeout, not by the 60 s lock
    assert fragment.facts["hierarchy"]["replication_jobs"]["pending"] is None
    reason = fragment.unknown["hierarchy.replication_jobs.pending"]
    assert "timeout" in reason.lower() or "cancel" in reason.lower(), reason
    assert fragment.facts["resources"]["managed_computers"] > 0  # the other probes were read


def test_a_scan_and_a_light_probe_wait_at_the_same_time_not_one_after_the_other(own_lab_cmdb):
    # A locked table stalls a scan (host_inventory) and, in the lab, a light probe
    # (cmdb_tables: the lab's sys.partitions counts every table). With a 3 s timeout
    # each, on their own connections at once that is ~3 s; one after the other, 6 s.
    with _locked(own_lab_cmdb, "dbo.Inv_AeX_AC_Identification"):
        started = time.monotonic()
        fragment = CmdbCollector().collect("source", _site(own_lab_cmdb, timeout_seconds=3))
        elapsed = time.monotonic() - started
    assert 3 <= elapsed < 5.5
    for fact in ("cmdb.tables", "host.fqdn"):
        assert "cancel" in fragment.unknown[fact].lower(), fragment.unknown[fact]
    assert fragment.facts["resources"]["managed_computers"] > 0


def test_ctrl_c_does_not_wait_for_a_scan_under_way(own_lab_cmdb):
    scan = next(p for p in load_probes() if p.name == "host_inventory")

    def interrupted() -> Iterator[Probe]:
        yield scan
        time.sleep(0.5)  # the scan is waiting on the lock by now
        raise KeyboardInterrupt

    with _locked(own_lab_cmdb, "dbo.Inv_AeX_AC_Identification"):
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            CmdbCollector(probes=interrupted()).collect(
                "source", _site(own_lab_cmdb, timeout_seconds=30))
        elapsed = time.monotonic() - started
    assert elapsed < 10  # not the scan's 30 s


def test_a_table_the_account_may_not_read_leaves_its_facts_unknown(own_lab_cmdb, tmp_path, capsys):
    own_lab_cmdb.server.psql(f"REVOKE SELECT ON dbo.HierarchyNode FROM {READER};", DATABASE)
    site = tmp_path / "site.yaml"
    site.write_text(f"itmscheck_site: 1\ncmdb:\n  connection: '{own_lab_cmdb.connection}'\n"
                    "  notification_server: NS70\n", encoding="utf-8")
    snapshot = tmp_path / "source.json"
    assert main(["collect", "--role", "source", "--site", str(site), "--output", str(snapshot)]) == 1
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    assert document["facts"]["hierarchy"]["parent"] is None
    assert "permission denied" in document["unknown"]["hierarchy.parent"]
    assert document["facts"]["resources"]["managed_computers"] > 0  # the other probes were read
    capsys.readouterr()
    # The gate: the hierarchy rule cannot tell, so it is an error and the verdict NO-GO.
    code = main(["check", "--phase", "pre", "--source", str(snapshot), "--rule",
                 "CH02-HIERARCHY-REMOVED", "--json", str(tmp_path / "r.json")])
    result = json.loads((tmp_path / "r.json").read_text())["results"][0]
    assert code == 1 and result["status"] == "error"
    assert "permission denied" in result["message"]
