"""Passwords kept out of every message: connection strings, YAML keys and URLs.

An ODBC connection string is ``key=value`` pairs separated by ``;``; a value
may be wrapped in braces, with ``}}`` standing for a literal ``}``. The
password keys are ``PWD`` (ODBC) and ``Password`` (what SQL Server's own
drivers also accept). A message may also quote a line of a file whose
password starts on the next line (a folded YAML value), or a URL with
credentials (``scheme://user:password@host``): :func:`secrets_in` finds the
password values of a whole file, and :func:`redact` masks them, and every
``PWD=``/``password:``/URL password, in any text: braced, quoted (with its
escapes), plain with spaces up to the next ``;``, or a YAML block scalar.
"""

from __future__ import annotations

import json
import re

SECRET_KEYS = frozenset({"pwd", "password"})
MASK = "***"

# key = braced value (with }} escapes) or plain value up to the next ';'
_PAIR = re.compile(r"(?P<key>[^;=]+?)\s*=\s*(?P<value>\{(?:[^}]|\}\})*\}|[^;]*)")
# A password key (``PWD``, ``Password``, or a name ending in one: ``sa_password``) and its
# value, which may start on a later line (YAML folds lines): braced, quoted (with its
# escapes), or plain up to a ';', a quote or the line's end, spaces included.
_KEYED = re.compile(r"""(?i)(?<![\w-])[\w-]*?(?:pwd|password)["']?\s*[=:]\s*"""
                    r"""(?![|>][-+0-9]*[ \t]*(?:\r?\n|$))"""
                    r"""(?P<value>\{(?:[^}]|\}\})*\}|"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\r\n]|'')*'"""
                    r"""|(?:\\.|[^;\r\n"'\\{}])+)""")
# A YAML block scalar (``password: >-`` and indented lines): every line is part of the password.
_BLOCK = re.compile(r"""(?im)(?<![\w-])[\w-]*?(?:pwd|password)["']?[ \t]*:[ \t]*[|>][-+0-9]*[ \t]*\r?\n"""
                    r"""(?P<lines>(?:[ \t]+[^\r\n]*(?:\r?\n|$))+)""")
# The password runs to the last '@' of the authority, as browsers read it.
_URL_PASSWORD = re.compile(r"(?i)\b(?P<user>[a-z][a-z0-9+.-]*://[^\s/@:]*:)(?P<password>[^\s/]*)@")


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
        found.update(_spellings(match.group("value")))
    for match in _BLOCK.finditer(text):
        lines = [line.strip() for line in match.group("lines").splitlines() if line.strip()]
        found.update({*lines, " ".join(lines), "\n".join(lines)})
    found.update(match.group("password") for match in _URL_PASSWORD.finditer(text))
    return {secret for secret in found if secret and secret != MASK}


def _spellings(value: str) -> set[str]:
    """A value as written and as meant: braces, quotes and their escapes undone, spaces trimmed."""
    if value.startswith("{"):
        return {value, unbrace(value)}
    if value[:1] in ("'", '"'):  # the pattern takes a quoted value with its closing quote
        inner = value[1:-1]
        # The quotes are the document's, not the password's: they stay, the inside is masked.
        if value[0] == "'":
            return {inner, inner.replace("''", "'")}
        return {inner, _unescaped(inner)}
    return {value.strip()}


def redact(text: str, secrets: set[str] | frozenset[str] = frozenset()) -> str:
    """``text`` with ``secrets`` and every password it spells itself masked."""
    for secret in sorted(secrets | secrets_in(text), key=len, reverse=True):  # longest first
        text = text.replace(secret, MASK)
    return text


def _unescaped(double_quoted: str) -> str:
    """The value of a double-quoted YAML or JSON string's inside (``\\u00e9`` too); itself when
    it is not valid JSON."""
    try:
        return str(json.loads(f'"{double_quoted}"'))
    except ValueError:
        return double_quoted
