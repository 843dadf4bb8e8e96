"""Exit statuses of the ``itmscheck`` commands (docs/contract.md, "Exit status").

``check``: 0 = GO, 1 = NO-GO, 2 = the input could not be used.
"""

EXIT_GO, EXIT_NO_GO, EXIT_BAD_INPUT = 0, 1, 2
