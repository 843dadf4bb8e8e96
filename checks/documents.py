"""Reading YAML and JSON documents strictly, and validating them with a JSON Schema.

Every problem becomes an :class:`InputError` that names the file and the line
(YAML, JSON syntax) or the field (JSON schema errors). YAML is read as the
"JSON subset" people expect from a configuration file: ``on``/``yes``/``no``
stay strings, dates stay strings (the schemas check their format), duplicate
keys and anchors/aliases are refused (an alias bomb cannot blow up memory).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode

from checks.errors import InputError

MAX_BYTES = 32 * 1024 * 1024  # a snapshot of 200,000 computers is far smaller


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of each key (1-based) and its own."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A sequence that remembers the line of each item (1-based) and its own."""

    line: int = 0
    item_lines: list[int]


# libyaml's parser when PyYAML has it: rule files are parsed at every start.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc]
    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # A node built twice is an alias: refused, so an alias bomb costs nothing.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.MarkedYAMLError(None, None, "anchors and aliases are not allowed here",
                                       node.start_mark)
        return super().construct_object(node, deep)


# YAML 1.1 booleans (on/off/yes/no) and timestamps are kept as plain strings.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def _construct_mapping(self: _StrictLoader, node: MappingNode, deep: bool = False) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = self.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise yaml.MarkedYAMLError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = self.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(self: _StrictLoader, node: yaml.SequenceNode, deep: bool = False) -> LineList:
    result = LineList(self.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (a BOM is tolerated), size-bounded, errors as InputError."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), f"file is {size} bytes, more than the {MAX_BYTES} allowed")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            str(path), f"is not UTF-8 text (byte 0x{data[exc.start]:02x})", line=line
        ) from None


def load_yaml(path: Path) -> Any:
    text = read_text(path)
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(str(path), f"malformed YAML: {problem}", line=line,
                         excerpt=_line(text, line)) from None
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"malformed YAML: {exc}") from None


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def load_json(path: Path) -> Any:
    text = read_text(path)
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicates,
                          parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})",
                         line=exc.lineno, excerpt=_line(text, exc.lineno)) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(str(path), f"malformed JSON: {exc}") from None


def _line(text: str, line: int | None) -> str | None:
    if not line:
        return None
    lines = text.splitlines()
    return lines[line - 1][:200] if 0 < line <= len(lines) else None


@cache
def schema(name: str) -> Any:
    """A JSON Schema shipped in ``rules/schema/``, as a ready validator.

    The shipped schemas are not meta-validated here: that cost 90 ms per schema
    at every start (issue 6's profile of ``collect`` and ``check``) to re-prove
    a fact about files in the package; tests/test_bench_speed.py proves it once.
    """
    from jsonschema import Draft202012Validator

    text = resources.files("rules").joinpath("schema", name).read_text(encoding="utf-8")
    return Draft202012Validator(json.loads(text), format_checker=Draft202012Validator.FORMAT_CHECKER)


def dotted(path: Iterator[Any] | list[Any] | tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def line_of(document: Any, path: list[Any] | tuple[Any, ...]) -> int | None:
    """The line of the deepest node of ``path`` that a YAML document remembers."""
    line: int | None = getattr(document, "line", None)
    node = document
    for part in path:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
        else:
            break
        node = node[part]
    return line


def validate(document: Any, schema_name: str, file: str) -> None:
    """Raise InputError for the first schema violation, at its line or field."""
    validator = schema(schema_name)
    errors = sorted(validator.iter_errors(document), key=_error_order)
    if not errors:
        return
    error = errors[0]
    path = list(error.absolute_path)
    line = line_of(document, path) if isinstance(document, (LineDict, LineList)) else None
    raise InputError(file, describe(error), line=line, field=dotted(path),
                     excerpt=excerpt(file, line))


def excerpt(file: str, line: int | None) -> str | None:
    """The offending line of a file, re-read only when an error is reported."""
    if line is None:
        return None
    try:
        return _line(read_text(Path(file)), line)
    except InputError:
        return None


def _error_order(error: Any) -> tuple[int, str]:
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
    if error.validator == "required":
        return str(error.message).replace("is a required property", "is required")
    if error.validator in ("oneOf", "anyOf") and error.context:
        best = min(error.context, key=lambda e: len(e.message))
        return str(best.message)
    return str(error.message)
