"""The console plug-ins collector: Silverlight, Flash and Java versions from the registry.

The 7.5 console needs "Microsoft Silverlight 4.0, Adobe Flash Player 10, and
Sun Java Runtime 6" (Table 2-2, step 5, page 28). Their installers record
their versions in HKLM, 32-bit ones under ``Wow6432Node`` on a 64-bit server,
so both views are read. A plug-in found in neither is null, which the schema
reads as "not installed"; a key that cannot be read leaves it unknown.
Get-ItmsFacts.ps1 reads the same keys on servers without Python.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Protocol

from itmscheck.collectors import Fragment

VIEWS = ("SOFTWARE\\", "SOFTWARE\\Wow6432Node\\")
# Plug-in -> (key below SOFTWARE, value), in order of preference.
VALUES = {"silverlight": (("Microsoft\\Silverlight", "Version"),),
          "flash": (("Macromedia\\FlashPlayerActiveX", "Version"),  # the one Internet Explorer uses
                    ("Macromedia\\FlashPlayer", "CurrentVersion"))}  # written "10,3,183,90"
JAVA_KEYS = ("JavaSoft\\Java Runtime Environment", "JavaSoft\\JRE")  # JRE: Java 9 and later
JAVA_RELEASE = re.compile(r"^\d+(\.\d+)*(_\d+)?$")
GROUPS = ("host.plugins.silverlight", "host.plugins.flash", "host.plugins.java")


class Registry(Protocol):
    def value(self, key: str, name: str) -> str | None:
        """The value under HKLM ``key``; None when absent; OSError when it cannot be read."""
        ...

    def subkeys(self, key: str) -> list[str]:
        """The names of the subkeys of HKLM ``key`` ([] when absent)."""
        ...


class ConsolePluginsCollector:
    name = "console plug-ins"
    groups = GROUPS

    def __init__(self, registry: Registry | None = None) -> None:
        self._registry = registry  # a stand-in registry where there is no Windows one (tests)

    def collect(self, role: str, site: dict[str, Any]) -> Fragment:
        fragment = Fragment()
        registry = self._registry
        if registry is None:
            if not (site.get("_options") or {}).get("local") or sys.platform != "win32":
                for path in GROUPS:
                    fragment.miss(path, "the registry is read only on the Notification Server "
                                        "itself (collect --local there on Windows, or --import "
                                        "Get-ItmsFacts.ps1 output)")
                return fragment
            from itmscheck.collectors.winregistry import WindowsRegistry

            registry = WindowsRegistry()
        for plugin, read in (("silverlight", _value), ("flash", _value), ("java", _java)):
            try:
                fragment.put(f"host.plugins.{plugin}", read(registry, plugin))
            except OSError as error:
                fragment.miss(f"host.plugins.{plugin}", f"registry: {error.strerror or error}")
        return fragment


def _value(registry: Registry, plugin: str) -> str | None:
    for key, name in VALUES[plugin]:
        for view in VIEWS:
            found = registry.value(view + key, name)
            if found and found.strip():
                return found.strip().replace(",", ".")
    return None


def _java(registry: Registry, plugin: str) -> str | None:
    """The newest Java Runtime release installed, as Java names it (``6 Update 45``)."""
    releases = [name for key in JAVA_KEYS for view in VIEWS
                for name in registry.subkeys(view + key) if JAVA_RELEASE.match(name)]
    if not releases:
        return None
    return java_name(max(releases, key=lambda r: tuple(int(n) for n in re.findall(r"\d+", r))))


def java_name(release: str) -> str:
    """``1.6.0_45`` -> ``6 Update 45``; ``1.8`` -> ``8``; ``11.0.2`` stays (Java 9 dropped "1.")."""
    number, _, update = release.partition("_")
    parts = number.split(".")
    major = parts[1] if parts[0] == "1" and len(parts) > 1 else None
    if major is None:
        return release
    return f"{major} Update {int(update)}" if update else major
