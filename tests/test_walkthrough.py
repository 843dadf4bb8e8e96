"""docs/walkthrough.md: every command it shows exists and runs, every YAML it shows is accepted."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from itmscheck.cli.app import _reporter_options
from itmscheck.cli.parser import build_parser
from itmscheck.engine import loader
from itmscheck.evidence.site import load_site

REPO = Path(__file__).resolve().parents[1]
TEXT = (REPO / "docs" / "walkthrough.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", TEXT, re.S)


def _commands(*prefixes: str) -> list[str]:
    """Shell lines starting with one of ``prefixes``, in order, continuation lines joined."""
    found = []
    for kind, body in BLOCKS:
        if kind != "sh":
            continue
        for line in body.replace("\\\n", " ").splitlines():
            if line.strip().startswith(prefixes):
                found.append(re.sub(r"\s+", " ", line.strip()))
    return found


def test_the_walkthrough_covers_the_whole_migration() -> None:
    commands = " ".join(_commands("itmscheck"))
    for step in ("collect --role source", "--import", "check --phase pre", "check --phase install",
                 "collect --role target", "check --phase post", "itmscheck diff"):
        assert step in commands, step
    for words in ("Get-ItmsFacts.ps1 -Role source", "attestations:", "tar czf", "SHA256SUMS"):
        assert words in TEXT, words


def test_every_itmscheck_command_of_the_walkthrough_parses() -> None:
    import shlex

    parser = build_parser(_reporter_options())
    commands = _commands("itmscheck")
    assert len(commands) >= 10
    for command in commands:
        command = re.sub(r'"\$\(.*\)"', "2026-11-24T16:00:00Z", command.split(" #")[0])
        parser.parse_args(shlex.split(command)[1:])  # exits 2 on an option that does not exist


def test_every_yaml_of_the_walkthrough_is_a_valid_site_file(tmp_path) -> None:
    known = loader.catalog().ids
    blocks = [body for kind, body in BLOCKS if kind == "yaml"]
    assert len(blocks) >= 3
    for number, body in enumerate(blocks):
        file = tmp_path / f"{number}.yaml"
        header = "" if body.startswith("itmscheck_site:") else "itmscheck_site: 1\n"
        file.write_text(header + body, encoding="utf-8")
        site = load_site(file)  # exactly as check and collect read it
        assert set(site.attestations) | {w["rule"] for w in site.waivers} <= known


def test_the_gate_commands_run_as_written_on_staged_evidence(tmp_path) -> None:
    """Steps 2 to 6 on the ready lab's snapshots, standing in for NS70 and NS75."""
    lab = REPO / "examples" / "lab" / "ready"
    for phase, target in (("pre", "target-pre.json"), ("install", "target-post.json"),
                          ("post", "target-post.json")):
        (tmp_path / "evidence" / phase).mkdir(parents=True)
        shutil.copy(lab / target, tmp_path / "evidence" / phase / "ns75.json")
    shutil.copy(lab / "source.json", tmp_path / "evidence" / "pre" / "ns70.json")
    shutil.copy(lab / "source-post.json", tmp_path / "evidence" / "post" / "ns70.json")
    shutil.copy(lab / "site.yaml", tmp_path / "site.yaml")
    bin_dir = Path(sys.executable).parent
    runnable = [c for c in _commands("itmscheck", "pytest --itmscheck", "cp site.yaml")
                if not c.startswith("itmscheck collect") and "examples/lab" not in c
                and c != "itmscheck check"]
    assert len(runnable) >= 8
    for command in runnable:
        done = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True,
                              timeout=300, executable=shutil.which("bash"),
                              env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)})
        assert done.returncode == 0, f"{command}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
    for phase in ("pre", "install", "post"):
        for report in ("report.json", "report.xml", "report.html"):
            assert (tmp_path / "evidence" / phase / report).exists()
    import json

    replay, original = (json.loads((tmp_path / name).read_text())
                        for name in ("replay.json", "evidence/post/report.json"))
    assert replay["checked_at"] == original["checked_at"]
    assert {k: v for k, v in replay.items() if k != "inputs"} == {
        k: v for k, v in original.items() if k != "inputs"}


@pytest.mark.parametrize("command", [c for c in _commands("itmscheck") if "examples/lab" in c])
def test_the_commands_without_servers_run_on_the_bundled_labs(command: str) -> None:
    done = subprocess.run(command, shell=True, cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"})
    assert done.returncode in (0, 1) and "itmscheck:" not in done.stderr, done.stderr
