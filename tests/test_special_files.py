"""Issue 14, files: only regular files are read, and no output replaces what it must not.

A FIFO, a device or a folder given as an input is exit 2 at once (nothing is
read from it, nothing hangs); a rule folder that cannot be read, or holds a
dangling link, is exit 2. An output that is an input or another output is
exit 2 with every file untouched; a report path that is a symbolic link or a
device is written through, never replaced.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import LABS

READY = LABS / "ready"
NOT_READY = LABS / "not-ready"


def _cli(*args: object, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command line in a child process, bounded in time and memory (a device read runs away)."""
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = {**os.environ, "ITMSCHECK_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "itmscheck", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, preexec_fn=limits, env=env, check=False)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy_lab(tmp_path: Path) -> dict[str, Path]:
    files = {}
    for name in ("source.json", "target-pre.json", "site.yaml"):
        files[name] = tmp_path / name
        shutil.copy(READY / name, files[name])
    return files


# --- inputs: only regular files are read --------------------------------------------------------

def test_a_fifo_given_as_the_site_file_is_exit_2_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "site.yaml"
    os.mkfifo(fifo)
    run = _cli("check", "--source", READY / "source.json", "--site", fifo, timeout=30)
    assert run.returncode == 2
    assert f"{fifo}: is a FIFO (named pipe), not a regular file" in run.stderr


def test_a_character_device_given_as_the_source_is_exit_2_before_a_byte_is_read(tmp_path: Path) -> None:
    zero = tmp_path / "zero"
    os.mknod(zero, stat.S_IFCHR | 0o444, os.makedev(1, 5))  # what /dev/zero is: it never ends
    run = _cli("check", "--source", zero, timeout=30)
    assert run.returncode == 2
    assert f"{zero}: is a character device, not a regular file" in run.stderr


def test_a_fifo_in_a_rule_folder_is_exit_2_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "mine.yaml")
    run = _cli("rules", "--rules-dir", tmp_path, timeout=30)
    assert run.returncode == 2
    assert "mine.yaml: is not a regular file" in run.stderr


def test_a_dangling_link_in_a_rule_folder_is_exit_2(itmscheck, tmp_path: Path) -> None:
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    run = itmscheck("rules", "--rules-dir", tmp_path)
    assert run.code == 2
    assert run.err == f"itmscheck: {tmp_path / 'gone.yaml'}: is a dangling symbolic link\n"


def test_a_dangling_link_given_as_the_source_says_so(itmscheck, tmp_path: Path) -> None:
    (tmp_path / "source.json").symlink_to(tmp_path / "moved.json")
    run = itmscheck("check", "--source", tmp_path / "source.json")
    assert run.code == 2
    assert "is a dangling symbolic link (its target does not exist)" in run.err


def test_a_rule_folder_that_cannot_be_listed_is_exit_2_not_silently_empty(
        itmscheck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "site-rules"
    folder.mkdir()
    listing = os.scandir

    def refused(path: object = ".") -> object:
        if Path(str(path)) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)  # type: ignore[arg-type]

    monkeypatch.setenv("ITMSCHECK_NO_CACHE", "1")
    monkeypatch.setattr(os, "scandir", refused)
    run = itmscheck("rules", "--rules-dir", folder)
    assert run.code == 2
    assert run.err == f"itmscheck: {folder}: rule folder cannot be read: Permission denied\n"


# --- outputs: never the same file as an input or another output --------------------------------

@pytest.mark.parametrize("victim", ["source.json", "target-pre.json", "site.yaml"])
def test_a_report_naming_an_input_is_exit_2_and_the_input_is_untouched(
        itmscheck, tmp_path: Path, victim: str) -> None:
    files = _copy_lab(tmp_path)
    before = _digest(files[victim])
    run = itmscheck("check", "--source", files["source.json"], "--target", files["target-pre.json"],
                    "--site", files["site.yaml"], "--json", files[victim])
    assert run.code == 2
    assert "--json names the same file as" in run.err and "nothing was written" in run.err
    assert _digest(files[victim]) == before


