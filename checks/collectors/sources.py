"""How each fact can be obtained: the ``itmscheck_fact_sources`` hook of the built-in plugin.

The ways are not a table of their own: they are the readers of
:func:`itmscheck.collectors.coverage.readers`, the one record of which
collector, CMDB probe or host-script field reads each fact (the same that
docs/facts.md shows). An ``error`` result quotes them for the facts it lacks
(:mod:`itmscheck.engine.remedy` words it); a fact no source reads is declared
by a person in the site file's ``facts:``.
"""

from __future__ import annotations

from functools import cache


@cache
def fact_sources() -> tuple[tuple[str, str], ...]:
    """``(fact path, how to obtain it)`` for every fact some source reads."""
    from itmscheck.collectors.coverage import readers

    return tuple((path, reader.how) for path, found in readers().items() for reader in found)
