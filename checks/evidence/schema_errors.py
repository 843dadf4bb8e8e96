"""jsonschema's errors told in the words of the file's author."""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from typing import Any


def error_order(error: Any) -> tuple[int, str]:
    # The deepest error first: it names the field the person has to fix.
    return (-len(error.absolute_path), str(list(error.absolute_path)))


_FORMATS = {"date-time": "date-time with a time zone, such as 2026-11-20T09:30:00Z",
            "date": "date (YYYY-MM-DD)", "regex": "regular expression"}


def suggest(word: str, choices: list[str]) -> str:
    """`` (did you mean 'x'?)`` for a near miss, else the allowed choices when they are few."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f" (allowed: {', '.join(choices)})" if 0 < len(choices) <= 12 else ""


def _short(value: Any) -> str:
    text = json.dumps(value, default=str) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(error: Any) -> str:
    """One sentence for a jsonschema error, in the words of the file's author."""
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if custom:
        return str(custom).format(value=error.instance)
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"{_short(error.instance)} is not of type {' or '.join(wanted)}"
    if error.validator == "format":
        wanted = _FORMATS.get(error.validator_value, error.validator_value)
        return f"{error.instance!r} is not a valid {wanted}"
    if error.validator == "not" and set(error.validator_value) == {"required"}:
        return f"give only one of {', '.join(error.validator_value['required'])}, not both"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, Mapping) else []
        return f"unknown key {', '.join(map(repr, extra))}{suggest(extra[0] if extra else '', allowed)}"
    if error.validator == "maxLength" and isinstance(error.instance, str):
        return (f"{_short(error.instance)} has {len(error.instance)} characters; "
                f"at most {error.validator_value} are allowed")
    if error.validator == "required":
        return str(error.message).replace("is a required property", "is required")
    if error.validator in ("oneOf", "anyOf") and error.context:
        best = min(error.context, key=lambda e: len(e.message))
        return str(best.message)
    return str(error.message)
