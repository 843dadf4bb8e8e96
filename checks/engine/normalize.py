"""How administrators' spellings are made comparable, the way Windows and networks compare them.

Every function here returns a *key*: two spellings of the same thing give the
same key, and keys are only compared, never shown (messages show what the
evidence wrote). The rules:

- **Names** (accounts, products, releases, paths) compare as Windows' ordinal
  case-insensitive comparison does: each character upper-cased on its own
  (:func:`fold`), never Unicode case folding (``ß`` is not ``ss``).
- **Addresses** are read by :func:`itmscheck.evidence.addresses.parse_ip`: a
  prefix length, a zone id, zero-padded octets or an IPv4-mapped IPv6 form
  changes nothing (:func:`ip`). Loopback and unspecified addresses
  (``127.0.0.0/8``, ``::1``, ``0.0.0.0``, ``::``) name the computer itself
  (:func:`names_itself`).
- **Computers** named by short name, FQDN, IP address, URL, UNC path or
  ``host:port`` are one computer (:func:`host`, :func:`location_host`,
  :func:`computer`); invisible characters and compatibility forms (full-width
  letters) are dropped or mapped as DNS' IDNA mapping does (the combining
  grapheme joiner and variation selectors too; ``。`` is a dot), and a URL's
  %-encoded host is decoded as a browser decodes it. A dotted-quad in a UNC
  path may also be read the way Windows' ``inet_addr`` reads it (octal,
  hexadecimal, fewer parts): every reading
  counts (:func:`address_readings`).
- **URLs** are parsed strictly (:func:`url`): a port in range, no user
  information, a host name DNS can resolve (letters, digits, hyphens, ``_``).

Where a looser match could only make a rule *fail* (a backup on the server
itself, a name already used), the looser reading is taken: the gate fails closed.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import stringprep
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from itmscheck.evidence.addresses import Address, parse_ip

__all__ = ["Address", "Url", "address", "address_readings", "computer", "dns_name", "fold", "fqdn",
           "host", "ip", "is_local_name", "location_host", "names_itself", "netbios", "release",
           "sql_instance", "sql_instance_host", "sql_name", "text", "url", "windows_path"]


def fold(value: str) -> str:
    """Windows' ordinal case-insensitive key: each character upper-cased alone (``ß`` stays ``ß``)."""
    if value.isascii():
        return value.upper()
    return "".join(upper if len(upper := character.upper()) == 1 else character
                   for character in value)


def text(value: str) -> str:
    """Case- and space-insensitive text (``7.0 sp5`` == ``7.0 SP5``)."""
    return fold(re.sub(r"\s+", " ", value).strip())


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
    return fold(re.sub(r"\s+", "", value))


def windows_path(value: str) -> str:
    """A Windows path as Windows compares it.

    Case-insensitive (ordinal), either slash, no trailing one; ``\\\\?\\C:\\x`` is
    ``C:\\x`` and ``\\\\?\\UNC\\srv\\share`` is ``\\\\srv\\share``; trailing dots and
    spaces of a component are dropped and ``.``/``..`` resolved, as Win32 does, except
    behind ``\\\\?\\``, which turns that rewriting off.
    """
    path = value.lstrip().lstrip('"')
    # "\\?\" hands the path to the file system as written: no "/" read as "\", no trailing
    # dot or space dropped, no "." or ".." resolved ("Altiris." is then another folder).
    literal = path.startswith("\\\\?\\")
    path = path.removesuffix('"') if literal else path.rstrip().rstrip('"').replace("/", "\\")
    path = re.sub(r"^\\\\[?.]\\UNC\\", r"\\\\", path, flags=re.IGNORECASE)
    path = re.sub(r"^\\\\[?.]\\(?=[A-Za-z]:)", "", path)
    unc = path.startswith("\\\\")
    parts = [part for part in path.split("\\") if part]
    kept: list[str] = []
    for part in parts:
        if literal:
            kept.append(part)
        elif part == "..":
            if len(kept) > (2 if unc else 1):
                kept.pop()
        elif part != ".":
            kept.append(part.rstrip(" .") or part)
    joined = ("\\\\" if unc else "") + "\\".join(kept)
    if re.fullmatch(r"[A-Za-z]:", joined):
        joined += "\\"
    return fold(joined)


