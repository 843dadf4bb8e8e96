"""Red-team review of issues 13, 14 and 18: spellings that hid a computer or a signature.

Each test names a class of spelling that the normalizers let through before:
characters DNS' IDNA mapping ignores that are not Unicode format characters
(a combining grapheme joiner, variation selectors), the ideographic full stops
IDNA reads as dots, a percent-encoded URL host, URL text the standard parser
refuses (which ended in "internal error"), and blank letters in signatures.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itmscheck.engine import normalize
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import State
from itmscheck.errors import InputError
from itmscheck.evidence.site import site_from_document
from tests.support.backup_destination import BACKUP, backup_facts

PROPERTY = settings(max_examples=150, deadline=None, derandomize=True)

# Mapped to nothing by IDNA (RFC 3491 table B.1, UTS 46), yet not format (Cf) characters.
IDNA_IGNORED_MARKS = ["\u034f", "\u180b", "\u180c", "\u180d", "\ufe00", "\ufe0f", "\U000e0100",
                      "\U000e01ef"]
IDNA_DOTS = ["\u3002", "\uff0e", "\uff61"]


def _facts(location: str) -> Facts:
    return backup_facts(location)


@pytest.mark.parametrize("mark", IDNA_IGNORED_MARKS, ids=[f"U+{ord(m):04X}" for m in IDNA_IGNORED_MARKS])
def test_a_character_idna_ignores_does_not_make_another_computer(mark: str) -> None:
    assert normalize.host(f"N{mark}S70.corp.example") == normalize.host("NS70")
    assert normalize.computer(f"https://ns70{mark}.corp.example/Altiris") == normalize.host("NS70")
    outcome = BACKUP.evaluate(_facts(f"\\\\ns70{mark}\\backup\\cmdb.bak"))
    assert outcome.state is State.FAIL, outcome.message


@pytest.mark.parametrize("dot", IDNA_DOTS, ids=[f"U+{ord(d):04X}" for d in IDNA_DOTS])
def test_an_ideographic_full_stop_separates_labels_as_idna_reads_it(dot: str) -> None:
    assert normalize.host(f"ns70{dot}corp{dot}example") == normalize.host("NS70")
    outcome = BACKUP.evaluate(_facts(f"\\\\ns70{dot}corp{dot}example\\backup"))
    assert outcome.state is State.FAIL, outcome.message


@pytest.mark.parametrize("location", ["https://ns70%2Ecorp.example/cmdb.bak", "https://%6Es70/cmdb.bak",
                                      "https://%31%30.20.1.10/x", "file://localhost%2e/x"])
def test_a_percent_encoded_url_host_is_the_computer_it_decodes_to(location: str) -> None:
    outcome = BACKUP.evaluate(_facts(location))
    assert outcome.state is State.FAIL, outcome.message


@pytest.mark.parametrize("location", ["https://[::1/x", "https://[/x", "file://[::ffff:127.0.0.1",
                                      "https://ns70]/x", "http://[v1.x]/"])
def test_a_url_the_standard_parser_refuses_is_judged_not_an_internal_error(location: str) -> None:
    outcome = BACKUP.evaluate(_facts(location))
    assert outcome.state in (State.FAIL, State.PASS)


def test_a_malformed_url_to_the_server_itself_still_fails() -> None:
    assert BACKUP.evaluate(_facts("https://[::1/cmdb.bak")).state is State.FAIL


@PROPERTY
@given(text=st.text(max_size=60), scheme=st.sampled_from(["", "https://", "file://", "\\\\"]))
def test_locating_any_text_never_raises(text: str, scheme: str) -> None:
    normalize.location_host(scheme + text)
    normalize.computer(scheme + text)
    normalize.host(text)


BLANK_LETTERS = ["\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u3164\u2800 \u115f"]


@pytest.mark.parametrize("blank", BLANK_LETTERS, ids=[ascii(b) for b in BLANK_LETTERS])
@pytest.mark.parametrize("where", ["attestation_by", "waiver_by", "waiver_reason"])
def test_a_signature_of_blank_letters_is_refused(blank: str, where: str) -> None:
    """Hangul fillers are letters and the blank Braille pattern a symbol, yet they show nothing."""
    waiver = {"rule": "R", "by": "M. Jansen", "reason": "accepted by CAB", "expires": "2026-12-31"}
    attestation = {"by": "M. Jansen", "on": "2026-11-20"}
    if where == "attestation_by":
        attestation["by"] = blank
    else:
        waiver[where.removeprefix("waiver_")] = blank
    document = {"itmscheck_site": 1, "attestations": {"R": attestation}, "waivers": [waiver]}
    with pytest.raises(InputError, match="no visible character"):
        site_from_document(document, "site.yaml")


def test_a_signature_with_a_blank_letter_beside_a_name_is_accepted() -> None:
    document = {"itmscheck_site": 1, "attestations": {"R": {"by": "\u3164M. Jansen", "on": "2026-11-20"}}}
    assert site_from_document(document, "site.yaml").attestations["R"]["by"] == "\u3164M. Jansen"


# --- hierarchy links: a Notification Server recorded by name, FQDN, address or URL -------------

@pytest.mark.parametrize("child", ["https://ns70.corp.example:443/Altiris/", "::ffff:10.20.1.10",
                                   "\\\\NS70\\NSCap", "ns70\u200b.corp.example", "NS70:443"])
def test_a_server_recorded_as_its_own_child_in_any_spelling_is_refused(child: str) -> None:
    from itmscheck.planning.hierarchy import source_links
    from itmscheck.planning.refused import Refused

    own = ("ns70.corp.example", "10.20.1.10")  # its FQDN and addresses
    with pytest.raises(Refused, match="the server itself"):
        source_links("NS70", None, [child], own)
    with pytest.raises(Refused, match="own parent"):
        source_links("NS70", child, [], own)


def test_two_addresses_are_two_servers_whatever_their_first_number() -> None:
    from itmscheck.planning.names import same_server

    assert not same_server("10.20.5.1", "10.99.7.7")
    assert same_server("10.20.5.1", "::ffff:10.20.5.1")
    assert same_server("https://NS-P.corp.example/Altiris", "ns-p")


# --- control characters: no computer or database name holds one ---------------------------------

@pytest.mark.parametrize("name", ["NS70\x00", "NS70\x00junk", "N\x7fS70", "N\x08S70", "\x1bNS70", "NS\x9b70"])
def test_a_control_character_does_not_make_another_computer(name: str) -> None:
    """Win32 ends a name at NUL; no host name holds another control character, so it is read away."""
    assert normalize.host(name) == normalize.host("NS70")
    assert BACKUP.evaluate(_facts(f"\\\\{name}\\backup\\cmdb.bak")).state is State.FAIL


def test_a_control_character_does_not_make_another_database() -> None:
    """SQL Server's Windows collations give control characters no weight: N'a' + NCHAR(0) = N'a'."""
    assert normalize.sql_name("Symantec_CMDB\x00") == normalize.sql_name("symantec_cmdb")
    assert normalize.sql_name("Symantec\x01_CMDB") == normalize.sql_name("Symantec_CMDB")


# --- paths: the \\?\ prefix turns Win32's path rewriting off ---------------------------------

@pytest.mark.parametrize("path", ["\\\\?\\C:\\Program Files\\Altiris.", "\\\\?\\C:\\Program Files\\Altiris ",
                                  "\\\\?\\C:\\Program Files\\x\\..\\Altiris",
                                  "\\\\?\\UNC\\srv\\share\\Altiris."])
def test_a_long_path_keeps_its_trailing_dots_spaces_and_dot_segments(path: str) -> None:
    """With ``\\\\?\\`` Windows names the folder exactly as written: ``Altiris.`` is another folder."""
    plain = path.replace("\\\\?\\UNC\\", "\\\\").replace("\\\\?\\", "").replace("\\x\\..", "")
    assert normalize.windows_path(path) != normalize.windows_path(plain.rstrip(". "))


def test_a_long_path_without_rewriting_is_the_plain_path() -> None:
    assert normalize.windows_path("\\\\?\\c:\\program files\\altiris") == normalize.windows_path(
        "C:\\Program Files\\Altiris\\")
