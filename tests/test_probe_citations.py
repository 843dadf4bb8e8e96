"""Every CMDB probe cites a public source for each table, column and function it uses, or says it has none."""

from __future__ import annotations

import pytest

from itmscheck.collectors.cmdb.probe import load_probes, parse_probe
from tests.support.probe_sql import missing_citations

PROBES = load_probes()


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
def test_every_table_column_and_function_of_a_probe_is_cited_or_marked_unconfirmed(probe):
    assert missing_citations(probe) == []


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
def test_each_source_gives_a_kb_or_url_and_quotes_its_line(probe):
    for citation in probe.citations:
        if citation.confirmed:
            assert ("KB" in citation.at or "://" in citation.at) and citation.line.startswith('"')
        else:
            assert len(citation.why) > 20  # a reason, not a placeholder


def test_a_probe_whose_column_lost_its_citation_is_caught():
    probe = next(p for p in PROBES if p.name == "hierarchy_nodes")
    text = probe.sql.replace("-- source: dbo.HierarchyNode (ParentGuid, ChildGuid)",
                             "-- source: dbo.HierarchyNode (ParentGuid)")
    assert missing_citations(parse_probe(probe.name, text)) == ["column dbo.hierarchynode.childguid"]


def test_a_probe_calling_an_uncited_function_or_citing_an_unused_table_is_caught():
    probe = parse_probe("made_up", """-- fact: cmdb.owner
-- server: sqlserver
-- source: dbo.Item (Guid)
--   at: KB 1
--   line: "Guid"
SELECT SUSER_SNAME(d.owner_sid) AS owner_name FROM sys.databases AS d""")
    assert missing_citations(probe) == [
        "object sys.databases", "column sys.databases.owner_sid", "function SUSER_SNAME()",
        "a citation of dbo.item, which the probe does not use"]


@pytest.mark.parametrize("header", [
    '-- source: dbo.Item (Guid)\n--   line: "no place given"',
    "-- source: dbo.Item (Guid)\n--   at: KB 180303\n--   line: not quoted",
    "-- unconfirmed: dbo.Item (Guid)",
])
def test_a_source_without_its_place_or_line_or_an_unconfirmed_without_why_will_not_load(header):
    with pytest.raises(ValueError, match="probe p"):
        parse_probe("p", f"-- fact: cmdb.owner\n-- server: any\n{header}\nSELECT i.Guid FROM dbo.Item AS i")


def test_the_probes_still_unconfirmed_are_the_ones_the_evidence_cannot_back():
    assert {p.name for p in PROBES if p.unconfirmed} == {
        "hierarchy_nodes", "platform_products", "resources_duplicate_keys", "resources_sites"}