def address(value: str) -> Address | None:
    """The IP address ``value`` writes (see :mod:`itmscheck.evidence.addresses`), or None."""
    return parse_ip(value)


def ip(value: str) -> str:
    """An IP address in canonical form (``10.20.1.10/24`` -> ``10.20.1.10``); other text folded."""
    parsed = parse_ip(value)
    return str(parsed) if parsed is not None else fold(value.strip())


def names_itself(parsed: Address) -> bool:
    """Whether an address always means "this computer": loopback or unspecified."""
    return parsed.is_loopback or parsed.is_unspecified


def address_readings(value: str) -> set[Address]:
    """Every address a host text may mean: as written, and as ``inet_addr`` reads it.

    ``\\\\010.020.001.010\\share`` is 10.20.1.10 to a person and 8.16.1.8 to
    Windows' ``inet_addr`` (octal); ``\\\\2130706433\\share`` is 127.0.0.1.
    """
    readings = set()
    parsed = parse_ip(value)
    if parsed is not None:
        readings.add(parsed)
    aton = _inet_aton(value.strip().rstrip("."))
    if aton is not None:
        readings.add(aton)
    return readings


_LOCAL_NAMES = frozenset({".", "LOCALHOST", "(LOCAL)"})
"""Names every Windows computer gives itself (``(local)`` and ``.`` are SQL Server's)."""


def host(value: str) -> str:
    """A computer's key: its canonical IP address, or its short name (first label of an FQDN).

    Invisible (format) characters and compatibility forms are dropped first;
    the name folds as Windows compares names. A name of numbers only
    (``0xa.0x14.0x1.0xa``, ``169083146``) is no DNS name: it is the address
    the resolver's ``inet_aton`` reads in it.
    """
    cleaned = _visible_name(value)
    cleaned = cleaned if cleaned == "." else cleaned.rstrip(".")
    parsed = parse_ip(cleaned) or _ipv6_literal(cleaned) or _inet_aton(cleaned)
    if parsed is not None:
        return str(parsed)
    return fold(cleaned.split(".")[0] if cleaned != "." else cleaned)


_NUMERIC_HOST = re.compile(r"(?:0[xX][0-9A-Fa-f]+|\d+)(?:\.(?:0[xX][0-9A-Fa-f]+|\d+)){0,3}")


def _inet_aton(name: str) -> Address | None:
    """The IPv4 address ``inet_aton`` reads in a name of numbers (octal, hexadecimal, fewer parts)."""
    if not _NUMERIC_HOST.fullmatch(name):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(name))
    except OSError:  # a part that overflows
        return None


def sql_name(value: str) -> str:
    """A SQL Server name (a database) as the usual ``_CI_AS`` collations compare names, or looser.

    Case- and width-insensitive (full-width ``Symantec`` is ``Symantec``), characters
    of no weight ignored (zero-width, other ignorable and control characters),
    spaces as :func:`text` reads them (trailing ones are ignored by ``=``; leading
    and doubled ones are taken for a writing slip). The compatibility mapping
    (NFKC) goes a little further than width: use it where a looser match can
    only make a rule fail (a name that must differ).
    """
    kept = "".join(c for c in unicodedata.normalize("NFKC", value)
                   if not _ignored_by_idna(c) and unicodedata.category(c) != "Cc")
    return text(kept)


NETBIOS_LENGTH = 15
"""Windows' computer (NetBIOS) name is the first 15 characters of the host name."""


def netbios(key: str) -> str:
    """The NetBIOS name of a :func:`host` key (an address stays whole).

    Two host names alike in their first 15 characters are one computer name to
    Windows and Active Directory: they cannot both be on the network. Use it
    where that can only make a rule fail (a name that must be unique).
    """
    return key if parse_ip(key) is not None else key[:NETBIOS_LENGTH]


def dns_name(value: str) -> str:
    """A fully qualified name as DNS compares it: IDNA-mapped (see :func:`host`), without case or
    the root's trailing dot (``ns70.corp.example.`` == ``NS70.CORP.EXAMPLE``)."""
    cleaned = _visible_name(value)
    return fold(cleaned if cleaned == "." else cleaned.rstrip("."))


