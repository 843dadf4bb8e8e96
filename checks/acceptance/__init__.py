"""Acceptance tests: pytest mode, the rules of a phase as pytest items.

Registered with pytest through the ``pytest11`` entry point, so after
``pip install itmscheck`` the ``--itmscheck-*`` options work in any folder.
May import :mod:`itmscheck.engine`, :mod:`itmscheck.evidence` and :mod:`itmscheck.console`
(console text without control characters).
"""
