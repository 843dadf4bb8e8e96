"""Keeping CMDB passwords out of every artefact.

An ODBC connection string is ``key=value`` pairs separated by ``;``; a value
may be wrapped in braces, with ``}}`` standing for a literal ``}``. The
password keys are ``PWD`` (ODBC) and ``Password`` (what SQL Server's own
drivers also accept). A :class:`Redactor` remembers the secret values of a
connection string and removes them from any text that leaves the collector
(error messages from a driver may quote what they were given).
"""

from __future__ import annotations

import json
import re

SECRET_KEYS = frozenset({"pwd", "password"})
MASK = "***"

# key = braced value (with }} escapes) or plain value up to the next ';'
_PAIR = re.compile(r"(?P<key>[^;=]+?)\s*=\s*(?P<value>\{(?:[^}]|\}\})*\}|[^;]*)")


def pairs(connection: str) -> list[tuple[str, str, int, int]]:
    """``(key, raw value, start, end)`` of each pair; the span covers the raw value."""
    found = []
    for match in _PAIR.finditer(connection):
        key = match.group("key").strip().lstrip(";").strip()
        found.append((key, match.group("value"), match.start("value"), match.end("value")))
    return found


def unbrace(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}"):
        return raw[1:-1].replace("}}", "}")
    return raw


def redact_connection(connection: str) -> str:
    """The connection string with every password value masked."""
    text = connection
    for key, _raw, start, end in reversed(pairs(connection)):
        if key.lower() in SECRET_KEYS:
            text = text[:start] + MASK + text[end:]
    return text


class Redactor:
    """Removes the secrets of one connection string from any text."""

    def __init__(self, connection: str = "") -> None:
        secrets = set()
        for key, raw, _start, _end in pairs(connection):
            if key.lower() in SECRET_KEYS and unbrace(raw):
                secrets.update({raw.strip(), unbrace(raw)})
        # as JSON spells them too, so a serialized snapshot is cleaned as well
        secrets.update({json.dumps(s)[1:-1] for s in list(secrets)})
        # longest first, so a secret that contains another is masked whole
        self._secrets = sorted((s for s in secrets if s), key=len, reverse=True)
        self._connection = connection

    def __call__(self, text: str) -> str:
        if self._connection:
            text = text.replace(self._connection, redact_connection(self._connection))
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text