def is_local_name(key: str) -> bool:
    """Whether a :func:`host` key is a name every computer gives itself (``localhost``, ``.``)."""
    return key in _LOCAL_NAMES


_IDNA_DOTS = re.compile("[\u3002\uff0e\uff61]")
"""Full stops IDNA reads as the dot between labels (``ns70\u3002corp`` is ``ns70.corp``)."""


def _ignored_by_idna(character: str) -> bool:
    """Mapped to nothing by IDNA: format characters, and the marks of RFC 3491's table B.1
    (combining grapheme joiner, variation selectors, Mongolian selectors) and UTS 46."""
    return (unicodedata.category(character) == "Cf" or stringprep.in_table_b1(character)
            or "\U000e0100" <= character <= "\U000e01ef" or character == "\u180f")


def _visible_name(value: str) -> str:
    """A name as DNS and Win32 read it: ended at NUL (as a C string is), IDNA-mapped, and without
    control characters, which no host name holds (read away, never a name of their own)."""
    normalized = unicodedata.normalize("NFKC", value.partition("\x00")[0])
    kept = "".join(c for c in normalized
                   if not _ignored_by_idna(c) and unicodedata.category(c) != "Cc")
    return _IDNA_DOTS.sub(".", kept).strip()


def _ipv6_literal(name: str) -> Address | None:
    """Windows' UNC spelling of an IPv6 address: ``fe80--1s4.ipv6-literal.net`` is ``fe80::1%4``."""
    match = re.fullmatch(r"([0-9A-Fa-f-]+)(?:s[0-9A-Za-z]+)?\.ipv6-literal\.net\.?", name,
                         flags=re.IGNORECASE)
    return parse_ip(match.group(1).replace("-", ":")) if match else None


def location_host(location: str) -> str | None:
    """The computer a file location is on (as written), or None for a path on this computer.

    UNC paths (``\\\\srv\\share``, ``//srv/share``, ``\\\\?\\UNC\\srv\\share``), their
    WebDAV forms (``\\\\srv@SSL@443\\DavWWWRoot``) and URLs (``https://srv/x``,
    ``file://srv/share``) name a computer; a drive path, a device path
    (``\\\\?\\C:\\``, ``\\\\.\\pipe``) or ``file:///C:/x`` is local.
    """
    value = _visible_name(location).strip('"')
    long_unc = re.match(r"^[\\/]{2}[?.][\\/]UNC[\\/]([^\\/]+)", value, flags=re.IGNORECASE)
    if long_unc:
        return _without_webdav(long_unc.group(1))
    unc = re.match(r"^[\\/]{2}([^\\/]+)", value)
    if unc:
        return None if unc.group(1) in ("?", ".") else _without_webdav(unc.group(1))
    scheme = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/\\?#]*)", value)
    if scheme:
        # Read by hand, not by urlsplit, which raises on an unclosed "[" (a location
        # is judged, never an internal error); a browser decodes %-escapes of a host.
        name = _visible_name(unquote(scheme.group(1).rpartition("@")[2]))
        name = name[1:].partition("]")[0] if name.startswith("[") else name.partition(":")[0]
        return name or None
    return None


def computer(text: str) -> str:
    """The key of a computer written as a name, FQDN, IP address, URL, UNC path or ``host:port``.

    A hierarchy link or a server list may record a computer any of these ways
    (``https://ns70.corp:443/Altiris/``, ``\\\\NS70\\share``, ``10.20.9.6:443``,
    ``[fe80::1]:443``): all give :func:`host`'s key of the computer.
    """
    located = location_host(text)
    if located is None:
        cleaned = _visible_name(text)
        with_port = re.fullmatch(r"\[([^\]]+)\](?::\d{1,5})?|([^:\[\]]+):\d{1,5}", cleaned)
        located = (with_port.group(1) or with_port.group(2)) if with_port else cleaned
    return host(located)


