"""A rule's check that cannot decide is refused when its rule file loads (issue 20): each
check type's own schema (one condition, one of two keys) and its ``problems`` (an
operator or a value its fact can never suit), with the message and the place."""

from __future__ import annotations

from typing import Any

import pytest

from itmscheck.engine import rule_file
from itmscheck.engine.checktype import CheckType
from itmscheck.types.compare import Compare
from itmscheck.types.contains import Contains
from itmscheck.types.equals import Equals
from itmscheck.types.every_item import EveryItem
from itmscheck.types.includes_all import IncludesAll
from itmscheck.types.matches import Matches
from itmscheck.types.one_of import OneOf
from itmscheck.types.urls_point_to import UrlsPointTo

TYPES: dict[str, type[CheckType]] = {
    check_type.name: check_type
    for check_type in (Compare, Contains, EveryItem, IncludesAll, Matches, OneOf, UrlsPointTo)}


class Refused(Exception):
    pass


def _refusal(raw: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """(message, place) when loading the check ``raw`` is refused; None when it loads."""
    def fail(message: str, place: list[Any]) -> None:
        raise Refused(message, place)

    try:
        rule_file._compile(raw, ["check"], TYPES, fail)
    except Refused as refused:
        return refused.args[0], refused.args[1]
    return None


EVERY = {"type": "every_item", "fact": "target.platform.products", "field": "release"}
ONE_CONDITION = "every_item takes one condition: op and value, pattern, or minimum"


@pytest.mark.parametrize("extra", [
    {"op": ">=", "value": 1, "minimum": "7"}, {"value": "x", "minimum": "7"}, {"op": "==", "minimum": "7"},
    {"pattern": "a", "minimum": "7"}, {"pattern": "a", "op": "=="}, {"pattern": "a", "value": "x"},
])
def test_every_item_takes_one_condition_only(extra: dict[str, Any]) -> None:
    assert _refusal({**EVERY, **extra}) == (ONE_CONDITION, ["check"])


@pytest.mark.parametrize("extra", [{"minimum": "7.5"}, {"pattern": "^7"}, {"op": "==", "value": "7.5"},
                                   {"value": "7.5"}, {"op": "!=", "value": "7.0"}])
def test_every_item_with_one_condition_loads(extra: dict[str, Any]) -> None:
    assert _refusal({**EVERY, **extra}) is None


@pytest.mark.parametrize(("extra", "refusal"), [
    ({"op": ">=", "value": "x"}, ("op '>=' compares numbers, but value is 'x'", ["check", "value"])),
    ({"op": ">=", "value": 1}, ("op '>=' compares numbers, but target.platform.products items' release "
                                "holds null or string", ["check", "op"])),
    ({"value": 1}, ("target.platform.products items' release holds null or string, never 1",
                    ["check", "value"])),
])
def test_every_item_refuses_a_comparison_its_field_can_never_suit(extra: dict[str, Any],
                                                                  refusal: tuple[str, list[Any]]) -> None:
    assert _refusal({**EVERY, **extra}) == refusal


URLS = {"type": "urls_point_to", "fact": "target.platform.urls", "path": "/Altiris"}


@pytest.mark.parametrize(("extra", "message"), [
    ({"host": "target.host", "hosts": ["target.host"], "scheme": "https"},
     "urls_point_to takes host or hosts, one of them"),
    ({"scheme": "https"}, "urls_point_to takes host or hosts, one of them"),
    ({"host": "target.host", "scheme": "https", "schemes": ["https"]},
     "urls_point_to takes scheme or schemes, one of them"),
    ({"hosts": ["target.host"]}, "urls_point_to takes scheme or schemes, one of them"),
])
def test_urls_point_to_takes_one_of_host_or_hosts_and_of_scheme_or_schemes(extra: dict[str, Any],
                                                                           message: str) -> None:
    assert _refusal({**URLS, **extra}) == (message, ["check"])
    assert _refusal({**URLS, "host": "target.host", "schemes": ["https", "http"]}) is None
    assert _refusal({**URLS, "hosts": ["target.host"], "scheme": "https"}) is None


@pytest.mark.parametrize(("raw", "refusal"), [
    ({"fact": "target.host.name", "value": 1},
     ("target.host.name holds null or string, not a number: '>=' compares numbers", ["check", "fact"])),
    ({"fact": "site.x", "value": "target.host.name"},
     ("target.host.name holds null or string, not a number: '>=' compares numbers", ["check", "value"])),
    ({"fact": "site.x", "value": 1}, None),
])
def test_compare_refuses_a_fact_that_never_holds_a_number(raw: dict[str, Any],
                                                         refusal: tuple[str, list[Any]] | None) -> None:
    assert _refusal({"type": "compare", "op": ">=", **raw}) == refusal


def test_one_of_refuses_each_value_its_fact_can_never_hold_at_its_place() -> None:
    raw = {"type": "one_of", "fact": "target.cmdb.collation", "values": ["a", 1, True]}
    assert _refusal(raw) == ("target.cmdb.collation holds null or string, never 1", ["check", "values", 1])
    assert _refusal({**raw, "values": ["a", "b"]}) is None


@pytest.mark.parametrize(("params", "problems"), [
    ({"fact": "target.host.name", "value": 1}, [(["value"],
                                                 "target.host.name holds null or string, never 1")]),
    ({"fact": "target.host.dotnet4_release", "value": 1.5},
     [(["value"], "target.host.dotnet4_release holds integer or null, never 1.5")]),
    ({"fact": "target.host.name", "other": "target.host.dotnet35"},
     [(["other"], "target.host.name and target.host.dotnet35 never hold the same type of value")]),
    # both may be null, but a null never makes two facts the same value worth a rule
    ({"fact": "target.host.name", "other": "target.host.dotnet4_release"},
     [(["other"], "target.host.name and target.host.dotnet4_release never hold the same type of value")]),
    ({"fact": "target.host.name", "value": True, "other": "target.host.dotnet35"},
     [(["value"], "target.host.name holds null or string, never true")]),
    ({"fact": "target.host.name", "value": "ns1"}, []), ({"fact": "target.host.name", "value": None}, []),
    ({"fact": "target.host.dotnet4_release", "value": 1.0}, []), ({"fact": "site.x", "value": 1}, []),
    ({"fact": "site.x", "other": "target.host.name"}, []),
    ({"fact": "target.host.name", "other": "site.x"}, []),
    ({"fact": "target.host.name", "other": "target.host.fqdn"}, []),
])
def test_equals_refuses_a_value_or_other_fact_its_fact_can_never_equal(params: dict[str, Any],
                                                                      problems: list[Any]) -> None:
    assert Equals(params).problems() == problems


LICENSES = {"fact": "target.platform.licenses"}


@pytest.mark.parametrize(("params", "problems"), [
    ({"field": "nodes", "minimum": "7"},
     [(["minimum"], "target.platform.licenses items' nodes holds integer or null, not a release to "
       "compare")]),
    ({"field": "trial", "pattern": "^a"},
     [(["pattern"], "target.platform.licenses items' trial holds boolean or null, not text a pattern can "
       "match")]),
    ({"field": "nodes", "pattern": "^a"},
     [(["pattern"], "target.platform.licenses items' nodes holds integer or null, not text a pattern can "
       "match")]),
    ({"field": "name", "minimum": "7"}, []), ({"field": "name", "pattern": "^a"}, []),
    ({"field": "nodes", "op": ">=", "value": 1}, []), ({"field": "nodes", "op": "<", "value": 2.0}, []),
    ({"field": "nodes"}, []),  # equals null: the field may be null
    ({"field": "nodes", "op": "!=", "value": "many"},
     [(["value"], "target.platform.licenses items' nodes holds integer or null, never 'many'")]),
    ({"field": "nodes", "op": ">=", "value": True},
     [(["value"], "op '>=' compares numbers, but value is true")]),
    ({"field": "name", "op": "<=", "value": 3},
     [(["op"], "op '<=' compares numbers, but target.platform.licenses items' name holds string")]),
])
def test_every_item_refuses_a_condition_its_field_can_never_meet(params: dict[str, Any],
                                                                 problems: list[Any]) -> None:
    assert EveryItem({**LICENSES, **params}).problems() == problems


@pytest.mark.parametrize("params", [
    {"field": "n", "minimum": "7"}, {"field": "n", "pattern": "^a"}, {"field": "n", "op": ">", "value": 1},
    {"field": "n", "value": "x"},
])
def test_every_item_refuses_nothing_where_the_schemas_do_not_say(params: dict[str, Any]) -> None:
    assert EveryItem({"fact": "site.x", **params}).problems() == []
    assert EveryItem({"fact": "target.platform.licenses", **params}).problems() == []


def test_every_item_takes_a_pattern_for_a_list_of_texts() -> None:
    assert EveryItem({"fact": "target.resources.site_servers", "field": "services", "pattern": "^a"}
                     ).problems() == []


def test_compare_names_each_side_that_never_holds_a_number() -> None:
    check = Compare({"fact": "target.host.name", "op": "<", "value": "target.host.fqdn"})
    assert check.problems() == [
        (["fact"], "target.host.name holds null or string, not a number: '<' compares numbers"),
        (["value"], "target.host.fqdn holds null or string, not a number: '<' compares numbers")]
    assert Compare({"fact": "target.host.dotnet4_release", "op": "<", "value": "target.host.domain_role"}
                   ).problems() == []


def test_one_of_refuses_every_value_its_fact_can_never_hold() -> None:
    check = OneOf({"fact": "target.host.dotnet35", "values": [1, "a", True, None]})
    assert check.problems() == [(["values", 0], "target.host.dotnet35 holds boolean or null, never 1"),
                                (["values", 1], "target.host.dotnet35 holds boolean or null, never 'a'")]
    assert OneOf({"fact": "site.x", "values": [1, "a"]}).problems() == []


@pytest.mark.parametrize("extra", [{"value": "a", "other": "site.y"}, {}])
def test_contains_takes_the_item_once_as_value_or_as_other(extra: dict[str, Any]) -> None:
    assert _refusal({"type": "contains", "fact": "site.x", **extra}) == (
        "contains takes the item as value or as other (a fact), one of them", ["check"])
    assert _refusal({"type": "contains", "fact": "site.x", "other": "site.y"}) is None


NOT_LINEAR = ("cannot be matched in linear time ({}); backreferences and lookaround are not available (RE2 "
              "syntax)")


@pytest.mark.parametrize(("raw", "refusal"), [
    ({"type": "matches", "fact": "site.x", "pattern": "(a)\\1", "meaning": "m"},
     ("pattern '(a)\\\\1' " + NOT_LINEAR.format("invalid escape sequence: \\1"), ["check", "pattern"])),
    ({"type": "every_item", "fact": "site.x", "field": "f", "pattern": "(?=a)"},
     ("pattern '(?=a)' " + NOT_LINEAR.format("invalid perl operator: (?="), ["check", "pattern"])),
    ({"type": "includes_all", "required": "site.x", "available": "site.y", "ignore": ["a", "(?<=b)"]},
     ("pattern '(?<=b)' " + NOT_LINEAR.format("invalid perl operator: (?<="), ["check", "ignore", 1])),
])
def test_a_pattern_re2_cannot_match_in_linear_time_is_refused_in_words(
        raw: dict[str, Any], refusal: tuple[str, list[Any]], capfd: pytest.CaptureFixture[str]) -> None:
    assert _refusal(raw) == refusal
    assert capfd.readouterr().err == ""  # the refusal says it: RE2 prints nothing of its own
