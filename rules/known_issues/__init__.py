"""The known-issues rule pack: failures the vendor's knowledge base records beyond the guide.

Rule files (``*.yaml``, rule ids ``KB-...``, groups 21-40) and their data
tables; each rule cites its article. Loaded by the built-in plugin as a rule
folder of its own (:mod:`itmscheck.engine.packs`); a site switches it off in
its site file.
"""
