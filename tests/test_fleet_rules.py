"""The cross-server rules, each passing and failing (and erring when it cannot know).

The views are built from the facts a worker reads of each server's newest
evidence, so each case states exactly the situation it judges; the demo's
end-to-end runs are in tests/test_fleet.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from itmscheck.engine.model import Status
from itmscheck.evidence.fleet_file import FleetFile, Pair, ServerEntry
from itmscheck.fleet.rules import evaluate_fleet, fleet_rules
from itmscheck.fleet.runs import ServerRun
from itmscheck.fleet.topology import Tree
from itmscheck.fleet.view import FleetView
from tests.test_guide_sections import _words, guide_text  # noqa: F401 (a fixture)

HQ, BR1, BR2 = "NS70-HQ", "NS70-BR01", "NS70-BR02"


def host(name: str, ip: str) -> dict[str, Any]:
    return {"name": name, "fqdn": f"{name.lower()}.corp.example", "ip_addresses": [ip]}


def server(name: str, number: int, *, phase: str = "pre", migrated: bool = False,
           **facts: Any) -> dict[str, Any]:
    return {"phase": phase, "migrated": migrated, "target_release": "7.5" if phase != "pre" else None,
            "source_host": host(name, f"10.{number}.1.10"),
            "target_host": host(name.replace("70", "75"), f"10.{number}.1.75"),
            "source_links": [], "target_links": [], "replication_running": 0,
            "replication_disabled": [HQ, BR1, BR2], "reuse_hardware": False,
            "waves": [{"name": "Pilot", "agents": 150}], **facts}


def view(hq: dict[str, Any], br1: dict[str, Any], br2: dict[str, Any],
         legacy: tuple[dict[str, Any], ...] = ()) -> FleetView:
    pair = {"pre": Pair(Path("s.json"), Path("t.json"))}
    entries = tuple(ServerEntry(name, parent, None, pair, index) for index, (name, parent) in
                    enumerate([(HQ, None), (BR1, HQ), (BR2, HQ)]))
    fleet = FleetFile("fleet.yaml", "test", entries, legacy, {})
    runs = {name: ServerRun(name, {}, facts)
            for name, facts in zip([HQ, BR1, BR2], [hq, br1, br2], strict=True)}
    return FleetView(Tree(fleet), runs, legacy)


def status(rule: str, fleet: FleetView) -> tuple[Status, str]:
    result = next(r for r in evaluate_fleet(fleet, "pre") + evaluate_fleet(fleet, "post") if r.rule == rule)
    return result.status, result.message


MIDWAY = (server(HQ, 20), server(BR1, 21, phase="post", migrated=True), server(BR2, 22, phase="post"))


def test_every_fleet_rule_quotes_the_guide_verbatim(guide_text: str) -> None:  # noqa: F811
    for rule in fleet_rules():
        assert _words(rule.quote) in _words(guide_text), rule.id


@pytest.mark.parametrize(("rule", "fleet", "expected", "words"), [
    ("FLEET-BOTTOM-UP", view(*MIDWAY), Status.PASSED, "were migrated first"),
    ("FLEET-BOTTOM-UP", view(server(HQ, 20), server(BR1, 21), server(BR2, 22)), Status.PASSED, "nothing"),
    ("FLEET-BOTTOM-UP", view(server(HQ, 20, phase="install"), *MIDWAY[1:]), Status.FAILED,
     "NS70-HQ is installed while its child NS70-BR02 is not migrated"),
    ("FLEET-BOTTOM-UP", view(server(HQ, 20, phase="install", target_release=None), *MIDWAY[1:]),
     Status.ERROR, "NS70-HQ (its 7.5 release was not read)"),
    ("FLEET-NO-MIXED-MODE", view(*MIDWAY[:2], server(BR2, 22, phase="post", target_links=["NS75-BR01"])),
     Status.PASSED, "1 hierarchy links"),
    ("FLEET-NO-MIXED-MODE",
     view(*MIDWAY[:2], server(BR2, 22, phase="post", target_links=["ns70-hq.corp.example"])),
     Status.FAILED, "NS70-BR02's 7.5 server is linked to ns70-hq.corp.example (NS70-HQ (7.0 of NS70-HQ))"),
    ("FLEET-NO-MIXED-MODE", view(server(HQ, 20, source_links=["10.21.1.75"]), *MIDWAY[1:]),
     Status.FAILED, "NS70-HQ's 7.0 server is linked to 10.21.1.75"),
    ("FLEET-NO-MIXED-MODE", view(server(HQ, 20, source_links=["NS70-ELSEWHERE"]), *MIDWAY[1:]),
     Status.ERROR, "NS70-ELSEWHERE (linked to NS70-HQ's 7.0 server) is no server of the fleet"),
    ("FLEET-NO-MIXED-MODE", view(server(HQ, 20, source_links=None), *MIDWAY[1:]),
     Status.ERROR, "the 7.0 hierarchy of NS70-HQ was not read"),
    ("FLEET-UNIQUE-NAMES-IPS", view(*MIDWAY), Status.PASSED, "6 computers"),
    ("FLEET-UNIQUE-NAMES-IPS", view(server(HQ, 20, target_host=host("ns75-br01", "10.99.1.1")), *MIDWAY[1:]),
     Status.FAILED, "NS75-BR01 (7.5 of NS70-BR01) and ns75-br01 (7.5 of NS70-HQ) share NS75-BR01"),
    ("FLEET-UNIQUE-NAMES-IPS",
     view(server(HQ, 20, target_host=host("NS75-HQ", "010.021.001.075")), *MIDWAY[1:]),
     Status.FAILED, "share 10.21.1.75"),
    ("FLEET-UNIQUE-NAMES-IPS", view(*MIDWAY, legacy=({"name": "NS6", "ip_addresses": ["10.22.1.10"]},)),
     Status.FAILED, "NS6 (legacy) and NS70-BR02 (7.0 of NS70-BR02) share 10.22.1.10"),
    ("FLEET-UNIQUE-NAMES-IPS", view(server(HQ, 20, source_host={"name": "NS70-HQ", "ip_addresses": None}),
                                    *MIDWAY[1:]), Status.ERROR, "not read for NS70-HQ (7.0 of NS70-HQ)"),
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING", view(*MIDWAY), Status.PASSED, "around NS70-BR02"),
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING",
     view(server(HQ, 20, replication_disabled=[]),
          *(server(n, i, phase="post", migrated=True, replication_disabled=[])
            for n, i in [(BR1, 21), (BR2, 22)])),
     Status.PASSED, "No server is being migrated"),
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING",
     view(*(dict(facts, replication_disabled=["ns70-br02.corp.example"]) for facts in MIDWAY)),
     Status.FAILED, "NS70-HQ (next to NS70-BR02) is in no plan.hierarchy.replication_disabled"),
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING", view(server(HQ, 20, replication_running=2), *MIDWAY[1:]),
     Status.FAILED, "NS70-HQ (next to NS70-BR02) shows 2 running replication jobs"),
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING", view(server(HQ, 20, replication_running=None), *MIDWAY[1:]),
     Status.ERROR, "not read on NS70-HQ"),
    ("FLEET-WAVES-WITHIN-15000", view(*MIDWAY), Status.PASSED, "All 3 waves"),
    ("FLEET-WAVES-WITHIN-15000", view(server(HQ, 20, waves=[{"name": "All", "agents": 15001}]), *MIDWAY[1:]),
     Status.FAILED, "NS70-HQ's wave 'All' (15,001 computers)"),
    ("FLEET-WAVES-WITHIN-15000", view(*(dict(facts, waves=[]) for facts in MIDWAY)), Status.PASSED,
     "nothing to size"),
])
def test_cross_server_rule(rule: str, fleet: FleetView, expected: Status, words: str) -> None:
    found, message = status(rule, fleet)
    assert (found, words in message) == (expected, True), message


def test_every_fleet_rule_has_a_passing_and_a_failing_case() -> None:
    cases = test_cross_server_rule.pytestmark[0].args[1]  # type: ignore[attr-defined]
    for rule in fleet_rules():
        outcomes = {expected for name, _fleet, expected, _words in cases if name == rule.id}
        assert {Status.PASSED, Status.FAILED} <= outcomes, rule.id


def _without(facts: dict[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in facts.items() if name != key}


NOT_READ = "(its 7.5 release was not read)"


def installing(name: str, number: int, **facts: Any) -> dict[str, Any]:
    return server(name, number, phase="install", **facts)


def migrated(name: str, number: int) -> dict[str, Any]:
    return server(name, number, phase="post", migrated=True)


def unread(name: str, number: int) -> dict[str, Any]:
    """A server being installed whose 7.5 release was not read."""
    return installing(name, number, target_release=None)


@pytest.mark.parametrize(("rule", "fleet", "expected", "message"), [
    # every server is judged, whichever comes first bottom up (a branch not installed, or not read)
    ("FLEET-BOTTOM-UP", view(installing(HQ, 20), server(BR1, 21), server(BR2, 22)), Status.FAILED,
     "Not bottom up: NS70-HQ is installed while its child NS70-BR01 is not migrated; "
     "NS70-HQ is installed while its child NS70-BR02 is not migrated."),
    ("FLEET-BOTTOM-UP", view(installing(HQ, 20), unread(BR1, 21), server(BR2, 22)), Status.FAILED,
     "Not bottom up: NS70-HQ is installed while its child NS70-BR02 is not migrated."),
    # a server not read is named once, though it is also its parent's child
    ("FLEET-BOTTOM-UP", view(installing(HQ, 20), unread(BR1, 21), migrated(BR2, 22)),
     Status.ERROR,
     f"Could not be evaluated: Cannot tell the order for NS70-BR01 {NOT_READ}."),
    ("FLEET-BOTTOM-UP", view(server(HQ, 20), unread(BR1, 21), unread(BR2, 22)), Status.ERROR,
     f"Could not be evaluated: Cannot tell the order for NS70-BR01 {NOT_READ}, NS70-BR02 {NOT_READ}."),
    ("FLEET-BOTTOM-UP", view(server(HQ, 20), server(BR1, 21), server(BR2, 22)), Status.PASSED,
     "No server's 7.5 replacement is installed yet: nothing is out of order."),
    ("FLEET-BOTTOM-UP", view(*MIDWAY), Status.PASSED,
     "Bottom up: the children of each installed server (NS70-BR01, NS70-BR02) were migrated first."),
    # 7.0 servers linked to 7.0 servers, every link counted
    ("FLEET-NO-MIXED-MODE", view(server(HQ, 20, source_links=["NS70-BR01", "10.22.1.10"]), server(BR1, 21),
                                 server(BR2, 22)), Status.PASSED,
     "No 7.5 server is linked to a 7.0 one (2 hierarchy links)."),
    # the 7.0 server of an installed branch is still a 7.0 server
    ("FLEET-NO-MIXED-MODE", view(server(HQ, 20), server(BR1, 21, phase="post", migrated=True),
                                 server(BR2, 22, phase="post", target_links=["NS70-BR01"])), Status.FAILED,
     "Mixed mode: NS70-BR02's 7.5 server is linked to NS70-BR01 (NS70-BR01 (7.0 of NS70-BR01))."),
    # a 7.0 side not read does not stop the 7.5 side from being judged
    ("FLEET-NO-MIXED-MODE", view(server(HQ, 20), server(BR1, 21, phase="post", migrated=True),
                                 server(BR2, 22, phase="post", source_links=None, target_links=["NS70-HQ"])),
     Status.FAILED, "Mixed mode: NS70-BR02's 7.5 server is linked to NS70-HQ (NS70-HQ (7.0 of NS70-HQ))."),
    ("FLEET-NO-MIXED-MODE", view(server(HQ, 20), server(BR1, 21, phase="post", migrated=True,
                                                        target_host=host("NS75-BR01", "10.21.1.10")),
                                 server(BR2, 22, phase="post", target_links=["10.21.1.10", "NS70-HQ"])),
     Status.FAILED, "Mixed mode: NS70-BR02's 7.5 server is linked to 10.21.1.10 (NS70-BR01 (7.0 of "
                    "NS70-BR01), NS75-BR01 (7.5 of NS70-BR01)); NS70-BR02's 7.5 server is linked to NS70-HQ "
                    "(NS70-HQ (7.0 of NS70-HQ))."),
    ("FLEET-NO-MIXED-MODE", view(server(HQ, 20, source_links=None), server(BR1, 21, source_links=None),
                                 server(BR2, 22)), Status.ERROR,
     "Could not be evaluated: Cannot tell: the 7.0 hierarchy of NS70-HQ was not read; "
     "the 7.0 hierarchy of NS70-BR01 was not read."),
    # a server that declares no disabled replication declares none
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING",
     view(server(HQ, 20), _without(server(BR1, 21), "replication_disabled"), server(BR2, 22, phase="post")),
     Status.PASSED, "Replication is off around NS70-BR02 and their neighbours."),
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING",
     view(server(HQ, 20, replication_running=1), server(BR1, 21), server(BR2, 22, phase="post")),
     Status.FAILED,
     "Replication is not off: NS70-HQ (next to NS70-BR02) shows 1 running replication jobs."),
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING",
     view(server(HQ, 20, replication_running=1, replication_disabled=[]),
          server(BR1, 21, replication_disabled=[]),
          server(BR2, 22, phase="post", replication_running=3, replication_disabled=[BR2])), Status.FAILED,
     "Replication is not off: NS70-BR02 (next to NS70-BR02) shows 3 running replication jobs; "
     "NS70-HQ (next to NS70-BR02) is in no plan.hierarchy.replication_disabled."),
    # a neighbour of two migrating servers is named once
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING",
     view(server(HQ, 20, replication_running=None), server(BR1, 21, phase="post"),
          server(BR2, 22, phase="post", replication_running=None)), Status.ERROR,
     "Could not be evaluated: Running replication jobs not read on NS70-HQ, NS70-BR02."),
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING",
     view(server(HQ, 20), server(BR1, 21, phase="post"), server(BR2, 22, phase="post")), Status.PASSED,
     "Replication is off around NS70-BR01, NS70-BR02 and their neighbours."),
    ("FLEET-REPLICATION-OFF-AROUND-MIGRATING", view(server(HQ, 20), server(BR1, 21), server(BR2, 22)),
     Status.PASSED, "No server is being migrated: replication may run."),
    # a computer whose addresses were not read does not stop the others from being compared
    ("FLEET-UNIQUE-NAMES-IPS",
     view(server(HQ, 20, source_host={"name": "NS70-HQ", "ip_addresses": None}),
          server(BR1, 21, target_host=host("NS75-BR02", "10.22.1.75")), server(BR2, 22)), Status.FAILED,
     "Names or addresses used twice: NS75-BR02 (7.5 of NS70-BR02) and NS75-BR02 (7.5 of NS70-BR01) share "
     "10.22.1.75; NS75-BR02 (7.5 of NS70-BR02) and NS75-BR02 (7.5 of NS70-BR01) share NS75-BR02."),
    ("FLEET-UNIQUE-NAMES-IPS",
     view(server(HQ, 20, source_host={"name": "NS70-HQ", "ip_addresses": None}),
          server(BR1, 21, source_host={"name": "NS70-BR01", "ip_addresses": None}), server(BR2, 22)),
     Status.ERROR, "Could not be evaluated: Name or IP addresses not read for NS70-HQ (7.0 of NS70-HQ), "
                   "NS70-BR01 (7.0 of NS70-BR01)."),
    ("FLEET-UNIQUE-NAMES-IPS", view(*MIDWAY), Status.PASSED,
     "The fleet's 6 computers have distinct names and IP addresses."),
    # exactly 15,000 is within; a server that plans no waves has none to size
    ("FLEET-WAVES-WITHIN-15000",
     view(server(HQ, 20, waves=[{"name": "A", "agents": 15000}, {"name": "B", "agents": 15001}]),
          _without(server(BR1, 21), "waves"), server(BR2, 22, waves=[{"name": "C", "agents": 20000}])),
     Status.FAILED, "Waves over 15,000 computers: NS70-HQ's wave 'B' (15,001 computers); "
                    "NS70-BR02's wave 'C' (20,000 computers)."),
    ("FLEET-WAVES-WITHIN-15000", view(*(_without(facts, "waves") for facts in MIDWAY)), Status.PASSED,
     "No server of the fleet plans redirect waves: nothing to size."),
    ("FLEET-WAVES-WITHIN-15000", view(server(HQ, 20, waves=[{"name": "A", "agents": 15000}]),
                                      *(_without(facts, "waves") for facts in MIDWAY[1:])),
     Status.PASSED, "All 1 waves of the fleet redirect at most 15,000 computers each."),
])
def test_cross_server_rule_says_exactly(rule: str, fleet: FleetView, expected: Status, message: str) -> None:
    assert status(rule, fleet) == (expected, message)
