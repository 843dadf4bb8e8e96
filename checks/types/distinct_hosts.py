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
    short name, case-insensitively (``NS75.corp.local`` clashes with ``ns75``);
    IP addresses in canonical form.
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
        names = {normalize.host(facts.get(f"{ref}.name")), normalize.host(facts.get(f"{ref}.fqdn"))}
        addresses = {normalize.ip(address) for address in facts.get(f"{ref}.ip_addresses")}
        clashes = []
        for other_ref in self.params["others"]:
            for other in self._hosts(facts, other_ref):
                label = other.get("name", other_ref)
                other_names = {normalize.host(other[k]) for k in ("name", "fqdn") if other.get(k)}
                other_addresses = {normalize.ip(a) for a in other.get("ip_addresses") or []}
                clashes += [f"name {n} is also {label}'s" for n in sorted(names & other_names)]
                clashes += [f"IP {a} is also {label}'s" for a in sorted(addresses & other_addresses)]
        if clashes:
            return Outcome.failed(f"{ref} is not unique: {'; '.join(clashes)}.")
        return Outcome.passed(f"{ref} ({', '.join(sorted(names))}; {', '.join(sorted(addresses))}) "
                              "shares no name or IP address.")

    @staticmethod
    def _hosts(facts: Facts, ref: str) -> list[dict[str, Any]]:
        if ref.startswith("site."):
            return list(facts.get(ref, default=[]))
        return [{"name": facts.get(f"{ref}.name"), "fqdn": facts.get(f"{ref}.fqdn"),
                 "ip_addresses": facts.get(f"{ref}.ip_addresses")}]
