"""Mutation testing of the core (issue 20): are the tests sharp enough to catch the next bug?

Run from the repository root (after ``pip install -e '.[test]'``)::

    .ci/mutate                  # the whole core (.ci/mutation/core.yaml); see README for its run time
    .ci/mutate --fast           # the groups CI runs on every run: the gate, the guard, the redaction
    .ci/mutate --group types    # one group (repeatable); --jobs N sets the parallel mutants

For each group of ``core.yaml`` it builds a scratch tree under ``build/mutation/<group>/``
and runs mutmut there: mutmut makes small changes (mutants) to the group's modules,
one at a time, and runs the group's test files against each; a mutant that no test
notices *survives*. mutmut narrows each mutant to the tests that reached its function.
It prints, per module, the mutants, how many the tests killed, how many are
equivalent (they cannot change behaviour: ``equivalent.yaml`` explains each), and
the kill rate = killed / (mutants - equivalent); then every survivor not explained,
with its diff. It exits 1 when a group or the whole run is below its target.

Why the scratch tree: mutmut names a mutant after its file's path
(``checks/engine/gate.py`` -> ``checks.engine.gate``) and runs the tests against its
copy of that folder, but the package is imported as ``itmscheck`` (pyproject's
package-dir maps ``checks/`` to it). So the tree has the package under its installed
name, assembled from the folders as package-dir maps them, beside the rest of the
repository; the checkout itself is never changed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PACKAGE = "itmscheck"

# mutmut's exit codes (mutmut/stats.py): what a finished mutant's test run meant.
KILLED = {1, 3}  # a test failed (3: pytest's internal error, also a failure)
TIMEOUT = {36, 24, -24, 152, 255}  # the tests did not end: the mutant was noticed
SURVIVED = {0}
NO_TESTS = {5, 33}  # no test reached the mutated function


@dataclass(frozen=True)
class Group:
    """Some core modules and the test files that matter for them."""

    name: str
    modules: tuple[str, ...]
    tests: tuple[str, ...]
    target: float
    fast: bool


@dataclass(frozen=True)
class Equivalent:
    """A mutant that cannot change behaviour, and why."""

    module: str
    function: str
    original: str
    mutant: str
    why: str


@dataclass
class Mutant:
    name: str
    module: str  # the repository path of the mutated file
    function: str
    status: str  # killed, timeout, survived, no tests, not checked, other
    diff: str = ""
    removed: str = ""
    added: str = ""
    equivalent: Equivalent | None = None

    @property
    def caught(self) -> bool:
        return self.status in ("killed", "timeout")


@dataclass
class Tally:
    mutants: int = 0
    killed: int = 0
    equivalent: int = 0
    unchecked: int = 0  # a stopped run's mutants not yet tried: left out of the rate
    survivors: list[Mutant] = field(default_factory=list)

    def add(self, mutant: Mutant) -> None:
        self.mutants += 1
        if mutant.status == "not checked":
            self.unchecked += 1
        elif mutant.caught:
            self.killed += 1
        elif mutant.equivalent is not None:
            self.equivalent += 1
        else:
            self.survivors.append(mutant)

    def merge(self, other: Tally) -> None:
        self.mutants += other.mutants
        self.killed += other.killed
        self.equivalent += other.equivalent
        self.unchecked += other.unchecked
        self.survivors.extend(other.survivors)

    @property
    def rate(self) -> float:
        counted = self.mutants - self.equivalent - self.unchecked
        return 100.0 * self.killed / counted if counted else 100.0


def load_groups(path: Path = HERE / "core.yaml") -> list[Group]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Group(name=g["name"], modules=tuple(g["modules"]), tests=tuple(g["tests"]),
                  target=float(g["target"]), fast=bool(g.get("fast", False)))
            for g in document["groups"]]


def load_equivalents(path: Path = HERE / "equivalent.yaml") -> list[Equivalent]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [Equivalent(module=e["module"], function=e["function"], original=_lines(e["original"]),
                       mutant=_lines(e["mutant"]), why=e["why"])
            for e in document.get("equivalent", [])]


def _lines(text: str) -> str:
    """Code as compared: each line stripped, blank lines dropped (indentation is the diff's)."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def package_dirs(pyproject: Path = REPO / "pyproject.toml") -> dict[str, str]:
    """pyproject's ``[tool.setuptools.package-dir]``: import package -> folder."""
    table = re.search(r"^\[tool\.setuptools\.package-dir\]\n(.*?)(?:^\[|\Z)",
                      pyproject.read_text(encoding="utf-8"), re.M | re.S)
    if table is None:
        raise SystemExit("pyproject.toml has no [tool.setuptools.package-dir] table")
    return dict(re.findall(r'^"([\w.]+)"\s*=\s*"([^"]+)"', table.group(1), re.M))


def installed_path(module: str, dirs: dict[str, str]) -> str:
    """The path of a repository file inside the installed package (checks/x.py -> itmscheck/x.py)."""
    best = max((folder for folder in dirs.values() if module.startswith(folder.rstrip("/") + "/")),
               key=len, default=None)
    if best is None:
        raise SystemExit(f"{module} is in no folder of pyproject's package-dir")
    package = next(name for name, folder in dirs.items() if folder == best)
    return package.replace(".", "/") + module[len(best):]


def _ignored(folder: str, names: list[str]) -> set[str]:
    return {name for name in names if name in ("__pycache__", ".mypy_cache", ".ruff_cache")
            or name.endswith(".pyc")}


def tracked_top_level() -> list[str]:
    """The repository's top-level entries (what a clean clone has), build output excluded."""
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                                check=True).stdout.splitlines()
        entries = {line.split("/", 1)[0] for line in listed}
    except (OSError, subprocess.CalledProcessError):
        entries = {p.name for p in REPO.iterdir() if not p.name.startswith(".") and p.name != "build"}
    return sorted(entries - {"pyproject.toml"})


