"""Start and stop the lab CMDB by hand, to try ``itmscheck collect`` without a real CMDB.

From the repository's root::

    python3 -m tests.lab.serve start     # prints the connection string and a collect command
    python3 -m tests.lab.serve status
    python3 -m tests.lab.serve stop

It stages the same lab as the tests (:mod:`tests.pg_lab`, :mod:`tests.lab.cmdb_lab`):
a PostgreSQL 15 server on 127.0.0.1 and a free port, holding a generated
Symantec_CMDB with a SELECT-only login, reached through unixODBC and psqlODBC
(``apt-get install unixodbc odbc-postgresql postgresql``). It runs as the
calling user; root runs PostgreSQL as the ``postgres`` user, which it refuses
to run as root. The data lives in ``--folder`` (default: a folder per user in
the temporary directory) until ``stop`` removes it.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

STATE = "lab.json"
FRAGMENT = Path(__file__).resolve().parent / "ns70-fragment.json"


def default_folder() -> Path:
    return Path(tempfile.gettempdir()) / f"itmscheck-lab-{os.getuid()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tests.lab.serve", allow_abbrev=False,
                                     description="Start, show or stop the lab CMDB (PostgreSQL).")
    parser.add_argument("action", choices=("start", "status", "stop"),
                        help="start it (and print how to collect from it), show it, or stop it "
                             "and remove its data")
    parser.add_argument("--folder", type=Path, default=default_folder(),
                        help="where its data lives (default: %(default)s)")
    parser.add_argument("--computers", type=int, default=300,
                        help="managed computers in the generated CMDB (default: 300)")
    args = parser.parse_args(argv)
    return {"start": start, "status": status, "stop": stop}[args.action](args)


def _server(folder: Path):  # type: ignore[no-untyped-def]
    from tests.pg_lab import PgServer

    state = json.loads((folder / STATE).read_text(encoding="utf-8"))
    return PgServer(folder=folder, port=int(state["port"]), running=True)


def _running(folder: Path) -> bool:
    return (folder / STATE).exists() and (folder / "data" / "postmaster.pid").exists()


def start(args: argparse.Namespace) -> int:
    from tests.lab.cmdb_lab import LabSpec
    from tests.pg_lab import missing_parts, stage

    folder: Path = args.folder.resolve()
    if _running(folder):
        print(f"The lab CMDB is already running (data in {folder}).")
        _explain(folder, _server(folder).connection_string())
        return 0
    reason = missing_parts()
    if reason:
        print(f"Cannot start the lab CMDB: it {reason}", file=sys.stderr)
        return 2
    if folder.exists() and any(folder.iterdir()):
        print(f"Cannot start the lab CMDB: {folder} is not empty (stop the old lab first, or "
              "pass another --folder)", file=sys.stderr)
        return 2
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        lab = stage(LabSpec(seed=7, computers=args.computers), folder=folder)
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or error.stdout or "").strip().splitlines()
        print(f"Cannot start the lab CMDB: {_tool(error.cmd)} "
              f"failed: {detail[-1] if detail else error}", file=sys.stderr)
        if os.geteuid() == 0:
            print(f"(as root, PostgreSQL runs as the postgres user, which must reach {folder}: "
                  "choose a --folder whose parents it may enter)", file=sys.stderr)
        _remove(folder)
        return 2
    (folder / STATE).write_text(json.dumps({"port": lab.server.port}), encoding="utf-8")
    (folder / "site.yaml").write_text(
        "itmscheck_site: 1\nname: itmscheck lab CMDB\ncmdb:\n  notification_server: NS70\n"
        "  timeout_seconds: 20\n", encoding="utf-8")
    print(f"The lab CMDB is running: PostgreSQL on 127.0.0.1:{lab.server.port} "
          f"(data in {folder}).")
    _explain(folder, lab.connection)
    return 0


def _tool(command: list[str]) -> str:
    """The PostgreSQL program a command ran (past ``runuser -u postgres --``)."""
    return next((Path(part).name for part in command if "/" in part), command[0])


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def _explain(folder: Path, connection: str) -> None:
    print("Connection string (the lab's own SELECT-only login):")
    print(f"  {connection}")
    print("Collect a snapshot from it:")
    print(f"  export ITMSCHECK_CMDB_CONNECTION={shlex.quote(connection)}")
    print(f"  itmscheck collect --role source --site {folder / 'site.yaml'} "
          f"--import {FRAGMENT} --output ns70.json")
    print("  itmscheck check --phase pre --source ns70.json")
    print("collect exits 1 here: the lab is PostgreSQL, not SQL Server, so the SQL Server-only "
          "facts (collation, owner, backup history) stay unknown, each named with that reason.")
    print("Stop it and remove its data:")
    print("  python3 -m tests.lab.serve stop" + ("" if folder == default_folder().resolve()
                                                 else f" --folder {folder}"))


def status(args: argparse.Namespace) -> int:
    folder: Path = args.folder.resolve()
    if not _running(folder):
        print(f"No lab CMDB is running with its data in {folder}.")
        return 1
    server = _server(folder)
    print(f"The lab CMDB is running: PostgreSQL on 127.0.0.1:{server.port} (data in {folder}).")
    _explain(folder, server.connection_string())
    return 0


def stop(args: argparse.Namespace) -> int:
    folder: Path = args.folder.resolve()
    if not (folder / STATE).exists():
        print(f"No lab CMDB has its data in {folder}: nothing to stop.")
        return 0
    server = _server(folder)
    if _running(folder):
        server.stop()
    server.remove()
    print(f"The lab CMDB is stopped and {folder} is removed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
