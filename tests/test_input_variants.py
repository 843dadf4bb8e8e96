"""What Windows tools write is accepted: a UTF-8 BOM, CRLF line endings; what is too big is not."""

from __future__ import annotations

import json

import pytest

from tests.conftest import LABS, lab_args


def _verdict(itmscheck, args, tmp_path) -> tuple[int, list]:
    run = itmscheck(*args, "--json", tmp_path / "r.json")
    assert run.code in (0, 1), run.err
    return run.code, [(r["rule"], r["status"]) for r in
                      json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["results"]]


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_bom_and_crlf_give_the_same_verdict(itmscheck, tmp_path, variant) -> None:
    """PowerShell 2.0's Out-File -Encoding UTF8 writes a BOM; Notepad writes CRLF."""
    expected = _verdict(itmscheck, lab_args("not-ready", "post"), tmp_path)
    args = lab_args("not-ready", "post")
    for option in ("--source", "--target", "--site"):
        original = LABS / "not-ready" / args[args.index(option) + 1].rsplit("/", 1)[1]
        data = original.read_bytes()
        if "crlf" in variant:
            data = data.replace(b"\n", b"\r\n")
        if "bom" in variant:
            data = b"\xef\xbb\xbf" + data
        copy = tmp_path / f"{variant}-{original.name}"
        copy.write_bytes(data)
        args[args.index(option) + 1] = str(copy)
    assert _verdict(itmscheck, args, tmp_path) == expected


def test_a_file_over_the_size_limit_is_refused_without_reading_it(itmscheck, tmp_path) -> None:
    huge = tmp_path / "source.json"
    with huge.open("wb") as handle:
        handle.truncate(33 * 1024 * 1024)  # sparse: nothing is written, nothing need be read
    run = itmscheck("check", "--source", huge)
    assert run.code == 2
    assert run.err == f"itmscheck: {huge}: file is 34603008 bytes, more than the 33554432 allowed\n"
