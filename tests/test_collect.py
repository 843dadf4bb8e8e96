"""collect without a database: merging, precedence, failures, bad input, interruption."""

from __future__ import annotations

import json
import re
from pathlib import Path

from itmscheck.cli.app import main
from itmscheck.collectors.command import collect_snapshot
from itmscheck.collectors.declared import DeclaredCollector
from itmscheck.collectors.factpaths import covering, fact_paths
from itmscheck.collectors.imported import ImportCollector
from itmscheck.evidence.documents import validate
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.hookspecs import hookimpl
from itmscheck.plugins import plugin_manager
from tests.pg_lab import require_odbc

FRAGMENT = Path(__file__).parent / "lab" / "ns70-fragment.json"
SCRIPT = Path(__file__).parents[1] / "checks" / "collectors" / "windows" / "Get-ItmsFacts.ps1"


class Fixed:
    def __init__(self, name, facts, kind="collected"):
        self.name, self.kind, self._facts = name, kind, facts

    def collect(self, role, site):
        return self._facts


class Broken:
    name = "broken"
    groups = ("platform.products",)

    def collect(self, role, site):
        raise RuntimeError("SIM web service unreachable")


def test_a_failing_collector_leaves_its_facts_null_with_the_reason_and_the_others_go_on():
    snapshot, log = collect_snapshot("source", {}, [
        Broken(), Fixed("cmdbish", {"resources": {"managed_computers": 12}})])
    validate(snapshot, "snapshot.schema.json", "collected")
    assert snapshot["facts"]["platform"]["products"] is None
    assert "SIM web service unreachable" in snapshot["unknown"]["platform.products"]
    assert snapshot["facts"]["resources"]["managed_computers"] == 12
    assert any("broken" in line for line in log)


def test_every_fact_path_is_present_with_a_provenance_record():
    snapshot, _ = collect_snapshot("source", {}, [Fixed("one", {"host": {"name": "NS70"}})])
    loaded = Snapshot(role="source", collected_at=None, facts=snapshot["facts"], file="x",  # type: ignore[arg-type]
                      provenance=snapshot["provenance"], unknown=snapshot["unknown"])
    for path in fact_paths():
        assert loaded.provenance_of(path), path
    assert set(snapshot["unknown"]) == set(fact_paths()) - {"host.name"}


def test_imported_beats_collected_beats_declared_and_declared_fills_what_nobody_read():
    site = {"facts": {"host": {"name": "DECLARED", "local_users": ["Administrator"]},
                      "platform": {"smp_release": "7.0 SP5"}},
            "facts_declared_by": "J. de Vries", "_options": {"imports": [str(FRAGMENT)]}}
    snapshot, log = collect_snapshot("source", site, [
        Fixed("host", {"host": {"name": "WORKSTATION"}}), ImportCollector(), DeclaredCollector()])
    facts = snapshot["facts"]

    def provenance(path):
        return covering(snapshot["provenance"], path)

    assert facts["host"]["name"] == "NS70" and provenance("host.name")["kind"] == "imported"
    assert facts["host"]["local_users"] == ["Administrator", "Guest", "svc_altiris"]
    assert facts["platform"]["smp_release"] == "7.0 SP5"
    assert provenance("platform.smp_release") == {
        "kind": "declared", "by": "J. de Vries", "detail": "declared in the site file"}
    assert any("host.name" in line and "WORKSTATION" in line for line in log)


def test_a_plugin_returning_facts_the_schema_refuses_is_a_failed_collector_not_a_bad_snapshot():
    snapshot, _ = collect_snapshot("source", {}, [Fixed("bad", {"host": {"name": 42}})])
    assert snapshot["facts"]["host"]["name"] is None
    validate(snapshot, "snapshot.schema.json", "collected")


