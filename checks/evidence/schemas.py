"""The JSON Schemas shipped in ``rules/schema/``, and the two validators that apply them.

:func:`accepted_fast` (jsonschema-rs) says yes quickly; :func:`schema`
(jsonschema, the reference) says no in words, and settles any disagreement.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def schema_document(name: str) -> Any:
    return json.loads(resources.files("itmscheck.rules").joinpath("schema", name).read_text(encoding="utf-8"))


@cache
def schema(name: str) -> Any:
    """A JSON Schema shipped in ``rules/schema/``, as a ready validator.

    The shipped schemas are not meta-validated here: that cost 90 ms per schema
    at every start (issue 6's profile of ``collect`` and ``check``) to re-prove
    a fact about files in the package; tests/test_bench_speed.py proves it once.
    """
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema_document(name),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _fast_schema(name: str) -> Any:
    """jsonschema-rs for a shipped schema; None for one that asks for ``format: regex``.

    A regular expression in a rule or data file is compiled by Python's ``re``,
    and jsonschema-rs judges ECMA-262 syntax instead: ``(?<name>x)`` passes
    there and fails here. Only the reference can answer that question.
    """
    document = schema_document(name)
    if _asks_for_regex(document):
        return None
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(document, validate_formats=True)


def _asks_for_regex(node: Any) -> bool:
    if isinstance(node, dict):
        return node.get("format") == "regex" or any(_asks_for_regex(v) for v in node.values())
    return isinstance(node, list) and any(_asks_for_regex(v) for v in node)


def accepted_fast(document: Any, schema_name: str) -> bool:
    """True when jsonschema-rs finds ``document`` valid; anything else asks jsonschema.

    Importing jsonschema costs 35-120 ms at every start and its validation of a
    snapshot ~15 ms (issue 6's profile); jsonschema-rs does both in a few ms.
    It only ever accepts, so it must never accept what jsonschema refuses: the
    shipped patterns are written to mean the same in its ECMA-262 dialect as in
    Python's (tests/test_fast_validation.py tries every character), and schemas
    asking for ``format: regex`` skip it. A document it refuses goes to
    jsonschema, the reference, which words the error or has the last say.
    """
    fast = _fast_schema(schema_name)
    try:
        return fast is not None and bool(fast.is_valid(document))
    except ValueError:  # a Python value JSON has no word for: the reference decides
        return False
