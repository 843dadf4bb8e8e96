"""The evidence: snapshots, the site file, and how JSON and YAML documents are read.

Owns the snapshot stage: every document a user hands in is read strictly,
validated against its JSON Schema (``itmscheck.rules/schema``) and turned
into a value or one :class:`itmscheck.errors.InputError` naming the file and
the line or field. May import only :mod:`itmscheck.errors`.
"""