LAYOUT = """\"\"\"Generated by .ci/mutation/mutate.py: itmscheck's data packages where pyproject puts them.

Loaded first (``-p``), it maps each package below to its folder in this tree, as the
editable install maps it to the checkout's: rule files and labs keep the paths that
messages name and tests expect.
\"\"\"
import sys
from importlib.util import spec_from_file_location
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAPPING = {mapping!r}


class _PackageDirFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname not in MAPPING:
            return None
        folder = HERE / MAPPING[fullname]
        return spec_from_file_location(fullname, folder / "__init__.py",
                                       submodule_search_locations=[str(folder)])


sys.meta_path.insert(0, _PackageDirFinder)

ORDER = {order!r}

# A mutant is killed by the first failing example: hypothesis need not shrink it to the
# smallest one (shrinking takes most of a killed mutant's time), nor remember it for the
# next mutant, which is another program.
try:
    from hypothesis import Phase, settings
except ImportError:  # a group without property tests runs without hypothesis
    pass
else:
    settings.register_profile("mutation", phases=[Phase.explicit, Phase.generate], database=None,
                              deadline=None)
    settings.load_profile("mutation")


# The group's test files in the order core.yaml lists them: its sharpest tests first,
# so that a mutant they kill stops the run early (mutmut runs with -x).
def pytest_collection_modifyitems(items):
    def rank(item):
        path = item.nodeid.split("::")[0]
        return ORDER.index(path) if path in ORDER else len(ORDER)

    items.sort(key=rank)
"""
LAYOUT_PLUGIN = "_itmscheck_layout"


def stage(group: Group, root: Path, dirs: dict[str, str], packages: set[str]) -> None:
    """The scratch tree: the package under its installed name, the repository beside it.

    The packages that hold core modules are copied under their import names (where
    mutmut mutates them); the others (rules, the demo labs: data) stay in their
    repository folders, found there by a generated pytest plugin.
    """
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for package in sorted(packages, key=lambda name: name.count(".")):
        shutil.copytree(REPO / dirs[package], root / package.replace(".", "/"), ignore=_ignored,
                        dirs_exist_ok=True)
    write_layout(group, root, dirs, packages)
    also_copy = tracked_top_level()
    for entry in also_copy:  # mutmut copies these next to its mutants (and tests read them there)
        (root / entry).symlink_to(REPO / entry)
    write_settings(group, root, dirs, also_copy)


def write_layout(group: Group, root: Path, dirs: dict[str, str], packages: set[str]) -> None:
    """The pytest plugin that finds the data packages and runs the group's tests in order."""
    data = {package: folder for package, folder in dirs.items() if package not in packages}
    (root / f"{LAYOUT_PLUGIN}.py").write_text(LAYOUT.format(mapping=data, order=list(group.tests)),
                                              encoding="utf-8")


