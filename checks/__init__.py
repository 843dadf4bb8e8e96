"""itmscheck: the rules engine that gates an ITMS 7.0 to 7.5 migration.

The data's journey is collect -> snapshot -> evaluate -> gate -> reports, and
the subpackages follow it: :mod:`.collectors` (collect), :mod:`.evidence`
(snapshots and site files), :mod:`.engine` (catalog, evaluation, gate),
:mod:`itmscheck.reports`; beside them :mod:`.planning` (``itmscheck plan``),
:mod:`.comparison` (``itmscheck diff``), :mod:`.acceptance` (pytest mode) and
:mod:`.cli` (the command line). The public contract is in the repository's
``docs/contract.md``.

Plugins import what they need from here::

    from itmscheck import REF, CheckType, Outcome, hookimpl
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from itmscheck.engine.checktype import REF as REF
    from itmscheck.engine.checktype import CheckType as CheckType
    from itmscheck.engine.model import Outcome as Outcome
    from itmscheck.hookspecs import hookimpl as hookimpl

_EXPORTS = {"hookimpl": "itmscheck.hookspecs", "CheckType": "itmscheck.engine.checktype",
            "REF": "itmscheck.engine.checktype", "Outcome": "itmscheck.engine.model"}
__all__ = ["REF", "CheckType", "Outcome", "__version__", "hookimpl"]


def __getattr__(name: str) -> Any:
    """The plugin API on first use: ``import itmscheck`` alone stays cheap (``--help`` is fast)."""
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'itmscheck' has no attribute {name!r}")
