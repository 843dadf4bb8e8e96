"""The benchmark of issue 6: collection against the raw SQL, check and startup times.

Run from the repository root (after ``pip install -e '.[test]'``)::

    python3 bench/run.py                      # 2,000 / 20,000 / 200,000 computers, 5 rounds
    python3 bench/run.py --sizes 2000 --repetitions 1

It starts a private PostgreSQL 15 (the tests' lab server, with
pg_stat_statements), stages one lab CMDB per size set-based (bench/stage.py),
runs one unmeasured warm-up round that also checks the collected facts against
what was staged, then the measured rounds: in each round, for each size,
raw -> collect -> check (pre, install, post) -> startup, so that every
measurement sees the same warm database and the same machine load. It prints
medians and ratios and ends with the one line issue 6 asks for.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python3 bench/run.py` from a clone

from bench import measure, stage
from itmscheck.cli.check import demo_files
from tests.pg_lab import PgServer, missing_parts

PHASES = ("pre", "install", "post")
TARGETS = {"collect_vs_raw": 1.2, "check_s": 0.5, "startup_s": 0.3, "peak_mb": 200.0}


def label(computers: int) -> str:
    return f"{computers // 1000}k" if computers >= 1000 and computers % 1000 == 0 else str(computers)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


class Bench:
    """The measurements of one benchmark run, kept per size and kind."""

    def __init__(self, sizes: Sequence[int], repetitions: int, say: Callable[[str], None]) -> None:
        self.sizes, self.repetitions, self.say = list(sizes), repetitions, say
        self.runs: dict[tuple[int, str], list[measure.Run]] = defaultdict(list)

    def run(self) -> str:
        """Stage, measure, report; the final line."""
        uncompiled = measure.compile_bytecode()
        if uncompiled:
            self.say(f"warning: no bytecode for {', '.join(uncompiled)}: its modules are "
                     "compiled from source at every run")
        server = stage.start_server()
        work = Path(tempfile.mkdtemp(prefix="itms-bench-"))
        try:
            for computers in self.sizes:
                seconds = stage.stage(server, computers)
                self.say(f"staged {computers:>7,} computers in {seconds:5.1f} s")
            probes = work / "probes.json"
            probes.write_text(json.dumps(
                measure.portable_probes(stage.NOTIFICATION_SERVER)), encoding="utf-8")
            site = work / "site.yaml"
            site.write_text(f"itmscheck_site: 1\ncmdb:\n  notification_server: "
                            f"{stage.NOTIFICATION_SERVER}\n", encoding="utf-8")
            for round_ in range(self.repetitions + 1):  # round 0 warms up and is not kept
                for computers in self.sizes:
                    self._round(server, computers, probes, site, work, keep=round_ > 0)
                    if round_ == 0:
                        self._verify(computers, work / f"{computers}.json")
            return self.report()
        finally:
            server.remove()
            shutil.rmtree(work, ignore_errors=True)

    def _round(self, server: PgServer, computers: int, probes: Path, site: Path, work: Path,
               keep: bool) -> None:
        connection = stage.connection_string(server, computers)
        snapshot = work / f"{computers}.json"
        counter = (lambda: stage.reset_statements(server, computers),
                   lambda: stage.reader_statements(server, computers))
        measured = [("raw", measure.raw(connection, probes)),
                    ("collect", measure.collect(connection, site, snapshot, counter))]
        for phase in PHASES:
            _source, target, demo_site = demo_files("ready", phase)
            measured.append((f"check {phase}",
                             measure.check(phase, snapshot, target, demo_site, work)))
        measured.append(("startup", measure.startup()))
        if keep:
            for kind, result in measured:
                self.runs[(computers, kind)].append(result)

    def _verify(self, computers: int, snapshot: Path) -> None:
        """The collect being timed must read what was staged, or the timing means nothing."""
        facts = measure.snapshot_facts(snapshot)
        found = {"resources.managed_computers": facts["resources"]["managed_computers"],  # type: ignore[index]
                 "resources.sites": facts["resources"]["sites"],  # type: ignore[index]
                 "host.name": facts["host"]["name"]}  # type: ignore[index]
        wanted = stage.expected(stage.Shape(computers))
        if found != wanted:
            wrong = sorted(k for k in wanted if found[k] != wanted[k])
            raise RuntimeError(f"collect at {computers} computers read wrong facts: {wrong}")

    def seconds(self, computers: int, kind: str) -> float:
        return median([r.seconds for r in self.runs[(computers, kind)]])

    def report(self) -> str:
        say = self.say
        say("")
        say(f"medians of {self.repetitions} interleaved rounds (wall seconds, interpreter start "
            "included)")
        say(f"{'computers':>9} {'raw_sql':>8} {'raw':>7} {'collect':>8} {'cmdb':>6} "
            f"{'c/raw':>6} {'c/sql':>6} {'trips':>5} {'peak_mb':>7} {'chk_pre':>7} "
            f"{'chk_ins':>7} {'chk_post':>8} {'startup':>7}")
        for n in self.sizes:
            raw_sql = self._raw_sql(n)
            raw, collect = self.seconds(n, "raw"), self.seconds(n, "collect")
            say(f"{n:>9,} {raw_sql:8.3f} {raw:7.3f} {collect:8.3f} {self._cmdb(n):6.3f} "
                f"{collect / raw:6.2f} {collect / raw_sql:6.2f} {self._trips(n):>5} "
                f"{self._peak(n):7.1f} "
                f"{self.seconds(n, 'check pre'):7.3f} {self.seconds(n, 'check install'):7.3f} "
                f"{self.seconds(n, 'check post'):8.3f} {self.seconds(n, 'startup'):7.3f}")
        at, big = (20000 if 20000 in self.sizes else self.sizes[0]), max(self.sizes)
        ratio = {n: self.seconds(n, "collect") / self.seconds(n, "raw") for n in self.sizes}
        check_s = max(self.seconds(n, f"check {p}") for n in self.sizes for p in PHASES)
        startup_s = median([r.seconds for n in self.sizes for r in self.runs[(n, "startup")]])
        trips = {n: self._trips(n) for n in self.sizes}
        say("")
        say(f"round trips per collect (server statements): "
            f"{', '.join(f'{label(n)}={trips[n]}' for n in self.sizes)}"
            f" -> {'the same at every size' if len(set(trips.values())) == 1 else 'NOT constant'}")
        say("check_s = the slowest phase's median; startup_s = median of every --help run")
        say("cmdb = collect's CMDB collector alone (pyodbc import, its connections, the probes), "
            "as its log line says")
        for n in self.sizes:
            say(f"collect_vs_raw_{label(n)}={ratio[n]:.2f} "
                f"cmdb_vs_raw_sql_{label(n)}={self._cmdb(n) / self._raw_sql(n):.2f}")
        return (f"collect_vs_raw={ratio[at]:.2f} check_s={check_s:.3f} startup_s={startup_s:.3f} "
                f"roundtrips_{label(at)}={trips[at]} roundtrips_{label(big)}={trips[big]} "
                f"peak_mb_{label(big)}={self._peak(big):.0f}")

    def _raw_sql(self, computers: int) -> float:
        return median([r.sql_seconds or 0.0 for r in self.runs[(computers, "raw")]])

    def _cmdb(self, computers: int) -> float:
        return median([r.cmdb_seconds for r in self.runs[(computers, "collect")]
                       if r.cmdb_seconds is not None])

    def _trips(self, computers: int) -> str:
        counts = sorted({r.statements for r in self.runs[(computers, "collect")]
                         if r.statements is not None})
        return "/".join(str(c) for c in counts) or "?"

    def _peak(self, computers: int) -> float:
        return max((r.peak_mb for r in self.runs[(computers, "collect")]), default=0.0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 200000],
                        metavar="N", help="managed computers of each lab (default: %(default)s)")
    parser.add_argument("--repetitions", type=int, default=5, metavar="R",
                        help="measured rounds after the warm-up (default: %(default)s)")
    args = parser.parse_args(argv)
    reason = missing_parts()
    if reason:
        print(f"bench: cannot run: {reason}", file=sys.stderr)
        return 2
    started = time.monotonic()
    line = Bench(args.sizes, args.repetitions, print).run()
    print(f"(benchmark took {time.monotonic() - started:.0f} s)")
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
