"""The read-only guard: every shipped probe passes it, and nothing that writes does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from itmscheck.collectors.cmdb.probe import load_probes
from itmscheck.collectors.cmdb.rows import ROW_TO_FACTS
from itmscheck.collectors.cmdb.sqlguard import UnsafeSql, check_select, check_session_statement
from itmscheck.collectors.factpaths import fact_paths

PROBES = load_probes()


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
def test_every_shipped_probe_is_one_select_the_guard_accepts(probe):
    assert check_select(probe.sql, probe.name).key == "select"


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
def test_every_probe_names_schema_facts_cites_its_source_and_has_a_row_function(probe):
    assert set(probe.facts) <= set(fact_paths())
    assert probe.citations  # each one checked in test_probe_citations.py
    assert probe.name in ROW_TO_FACTS


def test_every_row_function_has_its_probe():
    assert set(ROW_TO_FACTS) == {p.name for p in PROBES}


def test_sql_server_only_probes_are_collations_owner_orphaned_users_and_backup_history():
    assert {p.name for p in PROBES if p.server == "sqlserver"} == {
        "cmdb_collation", "cmdb_instance_collation", "cmdb_owner", "cmdb_last_full_backup",
        "cmdb_orphaned_users"}


REFUSED = {
    "insert": "INSERT INTO dbo.Item (Guid) VALUES ('x')",
    "insert-select": "INSERT INTO dbo.Item SELECT * FROM dbo.Item",
    "update": "UPDATE dbo.Item SET Name = 'x'",
    "delete": "DELETE FROM dbo.ReplicationJob",
    "merge": "MERGE INTO dbo.Item AS t USING dbo.Item AS s ON t.Guid = s.Guid "
             "WHEN MATCHED THEN DELETE;",
    "exec": "EXEC sp_who",
    "execute-proc": "EXECUTE dbo.spPurge @days = 1",
    "drop": "DROP TABLE dbo.Item",
    "truncate": "TRUNCATE TABLE dbo.Item",
    "create": "CREATE TABLE x (a int)",
    "alter": "ALTER TABLE dbo.Item ADD x int",
    "grant": "GRANT SELECT ON dbo.Item TO public",
    "multi-statement": "SELECT 1 AS a; DELETE FROM dbo.Item",
    "select-then-drop": "SELECT Name FROM dbo.Item\nGO\nDROP TABLE dbo.Item",
    "select-into": "SELECT * INTO dbo.Copy FROM dbo.Item",
    "locking-hint": "SELECT Name FROM dbo.Item WITH (UPDLOCK)",
    "openquery": "SELECT * FROM OPENQUERY(LINKED, 'DELETE FROM t')",
    "union-of-selects": "SELECT 1 AS a UNION SELECT 2",
    "empty": "-- nothing but a comment",
}


@pytest.mark.parametrize("sql", REFUSED.values(), ids=REFUSED.keys())
def test_the_guard_refuses_anything_but_a_single_read_only_select(sql):
    with pytest.raises(UnsafeSql):
        check_select(sql)


def test_text_inside_comments_and_strings_is_not_a_second_statement():
    check_select("SELECT ';DROP TABLE dbo.Item' AS x -- ; DELETE FROM dbo.Item")
    check_select("SELECT Name FROM dbo.Item WITH (NOLOCK)")


def test_only_the_named_session_statements_pass():
    check_session_statement("set transaction isolation level  read uncommitted;")
    check_session_statement("SET statement_timeout = 30000")
    for sql in ("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SET statement_timeout = 0; DROP x",
                "SET ROLE postgres", "SET default_transaction_read_only = off"):
        with pytest.raises(UnsafeSql):
            check_session_statement(sql)


GROUPS = yaml.safe_load((Path(__file__).parent / "sqlguard_corpus.yaml").read_text(encoding="utf-8"))
TEXTS = [(group["verdict"], text) for group in GROUPS["groups"] for text in group["texts"]]


def test_the_corpus_is_150_texts_or_more_of_both_verdicts():
    assert len(TEXTS) >= 150
    assert {verdict for verdict, _ in TEXTS} == {"accepted", "refused"}


@pytest.mark.parametrize(("verdict", "sql"), TEXTS,
                         ids=[f"{n:03d}-{verdict}-{sql[:40]!r}" for n, (verdict, sql) in enumerate(TEXTS)])
def test_the_guard_gives_each_corpus_text_its_verdict(verdict: str, sql: str) -> None:
    """`accepted` passes; `refused` raises UnsafeSql and nothing else (no parser error escapes)."""
    if verdict == "accepted":
        assert check_select(sql).key == "select"
    else:
        with pytest.raises(UnsafeSql):
            check_select(sql)
