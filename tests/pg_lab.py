"""A real PostgreSQL 15 server for the lab CMDB, started and stopped by the tests.

Import the fixtures into a test module (``from tests.pg_lab import lab_cmdb``).
The server runs as the ``postgres`` user (PostgreSQL refuses root) in a
temporary folder, on a free port, with its unix socket in that folder. The
lab's superuser reaches it over the socket (trust); the probes' role
``itms_reader`` over TCP with a password (scram) and SELECT rights only, through
pyodbc + unixODBC + psqlODBC. Tests skip - naming the apt packages to install -
only when a part is missing (:mod:`tests.support.system`), and fail instead
where ``ITMSCHECK_REQUIRE_LAB`` is set (CI).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.lab.cmdb_lab import LabSpec, lab_sql
from tests.support.system import ODBC_DRIVER, POSTGRES_BIN, require, why_not

BIN = POSTGRES_BIN
DRIVER = ODBC_DRIVER
DATABASE = "Symantec_CMDB"
READER, READER_PASSWORD = "itms_reader", "Pl4nted-S3cret-9q"


LAB_PACKAGES = ("unixodbc", "odbc-postgresql", "postgresql")


def missing_parts() -> str | None:
    """Why the lab cannot run here (naming the apt packages to install), or None."""
    return why_not(*LAB_PACKAGES)


def require_odbc() -> None:
    """For a test that needs pyodbc to load (unixODBC), but no lab: skip or fail as the lab does."""
    require("unixodbc")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PgServer:
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="itms-lab-")))
    port: int = field(default_factory=_free_port)
    running: bool = False

    def _as_postgres(self, *command: str) -> None:
        # PostgreSQL refuses to run as root: root runs it as the postgres user, anyone else as itself.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> PgServer:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        if not (self.folder / "data").exists():
            self._as_postgres(str(BIN / "initdb"), "-D", str(self.folder / "data"), "-U", "lab",
                              "--auth-local=trust", "--auth-host=scram-sha-256")
        self._as_postgres(str(BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-w", "-o",
                          f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1",
                          "-l", str(self.folder / "log"), "start")
        self.running = True
        return self

    def stop(self, mode: str = "fast") -> None:
        if self.running:
            self.running = False
            self._as_postgres(str(BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", mode,
                              "-w", "stop")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def psql(self, sql: str, database: str = "postgres") -> str:
        done = subprocess.run([str(BIN / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                               str(self.folder), "-p", str(self.port), "-U", "lab", "-d", database,
                               "-At"], input=sql, capture_output=True, text=True, check=True,
                              timeout=300)
        return done.stdout

    def connection_string(self, password: str = READER_PASSWORD) -> str:
        return (f"DRIVER={{{DRIVER}}};SERVER=127.0.0.1;PORT={self.port};DATABASE={DATABASE};"
                f"UID={READER};PWD={password};")


@dataclass
class LabCmdb:
    server: PgServer
    spec: LabSpec
    expected: dict[str, Any]

    @property
    def connection(self) -> str:
        return self.server.connection_string()


def stage(spec: LabSpec, folder: Path | None = None) -> LabCmdb:
    """A running server holding the lab CMDB of ``spec``, with the SELECT-only role.

    ``folder`` (an empty folder) holds its data; by default a new temporary one.
    """
    require(*LAB_PACKAGES)
    server = (PgServer(folder=folder) if folder else PgServer()).start()
    lab = lab_sql(spec)
    server.psql(f'CREATE DATABASE "{DATABASE}";')
    server.psql(lab.sql, DATABASE)
    server.psql(f"""
        CREATE ROLE {READER} LOGIN PASSWORD '{READER_PASSWORD}';
        REVOKE ALL ON SCHEMA public FROM PUBLIC;
        GRANT USAGE ON SCHEMA dbo, sys TO {READER};
        GRANT SELECT ON ALL TABLES IN SCHEMA dbo, sys TO {READER};
        -- the lab's T-SQL string + (an operator of dbo) is found like SQL Server's own
        ALTER ROLE {READER} SET search_path = dbo, public;
    """, DATABASE)
    return LabCmdb(server=server, spec=spec, expected=lab.expected)


_SHARED: dict[str, LabCmdb] = {}


@pytest.fixture(scope="session")
def lab_cmdb() -> Iterator[LabCmdb]:
    """The shared lab (started once per session, even when imported by several modules)."""
    if "lab" not in _SHARED:
        _SHARED["lab"] = stage(LabSpec(seed=7, computers=300))
    yield _SHARED["lab"]
    lab = _SHARED.pop("lab", None)
    if lab is not None:
        lab.server.remove()


@pytest.fixture()
def own_lab_cmdb() -> Iterator[LabCmdb]:
    """A lab of the test's own, which it may stop or break."""
    lab = stage(LabSpec(seed=11, computers=40))
    try:
        yield lab
    finally:
        lab.server.remove()


def env_without_cmdb() -> dict[str, str]:
    """The environment for a collect subprocess, without a stray CMDB connection."""
    return {k: v for k, v in os.environ.items() if k != "ITMSCHECK_CMDB_CONNECTION"}
