from __future__ import annotations

import contextlib
from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.fact_types import json_types
from itmscheck.engine.facts import Facts, FactUnknown
from itmscheck.engine.model import Outcome
from itmscheck.types.min_version import version_key


def _keys(server: dict[str, Any]) -> set[str]:
    texts = [server.get("name"), server.get("fqdn"), *(server.get("ip_addresses") or []),
             *(server.get("urls") or [])]
    return {normalize.computer(str(text)) for text in texts if text}


class NeighboursRelease(CheckType):
    """Every hierarchy neighbour of a server is known to run at least a given release.

    ``neighbours`` are references to the names the hierarchy records (a name,
    a list of names, or null where null means none); each is recognized
    however it is written: name, FQDN, IP address, URL, UNC path or
    ``host:port``, as :func:`normalize.computer` reads it (names by short
    name as Windows compares them, addresses in canonical form); an FQDN in
    another domain than every FQDN a known server gives is another computer. ``known``
    lists where servers and their releases are found: ``servers`` (a host
    object or a list of objects with ``name``, ``fqdn``, ``ip_addresses``,
    ``urls``; an absent site key counts as none) with ``release`` (a fact
    holding their release) or ``release_field`` (the field of each object), or
    ``legacy: true`` (servers not yet migrated, below the minimum whatever
    release they show). ``self`` is the server's own host object.
    Passes when every neighbour (none is a pass) is a known server whose
    release is at least ``minimum``, compared number by number.
    Fails when a neighbour is a known server of a lower release, or a legacy
    server, naming it, whom it matched and the release.
    A neighbour that matches no known server, matches servers of different
    releases, has no readable release, or is the server itself is unknown,
    never a pass.
    """

    name = "neighbours_release"
    required = ("neighbours", "known", "minimum")
    parameters: ClassVar[dict[str, Any]] = {
        "neighbours": {"type": "array", "minItems": 1, "items": REF},
        "self": REF,
        "known": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["servers"],
            "properties": {"servers": REF, "release": REF, "release_field": {"type": "string"},
                           "legacy": {"const": True}}}},
        "minimum": {"type": "string", "pattern": r"^\d+(\.\d+)*$"},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        recorded = [str(name) for ref in self.params["neighbours"]
                    for name in _as_list(facts.get(ref)) if name]
        if not recorded:
            return Outcome.passed("The server has no hierarchy neighbour.")
        own = {key for server in _servers(facts, self.params["self"]) for key in _keys(server)} \
            if "self" in self.params else set()
        minimum = self.params["minimum"]
        good, bad, unsure = [], [], []
        for name in recorded:
            if normalize.computer(name) in own:
                unsure.append(f"{show(name)} is the server itself")
                continue
            found = self._matches(facts, name)
            releases = {release for _who, release, _legacy in found}
            described = "; ".join(f"{who}, {show(release)}" for who, release, _legacy in found)
            if not found:
                unsure.append(f"{show(name)} matches no server whose release is known (declare it "
                              "under notification_servers in the site file)")
            elif any(legacy for _who, _release, legacy in found):
                bad.append(f"{show(name)} is a server not yet migrated ({described})")
            elif None in releases or len({version_key(str(r)) for r in releases}) > 1:
                unsure.append(f"{show(name)} has no single known release ({described})")
            elif version_key(str(next(iter(releases)))) < version_key(minimum):
                bad.append(f"{show(name)} runs an older release than {minimum} ({described})")
            else:
                good.append(f"{show(name)} ({described})")
        if bad:
            return Outcome.failed("Hierarchy neighbours below " + minimum + ": " + "; ".join(bad) + ".")
        if unsure:
            return Outcome.unknown("Hierarchy neighbours of unknown release: " + "; ".join(unsure) + ".",
                                   needs=tuple(k["servers"] for k in self.params["known"]
                                               if "legacy" not in k))
        return Outcome.passed(f"Every hierarchy neighbour runs {minimum} or later: {', '.join(good)}.")

    def _matches(self, facts: Facts, recorded: str) -> list[tuple[str, Any, bool]]:
        """(who, release, legacy) of every known server that is the neighbour ``recorded``."""
        wanted = normalize.computer(recorded)
        found = []
        for source in self.params["known"]:
            ref = source["servers"]
            for server in _servers(facts, ref):
                if not isinstance(server, dict) or wanted not in _keys(server) or \
                        _other_domain(recorded, server):
                    continue
                who = f"{server.get('name') or server.get('fqdn')} in {ref}"
                if "release" in source:
                    release = facts.get(source["release"])
                else:
                    release = server.get(source.get("release_field", "release"))
                found.append((who, release, bool(source.get("legacy"))))
        return found


def _servers(facts: Facts, ref: str) -> list[Any]:
    """The servers at ``ref``. One server (a snapshot's ``host``) is read by the fields that
    name it, so that they, not all its facts, are the rule's evidence; one not read is none."""
    if ref.startswith("site."):
        return _as_list(facts.get(ref, default=[]))
    if json_types(ref) != frozenset({"object"}):
        return _as_list(facts.get(ref))
    server = {}
    for field in ("name", "fqdn", "ip_addresses", "urls"):
        if json_types(f"{ref}.{field}") is not None:
            with contextlib.suppress(FactUnknown):
                server[field] = facts.get(f"{ref}.{field}")
    return [server]


def _other_domain(recorded: str, server: dict[str, Any]) -> bool:
    """Whether the neighbour is recorded by an FQDN that none of the server's FQDNs is: the same
    short name in another domain is another computer (a short name or an address cannot tell)."""
    wanted = normalize.fqdn(recorded)
    texts = [server.get("name"), server.get("fqdn"), *(server.get("urls") or [])]
    theirs = {normalize.fqdn(str(text)) for text in texts if text} - {None}
    return wanted is not None and bool(theirs) and wanted not in theirs


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
