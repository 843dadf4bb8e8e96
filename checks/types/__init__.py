"""The built-in check types, one module each; registered by :mod:`itmscheck.builtin`.

A check type only compares: it reads facts through
:class:`itmscheck.engine.facts.Facts` and returns an outcome. May import
:mod:`itmscheck.engine`, :mod:`itmscheck.evidence` and the plan model of
:mod:`itmscheck.planning`; never a collector, a report or the command line.
"""
