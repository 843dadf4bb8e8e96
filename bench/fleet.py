"""Benchmark of `itmscheck fleet` (issue 16): generated fleets, every phase, every report.

Each fleet is built by tests/support/fleet_lab.py from the ready lab (a tree
of ten children per server; pre, install and post evidence for each). For
each size it runs `itmscheck fleet --phase post --json --junit --html` in a
fresh process (one worker per core), times it, and prints the peak memory of
the command and of its workers, so that growth with the number of servers
shows. A benchmark script, not a timed test: figures depend on the machine.

    python3 bench/fleet.py                 # 25, 50 and 100 servers
    python3 bench/fleet.py --sizes 100 --repetitions 3
    python3 bench/fleet.py --sizes 100 --browser   # also: the page's load in headless Chromium

With ``--browser`` it opens the largest fleet's page in headless Chromium
(Debian's, through playwright) seven times beside a blank page, and prints
the medians of the last six.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.fleet_lab import generated

PEAK = ("import resource, sys, runpy; sys.argv = ['itmscheck', *sys.argv[1:]]\n"
        "from itmscheck.cli.app import main\ncode = main()\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(f'PEAK {own} {workers}', file=sys.stderr); sys.exit(code)")


def run_once(fleet: Path, out: Path) -> tuple[float, int, int, int, float]:
    """Wall time, peak memory of the command and of its largest worker (kB), exit status, CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, "fleet", str(fleet), "--phase", "post",
                           "--json", str(out / "f.json"), "--junit", str(out / "f.xml"),
                           "--html", str(out / "f.html")], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"itmscheck fleet failed ({done.returncode}): {done.stderr}")
    own, workers = (int(v) for v in done.stderr.rsplit("PEAK ", 1)[1].split())
    return elapsed, own, workers, done.returncode, cpu


def page_load(page: Path) -> tuple[float, float]:
    """Median load times (s) of a blank page and of ``page``, alternated, first round dropped."""
    from tests.support.browser import chromium

    blank = page.parent / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    times: dict[Path, list[float]] = {blank: [], page: []}
    with chromium() as browser:
        for _ in range(7):
            for target in (blank, page):
                tab = browser.new_page()
                started = time.perf_counter()
                tab.goto(target.as_uri(), wait_until="load")
                times[target].append(time.perf_counter() - started)
                tab.close()
    return statistics.median(times[blank][1:]), statistics.median(times[page][1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100])
    parser.add_argument("--repetitions", type=int, default=1)
    parser.add_argument("--browser", action="store_true", help="time the page's load in Chromium")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; phases: pre, install, post per server; reports: json, junit, "
          "html (+ each server's full report)")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            fleet = generated(Path(folder) / "fleet", size)
            out = Path(folder) / "out"
            out.mkdir()
            runs = [run_once(fleet, out) for _ in range(args.repetitions)]
            seconds = statistics.median(r[0] for r in runs)
            pairs = size * 3
            cpu = statistics.median(r[4] for r in runs)
            print(f"{size:4d} servers ({pairs} pairs): {seconds:6.2f} s median of {len(runs)} "
                  f"({cpu:.1f} s CPU, load {os.getloadavg()[0]:.1f}); "
                  f"peak memory: command {runs[-1][1] / 1024:.0f} MB, largest worker "
                  f"{runs[-1][2] / 1024:.0f} MB; exit {runs[-1][3]}; "
                  f"page {(out / 'f.html').stat().st_size / 1024:.0f} kB")
            if args.browser and size == max(args.sizes):
                blank, page = page_load(out / "f.html")
                print(f"     page load in Chromium: {page * 1000:.0f} ms, blank page {blank * 1000:.0f} ms "
                      f"({(page - blank) * 1000:.0f} ms over blank)")


if __name__ == "__main__":
    main()