def write_settings(group: Group, root: Path, dirs: dict[str, str], also_copy: list[str]) -> None:
    """The scratch tree's pyproject: the repository's, with the group's ``[tool.mutmut]``."""
    mutated = [installed_path(module, dirs) for module in group.modules]
    settings = {
        "source_paths": [PACKAGE],
        "only_mutate": mutated,
        "also_copy": [*also_copy, f"{LAYOUT_PLUGIN}.py"],
        # the tests of this group only; mutmut then runs, for each mutant, those that reached it
        "pytest_add_cli_args_test_selection": list(group.tests),
        "pytest_add_cli_args": ["-p", LAYOUT_PLUGIN, "-p", "no:cacheprovider", "-p", "no:xdist",
                                "-p", "no:randomly"],
        "use_git_change_detection": False,  # the tree is scratch, rebuilt at every run
    }
    lines = [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(pyproject + "\n[tool.mutmut]\n" + "\n".join(lines) + "\n",
                                         encoding="utf-8")


def code_packages(groups: Iterable[Group], dirs: dict[str, str]) -> set[str]:
    """The packages (of pyproject's package-dir) that hold a module of the core, and their parents."""
    found = set()
    for group in groups:
        for module in group.modules:
            installed = installed_path(module, dirs).replace("/", ".")
            found |= {package for package in dirs if installed.startswith(package + ".")}
    return found


def run_mutmut(root: Path, jobs: int, names: Sequence[str] = ()) -> int:
    """``mutmut run`` in the scratch tree; its progress goes to ``mutmut.log`` there."""
    env = {**os.environ,
           # The caches are keyed by the package's files, which are the same for every
           # mutant (mutmut switches mutants at run time): a mutant must never be served
           # a catalog or a guard verdict that another mutant produced.
           "ITMSCHECK_NO_CACHE": "1",
           "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("ITMSCHECK_CACHE_DIR", None)
    with (root / "mutmut.log").open("a", encoding="utf-8") as log:
        done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs),
                               *names], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              check=False)
    return done.returncode


def run_again(group: Group, root: Path, dirs: dict[str, str], jobs: int) -> int:
    """Run the survivors of the last run again, against the tests as they are now.

    A survivor equivalent.yaml explains is not run again: no test can kill it.
    """
    mutants = [m for m in results(group, root, dirs) if not m.caught]
    explain(mutants, root, load_equivalents())
    survivors = [m.name for m in mutants if m.equivalent is None]
    if not survivors:
        return 0
    tests = root / "mutants" / "tests"
    shutil.rmtree(tests)
    shutil.copytree(REPO / "tests", tests, ignore=_ignored)
    # core.yaml's test files as they are now (mutmut copies both files into mutants/ again)
    write_layout(group, root, dirs, code_packages(load_groups(), dirs))
    write_settings(group, root, dirs, tracked_top_level())
    (root / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)  # new tests: who reaches what
    return run_mutmut(root, jobs, survivors)


def function_of(key: str) -> str:
    """``pkg.mod.x_name__mutmut_3`` -> ``name``; ``pkg.mod.xǁClassǁmethod__mutmut_3`` -> ``Class.method``."""
    mangled = key.rsplit(".", 1)[-1].partition("__mutmut_")[0]
    if mangled.startswith("xǁ"):
        return ".".join(part for part in mangled[2:].split("ǁ") if part)
    return mangled[2:] if mangled.startswith("x_") else mangled


def status_of(code: Any) -> str:
    if code in KILLED:
        return "killed"
    if code in TIMEOUT:
        return "timeout"
    if code in SURVIVED:
        return "survived"
    if code in NO_TESTS:
        return "no tests"
    return "not checked" if code is None else f"other ({code})"


def results(group: Group, root: Path, dirs: dict[str, str]) -> list[Mutant]:
    """Every mutant of the group's modules with its status, from mutmut's result files."""
    found = []
    for module in group.modules:
        meta = root / "mutants" / (installed_path(module, dirs) + ".meta")
        if not meta.exists():
            raise SystemExit(f"{group.name}: mutmut left no results for {module} (see {root}/mutmut.log)")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        found += [Mutant(name=key, module=module, function=function_of(key), status=status_of(code))
                  for key, code in sorted(codes.items(), key=lambda item: _natural(item[0]))]
    return found


def _natural(key: str) -> tuple[str, int]:
    name, _, number = key.rpartition("__mutmut_")
    return name, int(number) if number.isdigit() else 0


def explain(mutants: Iterable[Mutant], root: Path, equivalents: list[Equivalent]) -> None:
    """Fill in each survivor's diff and, when it is listed, why it is equivalent."""
    for mutant in mutants:
        if mutant.caught or mutant.status == "not checked":
            continue
        shown = subprocess.run([sys.executable, "-m", "mutmut", "show", mutant.name], cwd=root,
                               capture_output=True, text=True, check=False).stdout
        mutant.diff = "\n".join(line for line in shown.splitlines()
                                if line.startswith(("-", "+", " ", "@@")) and
                                not line.startswith(("---", "+++")))
        mutant.removed = _lines("\n".join(line[1:] for line in mutant.diff.splitlines()
                                          if line.startswith("-")))
        mutant.added = _lines("\n".join(line[1:] for line in mutant.diff.splitlines()
                                        if line.startswith("+")))
        mutant.equivalent = next((e for e in equivalents if e.module == mutant.module
                                  and e.function == mutant.function and e.original == mutant.removed
                                  and e.mutant == mutant.added), None)


