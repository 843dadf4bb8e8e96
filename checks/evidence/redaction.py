"""Passwords kept out of every message: connection strings, YAML keys and URLs.

An ODBC connection string is ``key=value`` pairs separated by ``;``; a value
may be wrapped in braces, with ``}}`` standing for a literal ``}``. The
password keys are ``PWD`` (ODBC) and ``Password`` (what SQL Server's own
drivers also accept). A message may also quote a line of a file whose
password starts on the next line (a folded YAML value), or a URL with
credentials (``scheme://user:password@host``): :func:`secrets_in` finds the
password values of a whole file, and :func:`redact` masks them, and every
``PWD=``/``password:``/URL password, in any text.
"""

from __future__ import annotations

import json
import re

SECRET_KEYS = frozenset({"pwd", "password"})
MASK = "***"

# key = braced value (with }} escapes) or plain value up to the next ';'
_PAIR = re.compile(r"(?P<key>[^;=]+?)\s*=\s*(?P<value>\{(?:[^}]|\}\})*\}|[^;]*)")
# A password key (``PWD``, ``Password``, or a name ending in one: ``sa_password``) and its
# value, which may start on a later line (YAML folds lines): braced (ODBC), double-quoted
# (YAML, JSON: backslash escapes), single-quoted (YAML: '' escapes), or plain up to a ``;``,
# a quote, a brace or the line's end (a plain value may hold spaces).
_KEYED = re.compile(r"(?i)(?<![\w-])[\w-]*?(?:pwd|password)[\"']?\s*[=:]\s*(?P<value>"
                    r"\{(?:[^}]|\}\})*\}"
                    r"|\"(?P<double>(?:[^\"\\\r\n]|\\.)*)\""
                    r"|'(?P<single>(?:[^'\r\n]|'')*)'"
                    r"|[^;\s\"'{}](?:[^;\r\n\"'{}]*[^;\s\"'{}])?)")
_URL_PASSWORD = re.compile(r"(?i)\b(?P<user>[a-z][a-z0-9+.-]*://[^\s/@:]*:)(?P<password>[^\s/@]*)@")


def pairs(connection: str) -> list[tuple[str, str, int, int]]:
    """``(key, raw value, start, end)`` of each pair; the span covers the raw value."""
    found = []
    for match in _PAIR.finditer(connection):
        key = match.group("key").strip()  # a key holds no ';': the pattern steps over them
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


def secrets_in(text: str) -> set[str]:
    """Every password value written in ``text``, wherever its value starts (this line or a later one)."""
    found = set()
    for match in _KEYED.finditer(text):
        value, double, single = match.group("value", "double", "single")
        if double is not None:  # as written, and as it reads once unescaped
            found.update({double, _unescaped(double)})
        elif single is not None:
            found.update({single, single.replace("''", "'")})
        else:
            found.add(unbrace(value))  # a plain value is itself (the pattern trims no space)
            found.add(value)
    found.update(match.group("password") for match in _URL_PASSWORD.finditer(text))
    return {secret for secret in found if secret and secret != MASK}


def _unescaped(double_quoted: str) -> str:
    """The value of a double-quoted YAML or JSON string's inside (itself when it is not valid JSON)."""
    try:
        return str(json.loads(f'"{double_quoted}"'))
    except ValueError:
        return double_quoted


def redact(text: str, secrets: set[str] | frozenset[str] = frozenset()) -> str:
    """``text`` with ``secrets`` and every password it spells itself masked."""
    for secret in sorted(secrets | secrets_in(text), key=len, reverse=True):  # longest first
        text = text.replace(secret, MASK)
    return text
