"""The four measurements of the benchmark, each one run of a child process.

- :func:`raw`: the physical floor of a collection run - a bare Python process
  that imports pyodbc, connects, executes every probe's SQL the lab can run
  and fetches and discards the rows (it does not import itmscheck);
- :func:`collect`: ``itmscheck collect`` end to end, with its peak memory
  (the child's own ``ru_maxrss`` from ``os.wait4``) and the statements the
  server saw from the probes' role (``pg_stat_statements``);
- :func:`check`: ``itmscheck check`` of a phase on a collected snapshot, JSON,
  JUnit and HTML reports written;
- :func:`startup`: ``itmscheck --help``.

Every time is the wall time of the child, interpreter start included: that is
what the administrator waits for.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from itmscheck.collectors.cmdb.probe import load_probes

CONNECTION_ENV = "ITMSCHECK_CMDB_CONNECTION"

# The floor: what any program reading the same facts must at least do.
RAW_SCRIPT = r"""
import json, os, sys, time
import pyodbc
probes = json.load(open(sys.argv[1], encoding="utf-8"))
connection = pyodbc.connect(os.environ["ITMSCHECK_CMDB_CONNECTION"], autocommit=True)
started = time.perf_counter()
for sql, parameters in probes:
    cursor = connection.execute(sql, *parameters)
    while cursor.fetchmany(1000):
        pass
print(time.perf_counter() - started)
connection.close()
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float = 0.0
    statements: int | None = None
    sql_seconds: float | None = None  # raw: the queries alone, inside the process
    cmdb_seconds: float | None = None  # collect: its CMDB collector, as its log says


def itmscheck_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m checks``.

    The script is what an administrator types; calling it by its full path keeps
    version-manager shims (pyenv's is a bash script) out of the measurement.
    """
    script = Path(sys.executable).parent / "itmscheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "itmscheck"]


def _timed(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
           ok: tuple[int, ...] = (0,)) -> tuple[float, float, str, str]:
    """Wall seconds, peak resident MB, stdout and stderr of one child; a failure is loud.

    The child is reaped with ``os.wait4``, which gives its own resource usage
    (``RUSAGE_CHILDREN`` would be the maximum over every child so far).
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        errors = err.read()
        if code not in ok:
            raise RuntimeError(f"{' '.join(command[:4])} ... exited {code}: {errors[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read(), errors  # Linux: ru_maxrss in KiB


def compile_bytecode() -> list[str]:
    """Compile itmscheck's own modules, as ``pip install .`` does at install time.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (this image sets it) an editable
    checkout never gets its ``.pyc`` files, and every measured run would
    compile ~80 modules from source: a cost no installed copy pays. Returns
    the packages that could not be compiled (a read-only folder).
    """
    import compileall
    import importlib.util

    failed = []
    for package in ("itmscheck", "itmscheck.reports", "itmscheck.rules"):
        spec = importlib.util.find_spec(package)
        folders = list(spec.submodule_search_locations or []) if spec else []
        if not folders or not all(compileall.compile_dir(f, quiet=1) for f in folders):
            failed.append(package)
    return failed


def portable_probes(notification_server: str) -> list[tuple[str, list[str]]]:
    """Every probe the lab can answer, with its parameter, as the collector sends it."""
    return [(p.sql, [notification_server] if p.parameter else [])
            for p in load_probes() if p.server == "any"]


def raw(connection: str, probes_file: Path) -> Run:
    env = {**os.environ, CONNECTION_ENV: connection}
    seconds, peak, out, _err = _timed([sys.executable, "-c", RAW_SCRIPT, str(probes_file)],
                                      env=env)
    return Run(seconds, peak, sql_seconds=float(out.strip()))


def collect(connection: str, site: Path, output: Path, count_statements: object = None) -> Run:
    """One ``itmscheck collect``; ``count_statements`` (reset, read) brackets it."""
    env = {**os.environ, CONNECTION_ENV: connection}
    reset, read = count_statements if count_statements else (None, None)
    if reset:
        reset()
    # exit 1: the lab leaves facts unknown (SQL Server only probes, no host fragment); a source
    # that failed would make the timing meaningless
    seconds, peak, _out, log = _timed([*itmscheck_command(), "collect", "--role", "source",
                                       "--site", str(site), "--output", str(output)], env=env,
                                      ok=(0, 1))
    if "collect: FAILED" in log:
        raise RuntimeError(f"collect failed to read a source: {log[-2000:]}")
    cmdb = re.search(r"^collect: cmdb: ([0-9.]+) s", log, re.MULTILINE)
    return Run(seconds, peak, statements=read() if read else None,
               cmdb_seconds=float(cmdb.group(1)) if cmdb else None)


def check(phase: str, source: Path, target: Path, site: Path, reports: Path) -> Run:
    seconds, peak, _out, _err = _timed([*itmscheck_command(), "check", "--phase", phase,
                                        "--source", str(source), "--target", str(target),
                                        "--site", str(site),
                                        "--json", str(reports / f"{phase}.json"),
                                        "--junit", str(reports / f"{phase}.xml"),
                                        "--html", str(reports / f"{phase}.html")], ok=(0, 1))
    return Run(seconds, peak)


def startup() -> Run:
    seconds, peak, _out, _err = _timed([*itmscheck_command(), "--help"])
    return Run(seconds, peak)


def snapshot_facts(path: Path) -> dict[str, object]:
    return dict(json.loads(path.read_text(encoding="utf-8"))["facts"])
