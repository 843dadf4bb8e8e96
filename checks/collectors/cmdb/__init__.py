"""The CMDB collector: read-only T-SQL probes run over pyodbc.

Owns the probe files (``probes/*.sql``, each citing its public sources), the
guard that admits a single SELECT only, the read-only session, the probe run
and the pool that runs the heavy scans, the row-to-fact functions, and the
words for a CMDB that cannot be read at all.
May import :mod:`itmscheck.collectors` (the collector protocol),
:mod:`itmscheck.errors`, :mod:`itmscheck.cache` and :mod:`itmscheck.evidence`.
"""