def fqdn(text: str) -> str | None:
    """The :func:`dns_name` key of the fully qualified name a computer text writes, or None.

    None for a short name or an address: only two FQDNs can show two domains
    (``ns-east.corp.example`` and ``ns-east.branch.example`` share a short name,
    not a computer).
    """
    located = location_host(text)
    if located is None:
        with_port = re.fullmatch(r"([^:\[\]]+):\d{1,5}", _visible_name(text))
        located = with_port.group(1) if with_port else text
    name = dns_name(located)
    if "." not in name or parse_ip(name) is not None or _inet_aton(name) is not None:
        return None
    return name


def _without_webdav(server: str) -> str:
    """``srv@SSL@443`` (the WebDAV redirector's spelling) is ``srv``."""
    return server.partition("@")[0]


@dataclass(frozen=True)
class Url:
    """A URL read strictly: scheme and host lower-cased, the port as a number."""

    scheme: str
    host: str
    port: int | None
    path: str
    query: str
    fragment: str


_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")  # Windows DNS also allows "_"


def url(value: str) -> Url:
    """``value`` as a URL an agent can use; ``ValueError`` saying why it cannot.

    Refused: spaces, control characters or backslashes anywhere (a browser
    reads ``\\`` as ``/``, so ``https://a\\@b/`` goes to ``a``), user information
    (``user:pass@``), a port outside 1-65535, and a host that is not a name
    of letters, digits, hyphens and underscores (labels of at most 63, the
    whole at most 253 characters), an IPv4 address or a bracketed IPv6 one.
    """
    if re.search(r"[\s\\\x00-\x1f\x7f-\x9f]", value) or not value.isascii():
        raise ValueError("holds a space, a backslash, a control or a non-ASCII character")
    parts = urlsplit(value)
    if not parts.scheme or not value.lower().startswith(f"{parts.scheme.lower()}://"):
        raise ValueError("is not an absolute URL (scheme://host/...)")
    if "@" in parts.netloc:
        raise ValueError("carries user information (user@ or user:password@)")
    name, port = _host_and_port(parts.netloc)
    return Url(parts.scheme.lower(), name.lower(), port, parts.path, parts.query, parts.fragment)


def _host_and_port(netloc: str) -> tuple[str, int | None]:
    match = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[^:\[\]]*)(?::(\d*))?", netloc)
    if not match:
        raise ValueError(f"has no valid host and port ({netloc!r})")
    name, port_text = match.group(1), match.group(2)
    port = None
    if port_text is not None:
        if not port_text or len(port_text) > 5 or not 1 <= int(port_text) <= 65535:
            raise ValueError(f"has the port {port_text!r}, outside 1-65535")
        port = int(port_text)
    bare = name.strip("[]")
    if name.startswith("[") and parse_ip(bare) is None:
        raise ValueError(f"has the host {name!r}, not an IPv6 address")
    labels = bare.rstrip(".").split(".")
    if not name.startswith("[") and (len(bare) > 253 or not all(_LABEL.fullmatch(x) for x in labels)):
        raise ValueError(f"has the host {name or '(none)'!r}, which is no name DNS can resolve")
    return bare.rstrip("."), port


def sql_instance_host(value: str) -> str:
    """The computer of a SQL Server instance (``tcp:SQL01\\ALTIRIS,1433`` -> key of ``SQL01``)."""
    server = _visible_name(value)
    for prefix in ("tcp:", "np:", "lpc:"):
        if server.casefold().startswith(prefix):
            server = server[len(prefix):]
    if server.startswith("["):  # tcp:[fe80::1],1433
        return host(server[1:].partition("]")[0])
    server = re.split(r"[\\,]", server)[0]
    return host(server)


def sql_instance(value: str) -> str:
    """A SQL Server instance as computer key and instance (``SQL01.corp\\A`` == ``sql01\\a``).

    Invisible characters and compatibility forms (full-width letters and backslash) are
    read as :func:`host` reads them, in the instance name too.
    """
    server = _visible_name(value)
    for prefix in ("tcp:", "np:", "lpc:"):
        if server.casefold().startswith(prefix):
            server = server[len(prefix):]
    instance = fold(server.split(",")[0].rpartition("]")[2].partition("\\")[2]) or "MSSQLSERVER"
    return f"{sql_instance_host(value)}\\{instance}"
