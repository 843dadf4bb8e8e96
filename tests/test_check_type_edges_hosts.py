"""The check types over computers and their names at their edges (issue 20): neighbours_release,
disjoint_names, gone_from and equals of SQL Server instances.

One computer however it is written (name, FQDN, address, URL, NetBIOS name), where a
server's release is read from, snapshots collected in either order, and the sentence each
outcome says to an administrator.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import Outcome, State
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.types.disjoint_names import DisjointNames
from itmscheck.types.equals import Equals
from itmscheck.types.gone_from import GoneFrom
from itmscheck.types.neighbours_release import NeighboursRelease

PASS, FAIL, UNKNOWN = State.PASS, State.FAIL, State.UNKNOWN
COLLECTED = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def site_facts(**site: Any) -> Facts:
    return Facts(Inputs({}, Site({"itmscheck_site": 1, **site}), {}, {}))


def outcome(check: CheckType, **site: Any) -> tuple[State, str, tuple[str, ...]]:
    """(state, message, needs) of ``check`` when the site file declares ``site``."""
    found = check.evaluate(site_facts(**site))
    return found.state, found.message, found.needs


def snapshots_facts(source: dict[str, Any], target: dict[str, Any],
                    target_later: timedelta = timedelta(0)) -> Facts:
    snapshots: dict[str, Snapshot | None] = {
        "source": Snapshot(role="source", collected_at=COLLECTED, file="s", facts=source),
        "target": Snapshot(role="target", collected_at=COLLECTED + target_later, file="t", facts=target)}
    return Facts(Inputs(snapshots, Site(), {}, {}))


# -- neighbours_release ----------------------------------------------------------------------------

KNOWN = [{"servers": "site.ns"}, {"servers": "site.old", "legacy": True}]
SERVERS = [{"name": "ns1", "fqdn": "ns1.corp.example", "release": "7.5 SP1"},
           {"fqdn": "ns2.corp.example", "release": "7.1"},
           {"name": "ns3", "ip_addresses": ["10.0.0.3"], "urls": ["https://ns3web.corp.example/Altiris"],
            "release": "7.6"},
           {"name": "ns4", "rel": "8.0"}]
NO_RELEASE = ("matches no server whose release is known (declare it under notification_servers in the "
              "site file)")


def neighbours(**params: Any) -> NeighboursRelease:
    return NeighboursRelease({"neighbours": ["site.p", "site.c"], "known": KNOWN, "minimum": "7.5", **params})


@pytest.mark.parametrize(("check", "site", "expected"), [
    (neighbours(), {"p": "ns1.corp.example", "c": ["NS2", "10.0.0.3"]},
     (FAIL, "Hierarchy neighbours below 7.5: 'NS2' runs an older release than 7.5 (ns2.corp.example in "
            "site.ns, '7.1').", ())),
    (neighbours(), {"p": "ns1.corp.example", "c": ["ns3web.corp.example", "NS1.CORP.EXAMPLE"]},
     (PASS, "Every hierarchy neighbour runs 7.5 or later: 'ns1.corp.example' (ns1 in site.ns, '7.5 SP1'), "
            "'ns3web.corp.example' (ns3 in site.ns, '7.6'), 'NS1.CORP.EXAMPLE' (ns1 in site.ns, '7.5 "
            "SP1').", ())),
    (neighbours(), {"p": "https://ns3web.corp.example:443/x", "c": None},
     (PASS, "Every hierarchy neighbour runs 7.5 or later: 'https://ns3web.corp.example:443/x' (ns3 in "
            "site.ns, '7.6').", ())),
    (neighbours(), {"p": "ns1.other.example", "c": None},
     (UNKNOWN, f"Hierarchy neighbours of unknown release: 'ns1.other.example' {NO_RELEASE}.", ("site.ns",))),
    (neighbours(), {"p": "ns4", "c": None},
     (UNKNOWN, "Hierarchy neighbours of unknown release: 'ns4' has no single known release (ns4 in "
               "site.ns, null).", ("site.ns",))),
    (neighbours(known=[{"servers": "site.ns", "release_field": "rel"}]), {"p": "ns4", "c": None},
     (PASS, "Every hierarchy neighbour runs 7.5 or later: 'ns4' (ns4 in site.ns, '8.0').", ())),
    (neighbours(), {"p": "ns9", "c": [], "old": [{"name": "ns9", "release": "8.0"}]},
     (FAIL, "Hierarchy neighbours below 7.5: 'ns9' is a server not yet migrated (ns9 in site.old, '8.0').",
      ())),
    (neighbours(), {"p": "ns2.corp.example", "c": ["ns9"], "old": [{"name": "ns9", "release": "8.0"}]},
     (FAIL, "Hierarchy neighbours below 7.5: 'ns2.corp.example' runs an older release than 7.5 "
            "(ns2.corp.example in site.ns, '7.1'); 'ns9' is a server not yet migrated (ns9 in site.old, "
            "'8.0').", ())),
    (neighbours(), {"p": "ns9", "c": None},
     (UNKNOWN, f"Hierarchy neighbours of unknown release: 'ns9' {NO_RELEASE}.", ("site.ns",))),
    (neighbours(), {"p": None, "c": [""]}, (PASS, "The server has no hierarchy neighbour.", ())),
    (neighbours(known=[{"servers": "site.ns"}, {"servers": "site.ns2"}]),
     {"p": "ns1", "c": None, "ns2": [{"name": "ns1", "release": "7.0"}]},
     (UNKNOWN, "Hierarchy neighbours of unknown release: 'ns1' has no single known release (ns1 in site.ns, "
               "'7.5 SP1'; ns1 in site.ns2, '7.0').", ("site.ns", "site.ns2"))),
    (neighbours(known=[{"servers": "site.ns"}, {"servers": "site.ns2"}]),
     {"p": "ns1", "c": None, "ns2": [{"name": "ns1", "release": "7.5.0 SP1"}]},
     (PASS, "Every hierarchy neighbour runs 7.5 or later: 'ns1' (ns1 in site.ns, '7.5 SP1'; ns1 in site.ns2, "
            "'7.5.0 SP1').", ())),
    (neighbours(known=[{"servers": "site.ns", "release": "site.rel"}]), {"p": "ns1", "c": None, "rel": "7.0"},
     (FAIL, "Hierarchy neighbours below 7.5: 'ns1' runs an older release than 7.5 (ns1 in site.ns, '7.0').",
      ())),
    (neighbours(self="site.me"), {"p": "ns1", "c": ["me.corp.example"], "me": {"name": "me"}},
     (UNKNOWN, "Hierarchy neighbours of unknown release: 'me.corp.example' is the server itself.",
      ("site.ns",))),
])
def test_neighbours_release_at_its_edges(check: NeighboursRelease, site: dict[str, Any],
                                         expected: tuple[State, str, tuple[str, ...]]) -> None:
    assert outcome(check, **{"ns": SERVERS, **site}) == expected


@pytest.mark.parametrize(("written", "expected"), [
    ("ns2.corp.example", PASS), ("NS2", PASS), ("ns2.other.example", UNKNOWN),  # by its FQDN alone
    ("10.0.0.2", PASS), ("https://ns2web.corp.example/Altiris", PASS), ("ns2web", PASS),
    ("ns2web.other.example", UNKNOWN),  # the URL's FQDN is one of its names too
])
def test_neighbours_release_recognizes_a_server_by_every_name_it_gives(written: str, expected: State) -> None:
    servers = [{"fqdn": "ns2.corp.example", "ip_addresses": ["10.0.0.2"],
                "urls": ["https://ns2web.corp.example/Altiris"], "release": "7.5"}]
    assert outcome(neighbours(), ns=servers, p=written, c=None)[0] is expected


def test_neighbours_release_takes_another_domain_for_another_computer_by_the_name_too() -> None:
    servers = [{"name": "ns1.corp.example", "release": "7.5"}]
    assert outcome(neighbours(), ns=servers, p="ns1.other.example", c=None)[0] is UNKNOWN
    assert outcome(neighbours(), ns=servers, p="ns1.corp.example", c=None)[0] is PASS


def test_neighbours_release_weighs_every_known_server_a_neighbour_matches() -> None:
    # the first list's match does not end the search: the same computer is also a legacy server
    check = neighbours(known=[{"servers": "site.ns"}, {"servers": "site.ns2"},
                              {"servers": "site.old", "legacy": True}])
    site = {"ns": [{"name": "other", "release": "8.0"}, {"name": "ns1", "release": "8.0"}],
            "ns2": [{"name": "x"}], "old": [{"name": "ns1", "release": "8.0"}]}
    assert outcome(check, p="ns1", c=None, **site) == (
        FAIL, "Hierarchy neighbours below 7.5: 'ns1' is a server not yet migrated (ns1 in site.ns, '8.0'; "
              "ns1 in site.old, '8.0').", ())


def test_an_absent_list_of_known_servers_is_read_as_empty() -> None:
    facts = site_facts(ns=SERVERS, p="ns1", c=None)
    assert neighbours().evaluate(facts).state is PASS
    assert facts.evidence["site.old"].value == []


# -- disjoint_names and gone_from: one computer by name, FQDN, address or NetBIOS name -----------

def test_disjoint_names_names_each_computer_both_groups_hold() -> None:
    check = DisjointNames({"names": ["site.a"], "others": ["site.b"]})
    assert outcome(check, a=["NotificationSrv75", "ns1"],
                   b=["notificationsrv70", "NotificationSrv75.corp", "NS1"]) == (
        FAIL, "site.a include NotificationSrv75 (also NotificationSrv75.corp), ns1 (also NS1).", ())
    assert outcome(check, a=["NotificationSrv75"], b=["notificationsrv70"]) == (
        FAIL, "site.a include NotificationSrv75 (also notificationsrv70).", ())  # one NetBIOS name


def test_an_absent_site_list_is_read_as_empty_for_disjoint_names() -> None:
    facts = site_facts(a=["ns1"])
    assert DisjointNames({"names": ["site.a"], "others": ["site.b"]}).evaluate(facts).state is PASS
    assert facts.evidence["site.b"].value == []


GONE = GoneFrom({"names": "target.hierarchy.children", "listed_by": "source.hierarchy.children"})


def gone(check: GoneFrom, source: list[Any], target: list[Any],
         target_later: timedelta = timedelta(0)) -> Outcome:
    facts = snapshots_facts({"hierarchy": {"children": source}}, {"hierarchy": {"children": target}},
                            target_later)
    return check.evaluate(facts)


@pytest.mark.parametrize(("source", "target", "later", "expected"), [
    (["ns1", "NS2.corp.example"], ["ns2", "10.0.0.1"], 0,
     (FAIL, "source.hierarchy.children still lists ns2 (listed as NS2.corp.example).")),
    (["ns1", "NS2.corp.example", "10.0.0.1"], ["ns2", "10.0.0.1"], 0,
     (FAIL, "source.hierarchy.children still lists 10.0.0.1 (listed as 10.0.0.1), ns2 (listed as "
      "NS2.corp.example).")),
    (["ns3"], ["ns2", "ns1"], -1, (PASS, "source.hierarchy.children lists none of target.hierarchy.children "
                                   "(ns1, ns2).")),
    (["ns3"], ["ns2"], 0, (PASS, "source.hierarchy.children lists none of target.hierarchy.children (ns2).")),
    ([], [], 0, (PASS, "source.hierarchy.children lists none of target.hierarchy.children (none).")),
    (["ns1"], ["ns2"], 1,
     (UNKNOWN, "source.hierarchy.children was collected at 2026-11-20 12:00Z, before "
               "target.hierarchy.children (2026-11-20 12:01Z): it cannot show a removal since; collect the "
               "7.0 server again.")),
])
def test_gone_from_at_its_edges(source: list[Any], target: list[Any], later: int,
                                expected: tuple[State, str]) -> None:
    found = gone(GONE, source, target, timedelta(minutes=later))
    assert (found.state, found.message) == expected
    assert found.needs == (("source.hierarchy.children",) if expected[0] is UNKNOWN else ())


def test_gone_from_says_which_server_to_collect_again() -> None:
    check = GoneFrom({"names": "source.hierarchy.children", "listed_by": "target.hierarchy.children"})
    found = gone(check, ["ns1"], ["ns2"], timedelta(hours=-25))
    assert (found.state, found.message, found.needs) == (
        UNKNOWN, "target.hierarchy.children was collected at 2026-11-19 11:00Z, before "
                 "source.hierarchy.children (2026-11-20 12:00Z): it cannot show a removal since; collect "
                 "the 7.5 server again.",
        ("target.hierarchy.children",))


# -- equals of two SQL Server instances: one computer by name or by address ----------------------

SAME_INSTANCE = Equals({"fact": "source.cmdb.server", "other": "target.cmdb.server",
                        "normalize": "sql_instance"})
MAY_BE_ONE = ("source.cmdb.server is '10.0.0.5\\altiris' and target.cmdb.server is 'SQL01\\altiris': the "
              "same instance name, one computer named by address and the other by name, so whether they are "
              "one computer is unknown.")


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("10.0.0.5\\altiris", "SQL01\\altiris", UNKNOWN),
    ("SQL01\\altiris", "10.0.0.5\\altiris", UNKNOWN),
    ("10.0.0.5\\a", "SQL01\\b", FAIL),  # another instance name: another instance wherever it is
    ("10.0.0.5\\a", "10.0.0.6\\a", FAIL),  # two addresses: both known, they differ
    ("10.0.0.5\\a", "(local)\\a", FAIL),  # the target's own computer is known by name and address
    ("(local)\\a", "10.0.0.5\\a", FAIL),
    ("SQL01\\a", "sql01.corp\\A", PASS), ("(local)\\a", "ns70\\a", PASS), ("10.0.0.70\\a", "NS70\\a", PASS),
])
def test_equals_of_sql_instances_is_unknown_only_where_an_address_may_be_the_named_computer(
        source: str, target: str, expected: State) -> None:
    facts = snapshots_facts({"host": {"name": "ns70", "ip_addresses": ["10.0.0.70"]},
                             "cmdb": {"server": source}},
                            {"host": {"name": "ns75", "ip_addresses": ["10.0.0.1"]},
                             "cmdb": {"server": target}})
    assert SAME_INSTANCE.evaluate(facts).state is expected


def test_equals_of_sql_instances_says_why_it_cannot_tell() -> None:
    facts = snapshots_facts({"host": {"name": "ns70"}, "cmdb": {"server": "10.0.0.5\\altiris"}},
                            {"host": {"name": "ns75"}, "cmdb": {"server": "SQL01\\altiris"}})
    found = SAME_INSTANCE.evaluate(facts)
    assert (found.state, found.message, found.needs) == (UNKNOWN, MAY_BE_ONE,
                                                         ("source.cmdb.server", "target.cmdb.server"))


# -- neighbours_release as the rule reads it: the 7.0 server is a snapshot's host object --------

HIERARCHY_RULE = NeighboursRelease({
    "neighbours": ["target.hierarchy.parent", "target.hierarchy.children"], "self": "target.host",
    "known": [{"servers": "source.host", "release": "source.platform.smp_release"},
              {"servers": "site.legacy_servers", "legacy": True},
              {"servers": "site.notification_servers", "release_field": "smp_release"}],
    "minimum": "7.5"})
TARGET_HOST = {"name": "ns75", "fqdn": None, "ip_addresses": ["10.0.0.75"]}  # its FQDN not read


def hierarchy(source_host: dict[str, Any], parent: str | None, children: list[str], **site: Any) -> Facts:
    snapshots: dict[str, Snapshot | None] = {
        "source": Snapshot(role="source", collected_at=COLLECTED, file="s",
                           facts={"host": source_host, "platform": {"smp_release": "7.0"}}),
        "target": Snapshot(role="target", collected_at=COLLECTED, file="t",
                           facts={"host": TARGET_HOST,
                                  "hierarchy": {"parent": parent, "children": children}})}
    return Facts(Inputs(snapshots, Site({"itmscheck_site": 1, **site}), {}, {}))


@pytest.mark.parametrize(("source_host", "parent", "who"), [
    ({"name": "ns70", "fqdn": None, "ip_addresses": None}, "NS70", "ns70"),
    ({"name": "other", "fqdn": "ns70.corp.example", "ip_addresses": None}, "ns70", "other"),
    ({"name": None, "fqdn": "ns70.corp.example", "ip_addresses": None}, "NS70.corp.example",
     "ns70.corp.example"),
    ({"name": "other", "fqdn": None, "ip_addresses": ["10.0.0.70"]}, "10.0.0.70", "other"),
])
def test_neighbours_release_knows_the_70_server_by_each_name_its_snapshot_gives(
        source_host: dict[str, Any], parent: str, who: str) -> None:
    facts = hierarchy(source_host, parent, [])
    found = HIERARCHY_RULE.evaluate(facts)
    assert (found.state, found.message) == (
        FAIL, f"Hierarchy neighbours below 7.5: '{parent}' runs an older release than 7.5 ({who} in "
        f"source.host, '7.0').")
    # its evidence is the fields that name the server, not every fact of the host
    assert {"source.host.name", "source.host.fqdn", "source.host.ip_addresses"} <= set(facts.evidence)
    assert "source.host" not in facts.evidence


def test_neighbours_release_knows_the_server_itself_by_the_names_its_snapshot_could_read() -> None:
    found = HIERARCHY_RULE.evaluate(hierarchy({"name": "ns70"}, None, ["NS75", "10.0.0.75"]))
    assert (found.state, found.message) == (
        UNKNOWN, "Hierarchy neighbours of unknown release: 'NS75' is the server itself; '10.0.0.75' is the "
                 "server itself.")
    assert found.needs == ("source.host", "site.notification_servers")


def test_neighbours_release_reads_a_list_of_servers_from_a_snapshot_too() -> None:
    check = NeighboursRelease({"neighbours": ["target.hierarchy.parent"], "minimum": "7.5",
                               "known": [{"servers": "target.resources.site_servers",
                                          "release_field": "agent_release"}]})
    snapshot = Snapshot(role="target", collected_at=COLLECTED, file="t", facts={
        "hierarchy": {"parent": "ss1"}, "resources": {"site_servers": [{"name": "SS1",
                                                                        "agent_release": "7.5"}]}})
    found = check.evaluate(Facts(Inputs({"target": snapshot}, Site(), {}, {})))
    assert (found.state, found.message) == (
        PASS, "Every hierarchy neighbour runs 7.5 or later: 'ss1' (SS1 in target.resources.site_servers, "
        "'7.5').")


def test_a_url_gives_the_domain_of_a_server_declared_by_short_name() -> None:
    servers = [{"name": "ns2", "urls": ["https://ns2.corp.example/Altiris"], "release": "7.5"}]
    assert outcome(neighbours(), ns=servers, p="ns2.other.example", c=None)[0] is UNKNOWN
    assert outcome(neighbours(), ns=servers, p="ns2.corp.example", c=None)[0] is PASS
