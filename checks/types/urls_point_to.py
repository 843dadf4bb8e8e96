from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome

SCHEMES = ["https", "http"]


class UrlsPointTo(CheckType):
    """Every URL of a list has the form a guide prescribes, on a given server.

    ``path`` is the path every URL must have (compared case-insensitively, a
    trailing ``/`` required when given with one). ``hosts`` lists the facts
    naming the server as the URL may name it (e.g. its FQDN only, or its FQDN,
    computer name and IP addresses; ``host`` is the one-fact form): names
    compare as Windows compares them, IP addresses in canonical form, and a
    short name never stands for an FQDN. ``schemes`` lists the schemes
    accepted (``scheme``: one). URLs are parsed strictly
    (:func:`itmscheck.engine.normalize.url`): any port from 1 to 65535, no
    user information, no backslash or space, a host DNS can resolve, and no
    address with zero-padded octets (``010.020.001.075``: a person reads
    10.20.1.75, an agent's resolver the octal 8.16.1.61).
    Passes when every URL of ``fact`` is ``<scheme>://<host>[:port]<path>``.
    Fails when one is not, saying what differs; an empty list fails too.
    """

    name = "urls_point_to"
    required = ("fact", "path")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "host": REF,
        "hosts": {"type": "array", "minItems": 1, "items": REF},
        "scheme": {"enum": SCHEMES},
        "schemes": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": SCHEMES}},
        "path": {"type": "string", "pattern": "^/"},
    }

    @classmethod
    def schema(cls) -> dict[str, Any]:
        one_of = [{"oneOf": [{"required": ["host"]}, {"required": ["hosts"]}],
                   "x-message": "urls_point_to takes host or hosts, one of them"},
                  {"oneOf": [{"required": ["scheme"]}, {"required": ["schemes"]}],
                   "x-message": "urls_point_to takes scheme or schemes, one of them"}]
        return {**super().schema(), "allOf": one_of}

    def evaluate(self, facts: Facts) -> Outcome:
        ref, path = self.params["fact"], self.params["path"]
        schemes = self.params.get("schemes") or [self.params["scheme"]]
        names: dict[str, str] = {}  # key -> the name as the fact writes it
        for host in self.params.get("hosts") or [self.params["host"]]:
            for item in _as_list(facts.get(host)):
                if item:
                    names.setdefault(_key(str(item)), str(item).strip().rstrip(".").lower())
        urls = facts.get(ref)
        if not urls:
            return Outcome.failed(f"{ref} holds no URL.")
        problems = [f"{show(url)} {why}" for url in urls
                    if (why := _problem(url, schemes, set(names), path))]
        form = f"{'|'.join(schemes)}://{'|'.join(names.values()) or '?'}:<port>{path}"
        if problems:
            return Outcome.failed(f"{ref}: {'; '.join(problems)} (expected {form}).")
        return Outcome.passed(f"All {len(urls)} URLs of {ref} have the form {form}.")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _key(name: str) -> str:
    """A host as the URL must name it: an IP address in canonical form, a name folded as Windows does."""
    return normalize.ip(name.strip().strip("[]").rstrip("."))


def _problem(text: str, schemes: list[str], names: set[str], path: str) -> str | None:
    try:
        parts = normalize.url(text.strip())
    except ValueError as refused:
        return str(refused)
    if parts.scheme not in schemes:
        return f"uses {parts.scheme}, not {' or '.join(schemes)}"
    if len(normalize.address_readings(parts.host)) > 1:
        return "writes an address with zero-padded octets, which an agent's resolver reads as octal"
    if _key(parts.host) not in names:
        short = "." not in parts.host and any(normalize.host(parts.host) == normalize.host(n) for n in names)
        return "names the server by its short name" if short else f"points to {parts.host}"
    if normalize.fold(parts.path) != normalize.fold(path):
        return f"has the path {parts.path or '(none)'}"
    if parts.query or parts.fragment or text.strip().endswith(("?", "#")):
        return "has a query or fragment"
    return None
