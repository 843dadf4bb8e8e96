"""The check types over one server's hierarchy and addresses at their edges (issue 20):
replication_off_around, urls_point_to, distinct_hosts and remote_location.

The server known by each name its snapshot gives, neighbours from the snapshot and from the
site file's plan, a URL's scheme, host, path, query and fragment each wrong alone, and the
sentence each outcome says to an administrator.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts, Inputs
from itmscheck.engine.model import State
from itmscheck.evidence.site import Site
from itmscheck.evidence.snapshot import Snapshot
from itmscheck.types.distinct_hosts import DistinctHosts
from itmscheck.types.remote_location import RemoteLocation
from itmscheck.types.replication_off_around import ReplicationOffAround
from itmscheck.types.urls_point_to import UrlsPointTo

PASS, FAIL, UNKNOWN = State.PASS, State.FAIL, State.UNKNOWN
COLLECTED = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def outcome(check: CheckType, source: dict[str, Any], target: dict[str, Any] | None = None,
            **site: Any) -> tuple[State, str]:
    snapshots: dict[str, Snapshot | None] = {
        "source": Snapshot(role="source", collected_at=COLLECTED, file="s", facts=source),
        "target": Snapshot(role="target", collected_at=COLLECTED, file="t", facts=target or {})}
    found = check.evaluate(Facts(Inputs(snapshots, Site({"itmscheck_site": 1, **site}), {}, {})))
    assert found.needs == ()
    return found.state, found.message


# -- replication_off_around ----------------------------------------------------------------------

REFS = {"server": "source.host", "parent": "source.hierarchy.parent", "children": "source.hierarchy.children",
        "nodes": "site.plan.hierarchy.nodes", "disabled": "site.plan.hierarchy.replication_disabled"}
AROUND = ReplicationOffAround(REFS)
NOT_LISTED = "(site.plan.hierarchy.replication_disabled does not list them)."


def server(host: dict[str, Any], parent: str | None = None, children: list[str] | None = None) -> dict[str,
                                                                                                       Any]:
    return {"host": {"name": None, "fqdn": None, "ip_addresses": [], **host},
            "hierarchy": {"parent": parent, "children": children or []}}


def plan(nodes: list[Any] | None = None, disabled: list[str] | None = None) -> dict[str, Any]:
    hierarchy: dict[str, Any] = {}
    if nodes is not None:
        hierarchy["nodes"] = nodes
    if disabled is not None:
        hierarchy["replication_disabled"] = disabled
    return {"hierarchy": hierarchy}


NS70 = {"name": "ns70", "fqdn": "ns70.corp.example", "ip_addresses": ["10.0.0.70"]}


@pytest.mark.parametrize(("source", "site_plan", "expected"), [
    (server(NS70), plan(), (PASS, "The server is in no hierarchy: no replication reaches it.")),
    # in the plan, but neither it nor a neighbour of it: still in no hierarchy
    (server(NS70), plan(nodes=[{"name": "other", "parent": "top"}, {"name": "top"}], disabled=[]),
     (PASS, "The server is in no hierarchy: no replication reaches it.")),
    (server(NS70, "parent1", ["c1", "C1.corp.example"]), plan(disabled=["ns70", "PARENT1"]),
     (FAIL, f"Replication is not disabled on 'c1' {NOT_LISTED}")),
    (server(NS70, "top", ["c1", "C1.corp.example", "c2"]), plan(disabled=["10.0.0.70", "top", "c1", "c2"]),
     (PASS, "Replication is disabled on ns70 and its neighbours 'top', 'c1', 'c2'.")),
    (server(NS70, "top"), plan(disabled=["ns70"]),
     (FAIL, f"Replication is not disabled on 'top' {NOT_LISTED}")),
    (server(NS70, None, ["a"]), plan(disabled=["ns70"]),
     (FAIL, f"Replication is not disabled on 'a' {NOT_LISTED}")),
    (server({"name": "ns70"}, "top", ["a"]), plan(),
     (FAIL, f"Replication is not disabled on 'ns70', 'top', 'a' {NOT_LISTED}")),
    (server({"fqdn": "ns70.corp.example"}, "parent1"), plan(disabled=["parent1"]),
     (FAIL, f"Replication is not disabled on 'ns70.corp.example' {NOT_LISTED}")),
    (server({}, "parent1"), plan(disabled=["parent1"]),
     (FAIL, f"Replication is not disabled on 'the server' {NOT_LISTED}")),
])
def test_replication_off_around_names_each_node_still_replicating(source: dict[str, Any],
                                                                  site_plan: dict[str, Any],
                                                                   expected: tuple[State, str]) -> None:
    assert outcome(AROUND, source, plan=site_plan) == expected


@pytest.mark.parametrize(("host", "node"), [
    ({"name": "ns70"}, "NS70"), ({"fqdn": "ns70.corp.example"}, "ns70"),
    ({"name": "ns70", "ip_addresses": ["10.0.0.70"]}, "10.0.0.70"),
])
def test_replication_off_around_finds_the_server_in_the_plan_by_each_name_it_has(host: dict[str, Any],
                                                                                node: str) -> None:
    nodes = [{"name": node}, {"name": "kid", "parent": node}]
    assert outcome(AROUND, server(host), plan=plan(nodes=nodes, disabled=["ns70"])) == (
        FAIL, f"Replication is not disabled on 'kid' {NOT_LISTED}")


def test_replication_off_around_reads_the_plan_only_when_given_and_absent_lists_as_none() -> None:
    without_plan = ReplicationOffAround({k: v for k, v in REFS.items() if k != "nodes"})
    assert outcome(without_plan, server({"name": "ns70"}, "top", ["a", "b"]),
                   plan=plan(disabled=["ns70"])) == (
        FAIL, f"Replication is not disabled on 'top', 'a', 'b' {NOT_LISTED}")
    assert outcome(AROUND, server({"name": "ns70"}, "top", ["a"])) == (
        FAIL, f"Replication is not disabled on 'ns70', 'top', 'a' {NOT_LISTED}")


def test_replication_off_around_takes_absent_site_lists_as_none_without_a_schema_default() -> None:
    refs = {**REFS, "nodes": "site.hierarchy_nodes", "disabled": "site.replication_off"}
    check = ReplicationOffAround(refs)
    assert outcome(check, server({"name": "ns70"}, "top")) == (
        FAIL, "Replication is not disabled on 'ns70', 'top' (site.replication_off does not list them).")


# -- urls_point_to -------------------------------------------------------------------------------

TARGET = {"host": {"name": "NS75", "fqdn": "ns75.corp.example.", "ip_addresses": ["10.0.0.75", "fe80::1"]}}
FQDN_ONLY = "(expected https://ns75.corp.example:<port>/Altiris/)."


def urls(**params: Any) -> UrlsPointTo:
    return UrlsPointTo({"fact": "source.agents.redirect_urls", "path": "/Altiris/", **params})


BY_FQDN = urls(scheme="https", host="target.host.fqdn")


def pointing(check: UrlsPointTo, written: list[str]) -> tuple[State, str]:
    return outcome(check, {"agents": {"redirect_urls": written}}, TARGET)


def test_urls_point_to_takes_the_server_by_every_name_it_is_given() -> None:
    check = urls(scheme="https", hosts=["target.host.fqdn", "target.host.name", "target.host.ip_addresses"])
    written = ["https://ns75.corp.example:443/Altiris/", "https://NS75/altiris/",
               "https://10.0.0.75/Altiris/",
               "https://[fe80::1]/Altiris/", "https://[FE80::1]/Altiris/",
               "https://ns75.corp.example./Altiris/"]
    assert pointing(check, written) == (
        PASS, "All 6 URLs of source.agents.redirect_urls have the form "
              "https://ns75.corp.example|ns75|10.0.0.75|fe80::1:<port>/Altiris/.")


@pytest.mark.parametrize(("url", "why"), [
    ("http://ns75.corp.example/Altiris/", "uses http, not https"),
    ("https://ns75/Altiris/", "names the server by its short name"),
    ("https://ns76/Altiris/", "points to ns76"),
    ("https://ns75.other.example/Altiris/", "points to ns75.other.example"),
    ("https://ns75.corp.example", "has the path (none)"),
    ("https://ns75.corp.example/Altiris", "has the path /Altiris"),
    ("https://ns75.corp.example/Altiris/?", "has a query or fragment"),
    ("https://ns75.corp.example/Altiris/#", "has a query or fragment"),
    ("https://ns75.corp.example/Altiris/?a=1", "has a query or fragment"),
    ("https://ns75.corp.example/Altiris/#x", "has a query or fragment"),
])
def test_urls_point_to_says_what_differs_in_a_url(url: str, why: str) -> None:
    assert pointing(BY_FQDN, [url, "https://ns75.corp.example/Altiris/"]) == (
        FAIL, f"source.agents.redirect_urls: '{url}' {why} {FQDN_ONLY}")


def test_urls_point_to_lists_every_scheme_it_accepts() -> None:
    check = urls(schemes=["https", "http"], host="target.host.fqdn")
    assert pointing(check, ["ftp://ns75.corp.example/Altiris/"]) == (
        FAIL, "source.agents.redirect_urls: 'ftp://ns75.corp.example/Altiris/' uses ftp, not https or http "
              "(expected https|http://ns75.corp.example:<port>/Altiris/).")


def test_urls_point_to_refuses_an_address_an_agent_reads_as_octal() -> None:
    check = urls(scheme="https", hosts=["target.host.ip_addresses"])
    assert pointing(check, ["https://010.000.000.075/Altiris/"]) == (
        FAIL, "source.agents.redirect_urls: 'https://010.000.000.075/Altiris/' writes an address with "
              "zero-padded octets, which an agent's resolver reads as octal (expected "
              "https://10.0.0.75|fe80::1:<port>/Altiris/).")


def test_urls_point_to_fails_an_empty_list() -> None:
    assert pointing(BY_FQDN, []) == (
        FAIL, "source.agents.redirect_urls holds no URL.")


# -- distinct_hosts ------------------------------------------------------------------------------

UNIQUE = DistinctHosts({"host": "target.host", "others": ["site.legacy_servers", "source.host"]})
NS75 = {"host": {"name": "ns75", "fqdn": "web75.corp.local",
                 "ip_addresses": ["10.20.1.10/24", "127.0.0.1", "10.20.1.12"]}}
NS70_HOST = {"host": {"name": "ns70", "fqdn": "ns70.corp", "ip_addresses": ["::1"]}}


@pytest.mark.parametrize(("legacy", "source", "expected"), [
    ([], NS70_HOST,
     (PASS, "target.host (ns75, web75.corp.local; 10.20.1.10/24, 10.20.1.12) shares no name or IP address.")),
    ([], {"host": {"name": "NS75", "fqdn": "x.corp", "ip_addresses": []}},
     (FAIL, "target.host is not unique: name ns75 is also NS75's.")),
    ([], {"host": {"name": "x", "fqdn": "WEB75.corp.local", "ip_addresses": []}},
     (FAIL, "target.host is not unique: name web75.corp.local is also x's.")),
    ([{"fqdn": "ns75.other.example"}], NS70_HOST,
     (FAIL, "target.host is not unique: name ns75 is also site.legacy_servers's.")),
    ([{"name": "x", "fqdn": "ns75.other"}], NS70_HOST,
     (FAIL, "target.host is not unique: name ns75 is also x's.")),
    ([{"name": "ns70b", "ip_addresses": ["010.020.001.010", "10.20.1.12"]}], NS70_HOST,
     (FAIL, "target.host is not unique: IP 10.20.1.10/24 is also ns70b's; IP 10.20.1.12 is also ns70b's.")),
])
def test_distinct_hosts_names_each_clash_and_whose_it_is(legacy: list[Any], source: dict[str, Any],
                                                        expected: tuple[State, str]) -> None:
    assert outcome(UNIQUE, source, NS75, legacy_servers=legacy) == expected


# -- remote_location -----------------------------------------------------------------------------

REMOTE = RemoteLocation({"fact": "target.cmdb.last_full_backup.destination",
                         "local": ["target.host.name", "target.host.ip_addresses", "target.cmdb.server"]})
DESTINATION = "target.cmdb.last_full_backup.destination"


@pytest.mark.parametrize(("written", "expected"), [
    ("\\\\backup01\\sql", (PASS, f"{DESTINATION} is '\\\\backup01\\sql', on another computer (backup01).")),
    ("https://store.corp/x", (PASS, f"{DESTINATION} is 'https://store.corp/x', on another computer "
                              f"(store.corp).")),
    ("D:\\Backup\\x.bak", (FAIL, f"{DESTINATION} is 'D:\\Backup\\x.bak', a path on the local computer.")),
    ("\\\\ns75\\share", (FAIL, f"{DESTINATION} is '\\\\ns75\\share', on ns75: a local computer.")),
    ("\\\\10.0.0.75\\s", (FAIL, f"{DESTINATION} is '\\\\10.0.0.75\\s', on 10.0.0.75: a local computer.")),
    ("\\\\167772235\\s", (FAIL, f"{DESTINATION} is '\\\\167772235\\s', on 167772235: a local computer.")),
    ("\\\\sql01\\s", (FAIL, f"{DESTINATION} is '\\\\sql01\\s', on sql01: a local computer.")),
     # the CMDB's computer
    ("\\\\localhost\\s", (FAIL, f"{DESTINATION} is '\\\\localhost\\s', on localhost: a local computer.")),
    ("\\\\2130706433\\s", (FAIL, f"{DESTINATION} is '\\\\2130706433\\s', on 2130706433: a local computer.")),
    (None, (FAIL, f"{DESTINATION} is null: no location is recorded.")),
])
def test_remote_location_says_on_which_computer_a_location_is(written: str | None,
                                                              expected: tuple[State, str]) -> None:
    target = {"host": {"name": "ns75", "ip_addresses": ["10.0.0.75"]},
              "cmdb": {"server": "SQL01\\ALTIRIS", "last_full_backup": {"destination": written}}}
    assert outcome(REMOTE, {}, target) == expected


def test_remote_location_takes_an_address_as_local_in_any_reading_windows_may_give_it() -> None:
    # 012.000.000.113 is 12.0.0.113, or 10.0.0.113 when its zero-padded octet is read as octal
    target = {"host": {"name": "ns75", "ip_addresses": ["10.0.0.113"]},
              "cmdb": {"server": "SQL01\\ALTIRIS",
                       "last_full_backup": {"destination": "\\\\012.000.000.113\\s"}}}
    assert outcome(REMOTE, {}, target) == (
        FAIL, f"{DESTINATION} is '\\\\012.000.000.113\\s', on 012.000.000.113: a local computer.")


@pytest.mark.parametrize(("check", "host", "written", "expected"), [
    (urls(scheme="https", host="target.host.name"), {"name": "NSX"}, ["https://NSX/Altiris/"],
     (PASS, "All 1 URLs of source.agents.redirect_urls have the form https://nsx:<port>/Altiris/.")),
    (urls(scheme="https", hosts=["target.host.ip_addresses"]), {"ip_addresses": []},
     ["https://ns75/Altiris/"],
     (FAIL, "source.agents.redirect_urls: 'https://ns75/Altiris/' points to ns75 (expected "
            "https://?:<port>/Altiris/).")),
    (urls(scheme="https", host="target.host.name"), {"name": "ns75"},
     ["http://ns75/Altiris/", "https://ns76/Altiris/"],
     (FAIL, "source.agents.redirect_urls: 'http://ns75/Altiris/' uses http, not https; "
      "'https://ns76/Altiris/' "
            "points to ns76 (expected https://ns75:<port>/Altiris/).")),
])
def test_urls_point_to_shows_the_form_it_expected(check: UrlsPointTo, host: dict[str, Any],
                                                  written: list[str],
                                                  expected: tuple[State, str]) -> None:
    assert outcome(check, {"agents": {"redirect_urls": written}}, {"host": host}) == expected


def test_urls_point_to_takes_an_address_written_in_brackets_as_the_address() -> None:
    check = urls(scheme="https", host="site.ns_address")
    assert outcome(check, {"agents": {"redirect_urls": ["https://[fe80::1]/Altiris/"]}},
                   ns_address="[FE80::1]") == (
        PASS, "All 1 URLs of source.agents.redirect_urls have the form https://[fe80::1]:<port>/Altiris/.")


@pytest.mark.parametrize("sql", ["SQL02\\INST", "tcp:sql02.corp,1433", "SQL02"])
def test_remote_location_reads_any_local_reference_as_a_sql_server_instance_too(sql: str) -> None:
    # a site rule may name its SQL Server by any reference, not only a snapshot's cmdb.server
    check = RemoteLocation({"fact": "site.backup", "local": ["site.sql"]})
    assert outcome(check, {}, sql=sql, backup="\\\\sql02\\backup")[0] is FAIL
    assert outcome(check, {}, sql=sql, backup="\\\\sql03\\backup")[0] is PASS
