"""`itmscheck diff` gives "NO DRIFT" only on evidence: what it cannot see, or the guide says must
change and did not, or a value the guide's reason contradicts, or a name listed twice, is drift."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from itmscheck.collectors.factpaths import fact_paths
from tests.conftest import LABS

READY = LABS / "ready"


def _snapshot(tmp_path: Path, name: str, base: Path, edit: Callable[[dict[str, Any]], None] | None = None,
              **top: Any) -> Path:
    """A lab snapshot with its facts edited and top-level keys (role, unknown, facts) replaced."""
    document = json.loads(base.read_text(encoding="utf-8"))
    document.update(top)
    if edit is not None:
        edit(document["facts"])
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _diff(itmscheck, tmp_path: Path, before: Path, after: Path) -> tuple[int, str, dict[str, Any]]:
    run = itmscheck("diff", before, after, "--json", tmp_path / "diff.json")
    assert "Traceback" not in run.err
    return run.code, run.out, json.loads((tmp_path / "diff.json").read_text(encoding="utf-8"))


def _rows(report: dict[str, Any], change: str) -> dict[str, dict[str, Any]]:
    return {d["fact"]: d for d in report["differences"] if d["change"] == change}


# 4. Unknown is not "no difference".

def test_empty_facts_on_both_sides_are_all_unknown_not_the_same(itmscheck, tmp_path) -> None:
    before = _snapshot(tmp_path, "before.json", READY / "source.json", facts={})
    after = _snapshot(tmp_path, "after.json", READY / "target-post.json", facts={})
    code, out, report = _diff(itmscheck, tmp_path, before, after)
    assert code == 1
    assert "NO DRIFT" not in out
    assert set(_rows(report, "unknown")) == set(fact_paths())
    assert report["summary"]["unknown"] == len(fact_paths()) and report["drift"] is True


def test_a_fact_absent_from_both_snapshots_is_unknown(itmscheck, tmp_path) -> None:
    def unread(facts: dict[str, Any]) -> None:
        del facts["cmdb"]["collation"]

    before = _snapshot(tmp_path, "before.json", READY / "source.json", unread)
    after = _snapshot(tmp_path, "after.json", READY / "target-post.json", unread)
    code, out, report = _diff(itmscheck, tmp_path, before, after)
    assert code == 1
    assert "unknown  cmdb.collation: could not be compared" in out
    assert list(_rows(report, "unknown")) == ["cmdb.collation"]


def test_a_fact_declared_unknown_on_both_sides_is_unknown(itmscheck, tmp_path) -> None:
    def unread(facts: dict[str, Any]) -> None:
        del facts["cmdb"]["owner"]

    unknown = {"cmdb.owner": "CMDB probe timed out"}
    before = _snapshot(tmp_path, "before.json", READY / "source.json", unread, unknown=unknown)
    after = _snapshot(tmp_path, "after.json", READY / "target-post.json", unread, unknown=unknown)
    code, _, report = _diff(itmscheck, tmp_path, before, after)
    assert code == 1
    assert list(_rows(report, "unknown")) == ["cmdb.owner"]


def test_a_fact_one_side_could_not_read_is_unknown_even_inside_an_expected_addition(itmscheck,
                                                                                   tmp_path) -> None:
    # The 7.0 server has no plug-ins (host.plugins added is expected), but the 7.5 one could not read Java.
    def java_unread(facts: dict[str, Any]) -> None:
        del facts["host"]["plugins"]["java"]

    after = _snapshot(tmp_path, "after.json", READY / "target-post.json", java_unread,
                      unknown={"host.plugins.java": "registry: access denied"})
    code, out, report = _diff(itmscheck, tmp_path, READY / "source.json", after)
    assert code == 1
    assert "unknown  host.plugins.java" in out
    assert report["summary"]["unknown"] == 1


# 5. The changes the guide requires must happen.

def test_the_70_snapshot_relabelled_as_the_target_is_drift(itmscheck, tmp_path) -> None:
    after = _snapshot(tmp_path, "after.json", READY / "source.json", role="target")
    code, out, report = _diff(itmscheck, tmp_path, READY / "source.json", after)
    assert code == 1
    assert "NO DRIFT" not in out
    missed = {d["fact"]: d["change"] for d in report["differences"] if d["change"].startswith("not_")}
    assert missed["host.name"] == missed["platform.smp_release"] == "not_changed"
    assert missed["platform.products[Deployment Solution].release"] == "not_changed"
    assert missed["host.ip_addresses[10.20.1.10]"] == "not_removed"
    assert missed["platform.products[Out of Band Management Component]"] == "not_removed"
    assert "platform.products[Out of Band Management Component].release" not in missed  # it must go
    assert missed["cmdb.tables.Inv_Installed_Red_Hat_Software_Update"] == "not_removed"
    assert missed["cmdb.tables.Inv_InstalledSoftware"] == "not_added"
    assert missed["cmdb.database"] == missed["cmdb.server"] == "not_changed"
    assert report["summary"]["missed"] == len(missed)
    assert report["differences"][-1]["required_by"]["guide"]["page"] > 0


@pytest.mark.parametrize(("edit", "fact", "change"), [
    # Windows compares computer names ignoring case: ns70 is the 7.0 server's name.
    (lambda f: f["host"].update(name="ns70", fqdn="NS70.corp.example"), "host.name", "not_changed"),
    # The same address, spelt another way, is no new address.
    (lambda f: f["host"].update(ip_addresses=["10.20.1.75", "FD00:0:0:0::10"]), "host.ip_addresses[fd00::10]",
     "not_removed"),
    # Restored under the same name on the same instance (spelt with its FQDN): that is the 7.0 database.
    (lambda f: f["cmdb"].update(database="symantec_cmdb", server="sql01.corp.example\\ALTIRIS"),
     "cmdb.database", "not_changed"),
    # The Patch tables' data moves into the new table: 100 rows cannot hold 24,865.
    (lambda f: f["cmdb"]["tables"].update(Inv_InstalledSoftware=100), "cmdb.tables.Inv_InstalledSoftware",
     "not_moved"),
    (lambda f: f["cmdb"]["tables"].pop("Inv_Patchable_Linux_Software_Update"),
     "cmdb.tables.Inv_Patchable_Linux_Software_Update", "not_added"),
    # A site server on the 7.5 server must run the 7.5 agent (Table 2-2, step 11).
    (lambda f: f["resources"]["site_servers"][1].update(agent_release="7.0 SP5"),
     "resources.site_servers[SS-RTM-01].agent_release", "not_changed"),
])
def test_a_change_the_guide_requires_that_did_not_happen_is_drift(itmscheck, tmp_path, edit, fact,
                                                                   change) -> None:
    def source_with_a_second_address(facts: dict[str, Any]) -> None:
        facts["host"]["ip_addresses"].append("fd00::10")

    before = _snapshot(tmp_path, "before.json", READY / "source.json", source_with_a_second_address)
    after = _snapshot(tmp_path, "after.json", READY / "target-post.json", edit)
    code, out, report = _diff(itmscheck, tmp_path, before, after)
    assert code == 1, out
    assert _rows(report, change)[fact]["expected"] is False
    assert fact in out.rstrip().splitlines()[-1]


# 6. An expected difference constrains the value, whatever its type.

@pytest.mark.parametrize(("edit", "fact"), [
    # ".NET 3.5 must be enabled on a 7.5 task server": turned off is no expected change.
    (lambda f: f["resources"]["site_servers"][0].update(dotnet35=False),
     "resources.site_servers[SS-AMS-01].dotnet35"),
    (lambda f: f["resources"].update(managed_computers=30000), "resources.managed_computers"),
    (lambda f: f["resources"]["sites"][0].update(agents=9000), "resources.sites[HQ-Amsterdam].agents"),
    (lambda f: f["cmdb"]["last_full_backup"].update(finished_at="2026-10-01T00:00:00Z"),
     "cmdb.last_full_backup.finished_at"),
    (lambda f: f["agents"].update(total=99999), "agents.total"),
])
def test_a_value_that_contradicts_the_rows_reason_is_drift(itmscheck, tmp_path, edit, fact) -> None:
    after = _snapshot(tmp_path, "after.json", READY / "target-post.json", edit)
    code, _, report = _diff(itmscheck, tmp_path, READY / "source.json", after)
    assert code == 1
    assert _rows(report, "changed")[fact]["expected"] is False


def test_a_64_bit_agent_that_becomes_32_bit_is_drift(itmscheck, tmp_path) -> None:
    before = _snapshot(tmp_path, "before.json", READY / "source.json",
                       lambda f: f["resources"]["site_servers"][0].update(agent_x64=True))
    after = _snapshot(tmp_path, "after.json", READY / "target-post.json",
                      lambda f: f["resources"]["site_servers"][0].update(agent_x64=False))
    code, _, report = _diff(itmscheck, tmp_path, before, after)
    assert code == 1
    assert _rows(report, "changed")["resources.site_servers[SS-AMS-01].agent_x64"]["expected"] is False


ANY = "any"  # stands for the table's "no constraint"


@pytest.mark.parametrize(("constraint", "value", "before", "fits_it"), [
    (True, True, False, True), (True, 1, 0, False), (False, 0, 1, False), (None, None, 1, True),
    (None, False, 1, False), (3, 3.0, 1, True), (3, True, 1, False), (3, "3", 1, False),
    ({"max": "before"}, 5, 6, True), ({"max": "before"}, 7, 6, False), ({"max": "before"}, True, 6, False),
    ({"min": "before"}, "2026-11-24T02:00:00Z", "2026-11-20T06:10:00Z", True),
    ({"min": "before"}, "2026-11-19T02:00:00Z", "2026-11-20T06:10:00Z", False),
    (re.compile("^7\\.5"), 7.5, "7.0", False), (ANY, None, 1, True),
])
def test_constraints_compare_booleans_numbers_nulls_and_bounds_by_type(constraint, value, before,
                                                                       fits_it) -> None:
    from itmscheck.comparison import expectations

    constraint = expectations.ANY if constraint is ANY else constraint
    assert expectations.fits(constraint, value, before) is fits_it


# 7. A name listed twice is drift, never merged.

def test_a_product_listed_twice_is_drift_not_merged(itmscheck, tmp_path) -> None:
    def twice(facts: dict[str, Any]) -> None:  # once more, in another of the guide's spellings
        facts["platform"]["products"].insert(0, {"name": "deployment solution", "release": "7.5"})

    after = _snapshot(tmp_path, "after.json", READY / "target-post.json", twice)
    code, out, report = _diff(itmscheck, tmp_path, READY / "source.json", after)
    assert code == 1
    row = _rows(report, "duplicate")["platform.products[Deployment Solution]"]
    assert row["after"] == [{"name": "Deployment Solution", "release": "7.5"},
                            {"name": "Deployment Solution", "release": "7.5"}]
    assert "twice    platform.products[Deployment Solution]" in out


def test_a_product_listed_twice_with_two_releases_is_refused_naming_both(itmscheck, tmp_path) -> None:
    def twice(facts: dict[str, Any]) -> None:
        facts["platform"]["products"].insert(0, {"name": "Deployment Solution", "release": "7.0 SP2 MR4"})

    after = _snapshot(tmp_path, "after.json", READY / "target-post.json", twice)
    run = itmscheck("diff", READY / "source.json", after)
    assert run.code == 2 and "Traceback" not in run.err
    assert ("'Deployment Solution' is listed twice with different releases ('7.0 SP2 MR4' and '7.5')"
            in run.err)


@pytest.mark.parametrize("spelling", ["HQ-Amsterdam", "hq-amsterdam"])
def test_a_site_listed_twice_is_drift_in_any_case(itmscheck, tmp_path, spelling) -> None:
    def twice(facts: dict[str, Any]) -> None:
        facts["resources"]["sites"].append({"name": spelling, "agents": 6120})

    before = _snapshot(tmp_path, "before.json", READY / "source.json", twice)
    code, _, report = _diff(itmscheck, tmp_path, before, READY / "target-post.json")
    assert code == 1
    assert list(_rows(report, "duplicate")) == ["resources.sites[HQ-Amsterdam]"]
    assert report["summary"]["unexpected"] == 1


def test_a_site_server_listed_twice_is_drift_even_when_one_entry_looks_migrated(itmscheck, tmp_path) -> None:
    def twice(facts: dict[str, Any]) -> None:
        first = dict(facts["resources"]["site_servers"][0], agent_release="7.0 SP5")
        facts["resources"]["site_servers"].insert(0, first)

    after = _snapshot(tmp_path, "after.json", READY / "target-post.json", twice)
    code, _, report = _diff(itmscheck, tmp_path, READY / "source.json", after)
    assert code == 1
    assert "resources.site_servers[SS-AMS-01]" in _rows(report, "duplicate")


def test_an_address_listed_twice_in_two_spellings_is_drift(itmscheck, tmp_path) -> None:
    after = _snapshot(tmp_path, "after.json", READY / "target-post.json",
                      lambda f: f["host"].update(ip_addresses=["10.20.1.75", "fd00::75", "FD00:0::75"]))
    code, _, report = _diff(itmscheck, tmp_path, READY / "source.json", after)
    assert code == 1
    assert _rows(report, "duplicate")["host.ip_addresses[fd00::75]"]["after"] == ["fd00::75", "FD00:0::75"]
