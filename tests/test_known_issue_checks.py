"""The check types the known-issues pack brought: what they decide at their edges.

``not_expired`` (an expiry still ahead, on the evidence's own calendar),
``items_hold`` (a list field holding every name, with exemptions that only a
known value grants), ``item_compare`` (a picked item's number against another
fact) and ``contains`` with ``other`` (an account in a group's member list).
None of them passes on what it could not read.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import State
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.types.contains import Contains
from itmscheck.types.item_compare import ItemCompare
from itmscheck.types.items_hold import ItemsHold
from itmscheck.types.not_expired import NotExpired

# Collected at 01:30 on the 25th where it was collected (UTC+05:00): still the 24th in UTC.
COLLECTED = datetime(2026, 11, 24, 20, 30, tzinfo=timezone.utc)


def _facts(**facts: Any) -> Facts:
    snapshot = Snapshot(role="target", collected_at=COLLECTED, facts=facts, file="t",
                        collected_offset=timedelta(hours=5))
    return Facts(Inputs({"target": snapshot}, Site(), {}, {}))


def _licenses(**fields: Any) -> list[dict[str, Any]]:
    return [{"name": "Patch Management Solution for Windows", **fields}]


def _expiry(**params: Any) -> NotExpired:
    return NotExpired({"type": "not_expired", "fact": "target.licenses", "field": "maintenance_expires",
                       "where": {"name": "Patch Management Solution for Windows"}, **params})


def test_a_date_only_expiry_is_a_day_of_the_evidences_own_calendar() -> None:
    # The evidence speaks for the 25th (its local day): the 25th is still valid, the 24th is past.
    valid = _facts(licenses=_licenses(maintenance_expires="2026-11-25"))
    assert _expiry().evaluate(valid).state is State.PASS
    outcome = _expiry().evaluate(_facts(licenses=_licenses(maintenance_expires="2026-11-24")))
    assert outcome.state is State.FAIL and "2026-11-24" in outcome.message


def test_min_days_asks_for_that_many_days_still_to_run() -> None:
    facts = _facts(licenses=_licenses(maintenance_expires="2026-12-24"))
    assert _expiry(min_days=29).evaluate(facts).state is State.PASS
    assert _expiry(min_days=30).evaluate(facts).state is State.FAIL


def test_a_date_time_expiry_needs_its_zone_and_is_compared_as_an_instant() -> None:
    before = _facts(licenses=_licenses(maintenance_expires="2026-11-24T20:00:00Z"))
    after = _facts(licenses=_licenses(maintenance_expires="2026-11-25T02:00:00+05:00"))
    zoneless = _facts(licenses=_licenses(maintenance_expires="2026-12-24T20:00:00"))
    assert _expiry().evaluate(before).state is State.FAIL
    assert _expiry().evaluate(after).state is State.PASS
    assert _expiry().evaluate(zoneless).state is State.UNKNOWN


def test_an_expiry_that_is_null_or_no_date_is_unknown_and_a_missing_item_fails() -> None:
    for value in (None, "soon", 20261231):
        facts = _facts(licenses=_licenses(maintenance_expires=value))
        assert _expiry().evaluate(facts).state is State.UNKNOWN
    outcome = _expiry().evaluate(_facts(licenses=[{"name": "Inventory Solution",
                                                   "maintenance_expires": "2030-01-01"}]))
    assert outcome.state is State.FAIL and "has no item where name" in outcome.message


def _hold(**params: Any) -> ItemsHold:
    return ItemsHold({"type": "items_hold", "fact": "target.servers", "where": {"services": "package"},
                      "unless": {"iis_version": "6.0"}, "field": "roles",
                      "values": ["ASP", "IIS 6 WMI Compatibility"], **params})


def test_only_a_known_value_exempts_an_item() -> None:
    exempt = {"name": "SS1", "services": ["package"], "iis_version": "6.0", "roles": None}
    unknown = {"name": "SS2", "services": ["package"], "iis_version": None, "roles": None}
    assert _hold().evaluate(_facts(servers=[exempt])).state is State.PASS
    outcome = _hold().evaluate(_facts(servers=[exempt, unknown]))
    assert outcome.state is State.UNKNOWN and "SS2" in outcome.message


def test_names_compare_without_case_or_spacing_and_what_lacks_is_named() -> None:
    written = {"name": "SS1", "services": ["package"], "roles": ["asp", "IIS 6  wmi compatibility"]}
    lacking = {"name": "SS2", "services": ["package", "task"], "roles": ["ASP"]}
    task_only = {"name": "SS3", "services": ["task"], "roles": []}
    assert _hold().evaluate(_facts(servers=[written, task_only])).state is State.PASS
    outcome = _hold().evaluate(_facts(servers=[written, lacking, task_only]))
    assert outcome.state is State.FAIL and "SS2 (no IIS 6 WMI Compatibility)" in outcome.message


def _count(value: Any = "target.managed") -> ItemCompare:
    return ItemCompare({"type": "item_compare", "fact": "target.licenses",
                        "where": {"name": "Inventory Solution"}, "field": "nodes", "op": ">=",
                        "value": value})


def test_a_picked_items_number_is_compared_with_another_fact() -> None:
    licenses = [{"name": "Inventory Solution", "nodes": 100}, {"name": "Deployment Solution", "nodes": 5}]
    assert _count().evaluate(_facts(licenses=licenses, managed=100)).state is State.PASS
    outcome = _count().evaluate(_facts(licenses=licenses, managed=101))
    assert outcome.state is State.FAIL and "Inventory Solution (nodes 100)" in outcome.message
    assert _count(50).evaluate(_facts(licenses=licenses)).state is State.PASS


def test_no_picked_item_fails_and_a_count_that_is_no_number_is_unknown() -> None:
    assert _count().evaluate(_facts(licenses=[], managed=1)).state is State.FAIL
    assert _count().evaluate(_facts(licenses=[{"name": "Inventory Solution", "nodes": "many"}],
                                    managed=1)).state is State.UNKNOWN
    assert _count().evaluate(_facts(licenses=[{"name": "Inventory Solution", "nodes": 5}],
                                    managed=True)).state is State.UNKNOWN


def test_an_account_is_looked_for_in_a_member_list_as_windows_compares_names() -> None:
    check = Contains({"type": "contains", "fact": "target.admins", "other": "target.account"})
    admins = ["NS75\\Administrator", "CORP\\svc_altiris"]
    assert check.evaluate(_facts(admins=admins, account="corp\\SVC_ALTIRIS")).state is State.PASS
    assert check.evaluate(_facts(admins=admins, account="LAB\\svc_altiris")).state is State.FAIL
    assert check.evaluate(_facts(admins=admins, account=42)).state is State.UNKNOWN
