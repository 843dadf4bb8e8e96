"""Normalization at its edges (issue 20): SQL Server instance spellings, and each
spelling rule of names, paths, addresses and URLs that the mutation testing found
untested."""

from __future__ import annotations

import pytest

from itmscheck.engine import normalize


@pytest.mark.parametrize(("written", "key"), [
    ("SQL01", "SQL01\\MSSQLSERVER"),
    ("sql01.corp.example\\altiris", "SQL01\\ALTIRIS"),
    ("  SQL01\\Altiris  ", "SQL01\\ALTIRIS"),
    ("tcp:SQL01\\ALTIRIS,1433", "SQL01\\ALTIRIS"),
    ("TCP:sql01,1433", "SQL01\\MSSQLSERVER"),
    ("np:SQL01\\A", "SQL01\\A"), ("NP:SQL01\\A", "SQL01\\A"),
    ("lpc:SQL01\\A", "SQL01\\A"), ("LPC:SQL01", "SQL01\\MSSQLSERVER"),
    ("SQL01,1433", "SQL01\\MSSQLSERVER"),
    ("SQL01\\altiris,1433", "SQL01\\ALTIRIS"),
    ("tcp:[fe80::1]\\ALTIRIS,1433", "fe80::1\\ALTIRIS"),
    ("[fe80::1],1433", "fe80::1\\MSSQLSERVER"),
    ("10.20.1.10\\A", "10.20.1.10\\A"),
])
def test_a_sql_server_instance_is_its_computer_and_instance_however_written(written: str, key: str) -> None:
    assert normalize.sql_instance(written) == key


@pytest.mark.parametrize(("written", "key"), [
    ("tcp:SQL01\\ALTIRIS,1433", "SQL01"), ("TCP:sql01.corp", "SQL01"), ("np:sql01", "SQL01"),
    ("lpc:sql01", "SQL01"), ("tcp:[fe80::1],1433", "fe80::1"), ("SQL01,1433", "SQL01"),
    (" sql01\\x ", "SQL01"),
])
def test_the_computer_of_a_sql_server_instance(written: str, key: str) -> None:
    assert normalize.sql_instance_host(written) == key


@pytest.mark.parametrize(("written", "key"), [
    ('"C:\\Program Files\\Altiris\\"', "C:\\PROGRAM FILES\\ALTIRIS"),
    ("c:/program files/altiris/", "C:\\PROGRAM FILES\\ALTIRIS"),
    ("\\\\?\\C:\\x", "C:\\X"), ("\\\\.\\c:\\x", "C:\\X"),
    ("\\\\?\\UNC\\srv\\share\\x", "\\\\SRV\\SHARE\\X"), ("\\\\?\\unc\\srv\\share", "\\\\SRV\\SHARE"),
    ("\\\\.\\UNC\\srv\\share", "\\\\SRV\\SHARE"), ("//srv/share/", "\\\\SRV\\SHARE"),
    ("srv\\share", "SRV\\SHARE"),
    ("C:", "C:\\"), ("c:", "C:\\"), ("C:\\", "C:\\"), ("C:\\..", "C:\\"), ("C:\\a\\..", "C:\\"),
    ("C:\\a\\b\\..\\c", "C:\\A\\C"), ("C:\\a\\.\\b", "C:\\A\\B"),
    ("\\\\srv\\share\\..", "\\\\SRV\\SHARE"), ("\\\\srv\\share\\a\\..", "\\\\SRV\\SHARE"),
    ("C:\\dir. \\file..", "C:\\DIR\\FILE"), ("C:\\ .dir\\x", "C:\\ .DIR\\X"), ("C:\\...\\x", "C:\\...\\X"),
])
def test_a_windows_path_compares_as_windows_resolves_it(written: str, key: str) -> None:
    assert normalize.windows_path(written) == key
