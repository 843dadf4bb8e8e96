"""The host collector: what Python's standard library can tell about this machine.

It describes the machine itmscheck runs on, which is the Notification Server
only when the administrator says so (``collect --local``): run on a
workstation, its facts would be the workstation's, so without ``--local`` it
reads nothing and says why. On Windows the registry (``winreg``) gives the OS
caption and .NET 3.5; the local user list needs the PowerShell fragment.
Elsewhere (a lab, a CI runner) the Windows-only facts stay unknown.
"""

from __future__ import annotations

import contextlib
import ipaddress
import platform
import socket
import sys
from typing import Any

from itmscheck.collectors import Fragment

ARCHITECTURES = {"amd64": "x64", "x86_64": "x64", "x64": "x64", "em64t": "x64",
                 "x86": "x86", "i386": "x86", "i486": "x86", "i586": "x86", "i686": "x86"}
GROUPS = ("host.name", "host.fqdn", "host.ip_addresses", "host.os.name", "host.os.version",
          "host.os.architecture", "host.local_users", "host.dotnet35")
NT_KEY = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion"
NET35_KEY = r"SOFTWARE\Microsoft\NET Framework Setup\NDP\v3.5"


class HostCollector:
    name = "host"
    groups = GROUPS

    def collect(self, role: str, site: dict[str, Any]) -> Fragment:
        fragment = Fragment()
        if not (site.get("_options") or {}).get("local"):
            for path in GROUPS:
                fragment.miss(path, "not read: collect did not run on the Notification Server "
                                    "(pass --local there, or --import Get-ItmsFacts.ps1 output)")
            return fragment
        hostname = socket.gethostname()
        fragment.put("host.name", hostname.split(".")[0])
        fragment.put("host.fqdn", socket.getfqdn(hostname))
        addresses = local_addresses(hostname)
        if addresses:
            fragment.put("host.ip_addresses", addresses)
        else:
            fragment.miss("host.ip_addresses", "the host name resolves to no routable address")
        architecture = ARCHITECTURES.get(platform.machine().lower())
        if architecture:
            fragment.put("host.os.architecture", architecture)
        else:
            fragment.miss("host.os.architecture",
                          f"machine type {platform.machine()!r} is neither x64 nor x86")
        if sys.platform == "win32":
            _windows(fragment)
        else:
            _elsewhere(fragment)
        return fragment


def local_addresses(hostname: str) -> list[str]:
    """The addresses the host name resolves to, else the source address of the route out.

    Loopback and link-local addresses are left out: no agent reaches a server by them.
    """
    candidates: list[str] = []
    with contextlib.suppress(OSError):  # an unresolvable name: fall back on the routes below
        candidates += [str(i[4][0]) for i in socket.getaddrinfo(hostname, None,
                                                                 proto=socket.IPPROTO_TCP)]
    found = _routable(candidates)
    if not found:
        # Connecting a UDP socket sends nothing; it only picks the outgoing address.
        for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
            try:
                with socket.socket(family, socket.SOCK_DGRAM) as udp:
                    udp.connect((probe, 9))
                    candidates.append(str(udp.getsockname()[0]))
            except OSError:
                continue  # no route in this family
        found = _routable(candidates)
    return found


def _routable(candidates: list[str]) -> list[str]:
    found: list[str] = []
    for candidate in candidates:
        text = candidate.split("%")[0]
        address = ipaddress.ip_address(text)
        if not (address.is_loopback or address.is_link_local or address.is_unspecified) \
                and text not in found:
            found.append(text)
    return found


def _elsewhere(fragment: Fragment) -> None:
    try:
        name = platform.freedesktop_os_release().get("PRETTY_NAME") or platform.system()
    except OSError:
        name = f"{platform.system()} {platform.release()}".strip()
    fragment.put("host.os.name", name)
    fragment.put("host.os.version", platform.release() or None)
    for path in ("host.local_users", "host.dotnet35"):
        fragment.miss(path, f"not a Windows host ({platform.system()})")


def _windows(fragment: Fragment) -> None:  # pragma: no cover - needs Windows
    if sys.platform != "win32":  # also tells the type checker winreg's platform
        return
    import winreg

    _release, version, _csd, _kind = platform.win32_ver()
    fragment.put("host.os.version", version or None)
    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, NT_KEY) as key:
            fragment.put("host.os.name", str(winreg.QueryValueEx(key, "ProductName")[0]))
    except OSError as error:
        fragment.miss("host.os.name", f"registry {NT_KEY}: {error.strerror or error}")
    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, NET35_KEY) as key:
            fragment.put("host.dotnet35", winreg.QueryValueEx(key, "Install")[0] == 1)
    except FileNotFoundError:  # no v3.5 key, or no Install value: not installed
        fragment.put("host.dotnet35", False)
    except OSError as error:  # denied: unknown, never "not installed"
        fragment.miss("host.dotnet35", f"registry {NET35_KEY}: {error.strerror or error}")
    fragment.miss("host.local_users", "the standard library cannot list Windows accounts: "
                                      "--import the Get-ItmsFacts.ps1 fragment")
