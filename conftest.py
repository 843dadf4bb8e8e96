"""The repository's pytest configuration: thin on purpose.

pytest mode (``pytest --itmscheck-phase post --itmscheck-source s.json
--itmscheck-target t.json``) is not configured here: it is the plugin
``itmscheck.acceptance.plugin``, registered through the ``pytest11`` entry
point, so it works the same from any folder once itmscheck is installed.
The project's own fixtures are in ``tests/conftest.py``.
"""
