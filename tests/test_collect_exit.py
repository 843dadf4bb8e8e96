"""collect's exit status and console: 0 all read, 1 written but a source failed or facts unknown, 2 bad input.

The three ways a CMDB is commonly not read - a wrong password, a closed port,
a missing driver (no such ODBC driver, or no ODBC library at all) - each exit
1 with the snapshot written, and stderr names the source with the driver's
own reason (never the password), plus a hint where this machine lacks a piece.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from itmscheck.cli.app import main
from itmscheck.collectors.factpaths import fact_paths, get_path, set_path
from itmscheck.evidence.schemas import schema_document
from itmscheck.evidence.snapshot import null_means_none
from tests import pg_lab
from tests.pg_lab import READER_PASSWORD, LabCmdb

REPO = Path(__file__).resolve().parents[1]
lab_cmdb = pg_lab.lab_cmdb


def _collect(tmp_path: Path, capsys: Any, site: dict[str, Any]) -> tuple[int, str, str]:
    (tmp_path / "site.yaml").write_text(yaml.safe_dump({"itmscheck_site": 1, **site}))
    code = main(["collect", "--role", "source", "--site", str(tmp_path / "site.yaml"),
                 "--output", str(tmp_path / "s.json")])
    out, err = capsys.readouterr()
    return code, out, err


def _cmdb(connection: str) -> dict[str, Any]:
    return {"cmdb": {"connection": connection, "notification_server": "NS70",
                     "login_timeout_seconds": 5}}


def _unknown(tmp_path: Path) -> dict[str, str]:
    return dict(json.loads((tmp_path / "s.json").read_text())["unknown"])


def _needs_the_driver() -> None:
    reason = pg_lab.missing_parts()
    if reason:
        pytest.skip(reason)


def test_a_wrong_password_exits_1_naming_the_cmdb_and_the_drivers_reason_not_the_password(
        lab_cmdb: LabCmdb, tmp_path, capsys):
    wrong = lab_cmdb.server.connection_string(password="Wr0ng-Planted-55")
    code, out, err = _collect(tmp_path, capsys, _cmdb(wrong))
    assert code == 1
    assert "collect: FAILED cmdb: cannot connect to the CMDB:" in err
    assert 'password authentication failed for user "itms_reader"' in err
    assert "hint (cmdb)" not in err  # nothing to install: the password is wrong
    written = (tmp_path / "s.json").read_text()
    for secret in ("Wr0ng-Planted-55", READER_PASSWORD):
        assert secret not in out + err + written
    assert "password authentication failed" in _unknown(tmp_path)["cmdb.tables"]


def test_a_closed_port_exits_1_with_the_connection_refused(tmp_path, capsys):
    _needs_the_driver()
    closed = pg_lab.PgServer().connection_string()  # a free port nothing listens on
    code, _out, err = _collect(tmp_path, capsys, _cmdb(closed))
    assert code == 1
    failed = next(line for line in err.splitlines() if line.startswith("collect: FAILED cmdb:"))
    assert "Connection refused" in failed or "could not connect" in failed, failed
    assert "cmdb.tables" in err  # the facts it leaves unknown are listed too


def test_an_odbc_driver_that_is_not_installed_exits_1_with_an_install_hint(tmp_path, capsys):
    _needs_the_driver()
    code, _out, err = _collect(tmp_path, capsys, _cmdb(
        "DRIVER={ODBC Driver 18 for SQL Server};SERVER=SQL01;UID=sa;PWD=Qq-planted-31"))
    assert code == 1 and "FAILED cmdb: cannot connect to the CMDB" in err
    hint = next(line for line in err.splitlines() if line.startswith("collect: hint (cmdb):"))
    assert "not installed here (installed: PostgreSQL ANSI, PostgreSQL Unicode)" in hint
    assert "msodbcsql18" in hint and "Qq-planted-31" not in err


def test_no_odbc_library_at_all_exits_1_with_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyodbc", None)  # import fails as without libodbc
    code, _out, err = _collect(tmp_path, capsys, _cmdb("DRIVER={x};SERVER=y;PWD=Kk-planted-12"))
    assert code == 1
    assert "FAILED cmdb: the ODBC library cannot be loaded" in err
    assert "apt-get install unixodbc" in err and "Kk-planted-12" not in err
    assert (tmp_path / "s.json").exists()


def test_no_cmdb_configured_is_no_failure_only_unknown_facts(tmp_path, capsys):
    code, out, err = _collect(tmp_path, capsys, {})
    assert code == 1 and "FAILED" not in err
    assert "collect: " in err and " facts unknown:" in err
    assert "cmdb.tables, " in err or "cmdb.tables:" in err
    assert "facts unknown (listed above" in out


def _every_fact() -> dict[str, Any]:
    """The ready lab's source facts, with a value of the schema's type wherever it has none."""
    facts = json.loads((REPO / "examples" / "lab" / "ready" / "source.json").read_text())["facts"]
    for path in fact_paths():
        present, value = get_path(facts, path)
        if not present or (value is None and path not in null_means_none()):
            set_path(facts, path, _placeholder(path))
    return dict(facts)


def _placeholder(path: str) -> Any:
    schema = schema_document("snapshot.schema.json")
    node = schema["$defs"]["facts"]
    for part in path.split("."):
        node = node["properties"][part]
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    kinds = node.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return ([] if "array" in kinds else 0 if "integer" in kinds else False if "boolean" in kinds
            else "x" if "string" in kinds else {})


def test_every_source_read_and_no_fact_unknown_exits_0(tmp_path, capsys):
    code, out, err = _collect(tmp_path, capsys, {"facts": _every_fact()})
    assert code == 0, err
    assert _unknown(tmp_path) == {} and "FAILED" not in err and "0 of" in out


def test_bad_input_exits_2_and_writes_nothing(tmp_path, capsys):
    code, _out, err = _collect(tmp_path, capsys, {"cmdb": {"connection_env": "NO_SUCH_VARIABLE_9"}})
    assert code == 2 and "NO_SUCH_VARIABLE_9" in err and not (tmp_path / "s.json").exists()


def test_an_unknown_fact_says_which_source_would_read_it_or_why_none_does(tmp_path, capsys):
    _collect(tmp_path, capsys, {})
    unknown = _unknown(tmp_path)
    assert unknown["host.cpu_x64_capable"].endswith("read by: host script (Get-ItmsFacts.ps1)")
    assert "no public source maps a 7.0 or 7.5 build number" in unknown["platform.smp_release"]
    assert "declare it under the site file's facts:" in unknown["platform.smp_release"]
