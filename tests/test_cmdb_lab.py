"""The CMDB collector against the staged lab: real PostgreSQL, pyodbc, unixODBC, psqlODBC."""

from __future__ import annotations

import pytest

from itmscheck.collectors.cmdb.collector import CmdbCollector
from itmscheck.collectors.cmdb.probe import load_probes
from tests import pg_lab
from tests.lab.cmdb_lab import LabSpec
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
    for path in ("cmdb.collation", "cmdb.instance_collation", "cmdb.owner", "cmdb.last_full_backup"):
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
    own_lab_cmdb.server.psql("INSERT INTO dbo.ReplicationJob VALUES (2);", "Symantec_CMDB")
    fragment = CmdbCollector().collect("source", _site(own_lab_cmdb))
    assert fragment.facts["hierarchy"]["replication_jobs"]["pending"] is None
    assert "1 in state 2" in fragment.unknown["hierarchy.replication_jobs.pending"]


def test_stopping_the_database_between_probes_leaves_the_rest_unknown_not_a_crash(own_lab_cmdb):
    light = [p for p in PROBES if not p.scan]  # in order on one connection: a clean cut
    cut = [p.name for p in light].index("cmdb_tables") + 1  # it runs, then the server goes away

    def stop_midway():
        for index, probe in enumerate(light):
            if index == cut:
                own_lab_cmdb.server.stop(mode="immediate")
            yield probe

    fragment = CmdbCollector(probes=stop_midway()).collect("source", _site(own_lab_cmdb))
    assert fragment.facts["cmdb"]["tables"]["Item"] > 0 and "cmdb.tables" not in fragment.unknown
    later = [f for p in light[cut:] for f in p.facts]
    assert later and all(fragment.unknown.get(f) for f in later)
    assert "probe hierarchy_nodes failed" in fragment.unknown["hierarchy.parent"]
    assert "not tried: the connection to the CMDB was lost" in fragment.unknown[light[-1].facts[0]]
    assert any("connection to the CMDB was lost" in f for f in fragment.failures)


def test_the_hierarchy_is_read_from_the_link_table_around_this_server_only():
    lab = pg_lab.stage(LabSpec(seed=3, computers=20, parent="NS-TOP", children=("NS-B", "NS-A")))
    try:
        fragment = CmdbCollector().collect("source", _site(lab))
    finally:
        lab.server.remove()
    # the parent's other child (NS-SIBLING, a link of the same table) is not this server's
    assert fragment.facts["hierarchy"]["parent"] == "NS-TOP"
    assert fragment.facts["hierarchy"]["children"] == ["NS-A", "NS-B"]
    assert "hierarchy_nodes uses what no public source shows: dbo.vThisNS (Guid)" in (
        fragment.provenance["hierarchy.parent"]["unconfirmed"])


def test_a_cmdb_that_does_not_say_which_node_is_this_server_gives_no_hierarchy_answer(own_lab_cmdb):
    own_lab_cmdb.server.psql("DELETE FROM lab.vThisNS;", "Symantec_CMDB")
    fragment = CmdbCollector().collect("source", _site(own_lab_cmdb))
    assert fragment.facts["hierarchy"]["parent"] is None
    assert "vThisNS gives 0 local Notification Servers" in fragment.unknown["hierarchy.parent"]


def test_agents_and_plug_ins_are_aggregated_in_the_cmdb_with_one_round_trip_per_fact(lab_cmdb):
    collector = CmdbCollector(probes=[p for p in PROBES if p.name.startswith("agents_")])
    fragment = collector.collect("source", _site(lab_cmdb))
    assert collector.round_trips == 3  # whatever the number of computers
    versions = fragment.facts["agents"]["versions"]
    assert {v["name"] for v in versions} == {"Altiris Agent", "Altiris Inventory Agent",
                                             "Altiris Software Update Agent"}
    assert fragment.facts["agents"]["legacy"] == lab_cmdb.expected["agents.legacy"] > 0


def test_agents_legacy_is_unknown_when_the_server_has_no_agent_record(lab_cmdb):
    fragment = CmdbCollector().collect("source", _site(lab_cmdb, notification_server="NS-GONE"))
    assert fragment.facts["agents"]["legacy"] is None
    assert "no Symantec Management Agent record" in fragment.unknown["agents.legacy"]
    assert fragment.facts["agents"]["total"] == lab_cmdb.expected["agents.total"]


def test_a_product_name_the_guide_does_not_use_leaves_the_products_unknown(own_lab_cmdb):
    own_lab_cmdb.server.psql("INSERT INTO lab.vProductInstallation VALUES "
                             "('Altiris Recovery Solution', '');", "Symantec_CMDB")
    fragment = CmdbCollector().collect("source", _site(own_lab_cmdb))
    assert fragment.facts["platform"]["products"] is None
    assert "Altiris Recovery Solution" in fragment.unknown["platform.products"]
