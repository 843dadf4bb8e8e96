"""Issue 14: addresses, UNC paths, URLs, names and dates compared the way networks and Windows
compare them, property-tested (Hypothesis) on the normalizers of itmscheck.engine.normalize.
"""

from __future__ import annotations

import ipaddress
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itmscheck.engine import normalize
from itmscheck.engine.facts import Facts
from itmscheck.engine.gate import waive
from itmscheck.engine.model import GuideRef, Result, State, Status
from itmscheck.errors import InputError
from itmscheck.evidence import snapshot as snapshots
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.types.urls_point_to import _key, _problem
from tests.support.backup_destination import BACKUP, backup_facts

PROPERTY = settings(max_examples=150, deadline=None, derandomize=True)

ipv4 = st.ip_addresses(v=4)
ipv6 = st.ip_addresses(v=6)
label = st.from_regex(r"[a-z][a-z0-9-]{0,14}[a-z0-9]", fullmatch=True)
fqdn = st.lists(label, min_size=1, max_size=4).map(".".join)
invisible = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])


# --- addresses -----------------------------------------------------------------------------------

@PROPERTY
@given(address=ipv4, prefix=st.integers(0, 32), widths=st.lists(st.integers(1, 3), min_size=4, max_size=4))
def test_an_ipv4_address_is_one_address_whatever_its_spelling(address, prefix, widths) -> None:
    octets = str(address).split(".")
    padded = ".".join(octet.zfill(width) for octet, width in zip(octets, widths, strict=True))
    for spelling in (f"{address}/{prefix}", padded, f"{padded}/{prefix}", f"::ffff:{address}",
                     f"::FFFF:{address}", f" {address} ", f"{address}/255.255.255.0"):
        assert normalize.ip(spelling) == str(address), spelling


@PROPERTY
@given(address=ipv6, prefix=st.integers(0, 128), zone=st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True))
def test_an_ipv6_address_is_one_address_whatever_its_spelling(address, prefix, zone) -> None:
    canonical = str(address.ipv4_mapped or address)
    for spelling in (f"{address}/{prefix}", f"{address}%{zone}", f"[{address}]",
                     str(address).upper(), address.exploded, f"{address.exploded}%{zone}/{prefix}"):
        assert normalize.ip(spelling) == canonical, spelling


@PROPERTY
@given(address=ipv4, prefix=st.integers(33, 999))
def test_a_prefix_length_out_of_range_is_no_address(address, prefix) -> None:
    assert normalize.address(f"{address}/{prefix}") is None


@PROPERTY
@given(text=st.text(max_size=60))
def test_reading_any_text_as_an_address_never_raises(text) -> None:
    parsed = normalize.address(text)
    assert parsed is None or isinstance(parsed, ipaddress.IPv4Address | ipaddress.IPv6Address)


@PROPERTY
@given(address=st.integers(0x7F000000, 0x7FFFFFFF).map(ipaddress.IPv4Address))
def test_every_loopback_and_unspecified_address_names_the_computer_itself(address) -> None:
    for spelling in (str(address), f"::ffff:{address}", "::1", "0.0.0.0", "::", "0:0:0:0:0:0:0:1"):
        parsed = normalize.address(spelling)
        assert parsed is not None and normalize.names_itself(parsed), spelling


# --- UNC paths and URLs that point back at the server itself ------------------------------------

def _facts(name: str, domain: str, address: str, location: str) -> Facts:
    return backup_facts(location, name, domain, address)


def _unc_forms(computer: str) -> list[str]:
    return [f"\\\\{computer}\\backup\\x.bak", f"//{computer}/backup/x.bak",
            f"\\\\?\\UNC\\{computer}\\backup\\x.bak", f"\\\\.\\UNC\\{computer}\\backup",
            f"\\\\{computer}@SSL@443\\DavWWWRoot\\backup\\x.bak", f"\\\\{computer}@8080\\DavWWWRoot",
            f"\\\\{computer}.\\backup\\x.bak", f"file://{computer}/backup/x.bak",
            f"https://{computer}/backup/x.bak", f'"\\\\{computer}\\backup\\x.bak"']


