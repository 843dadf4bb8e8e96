"""Exit statuses of the ``itmscheck`` commands (docs/contract.md, "Exit statuses").

``check``: 0 = GO, 1 = NO-GO, 2 = the input could not be used, 3 = PARTIAL (a
``--rule`` selection where nothing selected blocks; one that blocks is 1). The
verdicts' statuses are the gate's (:func:`itmscheck.engine.gate.exit_status`),
shared with pytest mode.
"""

EXIT_GO, EXIT_NO_GO, EXIT_BAD_INPUT = 0, 1, 2
