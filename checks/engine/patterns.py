"""Regular expressions of rule files, matched in linear time (RE2).

A rule's pattern meets text from snapshots, which anyone may write. Python's
``re`` backtracks: ``^(a+)+$`` against forty ``a`` and a ``b`` never ends. RE2
(``google-re2``) matches in time linear in the text, and refuses what it
cannot do so (backreferences, lookaround): such a pattern is bad input when
the rule file loads (:func:`refusal`), never a hang at evaluation.

Patterns are RE2 syntax (close to Python's; ``\\d``, ``\\w``, ``\\b`` are ASCII).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import re2


class Pattern:
    """A compiled pattern: ``match`` anchors at the start, ``search`` looks anywhere."""

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled

    def match(self, text: str) -> bool:
        return self._compiled.match(text) is not None

    def search(self, text: str) -> bool:
        return self._compiled.search(text) is not None


def _options(ignore_case: bool) -> Any:
    options = re2.Options()
    options.log_errors = False  # RE2 would print to the process's stderr; the refusal says it
    options.case_sensitive = not ignore_case
    return options


@cache
def compile_pattern(pattern: str, ignore_case: bool = False) -> Pattern:
    """``pattern`` compiled by RE2 (raises ``ValueError`` when RE2 refuses it)."""
    try:
        return Pattern(re2.compile(pattern, _options(ignore_case)))
    except re2.error as error:
        raise ValueError(_words(error)) from None


def refusal(pattern: str) -> str | None:
    """Why ``pattern`` cannot be matched in linear time, or None when it can."""
    try:
        compile_pattern(pattern)
    except ValueError as error:
        return (f"pattern {pattern!r} cannot be matched in linear time ({error}); "
                "backreferences and lookaround are not available (RE2 syntax)")
    return None


def _words(error: Exception) -> str:
    detail = error.args[0] if error.args else error
    return detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
