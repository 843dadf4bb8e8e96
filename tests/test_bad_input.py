"""Bad input fails closed: exit 2, one clear message naming the file and the field or line.

Each file under tests/bad_input/ is given to the command line in the place its
name says: ``source-``, ``target-``, ``site-``, ``rules-`` (a rule file of a
``--rules-dir``), ``table-NAME`` (the data table ``data/NAME.yaml`` of a
``--rules-dir``) or ``fragment-`` (``collect --import``). The ``.expected`` file
beside it holds the exact message, ``{file}`` standing for its path and
``{repo}`` for the repository's. ``fleet-`` files are given to ``itmscheck fleet``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import LABS, REPO

CORPUS = Path(__file__).parent / "bad_input"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".expected")


def _command(file: Path, tmp_path: Path) -> tuple[list[str], Path]:
    ready = LABS / "ready"
    place = file.name.split("-")[0]
    if place == "fleet":
        return ["fleet", str(file)], file
    if place == "fragment":
        return ["collect", "--role", "source", "--import", str(file),
                "--output", str(tmp_path / "snapshot.json")], file
    args = {"phase": "post" if place == "target" else "pre", "source": ready / "source.json",
            "target": ready / ("target-post.json" if place == "target" else "target-pre.json"),
            "site": ready / "site.yaml"}
    extra: list[str] = []
    if place in ("source", "target", "site"):
        args[place] = file
    else:
        folder = tmp_path / "rules"
        (folder / "data").mkdir(parents=True)
        given = (folder / "data" / file.name.partition("-")[2] if place == "table"
                 else folder / file.name)
        shutil.copy(file, given)
        extra = ["--rules-dir", str(folder)]
        file = given
    return ["check", *[f"--{k}={v}" for k, v in args.items()], *extra], file


@pytest.mark.parametrize("file", FILES, ids=[f.name for f in FILES])
def test_bad_file_exits_2_with_its_expected_message(itmscheck, file: Path, tmp_path) -> None:
    command, given = _command(file, tmp_path)
    run = itmscheck(*command)
    expected = file.with_suffix(".expected").read_text(encoding="utf-8").rstrip("\n")
    assert run.code == 2
    assert "Traceback" not in run.err + run.out
    expected = expected.replace("{file}", str(given)).replace("{repo}", str(REPO))
    assert run.err.rstrip("\n") == "itmscheck: " + expected
    assert not (tmp_path / "snapshot.json").exists()  # collect wrote nothing


def test_every_corpus_file_has_its_expected_message() -> None:
    assert len(FILES) >= 40
    for file in FILES:
        assert file.with_suffix(".expected").exists(), file.name


@pytest.mark.parametrize(("args", "words"), [
    (["check", "--source", "no/such/source.json"], "no/such/source.json: no such file"),
    (["check", "--source", str(CORPUS)], "is a folder, not a file"),
    (["check", "--phase", "during"], "argument --phase: invalid choice: 'during'"),
    (["check", "--target", str(LABS / "ready" / "target-pre.json")], "--target and --site need --source"),
    (["check", "--rule", "CH99-NOPE"], "--rule 'CH99-NOPE' is not a rule of the catalog"),
    (["check", "--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["rules", "--rules-dir", "no/such/folder"], "--rules-dir must name a folder"),
    (["audit"], "invalid choice: 'audit'"),
])
def test_bad_command_line_exits_2(itmscheck, args, words) -> None:
    run = itmscheck(*args) if args[0] != "check" or "--source" in args or "--target" in args \
        else itmscheck(*args, "--source", str(LABS / "ready" / "source.json"))
    assert run.code == 2
    assert words in run.err
    assert "Traceback" not in run.err


def test_unwritable_report_path_exits_2(itmscheck, tmp_path) -> None:
    run = itmscheck("check", "--json", tmp_path / "missing-folder" / "r.json")
    assert run.code == 2
    assert "cannot write the json report" in run.err
