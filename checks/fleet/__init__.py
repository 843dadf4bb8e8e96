"""The fleet: every Notification Server of one migration, and the rules between them.

It reads a fleet file (:mod:`itmscheck.evidence.fleet_file`), judges each
server's pair of snapshots with the engine, in worker processes, evaluates
the cross-server rules (``rules/fleet/cross_server.yaml``), and places every
server on the 16 steps of the guide's Table 2-2 (the run-book). It may import
the engine, the evidence stage, the planning stage's name rules and the
reports, and the plugins (for the reporters); nothing imports it but the command
line.
"""
