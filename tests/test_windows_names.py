"""Names compare as Windows and ITMS compare them: ordinal, case-insensitive, nothing more."""

from __future__ import annotations

import pytest

from itmscheck.engine.normalize import windows_name
from itmscheck.planning.names import Names, same_server


@pytest.mark.parametrize(("left", "right"), [("HQ-Amsterdam", "hq-amsterdam"), ("SS-AMS-01", "ss-Ams-01"),
                                             ("Zürich", "ZÜRICH"), ("Ελλάδα", "ΕΛΛΆΔΑ")])
def test_names_differing_only_in_case_are_one_name(left: str, right: str) -> None:
    assert windows_name(left) == windows_name(right)


@pytest.mark.parametrize(("left", "right"), [("Straße", "STRASSE"), ("Straße", "strasse"), ("ﬁle", "FILE"),
                                             ("HQ-Amsterdam", "HQ-Amsterdam "), ("Café", "Cafe\u0301")])
def test_case_folding_beyond_one_character_and_other_spellings_stay_different(left: str, right: str) -> None:
    # str.casefold would equate 'ß' with 'ss' and 'ﬁ' with 'fi'; Windows upper-cases one character at a time.
    assert windows_name(left) != windows_name(right)


def test_names_keep_the_first_spelling_and_report_the_second() -> None:
    names = Names()
    assert names.add("HQ-Amsterdam") == ("HQ-Amsterdam", False)
    assert names.add("hq-AMSTERDAM") == ("HQ-Amsterdam", True)
    assert names.resolve("HQ-AMSTERDAM") == "HQ-Amsterdam"
    assert names.resolve("Branch-Straße") == "Branch-Straße"  # unknown: as given
    assert "hq-amsterdam" in names and "HQ-Amsterdam-1" not in names


def test_a_computer_name_is_its_fqdn_in_any_case() -> None:
    assert same_server("NS70", "ns70.CORP.example.")
    assert not same_server("NS70", "NS700.corp.example")
