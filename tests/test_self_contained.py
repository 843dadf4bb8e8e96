"""The repository is self-contained: it documents its own contract and names no file outside it."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

import pytest

from itmscheck.cli.app import _reporter_options
from itmscheck.cli.parser import build_parser
from itmscheck.engine.model import SEVERITIES, VERDICTS, Status

REPO = Path(__file__).resolve().parents[1]
CONTRACT = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
# Spelled in pieces so that this file does not name them itself.
OUTSIDE = re.compile("|".join([r"\.\./" + "shared", "shared/" + "(guide|tools)", "CONTRACT" + r"\.md",
                               "DESIGN" + r"\.md", "/" + "work/"]))
# The guide-text tests read the guide where ITMSCHECK_GUIDE points or beside the
# checkout, and skip without it: the one deliberate look outside.
ALLOWED = {"tests/support/guide.py": {'"shared" / "guide"'}}


def _tracked() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True)
    return [REPO / name for name in listed.stdout.decode().split("\0") if name]


def _text(file: Path) -> str | None:
    try:
        return file.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def test_no_tracked_file_names_a_file_outside_the_repository() -> None:
    found = []
    for file in _tracked():
        text = _text(file)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{file.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == []


def test_the_one_look_outside_is_the_optional_guide() -> None:
    for name, allowed in ALLOWED.items():
        text = (REPO / name).read_text(encoding="utf-8")
        assert all(part in text for part in allowed)
        assert "ITMSCHECK_GUIDE" in text


def test_every_relative_link_in_the_docs_stays_inside_the_repository() -> None:
    broken = []
    for file in _tracked():
        if file.suffix != ".md":
            continue
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", file.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target):
                continue  # https:, mailto:
            resolved = (file.parent / target).resolve()
            if not resolved.is_relative_to(REPO) or not resolved.exists():
                broken.append(f"{file.relative_to(REPO)}: {target}")
    assert broken == []


def test_readme_points_at_the_contract() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/contract.md)" in readme


def _options(parser: argparse.ArgumentParser, command: str = ""):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, None
                yield from _options(sub, name)
        elif action.option_strings and action.dest != "help":
            yield command, action.option_strings[-1]


def test_the_contract_names_every_command_and_option() -> None:
    missing = []
    for command, option in _options(build_parser(_reporter_options())):
        if option is None:
            if f"### `{command}`" not in CONTRACT:
                missing.append(command)
        elif not re.search(rf"itmscheck {command}\b[^\n]*(\n[ \t]+[^\n]*)*{re.escape(option)}\b"
                           if command else re.escape(option), CONTRACT):
            missing.append(f"{command} {option}")
    assert missing == []


def test_the_contract_states_every_exit_status_status_severity_and_verdict() -> None:
    table = CONTRACT.split("## Exit statuses", 1)[1].split("\n## ", 1)[0]
    for command in ("check", "collect", "diff", "plan", "rules", "pytest mode"):
        assert re.search(rf"^\| `?{command}`? \|", table, re.M), command
    for word in [s.value for s in Status] + list(SEVERITIES) + list(VERDICTS):
        assert f"`{word}`" in CONTRACT or f"**{word}**" in CONTRACT, word


@pytest.mark.parametrize("schema", ["report", "site", "snapshot"])
def test_the_contract_names_every_top_level_field_of_each_document(schema: str) -> None:
    document = json.loads((REPO / "rules" / "schema" / f"{schema}.schema.json").read_text())
    missing = [key for key in document["properties"] if key not in CONTRACT]
    assert missing == []


def test_the_contract_names_every_json_result_field() -> None:
    document = json.loads((REPO / "rules" / "schema" / "report.schema.json").read_text())
    fields = document["properties"]["results"]["items"]["properties"]
    assert [key for key in fields if f"`{key}`" not in CONTRACT and f'"{key}"' not in CONTRACT] == []
