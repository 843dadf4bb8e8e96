"""README's test command on a machine without the system packages: skips that say what to install.

The full suite needs unixODBC, psqlODBC, PostgreSQL and Chromium (README,
"Running the tests"). Without them the tests that need them skip with one
reason naming the apt packages, and where CI promises them
(``ITMSCHECK_REQUIRE_LAB=1``) they fail instead of skipping.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import system

REPO = Path(__file__).resolve().parents[1]
TESTS = ["tests/test_collect.py::test_a_password_in_the_site_file_is_in_no_artefact_even_when_the_"
         "connection_fails", "tests/test_cmdb_lab.py"]


def _without_libodbc(tmp_path: Path, *, require: bool) -> subprocess.CompletedProcess[str]:
    """pytest in a child whose pyodbc cannot load its driver manager, as on a bare machine."""
    stub = tmp_path / "stub"
    stub.mkdir()
    (stub / "pyodbc.py").write_text('raise ImportError("libodbc.so.2: cannot open shared object '
                                    'file: No such file or directory")\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("ITMSCHECK_REQUIRE_LAB", "CI")}
    env["PYTHONPATH"] = os.pathsep.join([str(stub), str(REPO)])
    if require:
        env["ITMSCHECK_REQUIRE_LAB"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rsf", "-p", "no:cacheprovider",
                           "-p", "no:xdist", *TESTS], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)


def test_without_unixodbc_the_odbc_tests_skip_naming_the_apt_packages(tmp_path) -> None:
    done = _without_libodbc(tmp_path, require=False)
    assert done.returncode == 0, done.stdout[-3000:]
    skipped = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) >= 2 and "failed" not in done.stdout.splitlines()[-1]
    assert any(line.endswith("apt-get install unixodbc`") and "libodbc.so.2" in line
               for line in skipped)
    assert any(line.endswith("apt-get install unixodbc odbc-postgresql postgresql`")
               for line in skipped)
    assert all("apt-get install" in line for line in skipped)


def test_where_ci_requires_every_part_a_missing_one_fails_instead(tmp_path) -> None:
    done = _without_libodbc(tmp_path, require=True)
    assert done.returncode == 1
    assert "SKIPPED" not in done.stdout
    assert "FAILED tests/test_collect.py::test_a_password" in done.stdout
    assert re.search(r"ITMSCHECK_REQUIRE_LAB is set, but this test needs unixODBC.*"
                     r"apt-get install unixodbc`", done.stdout)


def test_a_missing_postgresql_and_chromium_are_named_too(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(system, "POSTGRES_BIN", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert system.why_not("postgresql").endswith("`apt-get install postgresql`")
    assert system.why_not("chromium").endswith("`apt-get install chromium`")
    monkeypatch.delenv("ITMSCHECK_REQUIRE_LAB", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        system.require("chromium")


def test_readme_and_ci_name_the_same_system_packages() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    install = re.search(r"apt-get install ([a-z0-9 -]+)", readme.split("## Running the tests", 1)[1])
    assert install and set(install.group(1).split()) == set(system.PACKAGES)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    line = next(line for line in ci.splitlines() if "apt-get install" in line)
    assert set(system.PACKAGES) <= set(line.split())
    assert "ITMSCHECK_REQUIRE_LAB=1" in ci
