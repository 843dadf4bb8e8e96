"""The Ansible example calls itmscheck as it really is: files that exist, options the parser takes.

ansible-playbook --syntax-check and ansible-lint run in .ci/ansible-example (their own venv);
these checks need no Ansible.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from itmscheck.cli.parser import build_parser
from itmscheck.evidence.documents import validate
from tests.conftest import REPO

FOLDER = REPO / "examples" / "ansible"
PLAY = yaml.safe_load((FOLDER / "collect-and-judge.yml").read_text(encoding="utf-8"))


def _tasks() -> list[dict[str, Any]]:
    return [task for play in PLAY for task in play["tasks"]]


def _filled(argument: str) -> str:
    """A Jinja expression stands for a path or a value the parser will take."""
    return re.sub(r"\{\{[^}]*\}\}", "x", argument)


def test_the_itmscheck_commands_of_the_play_are_ones_the_command_line_accepts() -> None:
    commands = [task["ansible.builtin.command"]["argv"] for task in _tasks()
                if "ansible.builtin.command" in task]
    assert [argv[1] for argv in commands] == ["collect", "fleet"]
    for argv in commands:
        filled = [_filled(arg) for arg in argv[1:]]
        if "--role" in filled:
            filled[filled.index("--role") + 1] = "source"
        if "--phase" in filled:
            filled[filled.index("--phase") + 1] = "pre"
        build_parser().parse_args(filled)  # SystemExit (usage error) fails the test


def test_the_play_copies_the_script_the_project_ships_and_runs_it_for_the_hosts_role() -> None:
    script = PLAY[0]["vars"]["itms_script"].replace("{{ playbook_dir }}", str(FOLDER))
    assert Path(script).resolve() == REPO / "checks" / "collectors" / "windows" / "Get-ItmsFacts.ps1"
    run = next(task for task in _tasks() if "ansible.windows.win_command" in task)
    argv = run["ansible.windows.win_command"]["argv"]
    assert argv[argv.index("-Role") + 1] == "{{ itms_role }}"


def test_the_example_inventory_gives_each_host_a_role_and_a_server_of_the_fleet_file() -> None:
    hosts = yaml.safe_load((FOLDER / "inventory.example.yml").read_text(encoding="utf-8"))
    servers = hosts["all"]["children"]["notification_servers"]["hosts"]
    fleet = yaml.safe_load((FOLDER / "fleet.example.yml").read_text(encoding="utf-8"))
    validate(fleet, "fleet.schema.json", "fleet.example.yml")
    assert {host["itms_role"] for host in servers.values()} == {"source", "target"}
    assert {host["itms_server"] for host in servers.values()} == {s["name"] for s in fleet["servers"]}
