"""Row-to-fact functions, on rows shaped as SQL Server (and the lab) return them."""

from __future__ import annotations

from datetime import datetime

import pytest

from itmscheck.collectors.cmdb.rows import (
    Unreadable,
    cmdb_collation,
    cmdb_instance_collation,
    cmdb_last_full_backup,
    cmdb_tables,
    hierarchy_nodes,
    hierarchy_replication_jobs,
)
from itmscheck.collectors.secrets import Redactor, redact_connection


def test_collation_comes_from_databasepropertyex_row():
    assert cmdb_collation([{"collation_name": "SQL_Latin1_General_CP1_CI_AS"}]) == {
        "cmdb.collation": "SQL_Latin1_General_CP1_CI_AS"}
    with pytest.raises(Unreadable):
        cmdb_collation([{"collation_name": None}])


def test_instance_collation_comes_from_serverproperty_row():
    assert cmdb_instance_collation([{"collation_name": "Latin1_General_CI_AS"}]) == {
        "cmdb.instance_collation": "Latin1_General_CI_AS"}
    with pytest.raises(Unreadable):
        cmdb_instance_collation([])


def test_backup_finish_time_is_converted_to_utc_with_backupsets_time_zone():
    # backupset.backup_finish_date is a naive local datetime; time_zone 4 = UTC+1 (15-min units)
    row = {"finished_local": datetime(2026, 11, 20, 7, 10, 0), "time_zone_quarters": 4,
           "server_offset_minutes": 0, "destination": "\\\\backup01\\sql\\cmdb.bak"}
    assert cmdb_last_full_backup([row]) == {"cmdb.last_full_backup": {
        "finished_at": "2026-11-20T06:10:00Z", "destination": "\\\\backup01\\sql\\cmdb.bak"}}


def test_unknown_backup_time_zone_falls_back_on_the_servers_offset():
    row = {"finished_local": datetime(2026, 11, 20, 1, 0, 0), "time_zone_quarters": 127,
           "server_offset_minutes": -300, "destination": "D:\\Backup\\cmdb.bak"}
    assert cmdb_last_full_backup([row])["cmdb.last_full_backup"]["finished_at"] == (
        "2026-11-20T06:00:00Z")


def test_no_full_backup_in_msdb_is_a_value_not_an_unknown():
    assert cmdb_last_full_backup([]) == {
        "cmdb.last_full_backup": {"finished_at": None, "destination": None}}


def test_catalog_names_map_back_to_altiris_spelling_case_insensitively():
    rows = [{"table_name": "inv_aex_ac_identification", "object_type": "U ", "row_count": 3},
            {"table_name": "ITEM", "object_type": "U", "row_count": 5},
            {"table_name": "Custom_Table", "object_type": "U ", "row_count": 0},
            {"table_name": "vcomputer", "object_type": "V ", "row_count": None}]
    assert cmdb_tables(rows) == {"cmdb.tables": {
        "Custom_Table": 0, "Inv_AeX_AC_Identification": 3, "Item": 5, "vComputer": None}}


def test_a_view_is_listed_present_with_no_count_and_an_indexed_view_with_its_count():
    rows = [{"table_name": "vThisNS", "object_type": "V ", "row_count": None},
            {"table_name": "vIndexed", "object_type": "V ", "row_count": 7}]
    assert cmdb_tables(rows) == {"cmdb.tables": {"vIndexed": 7, "vThisNS": None}}


def test_replication_jobs_are_zero_only_when_every_job_is_in_a_documented_finished_state():
    assert hierarchy_replication_jobs([{"state": 4, "jobs": 9}, {"state": 6, "jobs": 1}]) == {
        "hierarchy.replication_jobs.pending": 0, "hierarchy.replication_jobs.retry": 0,
        "hierarchy.replication_jobs.running": 0}
    with pytest.raises(Unreadable, match="2 in state 1"):
        hierarchy_replication_jobs([{"state": 4, "jobs": 9}, {"state": 1, "jobs": 2}])


def _link(relation, name, node="G2", local="G1"):
    return {"local_guid": local, "relation": relation, "node_guid": node, "server_name": name}


def test_hierarchy_rows_give_parent_and_children():
    rows = [_link("parent", "NSP"), _link("child", "NSC2"), _link("child", "NSC1")]
    assert hierarchy_nodes(rows) == {"hierarchy.parent": "NSP", "hierarchy.children": ["NSC1", "NSC2"]}


def test_a_server_with_no_link_has_no_parent_and_no_children():
    assert hierarchy_nodes([_link(None, None, node=None)]) == {
        "hierarchy.parent": None, "hierarchy.children": []}


def test_no_local_node_in_vthisns_is_unreadable_never_no_hierarchy():
    with pytest.raises(Unreadable, match="vThisNS gives 0"):
        hierarchy_nodes([])
    with pytest.raises(Unreadable, match="vThisNS gives 2"):
        hierarchy_nodes([_link(None, None, local="A"), _link(None, None, local="B")])


def test_a_linked_node_without_a_name_is_unreadable_not_left_out():
    with pytest.raises(Unreadable, match="G9 have no name"):
        hierarchy_nodes([_link("child", "NSC1"), _link("child", None, node="G9")])


def test_passwords_are_masked_in_connection_strings_and_any_text():
    text = "DRIVER={ODBC Driver 17 for SQL Server};SERVER=SQL01;UID=sa;PWD={p;a}}ss};Database=x"
    assert redact_connection(text) == (
        "DRIVER={ODBC Driver 17 for SQL Server};SERVER=SQL01;UID=sa;PWD=***;Database=x")
    redact = Redactor("Server=x;Password=hunter2;")
    assert "hunter2" not in redact("login failed for 'sa' with hunter2 (Server=x;Password=hunter2;)")
    assert "p;a}ss" not in Redactor(text)("driver said: p;a}ss")
