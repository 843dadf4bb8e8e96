"""The CMDB collector against the staged lab: real PostgreSQL, pyodbc, unixODBC, psqlODBC."""

from __future__ import annotations

import pytest

from itmscheck.collectors.cmdb.collector import CmdbCollector
from itmscheck.collectors.cmdb.probe import load_probes
from tests import pg_lab
from tests.pg_lab import READER_PASSWORD, LabCmdb

PROBES = load_probes()
lab_cmdb = pg_lab.lab_cmdb  # the fixtures, by name
own_lab_cmdb = pg_lab.own_lab_cmdb


def _site(lab: LabCmdb, **extra):
    return {"cmdb": {"connection": lab.connection, "notification_server": "NS70", **extra}}


def test_probes_read_the_lab_cmdb_facts_one_round_trip_each(lab_cmdb):
    collector = CmdbCollector()
    fragment = collector.collect("source", _site(lab_cmdb))
    facts = fragment.facts
    for path, expected in lab_cmdb.expected.items():
        group, _, rest = path.partition(".")
        node = facts[group]
        for part in rest.split("."):
            node = node[part]
        assert node == expected, path
    assert facts["hierarchy"]["replication_jobs"] == {"pending": 0, "retry": 0, "running": 0}
    assert facts["cmdb"]["database"] == "Symantec_CMDB"
    portable = [p for p in PROBES if p.server == "any"]
    assert collector.round_trips == len(portable)  # whatever the number of computers


def test_sql_server_only_probes_are_skipped_on_the_lab_with_the_reason(lab_cmdb):
    fragment = CmdbCollector().collect("source", _site(lab_cmdb))
    for path in ("cmdb.collation", "cmdb.instance_collation", "cmdb.last_full_backup"):
        assert "SQL Server only; this server is PostgreSQL" in fragment.unknown[path]


def test_the_lab_role_can_only_read_a_write_fails_loudly(lab_cmdb):
    import pyodbc

    connection = pyodbc.connect(lab_cmdb.connection, autocommit=True)
    try:
        assert connection.execute("SELECT COUNT(*) FROM dbo.ReplicationJob").fetchone()[0] > 0
        with pytest.raises(pyodbc.Error, match="permission denied") as refused:
            connection.execute("DELETE FROM dbo.ReplicationJob")
        assert refused.value.args[0] == "42501"
    finally:
        connection.close()


def test_a_wrong_password_leaves_cmdb_facts_unknown_and_the_password_out_of_the_reason(lab_cmdb):
    wrong = lab_cmdb.server.connection_string(password="Wr0ng-Planted-55")
    fragment = CmdbCollector().collect("source", {"cmdb": {"connection": wrong}})
    assert fragment.facts["cmdb"]["tables"] is None
    reason = fragment.unknown["cmdb.tables"]
    assert "cannot connect" in reason and "Wr0ng-Planted-55" not in reason
    assert READER_PASSWORD not in " ".join(fragment.unknown.values())


def test_unfinished_replication_jobs_are_unknown_not_guessed(own_lab_cmdb):
    own_lab_cmdb.server.psql("INSERT INTO dbo.ReplicationJob VALUES "
                             "('J1', 2, '2026-11-20 08:00:00');", "Symantec_CMDB")
    fragment = CmdbCollector().collect("source", _site(own_lab_cmdb))
    assert fragment.facts["hierarchy"]["replication_jobs"]["pending"] is None
    assert "1 in state 2" in fragment.unknown["hierarchy.replication_jobs.pending"]


def test_stopping_the_database_between_probes_leaves_the_rest_unknown_not_a_crash(own_lab_cmdb):
    names = [p.name for p in PROBES]
    cut = names.index("cmdb_tables") + 1  # cmdb_tables runs, then the server goes away

    def stop_midway():
        for index, probe in enumerate(PROBES):
            if index == cut:
                own_lab_cmdb.server.stop(mode="immediate")
            yield probe

    fragment = CmdbCollector(probes=stop_midway()).collect("source", _site(own_lab_cmdb))
    assert fragment.facts["cmdb"]["tables"]["Item"] > 0 and "cmdb.tables" not in fragment.unknown
    later = [f for p in PROBES[cut:] for f in p.facts]
    assert later and all(fragment.unknown.get(f) for f in later)
    assert "probe hierarchy_nodes failed" in fragment.unknown["hierarchy.parent"]
    assert "not tried: the connection to the CMDB was lost" in (
        fragment.unknown["resources.managed_computers"])
