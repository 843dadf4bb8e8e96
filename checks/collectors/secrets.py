"""Keeping CMDB passwords out of every artefact.

An ODBC connection string is ``key=value`` pairs separated by ``;``; a value
may be wrapped in braces, with ``}}`` standing for a literal ``}``. The
password keys are ``PWD`` (ODBC) and ``Password`` (what SQL Server's own
drivers also accept); parsing them is :mod:`itmscheck.evidence.redaction`'s. A
:class:`Redactor` remembers the secret values of a
connection string and removes them from any text that leaves the collector
(error messages from a driver may quote what they were given).
"""

from __future__ import annotations

import json

from itmscheck.evidence.redaction import MASK, SECRET_KEYS, pairs, redact_connection, unbrace

__all__ = ["MASK", "SECRET_KEYS", "Redactor", "pairs", "redact_connection", "unbrace"]


class Redactor:
    """Removes the secrets of one connection string from any text."""

    def __init__(self, connection: str) -> None:
        secrets = set()
        for key, raw, _start, _end in pairs(connection):
            if key.lower() in SECRET_KEYS and unbrace(raw):
                secrets.update({raw.strip(), unbrace(raw)})
        # as JSON spells them too (escaping non-ASCII or not), so a serialized snapshot is cleaned
        secrets.update({json.dumps(s, ensure_ascii=ascii)[1:-1] for s in list(secrets)
                        for ascii in (True, False)})
        # longest first, so a secret that contains another is masked whole
        self._secrets = sorted((s for s in secrets if s), key=len, reverse=True)
        self._connection = connection

    def __call__(self, text: str) -> str:
        if self._connection:
            text = text.replace(self._connection, redact_connection(self._connection))
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text
