"""HKLM read through ``winreg``: the registry the console plug-ins collector reads on Windows.

Keys are opened in the 64-bit view (``KEY_WOW64_64KEY``), so a 32-bit Python
on a 64-bit server still reads the native keys, and ``Wow6432Node`` paths
reach the 32-bit ones, as the collector asks for both by name.
"""

from __future__ import annotations

import sys


class WindowsRegistry:  # pragma: no cover - needs Windows
    def value(self, key: str, name: str) -> str | None:
        if sys.platform != "win32":  # also tells the type checker winreg's platform
            return None
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key, 0,
                                winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as handle:
                return str(winreg.QueryValueEx(handle, name)[0])
        except FileNotFoundError:  # no such key or value: not installed
            return None

    def subkeys(self, key: str) -> list[str]:
        if sys.platform != "win32":
            return []
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key, 0,
                                winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as handle:
                count = winreg.QueryInfoKey(handle)[0]
                return [winreg.EnumKey(handle, i) for i in range(count)]
        except FileNotFoundError:
            return []
