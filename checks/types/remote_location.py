from __future__ import annotations

import re
from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class RemoteLocation(CheckType):
    """A file location is on another computer than the ones named as local.

    ``local`` lists references to the computers that count as local: host
    names, FQDNs, IP addresses, lists of them, or SQL Server instances
    (``SQL01\\ALTIRIS`` is computer ``SQL01``).
    Passes when ``fact`` is a UNC path (``\\\\server\\share\\...``) or a URL
    whose computer is none of those.
    Fails when it is a local drive path (``D:\\Backup\\...``), a UNC path or URL
    to a local computer (including ``localhost`` and ``.``), or null (none).
    """

    name = "remote_location"
    required = ("fact", "local")
    parameters: ClassVar[dict[str, Any]] = {
        "fact": REF,
        "local": {"type": "array", "minItems": 1, "items": REF},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        ref = self.params["fact"]
        location = facts.get(ref)
        if location is None:
            return Outcome.failed(f"{ref} is null: no location is recorded.")
        computer = _computer(location)
        if computer is None:
            return Outcome.failed(f"{ref} is {show(location)}, a path on the local computer.")
        local = {"localhost", ".", "127.0.0.1", "::1"}
        for local_ref in self.params["local"]:
            value = facts.get(local_ref)
            for name in value if isinstance(value, list) else [value]:
                local.add(normalize.sql_instance_host(name) if local_ref.endswith("cmdb.server")
                          else normalize.host(name))
        if normalize.host(computer) in local:
            return Outcome.failed(f"{ref} is {show(location)}, on {computer}: a local computer.")
        return Outcome.passed(f"{ref} is {show(location)}, on another computer ({computer}).")


def _computer(location: str) -> str | None:
    unc = re.match(r"^\s*[\\/]{2}([^\\/]+)[\\/]", location)
    if unc and not unc.group(1).startswith("?"):  # \\?\D:\ is a local long path
        return unc.group(1)
    url = re.match(r"^\s*[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)", location)
    return url.group(1).strip("[]") if url else None