def report(group: Group, mutants: list[Mutant], seconds: float) -> Tally:
    by_module: dict[str, Tally] = {module: Tally() for module in group.modules}
    for mutant in mutants:
        by_module[mutant.module].add(mutant)
    total = Tally()
    print(f"\n== {group.name}: {len(group.modules)} modules, {len(group.tests)} test files, "
          f"{seconds:.0f} s")
    print(f"   {'module':<48} {'mutants':>7} {'killed':>7} {'equiv.':>7} {'survived':>8} "
          f"{'not run':>7} {'kill rate':>9}")
    for module, tally in by_module.items():
        print(f"   {module:<48} {tally.mutants:>7} {tally.killed:>7} {tally.equivalent:>7} "
              f"{len(tally.survivors):>8} {tally.unchecked:>7} {tally.rate:>8.1f}%")
        total.merge(tally)
    verdict = "ok" if total.rate >= group.target else f"BELOW the target of {group.target:g} %"
    if total.unchecked:
        verdict = f"INCOMPLETE: {total.unchecked} mutants not run; " + verdict
    print(f"   {'(group)':<48} {total.mutants:>7} {total.killed:>7} {total.equivalent:>7} "
          f"{len(total.survivors):>8} {total.unchecked:>7} {total.rate:>8.1f}%  {verdict}")
    return total


def show_survivors(survivors: list[Mutant]) -> None:
    for mutant in survivors:
        print(f"\n-- survived ({mutant.status}): {mutant.name}  [{mutant.module}: {mutant.function}]")
        print(mutant.diff or "   (no diff: see `mutmut show` in the scratch tree)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fast", action="store_true", help="only the groups CI runs on every run")
    parser.add_argument("--group", action="append", default=[], help="only this group (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="mutants run at once")
    parser.add_argument("--again", action="store_true",
                        help="keep the scratch trees, take the tests as they are now and run only "
                             "the last run's survivors again (while writing tests; the code must "
                             "not have changed)")
    parser.add_argument("--report", action="store_true",
                        help="run nothing: tabulate the scratch trees' last results (survivors' "
                             "diffs only where equivalent.yaml lists their module)")
    parser.add_argument("--overall", type=float, default=90.0,
                        help="the kill rate the whole run must reach (percent)")
    args = parser.parse_args(argv)

    groups = load_groups()
    unknown = set(args.group) - {g.name for g in groups}
    if unknown:
        parser.error(f"no group {', '.join(sorted(unknown))} in core.yaml")
    chosen = [g for g in groups if (not args.group or g.name in args.group) and (g.fast or not args.fast)]
    dirs, equivalents = package_dirs(), load_equivalents()
    started, overall, below = time.monotonic(), Tally(), []
    for group in chosen:
        began = time.monotonic()
        root = REPO / "build" / "mutation" / group.name
        if args.report and not (root / "mutants").is_dir():
            print(f"\n== {group.name}: not run (no {root.relative_to(REPO)}/mutants)")
            continue
        if args.report:
            code = 0
        elif args.again and (root / "mutants").is_dir():
            code = run_again(group, root, dirs, args.jobs)
        else:
            stage(group, root, dirs, code_packages(groups, dirs))
            code = run_mutmut(root, args.jobs)
        if code != 0:
            print(f"{group.name}: mutmut run failed (exit {code}); its output is in {root}/mutmut.log")
            return 2
        mutants = results(group, root, dirs)
        listed = {e.module for e in equivalents}
        explain([m for m in mutants if not args.report or m.module in listed], root, equivalents)
        tally = report(group, mutants, time.monotonic() - began)
        if not args.report:
            show_survivors(tally.survivors)
        overall.merge(tally)
        if tally.rate < group.target:
            below.append(group.name)
    print(f"\n== all {len(chosen)} groups: {overall.mutants} mutants, {overall.killed} killed, "
          f"{overall.equivalent} equivalent, {len(overall.survivors)} survived, "
          f"{overall.unchecked} not run: kill rate "
          f"{overall.rate:.1f}% in {time.monotonic() - started:.0f} s")
    if overall.rate < args.overall:
        below.append(f"the whole run (target {args.overall:g} %)")
    if below:
        print(f"BELOW TARGET: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
