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


@pytest.mark.parametrize(("written", "key"), [
    ("  C:\\x", "C:\\X"),  # leading spaces are no part of a path
    ('"C:\\x" ', "C:\\X"),  # a quoted path with a space after its closing quote
    ("X:\\DATA\\BOX", "X:\\DATA\\BOX"),  # a path's own letters are never trimmed
    ('"\\\\?\\C:\\x"', "C:\\X"),  # a quoted literal path loses its quotes only
    ("\\\\?\\C:\\Altiris.", "C:\\ALTIRIS."),  # behind \\?\ a trailing dot is part of the name
    ("\\\\?\\C:\\a/b", "C:\\A/B"),  # and "/" is no separator
])
def test_a_windows_path_s_quotes_spaces_and_literal_form(written: str, key: str) -> None:
    assert normalize.windows_path(written) == key


def test_a_literal_path_is_another_folder_than_its_win32_reading() -> None:
    assert normalize.windows_path("\\\\?\\C:\\Altiris.") != normalize.windows_path("C:\\Altiris.")


def test_text_reads_any_run_of_white_space_as_one_space() -> None:
    assert normalize.text("  7.0 \t\n SP5 ") == "7.0 SP5"


def test_a_windows_name_upper_cases_each_character_alone() -> None:
    assert normalize.windows_name("hq-Site") == "HQ-SITE"
    assert normalize.windows_name("Straße") == "STRAßE"


def test_a_trailing_root_dot_is_no_part_of_a_dotted_quad() -> None:
    assert normalize.address_readings(" 10.20.1.10. ") == {normalize.address("10.20.1.10")}


def test_a_sql_name_ignores_control_characters() -> None:
    assert normalize.sql_name("Sym\x01antec_\x7fCMDB") == normalize.sql_name("symantec_cmdb")


def test_the_netbios_name_of_an_address_is_the_whole_address() -> None:
    assert normalize.netbios("fe80::1234:5678:9abc:def0") == "fe80::1234:5678:9abc:def0"
    assert normalize.netbios("NS70-HEADQUARTERS") == "NS70-HEADQUARTE"


@pytest.mark.parametrize(("written", "key"), [(".", "."), ("NS-BOX", "NS-BOX"), ("ns70.corp.", "NS70.CORP")])
def test_a_dns_name_loses_only_the_root_s_dot(written: str, key: str) -> None:
    assert normalize.dns_name(written) == key


@pytest.mark.parametrize(("location", "computer"), [
    ("\\\\?\\unc\\srv\\share", "srv"), ("//?/Unc/srv/share", "srv"),
    ("\\\\.\\pipe\\sql\\query", None), ("\\\\?\\C:\\x", None), ("https://NS-BOX", "NS-BOX"),
    ('"\\\\NS-BOX\\share"', "NS-BOX"),
])
def test_the_computer_a_location_names(location: str, computer: str | None) -> None:
    assert normalize.location_host(location) == computer


def test_a_url_keeps_its_path_query_and_fragment_and_has_no_port_unless_written() -> None:
    parts = normalize.url("HTTPS://NS70.corp.example./Altiris/NS?x=1#top")
    assert parts == normalize.Url("https", "ns70.corp.example", None, "/Altiris/NS", "x=1", "top")
    assert normalize.url("https://ns70:443/").port == 443


@pytest.mark.parametrize("written", ["https://[FE80::1]:443/", "https://[fe80::1]/", "http://[::ffff:10.20.1.10]/"])
def test_a_url_to_a_bracketed_ipv6_address_is_accepted_in_either_case(written: str) -> None:
    assert normalize.url(written).host in ("fe80::1", "::ffff:10.20.1.10")


def test_a_host_of_253_characters_is_a_dns_name_and_254_is_not() -> None:
    name = ".".join(["a" * 63] * 3 + ["b" * 61])  # 253 characters
    assert normalize.url(f"https://{name}/").host == name
    with pytest.raises(ValueError, match="which is no name DNS can resolve"):
        normalize.url(f"https://{name}b/")


def test_a_one_letter_host_with_the_root_s_dot_is_a_name() -> None:
    assert normalize.url("https://X./").host == "x"


@pytest.mark.parametrize(("written", "why"), [
    ("https://a b/", "holds a space, a backslash, a control or a non-ASCII character"),
    ("https:/ns70/", "is not an absolute URL (scheme://host/...)"),
    ("mailto:ns70", "is not an absolute URL (scheme://host/...)"),
    ("https://u@ns70/", "carries user information (user@ or user:password@)"),
    ("https://ns70:/", "has the port '', outside 1-65535"),
    ("https://ns70:000443/", "has the port '000443', outside 1-65535"),
    ("https://ns70:65536/", "has the port '65536', outside 1-65535"),
    ("https://.ns70/", "has the host '.ns70', which is no name DNS can resolve"),
    ("https://-ns70/", "has the host '-ns70', which is no name DNS can resolve"),
    ("https://:443/", "has the host '(none)', which is no name DNS can resolve"),
])
def test_a_url_an_agent_cannot_use_is_refused_saying_why(written: str, why: str) -> None:
    with pytest.raises(ValueError) as refused:
        normalize.url(written)
    assert str(refused.value) == why


