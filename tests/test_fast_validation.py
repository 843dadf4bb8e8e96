"""jsonschema-rs, the fast path of validation, never accepts what jsonschema refuses.

itmscheck.evidence.documents.validate accepts a document when jsonschema-rs finds it
valid and asks jsonschema, the reference, otherwise. That is only safe if
every document jsonschema-rs accepts is one the reference accepts too. The
two can differ only where a schema leaves room for dialects: regular
expressions (``pattern``, ``format: regex``) and formats. These tests hold
every such place to that promise, and the corpora to exact agreement.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_json, load_yaml, validate
from itmscheck.evidence.schemas import _fast_schema, accepted_fast, schema, schema_document
from tests.conftest import LABS, REPO
from tests.test_fuzz import SITE, SOURCE, mutated

SCHEMAS = sorted(p.name for p in (REPO / "rules" / "schema").glob("*.schema.json"))
FAST = [name for name in SCHEMAS if _fast_schema(name) is not None]
CHECK = settings(max_examples=150, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow])


def _corpus() -> list[tuple[Path, str]]:
    bad = REPO / "tests" / "bad_input"
    return sorted(
        [(p, "snapshot.schema.json") for p in [*LABS.glob("*/*.json"), *bad.glob("source-*"),
                                                 *bad.glob("target-*")]]
        + [(p, "site.schema.json") for p in [*LABS.glob("*/site.yaml"), *bad.glob("site-*")]]
        + [(p, "rules.schema.json") for p in [*(REPO / "rules").glob("ch*.yaml"),
                                                *bad.glob("rules-*.yaml")]])


def _readable(path: Path) -> Any:
    if path.suffix == ".expected":
        return None
    try:
        return load_json(path) if path.suffix == ".json" else load_yaml(path)
    except Exception:  # the corpus holds malformed files on purpose: nothing to validate
        return None


CORPUS = [(path, name, doc) for path, name in _corpus() if (doc := _readable(path)) is not None]


def _reference_accepts(document: Any, name: str) -> bool:
    return not any(True for _ in schema(name).iter_errors(document))


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    return [p for value in node for p in _patterns(value)] if isinstance(node, list) else []


PATTERNS = sorted({p for name in FAST for p in _patterns(json.loads(
    (REPO / "rules" / "schema" / name).read_text(encoding="utf-8")))})


def test_the_corpora_are_large_enough_to_mean_something() -> None:
    assert len(CORPUS) >= 90
    assert {name for _path, name, _doc in CORPUS} >= {"snapshot.schema.json", "site.schema.json",
                                                      "rules.schema.json"}
    assert len(PATTERNS) >= 8


@pytest.mark.parametrize(("path", "name", "document"), CORPUS,
                         ids=[f"{p.parent.name}/{p.name}" for p, _n, _d in CORPUS])
def test_fast_and_reference_agree_on_every_corpus_document(path: Path, name: str,
                                                           document: Any) -> None:
    assert accepted_fast(document, name) == _reference_accepts(document, name), path


@pytest.mark.parametrize("pattern", PATTERNS)
def test_no_character_matches_a_pattern_in_the_fast_dialect_only(pattern: str) -> None:
    fast = jsonschema_rs.Draft202012Validator({"type": "string", "pattern": pattern})
    python = re.compile(pattern)
    wrong = [hex(code) for code in range(sys.maxunicode + 1)
             if not 0xD800 <= code <= 0xDFFF
             and fast.is_valid(chr(code)) and not python.search(chr(code))]
    assert wrong == []


@pytest.mark.parametrize("pattern", PATTERNS)
@CHECK
@given(text=st.text(st.characters(codec="utf-8"), max_size=80))
def test_no_text_matches_a_pattern_in_the_fast_dialect_only(pattern: str, text: str) -> None:
    if jsonschema_rs.Draft202012Validator({"type": "string", "pattern": pattern}).is_valid(text):
        assert re.search(pattern, text)


@CHECK
@given(document=mutated(SOURCE))
def test_a_mutated_snapshot_the_fast_path_accepts_the_reference_accepts(document: Any) -> None:
    if accepted_fast(document, "snapshot.schema.json"):
        assert _reference_accepts(document, "snapshot.schema.json")


@CHECK
@given(document=mutated(SITE))
def test_a_mutated_site_file_the_fast_path_accepts_the_reference_accepts(document: Any) -> None:
    if accepted_fast(document, "site.schema.json"):
        assert _reference_accepts(document, "site.schema.json")


def test_a_waiver_signed_with_a_separator_character_only_is_refused(itmscheck, tmp_path) -> None:
    # U+001C is not \s to ECMA-262 but is to Python: with a plain "\S" pattern the
    # fast path accepted this waiver, whose "by" names nobody.
    site = tmp_path / "site.yaml"
    site.write_text((LABS / "ready" / "site.yaml").read_text(encoding="utf-8")
                    + 'waivers:\n  - rule: CH01-SUPPORTED-PATH\n    reason: "lab"\n'
                      '    by: "\\x1c"\n    expires: "2030-01-01"\n', encoding="utf-8")
    run = itmscheck("check", "--source", LABS / "ready" / "source.json", "--site", site)
    assert run.code == 2
    assert "a waiver needs the name of the person who accepts it" in run.err


def test_a_regex_python_cannot_compile_is_refused_though_ecma_accepts_it() -> None:
    path = REPO / "rules" / "data" / "expected_differences.yaml"
    document = load_yaml(path)
    document["rows"][0]["before"] = "(?<n>x)"  # ECMA-262's named group; Python spells it (?P<n>x)
    alone = jsonschema_rs.Draft202012Validator(schema_document("data.schema.json"),
                                               validate_formats=True)
    assert alone.is_valid(document)
    with pytest.raises(InputError, match="before"):
        validate(document, "data.schema.json", str(path))


def test_a_valid_snapshot_and_site_file_are_checked_without_importing_jsonschema() -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from itmscheck.evidence.snapshot import load_snapshot\n"
        "from itmscheck.evidence.site import load_site\n"
        f"load_snapshot(Path({str(LABS / 'ready' / 'source.json')!r}))\n"
        f"load_site(Path({str(LABS / 'ready' / 'site.yaml')!r}))\n"
        "print('jsonschema' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.strip() == "False"
