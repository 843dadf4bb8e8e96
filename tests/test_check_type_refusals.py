"""A rule's check that cannot decide is refused when its rule file loads (issue 20): each
check type's own schema (one condition, one of two keys) and its ``problems`` (an
operator or a value its fact can never suit), with the message and the place."""

from __future__ import annotations

from typing import Any

import pytest

from itmscheck.engine import rule_file
from itmscheck.types.compare import Compare
from itmscheck.types.every_item import EveryItem
from itmscheck.types.one_of import OneOf
from itmscheck.types.urls_point_to import UrlsPointTo

TYPES = {check_type.name: check_type for check_type in (Compare, EveryItem, OneOf, UrlsPointTo)}


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