@pytest.mark.parametrize(("netloc", "why"), [
    # urlsplit refuses these first on Pythons since 3.11.4; the check stays for older ones
    ("[::::]", "has the host '[::::]', not an IPv6 address"),
    ("[1.2.3]", "has the host '[1.2.3]', not an IPv6 address"),
    ("ns70:1:2", "has no valid host and port ('ns70:1:2')"),
])
def test_a_host_and_port_that_is_no_address_is_refused_saying_why(netloc: str, why: str) -> None:
    with pytest.raises(ValueError) as refused:
        normalize._host_and_port(netloc)
    assert str(refused.value) == why


def test_a_name_ending_in_a_letter_is_no_dotted_quad() -> None:
    assert normalize.address_readings("10X") == set()
    assert normalize.address_readings("0X") == set()


@pytest.mark.parametrize("literal", [
    "fe80--1.ipv6-literal.net", "FE80--1.IPV6-LITERAL.NET", "fe80--1s4.IPv6-Literal.Net."])
def test_windows_ipv6_literal_names_are_their_address_in_any_case(literal: str) -> None:
    assert normalize.host(literal) == "fe80::1"


@pytest.mark.parametrize(("location", "computer"), [
    ("HTTPS://ns70/Altiris", "ns70"), ("File://ns70/share", "ns70"),
    ("https://admin@ns70.corp/x", "ns70.corp"), ("https://a:b@c@ns70:443/", "ns70"),
    # a stray "]" after the address: read as that address, the reading that can only fail a rule
    ("https://[fe80::1]]/", "fe80::1"),
])
def test_a_url_location_names_its_host_whatever_the_scheme_s_case_or_user_part(location: str,
                                                                               computer: str) -> None:
    assert normalize.location_host(location) == computer


@pytest.mark.parametrize(("written", "address"), [
    ("10.20.1.10", "10.20.1.10"), (" 10.20.1.10 / 24 ", "10.20.1.10"), ("10.20.1.10/32", "10.20.1.10"),
    ("10.20.1.10/0", "10.20.1.10"), ("10.20.1.10/255.255.255.0", "10.20.1.10"), ("10.20.1.10/", "10.20.1.10"),
    ("010.020.001.255", "10.20.1.255"), ("255.255.255.255", "255.255.255.255"), ("0.0.0.0", "0.0.0.0"),
    ("[fe80::1]", "fe80::1"), ("fe80::1%12", "fe80::1"), ("[fe80::1%eth0]", "fe80::1"),
    ("fe80::1/128", "fe80::1"), ("FE80::0:1", "fe80::1"),
    ("::ffff:10.20.1.10", "10.20.1.10"), ("::ffff:a14:10a", "10.20.1.10"), ("::10.20.1.10", "::a14:10a"),
])
def test_an_address_as_windows_tools_print_it_is_one_canonical_address(written: str, address: str) -> None:
    parsed = normalize.address(written)
    assert parsed is not None and str(parsed) == address


@pytest.mark.parametrize("written", [
    "256.1.1.1", "010.020.001.256", "10.20.1", "10.20.1.10.5", "10.20.1.10/33", "10.20.1.10/255.0.255.0",
    "fe80::1/129", "[fe80::1", "fe80::1]", "[10.20.1.10", "ns70", "", "10.20.1.10/x",
])
def test_a_text_that_writes_no_valid_address_is_none(written: str) -> None:
    assert normalize.address(written) is None


@pytest.mark.parametrize("mark", ["\u200e", "\u202e", "\u2061", "\u180f"])
def test_a_format_character_or_mongolian_selector_is_no_part_of_a_computer_name(mark: str) -> None:
    assert normalize.host(f"NS{mark}70") == "NS70"


def test_fold_upper_cases_a_non_ascii_letter_with_a_one_letter_upper_case() -> None:
    assert normalize.fold("café ß") == "CAFÉ ß"


@pytest.mark.parametrize(("written", "key"), [(".", "."), ("NS-BOX.corp.", "NS-BOX"), ("NS-BOX", "NS-BOX")])
def test_a_computer_s_key_keeps_the_name_dot_and_its_own_letters(written: str, key: str) -> None:
    assert normalize.host(written) == key
    assert normalize.is_local_name(normalize.host(".")) is True
