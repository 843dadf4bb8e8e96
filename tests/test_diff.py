"""`itmscheck diff`: what changed between two snapshots, and whether the guide expects it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from itmscheck.collectors.factpaths import fact_paths, get_path, set_path
from itmscheck.comparison.diff import expected_differences
from itmscheck.errors import InputError
from tests.conftest import LABS, REPO

READY = LABS / "ready"
TABLE = REPO / "rules" / "data" / "expected_differences.yaml"


def _edited(tmp_path: Path, name: str, base: Path, edit) -> Path:
    document = json.loads(base.read_text(encoding="utf-8"))
    edit(document["facts"])
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _complete(facts: dict) -> None:
    """Every fact of the schema held: the 7.5 lab server's, else the 7.0 one's (one server's view)."""
    source = json.loads((READY / "source.json").read_text(encoding="utf-8"))["facts"]
    for path in fact_paths():
        if not get_path(facts, path)[0]:
            set_path(facts, path, get_path(source, path)[1])


def test_ready_lab_shows_only_expected_differences_and_exits_0(itmscheck, tmp_path) -> None:
    run = itmscheck("diff", READY / "source.json", READY / "target-post.json",
                    "--json", tmp_path / "diff.json")
    assert run.code == 0, run.out + run.err
    assert run.out.rstrip().endswith("NO DRIFT: only the differences the guide expects.")
    report = json.loads((tmp_path / "diff.json").read_text(encoding="utf-8"))
    assert report["drift"] is False
    assert report["summary"]["unexpected"] == report["summary"]["unknown"] == 0
    by_fact = {d["fact"]: d for d in report["differences"]}
    # The guide's differences are there, each with the section and page that expect it.
    assert by_fact["platform.products[Out of Band Management Component]"]["change"] == "removed"
    assert by_fact["cmdb.tables.Inv_Installed_Red_Hat_Software_Update"]["guide"] == {
        "section": "SQL tables that are deleted or renamed", "page": 80}
    assert by_fact["platform.smp_release"]["before"] == "7.0 SP5"
    assert by_fact["platform.smp_release"]["after"] == "7.5"
    assert by_fact["host.name"]["expected"] is True
    assert by_fact["cmdb.database"]["expected"] is True
    assert all(d["expected"] and d["guide"]["page"] > 0 for d in report["differences"])
    # The same folder spelled with a trailing backslash is not a difference.
    assert "platform.sim_install_path" not in by_fact
    # Unchanged facts are not listed.
    assert "cmdb.collation" not in by_fact
    # The 7.5 schema adds items: more than on 7.0 is expected (fewer is drift, below).
    assert by_fact["cmdb.tables.Item"]["expected"] is True


def test_unexpected_drift_exits_1_and_is_named(itmscheck, tmp_path) -> None:
    def drift(facts: dict) -> None:
        facts["cmdb"]["collation"] = "Latin1_General_CI_AS"
        facts["platform"]["products"] = [p for p in facts["platform"]["products"]
                                         if p["name"] != "Deployment Solution"]
        facts["platform"]["sim_install_path"] = r"D:\Altiris\Symantec Installation Manager"
        facts["cmdb"]["tables"]["Item"] = 1200

    after = _edited(tmp_path, "after.json", READY / "target-post.json", drift)
    run = itmscheck("diff", READY / "source.json", after, "--json", tmp_path / "diff.json")
    assert run.code == 1
    last = run.out.rstrip().splitlines()[-1]
    assert last.startswith("DRIFT: 4 unexpected difference(s)")
    for fact in ("cmdb.collation", "platform.products[Deployment Solution]",
                 "platform.sim_install_path", "cmdb.tables.Item"):
        assert fact in last
    report = json.loads((tmp_path / "diff.json").read_text(encoding="utf-8"))
    unexpected = {d["fact"]: d for d in report["differences"] if not d["expected"]}
    assert unexpected["cmdb.collation"] == {
        "fact": "cmdb.collation", "change": "changed", "before": "SQL_Latin1_General_CP1_CI_AS",
        "after": "Latin1_General_CI_AS", "expected": False}
    assert unexpected["platform.products[Deployment Solution]"]["change"] == "removed"
    assert report["summary"]["unexpected"] == 4


def test_a_version_bump_is_expected_only_to_7_5(itmscheck, tmp_path) -> None:
    def to_7_1(facts: dict) -> None:
        facts["platform"]["smp_release"] = "7.1 SP2"

    after = _edited(tmp_path, "after.json", READY / "target-post.json", to_7_1)
    run = itmscheck("diff", READY / "source.json", after)
    assert run.code == 1
    assert 'changed  platform.smp_release: "7.0 SP5" -> "7.1 SP2"' in run.out.split("Expected:")[0]


def test_between_two_snapshots_of_one_server_every_difference_is_drift(itmscheck, tmp_path) -> None:
    complete = _edited(tmp_path, "complete.json", READY / "target-post.json", _complete)

    def renamed(facts: dict) -> None:
        _complete(facts)
        facts["host"]["name"] = "NS75B"

    after = _edited(tmp_path, "after.json", READY / "target-post.json", renamed)
    run = itmscheck("diff", complete, after)
    assert run.code == 1
    assert "every difference is drift" in run.out
    assert "DRIFT: 1 unexpected difference(s): host.name" in run.out
    same = itmscheck("diff", complete, complete)
    assert same.code == 0
    assert "NO DRIFT: the snapshots hold the same facts." in same.out


def test_a_fact_that_could_not_be_read_fails_closed(itmscheck, tmp_path) -> None:
    def unread(facts: dict) -> None:
        facts["cmdb"]["collation"] = None

    after = _edited(tmp_path, "after.json", READY / "target-post.json", unread)
    run = itmscheck("diff", READY / "source.json", after)
    assert run.code == 1
    assert "unknown  cmdb.collation: could not be compared" in run.out


def test_list_order_is_no_difference(itmscheck, tmp_path) -> None:
    before = _edited(tmp_path, "before.json", READY / "target-post.json", _complete)

    def reordered(facts: dict) -> None:
        _complete(facts)
        facts["platform"]["products"].reverse()
        facts["host"]["ip_addresses"].reverse()

    run = itmscheck("diff", before, _edited(tmp_path, "after.json", READY / "target-post.json", reordered))
    assert run.code == 0, run.out
    assert "the snapshots hold the same facts" in run.out


@pytest.mark.parametrize("problem", ["missing", "malformed"])
def test_bad_input_exits_2_naming_the_file(itmscheck, tmp_path, problem) -> None:
    after = tmp_path / "after.json"
    if problem == "malformed":
        after.write_text('{"itmscheck_snapshot": 1,', encoding="utf-8")
    run = itmscheck("diff", READY / "source.json", after)
    assert run.code == 2
    assert run.err.startswith(f"itmscheck: {after}")
    assert "Traceback" not in run.err


def test_every_expected_difference_names_a_snapshot_fact_and_cites_the_guide() -> None:
    table = expected_differences()
    document = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    facts = fact_paths()
    for row in document["rows"]:
        # the fact itself, a key or item inside it, or a group of facts
        assert any(row["fact"] == f or row["fact"].startswith((f + ".", f + "["))
                   or f.startswith(row["fact"] + ".") for f in facts), row["fact"]
    assert len(table.expectations) == len(document["rows"])


def test_a_row_citing_a_page_the_guide_does_not_give_is_refused(tmp_path) -> None:
    text = TABLE.read_text(encoding="utf-8")
    broken = tmp_path / "expected_differences.yaml"
    broken.write_text(text.replace("page: 99}", "page: 98}"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        expected_differences(broken)
    assert str(caught.value).startswith(f"{broken}: rows[")
    assert "Out of Band Management Component no longer supported" in str(caught.value)


@pytest.mark.parametrize(("fact", "spelling"), [
    ("name", "NS70\u200b"), ("name", "\uff2e\uff33\uff17\uff10"), ("name", "N\u034fS70"), ("name", "NS70."),
    ("name", "ns70.corp.example"), ("fqdn", "ns70.corp.example."), ("fqdn", "ns70.corp.example\u200b"),
    ("fqdn", "\uff4e\uff53\uff17\uff10.corp.example"), ("fqdn", "ns70\u3002corp.example"),
    ("fqdn", "n\u034fs70.CORP.example")])
def test_the_70_name_respelled_is_no_required_name_change(itmscheck, tmp_path, fact, spelling) -> None:
    """Table 1-1's new name must really be new: the 7.0 name in another spelling DNS and Windows
    read as that name (invisible characters, full-width letters, a trailing dot, the FQDN as the
    computer name) is the old name, not the change the guide requires."""
    target = _edited(tmp_path, "target.json", READY / "target-post.json",
                     lambda facts: facts["host"].update({fact: spelling}))
    run = itmscheck("diff", READY / "source.json", target)
    assert run.code == 1, run.out
    assert f"not changed  host.{fact}" in run.out


FULL_WIDTH_SYMANTEC = "\uff33\uff59\uff4d\uff41\uff4e\uff54\uff45\uff43"


@pytest.mark.parametrize("spelling", ["Symantec\u200b_CMDB", f"{FULL_WIDTH_SYMANTEC}_CMDB",
                                      "symantec_cmdb  "])
def test_the_70_database_respelled_is_no_required_database_change(itmscheck, tmp_path, spelling) -> None:
    """On the same instance, the restored CMDB needs a new name; SQL Server reads these as the old one."""
    target = _edited(tmp_path, "target.json", READY / "target-post.json",
                     lambda facts: facts["cmdb"].update({"database": spelling}))
    run = itmscheck("diff", READY / "source.json", target)
    assert run.code == 1, run.out
    assert "not changed  cmdb.database" in run.out
