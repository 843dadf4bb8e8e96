"""Planning: the site file's redirect plan, the hierarchy, and ``itmscheck plan``.

Owns the plan model that the ``CH02-PLAN-*`` check types read, the planner that
proposes waves, and its command. May import :mod:`itmscheck.engine` and
:mod:`itmscheck.evidence` (and, in :mod:`.command`, the reports' writer).
"""
