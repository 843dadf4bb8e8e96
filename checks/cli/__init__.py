"""The ``itmscheck`` command line: options, the commands, exit statuses.

The top of the house: it may import every stage, and nothing imports it.
Heavy imports happen inside the commands, so ``itmscheck --help`` stays fast.
"""

from itmscheck.cli.app import main

__all__ = ["main"]