@PROPERTY
@given(name=label, domain=fqdn, address=ipv4, mangle=st.integers(0, 3), hidden=invisible,
       where=st.integers(0, 40))
def test_a_backup_on_the_server_itself_is_recognized_however_it_is_written(
        name, domain, address, mangle, hidden, where) -> None:
    padded = ".".join(octet.zfill(3) for octet in str(address).split("."))
    computers = [name, f"{name}.{domain}", str(address), padded, str(int(address)), "localhost",
                 "127.0.0.1", "sql01", "SQL01.corp.example"]
    for computer in computers:
        spelled = [computer.upper(), computer.swapcase(), computer,
                   computer[:where % (len(computer) + 1)] + hidden + computer[where % (len(computer) + 1):]]
        for location in _unc_forms(spelled[mangle]):
            outcome = BACKUP.evaluate(_facts(name, domain, str(address), location))
            assert outcome.state is State.FAIL, (location, outcome.message)


@PROPERTY
@given(name=label, other=label, domain=fqdn, address=ipv4)
def test_a_backup_on_another_computer_passes(name, other, domain, address) -> None:
    if normalize.fold(other) in (normalize.fold(name), "SQL01", "LOCALHOST"):
        return
    for location in _unc_forms(f"{other}.{domain}"):
        assert BACKUP.evaluate(_facts(name, domain, str(address), location)).state is State.PASS, location


port = st.integers(1, 65535)


@PROPERTY
@given(name=label, domain=fqdn, v4=ipv4, v6=ipv6, number=port, hidden=invisible)
def test_a_hierarchy_link_names_one_computer_however_it_is_recorded(
        name, domain, v4, v6, number, hidden) -> None:
    """Name, FQDN, address, URL, UNC path and host:port: the one key neighbours are matched by."""
    # an IPv4-mapped IPv6 address is its IPv4 address (normalize.host's key)
    for computer, key in ((name, normalize.host(name)), (str(v4), str(v4)),
                          (f"[{v6}]", normalize.host(str(v6)))):
        bare = computer.strip("[]")
        fqdn_form = f"{name.upper()}.{domain}" if computer == name else computer
        forms = [bare, fqdn_form, f"{computer}:{number}", f"https://{fqdn_form}:{number}/Altiris/",
                 f"\\\\{bare}\\NSCap", f"{hidden}{bare}"]
        assert {normalize.computer(form) for form in forms} == {key}, forms
    assert normalize.computer(f"{name}x:{number}") != normalize.computer(name)


@PROPERTY
@given(host=fqdn, number=port, path=st.from_regex(r"(/[A-Za-z0-9._~-]{0,10}){1,4}/?", fullmatch=True))
def test_a_well_formed_url_reads_back_its_parts(host, number, path) -> None:
    read = normalize.url(f"HTTPS://{host.upper()}:{number}{path}")
    assert (read.scheme, read.host, read.port, read.path) == ("https", host, number, path)


@PROPERTY
@given(host=fqdn, bad=st.one_of(st.just(0), st.integers(65536, 10**9)), user=label)
def test_a_port_out_of_range_or_user_information_is_refused(host, bad, user) -> None:
    for text in (f"https://{host}:{bad}/Altiris/", f"https://{user}@{host}/Altiris/",
                 f"https://{user}:pw@{host}/Altiris/", f"https://{user}\\@{host}/Altiris/",
                 f"https://{host}:/Altiris/", f"https://{host} /Altiris/"):
        with pytest.raises(ValueError):
            normalize.url(text)


@PROPERTY
@given(text=st.text(max_size=80))
def test_judging_any_text_as_a_redirect_url_never_raises(text) -> None:
    problem = _problem(text, ["https"], {_key("ns75.corp.example")}, "/Altiris/")
    assert problem is None or isinstance(problem, str)


