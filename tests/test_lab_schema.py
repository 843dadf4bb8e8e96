"""The lab CMDB follows the evidence: each probe's cited objects and columns are the lab's, and no more.

Read from the running lab's own catalog (information_schema), so the DDL in
tests/lab/cmdb_lab.py and the probes' ``-- source`` / ``-- unconfirmed``
headers cannot drift apart: a probe citing a column the lab lacks, a lab
column no probe cites, or an Altiris view (``vComputer``, ``vThisNS``...)
staged as a table, each fails here.
"""

from __future__ import annotations

import re

import pytest

from itmscheck.collectors.cmdb.probe import load_probes
from tests import pg_lab
from tests.pg_lab import DATABASE, LabCmdb

lab_cmdb = pg_lab.lab_cmdb
PORTABLE = [p for p in load_probes() if p.server == "any"]
ALTIRIS_VIEW = re.compile(r"^v[A-Z]")  # the CMDB's views: vComputer, vThisNS, vSiteServices...


def _catalog(lab: LabCmdb) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], set[str]]]:
    """(schema, object) -> 'BASE TABLE' | 'VIEW', and -> its columns (as PostgreSQL stores them)."""
    kinds, columns = {}, {}
    for line in lab.server.psql("SELECT table_schema, table_name, table_type FROM "
                                "information_schema.tables WHERE table_schema IN ('dbo', 'sys')",
                                DATABASE).splitlines():
        schema, name, kind = line.split("|")
        kinds[(schema, name)] = kind
    for line in lab.server.psql("SELECT table_schema, table_name, column_name FROM "
                                "information_schema.columns WHERE table_schema IN ('dbo', 'sys')",
                                DATABASE).splitlines():
        schema, name, column = line.split("|")
        columns.setdefault((schema, name), set()).add(column)
    return kinds, columns


def _key(cited: str) -> tuple[str, str]:
    schema, _, name = cited.rpartition(".")
    return schema.lower(), name.lower()  # unquoted names fold to lower case in PostgreSQL


def _column(name: str) -> str:
    return name if " " in name else name.lower()  # columns with spaces are created quoted


@pytest.mark.parametrize("probe", PORTABLE, ids=lambda p: p.name)
def test_every_object_and_column_a_probe_cites_is_staged_as_the_evidence_shows(lab_cmdb, probe):
    kinds, columns = _catalog(lab_cmdb)
    functions = set(lab_cmdb.server.psql(
        "SELECT routine_schema || '.' || routine_name FROM information_schema.routines "
        "WHERE routine_schema = 'dbo'", DATABASE).lower().split())
    for citation in probe.citations:
        if citation.function:
            assert citation.object.lower() in functions, citation.names()
            continue
        key = _key(citation.object)
        assert key in kinds, f"{probe.name}: the lab has no {citation.object}"
        view = ALTIRIS_VIEW.match(citation.object.rpartition(".")[2]) or key[0] == "sys"
        assert kinds[key] == ("VIEW" if view else "BASE TABLE"), citation.object
        missing = {_column(c) for c in citation.columns} - columns[key]
        assert not missing, f"{probe.name}: the lab's {citation.object} lacks {missing}"


def test_the_lab_stages_no_column_of_a_cited_object_that_no_probe_cites(lab_cmdb):
    _kinds, columns = _catalog(lab_cmdb)
    cited: dict[tuple[str, str], set[str]] = {}
    for probe in PORTABLE:
        for citation in probe.citations:
            if not citation.function and not citation.object.startswith("sys."):
                cited.setdefault(_key(citation.object), set()).update(
                    _column(c) for c in citation.columns)
    for key, names in cited.items():
        assert columns[key] <= names, f"the lab's {key[1]} has {columns[key] - names}, uncited"


def test_hierarchy_node_is_a_link_table_and_this_server_comes_from_vthisns(lab_cmdb):
    _kinds, columns = _catalog(lab_cmdb)
    assert columns[("dbo", "hierarchynode")] == {"parentguid", "childguid"}
    assert columns[("dbo", "vthisns")] == {"guid"}