def _run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_connection_env_that_is_not_set_is_bad_input(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NO_SUCH_CMDB", raising=False)
    code, _, err = _run(["collect", "--role", "source", "--output", str(tmp_path / "s.json"),
                         "--connection-env", "NO_SUCH_CMDB"], capsys)
    assert code == 2 and "NO_SUCH_CMDB" in err and "Traceback" not in err
    assert not (tmp_path / "s.json").exists()


def test_malformed_declared_facts_are_bad_input_naming_the_field(tmp_path, capsys):
    site = tmp_path / "site.yaml"
    site.write_text("itmscheck_site: 1\nfacts:\n  host:\n    nmae: NS70\n")
    code, _, err = _run(["collect", "--role", "source", "--site", str(site),
                         "--output", str(tmp_path / "s.json")], capsys)
    assert code == 2 and "site.yaml" in err and "nmae" in err


def test_an_unreadable_fragment_is_bad_input(tmp_path, capsys):
    fragment = tmp_path / "f.json"
    fragment.write_text('{"itmscheck_fragment": 1, "role": "source", '
                            '"facts": {"host": {"os": {"architecture": "ia64"}}}}')
    code, _, err = _run(["collect", "--role", "source", "--output", str(tmp_path / "s.json"),
                         "--import", str(fragment)], capsys)
    assert code == 2 and "f.json" in err and "architecture" in err


def test_a_password_in_the_site_file_is_in_no_artefact_even_when_the_connection_fails(tmp_path, capsys):
    require_odbc()  # the connection is attempted through unixODBC
    site = tmp_path / "site.yaml"
    site.write_text('itmscheck_site: 1\ncmdb:\n  connection: "DRIVER={No Such Driver};'
                    'SERVER=SQL01;UID=sa;PWD=Zz-planted-77"\n  login_timeout_seconds: 2\n')
    code, out, err = _run(["collect", "--role", "source", "--site", str(site),
                           "--output", str(tmp_path / "s.json")], capsys)
    text = (tmp_path / "s.json").read_text()
    assert code == 1 and "Zz-planted-77" not in text + out + err
    assert "cannot connect to the CMDB" in json.loads(text)["unknown"]["cmdb.collation"]


class Interrupting:
    name = "interrupting"

    def collect(self, role, site):
        raise KeyboardInterrupt


class InterruptPlugin:
    @hookimpl
    def itmscheck_collectors(self):
        return [Interrupting()]


def test_ctrl_c_leaves_no_snapshot_and_no_temporary_file(tmp_path, capsys):
    plugin = InterruptPlugin()
    plugin_manager().register(plugin)
    try:
        code, _, err = _run(["collect", "--role", "source", "--output",
                             str(tmp_path / "s.json")], capsys)
    finally:
        plugin_manager().unregister(plugin)
    assert code == 130 and "interrupted" in err
    assert list(tmp_path.iterdir()) == []


def test_the_powershell_script_sticks_to_powershell_2():
    script = SCRIPT.read_text()
    code = "\n".join(line for line in re.sub(r"<#.*?#>", "", script, flags=re.S).splitlines()
                     if not line.lstrip().startswith("#"))
    for newer in ("ConvertTo-Json", "ConvertFrom-Json", "Get-CimInstance", "[ordered]",
                  "[pscustomobject]", "$PSItem", "Invoke-RestMethod", "-NotIn", "::new(",
                  # 4.0 and later: hashing, .ForEach/.Where, classes, $using:, -Raw, -PipelineVariable
                  "Get-FileHash", ".ForEach(", ".Where(", "$using:", "-Raw", "-PipelineVariable",
                  "Invoke-WebRequest", "New-TemporaryFile", "Get-ComputerInfo"):
        assert not re.search(re.escape(newer) + r"(?![\w-])", code, re.I), newer
    assert not re.search(r"\s-in\s", code)  # the -in operator is PowerShell 3.0
    # Get-ChildItem -File / -Directory are 3.0; "Where-Object Name -eq" (no script block) is 3.0.
    assert not re.search(r"Get-ChildItem[^\n|]*\s-(File|Directory)\b", code, re.I)
    assert not re.search(r"(Where-Object|\?)\s+\w+\s+-(eq|ne|like|match)\b", code, re.I)
    assert not re.search(r"^\s*(class|enum|using)\s", code, re.I | re.M)  # 5.0
    assert "[System.Security.Cryptography.SHA256]::Create()" in code
    for fact in ("local_users", "dotnet35", "architecture", "ip_addresses", "fqdn", "plugins",
                 "data_store", "baseline_files", "standalone_packages", "install_packages",
                 "errors_last_days", "warnings_last_days", "top_messages"):
        assert f'"{fact}"' in script
    assert "Wow6432Node" in code  # 32-bit plug-ins on a 64-bit server
