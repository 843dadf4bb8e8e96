"""Get-ItmsFacts.ps1's fuller fragment (plug-ins, files, logs): it imports, validates, and keeps its shape."""

from __future__ import annotations

import json
import re
from pathlib import Path

from itmscheck.cli.app import main
from itmscheck.collectors import file_locations as at
from itmscheck.collectors.factpaths import fact_paths
from itmscheck.evidence.snapshot import load_snapshot

LAB = Path(__file__).parent / "lab"
EXAMPLE = LAB / "ns75-fragment.json"
SCRIPT = Path(__file__).parents[1] / "checks" / "collectors" / "windows" / "Get-ItmsFacts.ps1"


def _collect(tmp_path: Path, capsys, role: str, fragment: Path = EXAMPLE) -> tuple[int, str]:
    code = main(["collect", "--role", role, "--import", str(fragment),
                 "--output", str(tmp_path / "s.json")])
    return code, capsys.readouterr().err


def test_the_example_fragment_imports_and_validates_with_its_facts_and_unknowns(tmp_path, capsys):
    code, err = _collect(tmp_path, capsys, "target")
    assert code == 1 and "FAILED" not in err, err  # 1: the facts nothing here reads are unknown
    snapshot = load_snapshot(tmp_path / "s.json", "target")  # validates against the schema
    facts = snapshot.facts
    assert facts["host"]["plugins"]["java"] == "6 Update 45"
    assert facts["migration"]["data_store"]["package_files"] is True
    assert facts["solutions"]["deployment"]["files"]["drivers_db"] == 3
    assert facts["solutions"]["rtci"]["event_filter_dash"] is None  # absent: a value, not unknown
    assert "solutions.rtci.event_filter_dash" not in snapshot.unknown
    assert "being used by another process" in snapshot.unknown["solutions.rtsm.ping_filter"]
    assert facts["logs"]["top_messages"][0]["count"] == 9
    assert snapshot.provenance_of("logs.errors_last_days") == "imported by Get-ItmsFacts.ps1 1.1 on NS75"


def test_a_fragment_written_for_the_other_role_is_bad_input(tmp_path, capsys):
    code, err = _collect(tmp_path, capsys, "source")
    assert code == 2 and "ns75-fragment.json" in err and "role" in err
    assert not (tmp_path / "s.json").exists()


def test_the_script_makes_role_mandatory_and_the_collector_refuses_a_fragment_without_one(
        tmp_path, capsys):
    assert re.search(r"\[Parameter\(Mandatory = \$true\)\]\[ValidateSet\(\"source\", \"target\"\)\]"
                     r"\[string\]\$Role", SCRIPT.read_text(encoding="utf-8"))
    document = json.loads(EXAMPLE.read_text())
    for role in (None, "", "both", 7):  # absent (None), empty, a third server, not text
        if role is None:
            document.pop("role", None)
        else:
            document["role"] = role
        copy = tmp_path / "f.json"
        copy.write_text(json.dumps(document))
        code, err = _collect(tmp_path, capsys, "source", copy)
        assert code == 2 and "does not say whose it is" in err and "role" in err, (role, err)
        assert not (tmp_path / "s.json").exists()


def _paths(tree: dict, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else key
        known = path in fact_paths()
        found |= {path} if known or not isinstance(value, dict) else _paths(value, path)
    return found


def test_the_example_holds_only_schema_facts_and_every_key_the_script_writes():
    example = json.loads(EXAMPLE.read_text())["facts"]
    assert _paths(example) <= set(fact_paths())
    script = SCRIPT.read_text()
    written = set(re.findall(r'"(\w+)":', script[script.index('$json = @"'):]))
    keys = {part for p in _paths(example) for part in p.split(".")}
    assert written - {"itmscheck_fragment", "role", "collected_at", "collected_by", "facts",
                      "unknown", "message", "severity", "count", "path", "size_bytes",
                      "modified_at", "package_files"} <= keys


def test_the_script_reads_the_same_guide_locations_as_the_python_collectors():
    script = SCRIPT.read_text()
    rows = set(re.findall(r'@\("(\w+)", "\$th', script))  # Table 6-1 rows read at a 7.1 folder
    assert rows | {"pbt_files"} == set(at.DEPLOYMENT)
    hashed = {(g, f): r for g, f, r in re.findall(r'@\("(rtci|rtsm)", "(\w+)", "([^"]+)"\)', script)}
    assert hashed == {**{("rtci", f): r for f, r in at.RTCI.items()},
                      **{("rtsm", f): r for f, r in at.RTSM.items()}}
    example = json.loads(EXAMPLE.read_text())["facts"]["solutions"]["deployment"]["files"]
    assert set(example) == set(at.DEPLOYMENT)
