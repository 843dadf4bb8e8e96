"""The engine: the rule catalog, the facts a rule reads, evaluation and the gate.

Owns the pure middle of the journey, evaluate -> gate: nothing here reads a
clock or a database, and only :mod:`.loader` and :mod:`.catalog` read files
(rule files and data tables, through :mod:`itmscheck.evidence`). May import
:mod:`itmscheck.errors`, :mod:`itmscheck.cache`, :mod:`itmscheck.evidence` and,
in :mod:`.loader` only, :mod:`itmscheck.plugins`; never the collectors, the
planner, the reports or the command line.
"""