def test_a_report_through_a_hard_link_to_the_evidence_is_refused(itmscheck, tmp_path: Path) -> None:
    files = _copy_lab(tmp_path)
    os.link(files["source.json"], tmp_path / "report.xml")
    before = _digest(files["source.json"])
    run = itmscheck("check", "--source", files["source.json"], "--junit", tmp_path / "report.xml")
    assert run.code == 2
    assert "--junit names the same file as --source" in run.err
    assert _digest(files["source.json"]) == before


def test_two_reports_on_one_path_are_exit_2_and_nothing_is_written(itmscheck, tmp_path: Path) -> None:
    run = itmscheck("check", "--json", tmp_path / "r", "--html", tmp_path / "." / "r")
    assert run.code == 2
    assert "--html names the same file as --json" in run.err
    assert not (tmp_path / "r").exists()


def test_a_report_naming_a_rule_file_is_refused(itmscheck, tmp_path: Path) -> None:
    rule = tmp_path / "rules" / "mine.yaml"
    rule.parent.mkdir()
    rule.write_text("itmscheck_rules: 1\nchapter: {number: 1, title: Introducing IT Management Suite "
                    "migration}\nrules: []\n", encoding="utf-8")
    before = _digest(rule)
    run = itmscheck("check", "--rules-dir", rule.parent, "--json", rule)
    assert run.code == 2 and "names the same file as a rule file" in run.err
    assert _digest(rule) == before


def test_plan_output_naming_its_source_is_refused(itmscheck, tmp_path: Path) -> None:
    files = _copy_lab(tmp_path)
    before = _digest(files["source.json"])
    run = itmscheck("plan", "--source", files["source.json"], "--output", files["source.json"])
    assert run.code == 2 and "--output names the same file as --source" in run.err
    assert _digest(files["source.json"]) == before


def test_collect_output_naming_its_fragment_is_refused(itmscheck, tmp_path: Path) -> None:
    fragment = tmp_path / "ns75.json"
    shutil.copy(Path(__file__).parent / "lab" / "ns75-fragment.json", fragment)
    before = _digest(fragment)
    run = itmscheck("collect", "--role", "target", "--import", fragment, "--output", fragment)
    assert run.code == 2 and "--output names the same file as --import" in run.err
    assert _digest(fragment) == before


def test_diff_json_naming_a_snapshot_is_refused(itmscheck, tmp_path: Path) -> None:
    files = _copy_lab(tmp_path)
    before = _digest(files["source.json"])
    run = itmscheck("diff", files["source.json"], READY / "target-post.json", "--json", files["source.json"])
    assert run.code == 2 and "--json names the same file as BEFORE" in run.err
    assert _digest(files["source.json"]) == before


# --- outputs: links and devices are written through, never replaced -----------------------------

def test_a_report_path_that_is_a_symbolic_link_is_written_through(itmscheck, tmp_path: Path) -> None:
    target = tmp_path / "archive" / "report.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    run = itmscheck("check", "--json", link)
    assert run.code == 0, run.err
    assert link.is_symlink() and link.resolve() == target
    assert '"verdict": "GO"' in target.read_text(encoding="utf-8")


def test_a_report_path_that_is_a_device_is_written_through_not_replaced(itmscheck, tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    run = itmscheck("check", "--json", null, "--html", null)
    assert run.code == 0, run.err
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_report_path_that_is_a_fifo_nobody_reads_is_refused_not_replaced(itmscheck, tmp_path: Path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    run = itmscheck("check", "--json", fifo)
    assert run.code == 2 and "is a FIFO (named pipe) that nobody reads" in run.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_report_path_that_is_a_dangling_link_is_refused(itmscheck, tmp_path: Path) -> None:
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "missing" / "report.json")
    run = itmscheck("check", "--json", link)
    assert run.code == 2 and "is a dangling symbolic link" in run.err
    assert link.is_symlink()


def test_plan_output_through_a_link_keeps_the_link(itmscheck, tmp_path: Path) -> None:
    target = tmp_path / "sites" / "site.yaml"
    target.parent.mkdir()
    target.write_text("itmscheck_site: 1\n", encoding="utf-8")
    link = tmp_path / "site.yaml"
    link.symlink_to(target)
    run = itmscheck("plan", "--source", NOT_READY / "source.json", "--output", link)
    assert run.code == 0, run.err
    assert link.is_symlink() and "waves:" in target.read_text(encoding="utf-8")
