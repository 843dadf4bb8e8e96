from __future__ import annotations

import re
from typing import Any, ClassVar
from urllib.parse import urlsplit

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class UrlsPointTo(CheckType):
    """Every URL of a list has the form a guide prescribes, on a given host.

    ``path`` is the path every URL must have (compared case-insensitively, a
    trailing ``/`` required when given with one); ``scheme`` the scheme. The
    host must be the fully qualified name in ``host`` (a short name or an IP
    address is refused: the guide asks for the FQDN); any port is accepted.
    Passes when every URL of ``fact`` is ``<scheme>://<host>[:port]<path>``.
    Fails when one is not, saying what differs; an empty list fails too.
    """

    name = "urls_point_to"
    required = ("fact", "host", "scheme", "path")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "host": REF,
        "scheme": {"enum": ["https", "http"]},
        "path": {"type": "string", "pattern": "^/"},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref, scheme, path = self.params["fact"], self.params["scheme"], self.params["path"]
        host = str(facts.get(self.params["host"])).strip().rstrip(".").casefold()
        urls = facts.get(ref)
        if not urls:
            return Outcome.failed(f"{ref} holds no URL.")
        problems = [f"{show(url)} {why}" for url in urls if (why := _problem(url, scheme, host, path))]
        form = f"{scheme}://{host}:<port>{path}"
        if problems:
            return Outcome.failed(f"{ref}: {'; '.join(problems)} (expected {form}).")
        return Outcome.passed(f"All {len(urls)} URLs of {ref} have the form {form}.")


def _problem(url: str, scheme: str, host: str, path: str) -> str | None:
    parts = urlsplit(url.strip())
    name = (parts.hostname or "").rstrip(".")
    if parts.scheme.casefold() != scheme:
        return f"uses {parts.scheme or 'no scheme'}, not {scheme}"
    if name != host:
        short = normalize.host(name) == normalize.host(host) and "." not in name
        return "names the server by its short name" if short else f"points to {name or 'no host'}"
    wanted = path.casefold()
    if parts.path.casefold() != wanted:
        return f"has the path {parts.path or '(none)'}"
    if re.search(r"[?#]", url):
        return "has a query or fragment"
    return None
