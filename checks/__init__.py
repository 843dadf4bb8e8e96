"""itmscheck: the rules engine that gates an ITMS 7.0 to 7.5 migration.

The stages are collect -> snapshot -> evaluate -> gate -> reports; see
DESIGN.md and CONTRACT.md in the project's shared folder.
"""

__version__ = "0.1.0"