@PROPERTY
@given(host=fqdn, number=port)
def test_only_the_prescribed_form_passes_as_a_redirect_url(host, number) -> None:
    url = f"https://{host}:{number}/Altiris/"
    assert _problem(url, ["https"], {_key(host)}, "/Altiris/") is None
    assert _problem(url, ["https"], {_key(f"x{host}")}, "/Altiris/") is not None
    assert _problem(f"https://x@{host}:{number}/Altiris/", ["https"], {_key(host)}, "/Altiris/") is not None
    assert _problem(f"http://{host}:{number}/Altiris/", ["https"], {_key(host)}, "/Altiris/") is not None


# --- names: ordinal, case-insensitive, never Unicode case folding --------------------------------

@PROPERTY
@given(text=st.text(max_size=40))
def test_folding_is_per_character_and_idempotent(text) -> None:
    assert len(normalize.fold(text)) == len(text)
    assert normalize.fold(normalize.fold(text)) == normalize.fold(text)


@PROPERTY
@given(text=st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_names_compare_without_case(text) -> None:
    assert normalize.fold(text.swapcase()) == normalize.fold(text.lower()) == normalize.fold(text)


@pytest.mark.parametrize(("left", "right"), [("STRAßE", "STRASSE"), ("ﬁle", "FILE"), ("ǆ", "dž")])
def test_names_are_not_unicode_case_folded(left, right) -> None:
    assert normalize.text(left) != normalize.text(right)
    assert normalize.windows_path(f"C:\\{left}") != normalize.windows_path(f"C:\\{right}")


def test_a_computer_name_folds_as_dns_maps_it_but_sharp_s_stays() -> None:
    """Host names take DNS' compatibility mapping (a ligature is its letters), never ß = ss."""
    assert normalize.host("STRAßE") != normalize.host("STRASSE")
    full_width = "\uff46\uff49\uff4c\uff45"  # file in full-width letters
    assert normalize.host("\ufb01le.corp") == normalize.host("FILE") == normalize.host(full_width)


# --- time: instants with offsets, date-only values on the evidence's calendar -------------------

offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
instants = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9998, 12, 30), timezones=offsets)


@PROPERTY
@given(moment=instants)
def test_an_instant_keeps_its_utc_moment_and_its_local_date(moment) -> None:
    utc, offset = snapshots.parse_instant(moment.isoformat(), "f", "collected_at")
    assert utc == moment and offset == moment.utcoffset()
    snapshot = Snapshot(role="source", collected_at=utc, facts={}, file="f", collected_offset=offset)
    assert snapshot.local_date == moment.date()


@PROPERTY
@given(moment=st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(1969, 12, 31, 23), timezones=offsets),
    st.datetimes(min_value=datetime(9999, 1, 1), max_value=datetime(9999, 12, 31, 23, 59),
                 timezones=offsets)))
def test_an_instant_at_the_ends_of_the_calendar_is_bad_input_not_an_overflow(moment) -> None:
    with pytest.raises(InputError):
        snapshots.parse_instant(moment.isoformat(), "f", "collected_at")


@PROPERTY
@given(moment=instants, days=st.integers(-3, 3))
def test_a_waiver_applies_through_its_expiry_day_on_the_evidences_calendar(moment, days) -> None:
    utc, offset = snapshots.parse_instant(moment.isoformat(), "f", "collected_at")
    local = Snapshot(role="source", collected_at=utc, facts={}, file="f", collected_offset=offset).local_date
    expires = local + timedelta(days=days)
    site = Site({"waivers": [{"rule": "R", "by": "M. Jansen", "reason": "accepted",
                              "expires": expires.isoformat()}]}, "site.yaml")
    failed = Result(rule="R", title="t", severity="blocker", status=Status.FAILED, message="m",
                    guide=GuideRef("s", 1), remediation="r", chapter=1, chapter_title="c")
    status = waive(failed, site, local).status
    assert status is (Status.WAIVED if expires >= local else Status.FAILED)
    assert local == moment.date() and isinstance(local, date)
