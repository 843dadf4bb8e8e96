"""The CMDB collector: read-only T-SQL probes run over pyodbc.

Owns the probe files (``probes/*.sql``), the guard that admits a single
SELECT only, the read-only session and the pool that runs the heavy scans.
May import :mod:`itmscheck.collectors` (the collector protocol),
:mod:`itmscheck.errors`, :mod:`itmscheck.cache` and :mod:`itmscheck.evidence`.
"""
