"""The plugin manager: built-in and third-party plugins, found the same way."""

from __future__ import annotations

from functools import cache

import pluggy

from itmscheck import hookspecs
from itmscheck.errors import InputError


@cache
def plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.load_setuptools_entrypoints(hookspecs.PROJECT)
    if pm.get_plugin("builtin") is None:
        raise InputError("itmscheck", "its built-in plugin is not registered: install the "
                                      "package (pip install .) rather than running it from a copy")
    pm.check_pending()
    return pm
