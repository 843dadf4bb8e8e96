"""Fuzzing the loaders and the evaluator: whatever the input, a verdict or exit 2, never a crash.

Every run goes through the real command line in-process. "internal error" is
the catch-all's message for an escaped exception: the tests treat it as the
crash it is.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itmscheck.cli.app import main
from tests.conftest import LABS

READY = LABS / "ready"
SOURCE = json.loads((READY / "source.json").read_text(encoding="utf-8"))
SITE = yaml.safe_load((READY / "site.yaml").read_text(encoding="utf-8"))
RULES = yaml.safe_load((Path(__file__).parents[1] / "rules" / "ch01_introducing.yaml").read_text())

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> Any:
    """The document with a few subtrees deleted or replaced by arbitrary JSON."""
    result = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(result) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = result
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_values)
    return result


def _run(*args: Any) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, err.getvalue()


def _assert_clean(code: int, err: str, file: Path) -> None:
    assert code in (0, 1, 2)
    assert "Traceback" not in err and "internal error" not in err, err
    if code == 2:
        assert err.startswith("itmscheck: ") and str(file) in err, err
        assert err.count("\n") <= 2  # one message (and the offending line)


@FUZZ
@given(document=mutated(SOURCE))
def test_mutated_snapshots_give_a_verdict_or_exit_2(document: Any, tmp_path_factory: Any) -> None:
    file = tmp_path_factory.mktemp("fuzz") / "source.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    code, err = _run("check", "--phase", "pre", "--source", file,
                     "--target", READY / "target-pre.json", "--site", READY / "site.yaml")
    _assert_clean(code, err, file)


@FUZZ
@given(data=st.binary(max_size=300), cut=st.integers(0, 5000))
def test_corrupted_bytes_never_crash(data: bytes, cut: int, tmp_path_factory: Any) -> None:
    raw = (READY / "source.json").read_bytes()
    file = tmp_path_factory.mktemp("fuzz") / "source.json"
    file.write_bytes(raw[:cut] + data + raw[cut:])
    code, err = _run("check", "--source", file)
    _assert_clean(code, err, file)


@FUZZ
@given(document=mutated(SITE))
def test_mutated_site_files_give_a_verdict_or_exit_2(document: Any, tmp_path_factory: Any) -> None:
    file = tmp_path_factory.mktemp("fuzz") / "site.yaml"
    file.write_text(yaml.safe_dump(document), encoding="utf-8")
    code, err = _run("check", "--phase", "post", "--source", READY / "source.json",
                     "--target", READY / "target-post.json", "--site", file)
    _assert_clean(code, err, file)


@FUZZ
@given(text=st.text(max_size=400))
def test_arbitrary_text_as_a_site_file_never_crashes(text: str, tmp_path_factory: Any) -> None:
    file = tmp_path_factory.mktemp("fuzz") / "site.yaml"
    file.write_text(text, encoding="utf-8")
    code, err = _run("check", "--source", READY / "source.json", "--site", file)
    _assert_clean(code, err, file)


@FUZZ
@given(document=mutated({**RULES, "rules": [
    {**rule, "id": rule["id"].replace("CH01-", "FUZZ-")} for rule in RULES["rules"]]}))
def test_mutated_rule_files_load_or_exit_2(document: Any, tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("rules")
    file = folder / "fuzz.yaml"
    file.write_text(yaml.safe_dump(document), encoding="utf-8")
    code, err = _run("check", "--rules-dir", folder, "--phase", "post")
    _assert_clean(code, err, file)
