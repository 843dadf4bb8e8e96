"""IP addresses as administrators and tools write them, read into one canonical address.

The evidence loaders refuse an address they cannot read (exit 2), and
:mod:`itmscheck.engine.normalize` compares with what :func:`parse_ip` returns,
so ``10.20.1.10/24``, ``010.020.001.010``, ``::ffff:10.20.1.10`` and
``10.20.1.10`` are one computer.
"""

from __future__ import annotations

import ipaddress
import re

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_PADDED_V4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def parse_ip(text: str) -> Address | None:
    """The address ``text`` writes, or None when it writes none.

    Read as Windows tools print addresses: surrounding spaces and IPv6
    ``[brackets]`` are dropped, as are a zone id (``fe80::1%12``: which
    interface, not which computer) and a prefix length or netmask
    (``10.20.1.10/24``, ``/255.255.255.0``) once it is valid. Zero-padded
    octets are decimal (``010.020.001.010`` is ``10.20.1.10``, as inventory
    exports pad them). An IPv4-mapped IPv6 address is its IPv4 address.
    """
    value = text.strip()
    address, _, prefix = value.partition("/")
    address = address.strip()
    if address.startswith("[") and address.endswith("]"):
        address = address[1:-1]
    address = address.partition("%")[0]
    if _PADDED_V4.fullmatch(address):
        octets = [int(part) for part in address.split(".")]
        if max(octets) > 255:
            return None
        address = ".".join(map(str, octets))
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    if prefix and not _valid_prefix(parsed, prefix.strip()):
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return parsed.ipv4_mapped
    return parsed


def _valid_prefix(address: Address, prefix: str) -> bool:
    """A prefix length (0-32, 0-128) or, for IPv4, a netmask."""
    try:
        ipaddress.ip_interface(f"{address}/{prefix}")
    except ValueError:
        return False
    return True
