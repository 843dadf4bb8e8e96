"""Reading YAML and JSON documents strictly, and validating them with a JSON Schema.

Every problem becomes an :class:`InputError` that names the file and the line
(YAML, JSON syntax) or the field (JSON schema errors); how YAML is read is in
:mod:`itmscheck.evidence.yamlfile`, the shipped schemas and their two validators in
:mod:`itmscheck.evidence.schemas`, how schema errors are worded in :mod:`itmscheck.evidence.schema_errors`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from itmscheck.errors import InputError
from itmscheck.evidence.schema_errors import describe, error_order
from itmscheck.evidence.schemas import accepted_fast, schema
from itmscheck.evidence.yamlfile import LineDict, LineList, StrictLoader, line_of

MAX_BYTES = 32 * 1024 * 1024  # a snapshot of 200,000 computers is far smaller


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
        return yaml.load(text, Loader=StrictLoader)
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


def dotted(path: Iterator[Any] | list[Any] | tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def validate(document: Any, schema_name: str, file: str) -> None:
    """Raise InputError for the first schema violation, at its line or field."""
    if accepted_fast(document, schema_name):
        return
    errors = sorted(schema(schema_name).iter_errors(document), key=error_order)
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


