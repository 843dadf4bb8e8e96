from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine import normalize
from itmscheck.engine.checktype import REF, CheckType, show
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome


class RemoteLocation(CheckType):
    """A file location is on another computer than the ones named as local.

    ``local`` lists references to the computers that count as local: host
    names, FQDNs, IP addresses, lists of them, or SQL Server instances
    (``SQL01\\ALTIRIS`` is computer ``SQL01``). A location names its computer
    by UNC path (``\\\\server\\share``, ``\\\\?\\UNC\\server\\share``, the WebDAV
    forms ``\\\\server@SSL@443\\...``) or URL; names, addresses and invisible
    characters compare as :mod:`itmscheck.engine.normalize` says, and an
    address is local in any reading Windows may give it (``\\\\2130706433``).
    Passes when ``fact`` is a UNC path or URL whose computer is none of those.
    Fails when it is a local drive or device path (``D:\\Backup\\...``), a UNC
    path or URL to a local computer (including ``localhost``, ``.``, loopback
    and unspecified addresses), or null (none).
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
        computer = normalize.location_host(location)
        if computer is None:
            return Outcome.failed(f"{ref} is {show(location)}, a path on the local computer.")
        names, addresses = set(), set()
        for local_ref in self.params["local"]:
            value = facts.get(local_ref)
            for name in value if isinstance(value, list) else [value]:
                # any reference may name a SQL Server instance (SQL01\ALTIRIS is computer SQL01):
                # reading every name both ways can only make more computers local (fail closed)
                for key in {normalize.host(name), normalize.sql_instance_host(name)}:
                    names.add(key)
                    addresses |= normalize.address_readings(key)
        key = normalize.host(computer)
        readings = normalize.address_readings(computer) | normalize.address_readings(key)
        if (key in names or normalize.is_local_name(key) or readings & addresses
                or any(normalize.names_itself(reading) for reading in readings)):
            return Outcome.failed(f"{ref} is {show(location)}, on {computer}: a local computer.")
        return Outcome.passed(f"{ref} is {show(location)}, on another computer ({computer}).")
