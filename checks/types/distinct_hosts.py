from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class DistinctHosts(CheckType):
    """A computer shares neither its name nor any IP address with other servers.

    ``host`` names a host fact group (``name``, ``fqdn``, ``ip_addresses``);
    ``others`` lists host groups or lists of them (such as the site file's
    ``legacy_servers``; an absent site list counts as empty). Names compare by
    short name, as Windows compares names (``NS75.corp.local`` clashes with
    ``ns75``), and by their NetBIOS names too (the first 15 characters:
    ``NOTIFICATIONSRV70`` clashes with ``NOTIFICATIONSRV75``); IP addresses as networks do (``10.20.1.10/24``,
    ``::ffff:10.20.1.10`` and ``010.020.001.010`` are ``10.20.1.10``); a
    loopback or unspecified address names every computer, so it is no clash.
    Passes when no name and no address is shared.
    Fails when one is, naming the clash.
    """

    name = "distinct_hosts"
    required = ("host", "others")
    parameters: ClassVar[dict[str, Any]] = {
        "host": REF,
        "others": {"type": "array", "minItems": 1, "items": REF},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref = self.params["host"]
        names = _keys([facts.get(f"{ref}.name"), facts.get(f"{ref}.fqdn")], normalize.host)
        addresses = _keys(_identities(facts.get(f"{ref}.ip_addresses")), normalize.ip)
        clashes = []
        for other_ref in self.params["others"]:
            for other in self._hosts(facts, other_ref):
                label = other.get("name", other_ref)
                other_names = _keys([other.get("name"), other.get("fqdn")], normalize.host)
                other_addresses = _keys(_identities(other.get("ip_addresses") or []), normalize.ip)
                clashes += [f"name {names[k]} is also {label}'s" for k in sorted(names.keys() & other_names)]
                same = {normalize.netbios(k) for k in names.keys() & other_names}
                theirs = {normalize.netbios(k) for k in other_names}
                clashes += [f"name {name} is also {label}'s NetBIOS name {short!r}"
                            for short, name in sorted(_netbios(names).items())
                            if short in theirs and short not in same]
                clashes += [f"IP {addresses[k]} is also {label}'s"
                            for k in sorted(addresses.keys() & other_addresses)]
        if clashes:
            return Outcome.failed(f"{ref} is not unique: {'; '.join(clashes)}.")
        return Outcome.passed(f"{ref} ({', '.join(names.values())}; {', '.join(addresses.values())}) "
                              "shares no name or IP address.")

    @staticmethod
    def _hosts(facts: Facts, ref: str) -> list[dict[str, Any]]:
        if ref.startswith("site."):
            return list(facts.get(ref, default=[]))
        return [{"name": facts.get(f"{ref}.name"), "fqdn": facts.get(f"{ref}.fqdn"),
                 "ip_addresses": facts.get(f"{ref}.ip_addresses")}]


def _identities(addresses: list[str]) -> list[str]:
    """The addresses that name one computer: loopback and unspecified ones name every computer."""
    return [text for text in addresses
            if (parsed := normalize.address(text)) is None or not normalize.names_itself(parsed)]


def _netbios(names: dict[str, str]) -> dict[str, str]:
    """NetBIOS name (the first 15 characters) -> a spelling that gave it."""
    return {normalize.netbios(key): spelling for key, spelling in names.items()}


def _keys(values: list[Any], key: Any) -> dict[str, str]:
    """Comparison key -> the first spelling that gave it."""
    found: dict[str, str] = {}
    for value in values:
        if value:
            found.setdefault(key(str(value)), str(value))
    return found
