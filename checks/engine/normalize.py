"""How administrators' spellings are made comparable (paths, hosts, releases)."""

from __future__ import annotations

import ipaddress
import re


def text(value: str) -> str:
    """Case- and space-insensitive text (``7.0 sp5`` == ``7.0 SP5``)."""
    return re.sub(r"\s+", " ", value).strip().casefold()


def windows_name(value: str) -> str:
    """A name as Windows and ITMS compare names: ordinal and case-insensitive.

    Sites, site servers and computers are told apart this way (``HQ-Site`` ==
    ``hq-site``), like .NET's ``StringComparison.OrdinalIgnoreCase``: each
    character is upper-cased on its own (a simple, one-to-one mapping), and
    nothing else changes. Unicode case folding would go further (``str.casefold``
    makes 'ß' 'ss'), so a character whose upper case is longer keeps its spelling:
    'Straße' is not 'STRASSE'. No trimming, no Unicode normalization.
    """
    return "".join(upper if len(upper := char.upper()) == 1 else char for char in value)


def release(value: str) -> str:
    """A release label without spaces or case (``7.0 SP2MR1`` == ``7.0 SP2 MR1``)."""
    return re.sub(r"\s+", "", value).casefold()


def windows_path(value: str) -> str:
    """A Windows path as Windows compares it: case-insensitive, either slash, no trailing one."""
    path = value.strip().strip('"').replace("/", "\\")
    path = re.sub(r"(?<!^)\\+", r"\\", path)  # keep a UNC path's leading \\
    if len(path) > 3 or not re.fullmatch(r"[A-Za-z]:\\", path):
        path = path.rstrip("\\")
    return path.casefold()


def host(value: str) -> str:
    """A computer's short name: the first label of an FQDN, case-insensitive.

    An IP address is kept whole (it has no short name).
    """
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return value.strip().rstrip(".").split(".")[0].casefold()


def ip(value: str) -> str:
    """An IP address in canonical form (IPv6 compressed); other text as given."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return value.strip().casefold()


def sql_instance_host(value: str) -> str:
    """The computer of a SQL Server instance (``SQL01\\ALTIRIS,1433`` -> ``sql01``)."""
    server = value.strip()
    for prefix in ("tcp:", "np:", "lpc:"):
        if server.casefold().startswith(prefix):
            server = server[len(prefix):]
    server = re.split(r"[\\,]", server)[0]
    return host(server)


def sql_instance(value: str) -> str:
    """A SQL Server instance as computer short name and instance (``SQL01.corp\\A`` == ``sql01\\a``)."""
    server = value.strip()
    for prefix in ("tcp:", "np:", "lpc:"):
        if server.casefold().startswith(prefix):
            server = server[len(prefix):]
    instance = server.split(",")[0].partition("\\")[2].casefold() or "mssqlserver"
    return f"{sql_instance_host(value)}\\{instance}"
