from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class DisjointNames(CheckType):
    """Two groups of computers have no computer in common.

    Each reference of ``names`` and ``others`` may hold a computer, a list of
    them, a list of objects with ``name``/``fqdn``/``ip_addresses`` (such as
    the site file's ``legacy_servers``; absent from the site file counts as
    empty), or null where null means none. A computer may be written as a
    name, an FQDN, an IP address, a URL, a UNC path or ``host:port`` (a
    hierarchy link is recorded any of these ways; :func:`normalize.computer`):
    names compare by short name as Windows compares them, and by NetBIOS name
    (the first 15 characters), addresses in canonical form.
    Passes when no computer of ``names`` is one of ``others``.
    Fails when one is, naming it.
    """

    name = "disjoint_names"
    required = ("names", "others")
    parameters: ClassVar[dict[str, Any]] = {
        "names": {"type": "array", "minItems": 1, "items": REF},
        "others": {"type": "array", "minItems": 1, "items": REF},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        names = gather(facts, self.params["names"])
        others = gather(facts, self.params["others"])
        shared = shared_computers(names, others)
        if shared:
            listed = ", ".join(f"{names[mine]} (also {others[theirs]})" for mine, theirs in shared)
            return Outcome.failed(f"{' + '.join(self.params['names'])} include {listed}.")
        shown = ", ".join(sorted(names.values())) or "none"
        return Outcome.passed(f"{' + '.join(self.params['names'])} ({shown}) include none of "
                              f"{', '.join(self.params['others'])}.")


def gather(facts: Facts, refs: list[str]) -> dict[str, str]:
    """Computer key -> the computer as written, over every reference."""
    found: dict[str, str] = {}
    for ref in refs:
        value = facts.get(ref, default=[]) if ref.startswith("site.") else facts.get(ref)
        for item in value if isinstance(value, list) else [value]:
            texts = ([item.get("name"), item.get("fqdn"), *(item.get("ip_addresses") or [])]
                     if isinstance(item, dict) else [item])
            for text in texts:
                if text:
                    found.setdefault(normalize.computer(str(text)), str(text))
    return found



def shared_computers(mine: dict[str, str], theirs: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of keys (of ``mine``, of ``theirs``) that name one computer: one key, or, for host
    names, one NetBIOS name (the first 15 characters, as ITMS may record a computer)."""
    by_netbios: dict[str, str] = {}
    for key in theirs:
        by_netbios.setdefault(normalize.netbios(key), key)
    return sorted((key, key if key in theirs else by_netbios[normalize.netbios(key)])
                  for key in mine if key in theirs or normalize.netbios(key) in by_netbios)
