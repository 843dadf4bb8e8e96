"""A password planted in the site file's connection string reaches no artefact of check or collect."""

from __future__ import annotations

from pathlib import Path

import pytest

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


# Issue 14: connection settings are not facts; no excerpt, plan or report carries a password.

def test_a_check_type_reading_the_connection_gets_no_fact_and_no_password(tmp_path) -> None:
    from itmscheck.engine import loader
    from itmscheck.engine.evaluate import evaluate
    from itmscheck.engine.facts import Facts, FactUnknown
    from itmscheck.evidence.site import load_site

    site = _site(tmp_path)
    inputs = loader.load_inputs(loader.catalog(), LABS / "not-ready" / "source.json", None, site)
    facts = Facts(inputs)
    for ref in ("site.cmdb.connection", "site.cmdb"):
        try:
            value = facts.get(ref)
        except FactUnknown as unknown:
            assert "connection setting" in unknown.sentence
        else:
            raise AssertionError(f"{ref} was read: {value!r}")
    assert SECRET not in repr(facts.evidence)
    results = evaluate(loader.catalog(), inputs, "pre")
    assert SECRET not in repr(results) and load_site(site).document["cmdb"]["connection"] == CONNECTION


@pytest.mark.parametrize("layout", [
    # a tab (which YAML refuses) before a password continued on the next line
    "cmdb:\n  connection: DRIVER={{x}};UID=u;PWD=\n\t{secret};SERVER=sql01\n",
    # a plain scalar continued on the next line, which holds a colon
    "cmdb:\n  connection: DRIVER={{x}};UID=u;Password=\n    {secret}: x\n",
    # a double-quoted scalar continued on the next line, then garbage
    'cmdb:\n  connection: "DRIVER={{x}};UID=u;PWD=\n    {secret}" oops\n',
    # a flow mapping broken after the password's line
    'cmdb: {{connection: "UID=u;PWD=\n    {secret};", timeout_seconds: [}}\n',
], ids=["tab-before-the-password", "plain-scalar-with-a-colon", "double-quoted-then-garbage",
        "broken-flow-mapping"])
def test_an_excerpt_never_shows_a_password_that_starts_on_the_previous_line(itmscheck, tmp_path,
                                                                            layout) -> None:
    site = tmp_path / "site.yaml"
    site.write_text("itmscheck_site: 1\n" + layout.format(secret=SECRET), encoding="utf-8")
    run = itmscheck("check", "--source", LABS / "ready" / "source.json", "--site", site)
    assert run.code == 2 and "malformed YAML" in run.err and "***" in run.err
    assert SECRET not in run.err + run.out


@pytest.mark.parametrize("line", [
    f'legacy_servers:\n  - {{name: NS6, fqdn: "https://admin:{SECRET}@ns6.corp.example/", nope: 1}}',
    f'legacy_servers:\n  - {{name: "odbc://itms_reader:{SECRET}@sql01/Symantec_CMDB", release: 7}}',
    f"cmdb: {{password: {SECRET}}}",
    f'cmdb: {{password: "{SECRET}"}}',
    f"cmdb: {{sa_password: '{SECRET}'}}",
    f"cmdb: {{password: words before {SECRET}}}",
], ids=["url-credentials-in-an-fqdn", "url-credentials-as-a-name", "a-password-key",
        "a-double-quoted-password", "a-single-quoted-password-under-a-longer-key",
        "a-password-holding-spaces"])
def test_url_credentials_and_password_keys_are_masked_in_excerpts(itmscheck, tmp_path, line) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(f"itmscheck_site: 1\n{line}\n", encoding="utf-8")
    run = itmscheck("check", "--source", LABS / "ready" / "source.json", "--site", site)
    assert run.code == 2 and "***" in run.err.splitlines()[1]
    assert SECRET not in run.err + run.out


def test_plan_output_never_copies_the_password(itmscheck, tmp_path) -> None:
    site = _site(tmp_path)
    output = tmp_path / "planned" / "site.yaml"
    output.parent.mkdir()
    run = itmscheck("plan", "--source", LABS / "not-ready" / "source.json", "--site", site,
                    "--output", output)
    assert run.code == 0, run.err
    written = output.read_text(encoding="utf-8")
    assert SECRET not in written + run.out + run.err
    assert "PWD=***" in written and "was not copied" in run.out
