from __future__ import annotations

import ipaddress
import re
from typing import Any, ClassVar
from urllib.parse import urlsplit

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
    computer name and IP addresses; ``host`` is the one-fact form), compared
    without case (an IP address in canonical form); ``schemes`` the schemes
    accepted (``scheme``: one). Any port is accepted.
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
        names = [_host(str(item)) for host in self.params.get("hosts") or [self.params["host"]]
                 for item in _as_list(facts.get(host)) if item]
        urls = facts.get(ref)
        if not urls:
            return Outcome.failed(f"{ref} holds no URL.")
        problems = [f"{show(url)} {why}" for url in urls
                    if (why := _problem(url, schemes, names, path))]
        form = f"{'|'.join(schemes)}://{'|'.join(names) or '?'}:<port>{path}"
        if problems:
            return Outcome.failed(f"{ref}: {'; '.join(problems)} (expected {form}).")
        return Outcome.passed(f"All {len(urls)} URLs of {ref} have the form {form}.")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _host(name: str) -> str:
    name = name.strip().strip("[]").rstrip(".")
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        return name.casefold()


def _problem(url: str, schemes: list[str], names: list[str], path: str) -> str | None:
    parts = urlsplit(url.strip())
    name = _host(parts.hostname or "")
    if parts.scheme.casefold() not in schemes:
        return f"uses {parts.scheme or 'no scheme'}, not {' or '.join(schemes)}"
    if name not in names:
        short = any(normalize.host(name) == normalize.host(n) for n in names) and "." not in name
        return "names the server by its short name" if short else f"points to {name or 'no host'}"
    if parts.path.casefold() != path.casefold():
        return f"has the path {parts.path or '(none)'}"
    if re.search(r"[?#]", url):
        return "has a query or fragment"
    return None
