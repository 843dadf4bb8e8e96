from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class UrlsPointTo(CheckType):
    """Every URL of a list has the form a guide prescribes, on a given host.

    ``path`` is the path every URL must have (compared case-insensitively, a
    trailing ``/`` required when given with one); ``scheme`` the scheme. The
    host must be the fully qualified name in ``host`` (a short name or an IP
    address is refused: the guide asks for the FQDN). URLs are parsed
    strictly (:func:`itmscheck.engine.normalize.url`): any port from 1 to
    65535, no user information, no backslash or space, a host DNS can resolve.
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
        host = str(facts.get(self.params["host"])).strip().rstrip(".")
        urls = facts.get(ref)
        if not urls:
            return Outcome.failed(f"{ref} holds no URL.")
        problems = [f"{show(url)} {why}" for url in urls if (why := _problem(url, scheme, host, path))]
        form = f"{scheme}://{host.lower()}:<port>{path}"
        if problems:
            return Outcome.failed(f"{ref}: {'; '.join(problems)} (expected {form}).")
        return Outcome.passed(f"All {len(urls)} URLs of {ref} have the form {form}.")


def _problem(text: str, scheme: str, host: str, path: str) -> str | None:
    try:
        parts = normalize.url(text.strip())
    except ValueError as refused:
        return str(refused)
    if parts.scheme != scheme:
        return f"uses {parts.scheme}, not {scheme}"
    if normalize.fold(parts.host) != normalize.fold(host):
        short = normalize.host(parts.host) == normalize.host(host) and "." not in parts.host
        return "names the server by its short name" if short else f"points to {parts.host}"
    if normalize.fold(parts.path) != normalize.fold(path):
        return f"has the path {parts.path or '(none)'}"
    if parts.query or parts.fragment or text.strip().endswith(("?", "#")):
        return "has a query or fragment"
    return None
