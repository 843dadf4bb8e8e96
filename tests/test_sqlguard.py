"""The read-only guard: every shipped probe passes it, and nothing that writes does."""

from __future__ import annotations

import re
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
# (verdict, text, why it is refused: a pattern its message must hold; None for accepted texts)
TEXTS = [(group["verdict"],
          text["text"] if isinstance(text, dict) else text,
          (text.get("says") if isinstance(text, dict) else None) or group.get("says"))
         for group in GROUPS["groups"] for text in group["texts"]]


def test_the_corpus_is_150_texts_or_more_of_both_verdicts():
    assert len(TEXTS) >= 150
    assert {verdict for verdict, _, _ in TEXTS} == {"accepted", "refused"}
    assert all(says for verdict, _, says in TEXTS if verdict == "refused")


@pytest.mark.parametrize(("verdict", "sql", "says"), TEXTS,
                         ids=[f"{n:03d}-{verdict}-{sql[:40]!r}" for n, (verdict, sql, _) in enumerate(TEXTS)])
def test_the_guard_gives_each_corpus_text_its_verdict_for_its_reason(verdict: str, sql: str,
                                                                     says: str | None) -> None:
    """`accepted` passes; `refused` raises UnsafeSql (nothing else) saying why, as the corpus says."""
    if verdict == "accepted":
        assert check_select(sql).key == "select"
    else:
        with pytest.raises(UnsafeSql) as refused:
            check_select(sql, "corpus")
        assert str(refused.value).startswith("corpus: ")
        assert re.search(says, str(refused.value)), str(refused.value)


# Microsoft Learn, "Reserved keywords (Transact-SQL)": SQL Server never reads one as a name,
# so wherever the parser would, the guard refuses the text (kept here apart from the guard's own list).
_RESERVED = """
ADD ALL ALTER AND ANY AS ASC AUTHORIZATION BACKUP BEGIN BETWEEN BREAK BROWSE BULK BY CASCADE CASE CHECK
CHECKPOINT CLOSE CLUSTERED COALESCE COLLATE COLUMN COMMIT COMPUTE CONSTRAINT CONTAINS CONTAINSTABLE
CONTINUE CONVERT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR
DATABASE DBCC DEALLOCATE DECLARE DEFAULT DELETE DENY DESC DISK DISTINCT DISTRIBUTED DOUBLE DROP DUMP
ELSE END ERRLVL ESCAPE EXCEPT EXEC EXECUTE EXISTS EXIT EXTERNAL FETCH FILE FILLFACTOR FOR FOREIGN
FREETEXT FREETEXTTABLE FROM FULL FUNCTION GOTO GRANT GROUP HAVING HOLDLOCK IDENTITY IDENTITY_INSERT
IDENTITYCOL IF IN INDEX INNER INSERT INTERSECT INTO IS JOIN KEY KILL LEFT LIKE LINENO LOAD MERGE
NATIONAL NOCHECK NONCLUSTERED NOT NULL NULLIF OF OFF OFFSETS ON OPEN OPENDATASOURCE OPENQUERY
OPENROWSET OPENXML OPTION OR ORDER OUTER OVER PERCENT PIVOT PLAN PRECISION PRIMARY PRINT PROC
PROCEDURE PUBLIC RAISERROR READ READTEXT RECONFIGURE REFERENCES REPLICATION RESTORE RESTRICT RETURN
REVERT REVOKE RIGHT ROLLBACK ROWCOUNT ROWGUIDCOL RULE SAVE SCHEMA SECURITYAUDIT SELECT
SEMANTICKEYPHRASETABLE SEMANTICSIMILARITYDETAILSTABLE SEMANTICSIMILARITYTABLE SESSION_USER SET
SETUSER SHUTDOWN SOME STATISTICS SYSTEM_USER TABLE TABLESAMPLE TEXTSIZE THEN TO TOP TRAN TRANSACTION
TRIGGER TRUNCATE TRY_CONVERT TSEQUAL UNION UNIQUE UNPIVOT UPDATE UPDATETEXT USE USER VALUES VARYING
VIEW WAITFOR WHEN WHERE WHILE WITH WITHIN WRITETEXT GO
"""
RESERVED_KEYWORDS = _RESERVED.split()


def test_the_reserved_keyword_list_is_microsofts_185_and_go() -> None:
    assert len(RESERVED_KEYWORDS) == len(set(RESERVED_KEYWORDS)) == 186


@pytest.mark.parametrize("word", RESERVED_KEYWORDS)
def test_a_reserved_keyword_as_an_alias_is_refused(word: str) -> None:
    for sql in (f"SELECT 1 AS {word}", f"SELECT 1 AS {word.lower()}"):
        with pytest.raises(UnsafeSql):
            check_select(sql)


@pytest.mark.parametrize("word", ["OPENROWSET", "OPENQUERY", "OPENDATASOURCE", "OPENXML"])
def test_each_remote_function_is_refused_as_reaching_another_server_in_any_case(word: str) -> None:
    for called in (word, word.lower(), word.title()):
        with pytest.raises(UnsafeSql, match=f"calls {word}, which reaches another server"):
            check_select(f"SELECT * FROM {called}('a', 'b', 'c') AS r")


def test_a_session_statement_is_refused_naming_the_text() -> None:
    for sql in ("SET statement_timeout = 30000X", "SET statement_timeout = 30000x",
                "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTEDX"):
        with pytest.raises(UnsafeSql, match=re.escape(f"session statement {sql!r} is not allowed")):
            check_session_statement(sql)
    assert check_session_statement(" SET statement_timeout\t=  5; ") == " SET statement_timeout\t=  5; "
