"""Hands pytest to itmscheck's pytest mode (checks/pytest_plugin.py).

`pytest --itmscheck-phase post --itmscheck-source s.json --itmscheck-target t.json`
runs the rule catalog as tests; without `--itmscheck-*` options nothing changes.
Outside this repository, load the same plugin with `pytest -p checks.pytest_plugin`.
"""

pytest_plugins = ["checks.pytest_plugin"]
