"""Reading YAML and JSON documents strictly, and validating them with a JSON Schema.

Every problem becomes an :class:`InputError` that names the file and the line
(YAML, JSON syntax) or the field (JSON schema errors); how YAML is read is in
:mod:`itmscheck.evidence.yamlfile`, the shipped schemas and their two validators in
:mod:`itmscheck.evidence.schemas`, how schema errors are worded in :mod:`itmscheck.evidence.schema_errors`.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from itmscheck.errors import InputError
from itmscheck.evidence.redaction import redact, secrets_in
from itmscheck.evidence.schema_errors import describe, error_order
from itmscheck.evidence.schemas import accepted_fast, schema
from itmscheck.evidence.yamlfile import MAX_DIGITS, LineDict, LineList, StrictLoader, line_of

MAX_BYTES = 32 * 1024 * 1024  # a snapshot of 200,000 computers is far smaller


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (a BOM is tolerated), size-bounded, errors as InputError."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            str(path), f"is not UTF-8 text (byte 0x{data[exc.start]:02x})", line=line
        ) from None


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is an InputError.

    Only a regular file is read: a FIFO would block forever and a device
    (``/dev/zero``) never ends, so the file is opened without waiting
    (``O_NONBLOCK``) and its type checked on the open handle before a byte is
    read. The size limit applies before reading, and the read itself stops at
    the limit (``/proc`` files announce a size of 0).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        kind = ("is a dangling symbolic link (its target does not exist)" if os.path.islink(path)
                else "no such file")
        raise InputError(str(path), kind) from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    try:
        status = os.fstat(handle)
        if stat.S_ISDIR(status.st_mode):
            raise InputError(str(path), "is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(str(path), f"is {_kind(status.st_mode)}, not a regular file")
        if status.st_size > limit:
            raise InputError(str(path), f"file is {status.st_size} bytes, more than the {limit} allowed")
        chunks, size = [], 0
        while chunk := os.read(handle, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError(str(path), f"file is more than the {limit} bytes allowed")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(handle)


def _kind(mode: int) -> str:
    kinds = [(stat.S_ISFIFO, "a FIFO (named pipe)"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket")]
    return next((name for test, name in kinds if test(mode)), "a special file")


def load_yaml(path: Path) -> Any:
    text = read_text(path)
    try:
        document = yaml.load(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(str(path), f"malformed YAML: {problem}", line=line,
                         excerpt=_line(text, line)) from None
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"malformed YAML: {exc}") from None
    check_text(document, str(path))
    return document


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is not a finite number")
    return value


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number of {len(text)} digits is too long")
    return int(text)


def load_json(path: Path) -> Any:
    text = read_text(path)
    try:
        document = json.loads(text, object_pairs_hook=_reject_duplicates,
                              parse_constant=_reject_constant, parse_float=_finite,
                              parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})",
                         line=exc.lineno, excerpt=_line(text, exc.lineno)) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(str(path), f"malformed JSON: {exc}") from None
    check_text(document, str(path))
    return document


MAX_TEXT = 65_536
"""Longest text (in characters) a document may hold in one value or key."""


def check_text(document: Any, file: str) -> None:
    """Every key and text of a document is text a report can hold: no lone surrogate, no absurd length.

    JSON can spell a lone UTF-16 surrogate (``"\\ud800"``) that no UTF-8 report
    or console can write; a value of megabytes is no fact. Both are bad input
    at load, naming the field (and the line, in YAML).
    """
    stack: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                _check_string(key, file, document, (*path, key))
                stack.append((value, (*path, key)))
        elif isinstance(node, list):
            stack.extend((value, (*path, index)) for index, value in enumerate(node))
        elif isinstance(node, str):
            _check_string(node, file, document, path)


def _check_string(text: str, file: str, document: Any, path: tuple[Any, ...]) -> None:
    if len(text) > MAX_TEXT:
        problem = f"text of {len(text)} characters is longer than the {MAX_TEXT} allowed"
    elif _SURROGATE.search(text):
        problem = "holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not a character"
    else:
        return
    line = line_of(document, list(path)) if isinstance(document, (LineDict, LineList)) else None
    raise InputError(file, problem, line=line, field=dotted(path))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _line(text: str, line: int | None) -> str | None:
    """Line ``line`` of ``text``, to quote in an error: never with a password of the file."""
    if not line:
        return None
    lines = text.splitlines()
    return redact(lines[line - 1], secrets_in(text))[:200] if 0 < line <= len(lines) else None


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


