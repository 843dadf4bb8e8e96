"""Comparison: ``itmscheck diff``, two snapshots fact by fact, like the guide's StoreDiff.

Owns the differences and which of them the guide expects. May import
:mod:`itmscheck.evidence` and :mod:`itmscheck.errors`; the rendering lives in
:mod:`itmscheck.reports.diff_report`, which imports this package, never the
other way round (except :mod:`.command`, which ties the two together).
"""
