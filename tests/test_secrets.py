"""A password planted in the site file's connection string reaches no artefact of check or collect."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import LABS

SECRET = "Pl4nted-Pa55w0rd-7x"
CONNECTION = ("DRIVER={ODBC Driver 17 for SQL Server};SERVER=127.0.0.1,1;DATABASE=Symantec_CMDB;"
              f"UID=itms_reader;PWD={SECRET};")


def _site(tmp_path: Path, extra: str = "") -> Path:
    text = (LABS / "not-ready" / "site.yaml").read_text(encoding="utf-8")
    site = tmp_path / "site.yaml"
    site.write_text(text + f"\ncmdb:\n  connection: '{CONNECTION}'\n  login_timeout_seconds: 1\n"
                    + extra, encoding="utf-8")
    return site


def _artefacts(tmp_path: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in tmp_path.rglob("*") if p.is_file() and p.name != "site.yaml")


def test_check_reports_and_console_hold_no_password(itmscheck, tmp_path) -> None:
    site = _site(tmp_path)
    folder = LABS / "not-ready"
    run = itmscheck("check", "--phase", "post", "--source", folder / "source.json",
                    "--target", folder / "target-post.json", "--site", site,
                    "--json", tmp_path / "r.json", "--junit", tmp_path / "r.xml",
                    "--html", tmp_path / "r.html")
    assert run.code == 1
    assert SECRET not in run.out + run.err + _artefacts(tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {"site.yaml", "r.json", "r.xml", "r.html"}


def test_an_error_quoting_the_connection_line_masks_the_password(itmscheck, tmp_path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(f"itmscheck_site: 1\ncmdb: {{connection: '{CONNECTION}', timeout_seconds: -1}}\n",
                    encoding="utf-8")
    run = itmscheck("check", "--source", LABS / "ready" / "source.json", "--site", site)
    assert run.code == 2
    assert "cmdb.timeout_seconds" in run.err and "PWD=***" in run.err
    assert SECRET not in run.err + run.out


def test_collect_that_cannot_connect_writes_no_password(itmscheck, tmp_path) -> None:
    site = _site(tmp_path)
    run = itmscheck("collect", "--role", "source", "--site", site, "--output", tmp_path / "s.json")
    assert run.code in (0, 1, 2)
    assert SECRET not in run.out + run.err + _artefacts(tmp_path)
