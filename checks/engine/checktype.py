"""The base of every check type, built-in or from a plugin.

A check type only compares: it reads facts through :class:`Facts` and returns
an :class:`Outcome`. It never queries anything. Its class docstring is its
documentation and says when it passes and when it fails.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, "==": operator.eq,
    "!=": operator.ne, ">=": operator.ge, ">": operator.gt,
}
"""The comparison operators check types accept (``op:`` in a rule)."""

REF = {"type": "string", "pattern": r"^(source|target|site|data|threshold)\.[A-Za-z0-9_.]+$",
       "x-message": "{value!r} is not a fact reference "
                    "(source.<fact>, target.<fact>, site.<key>, data.<table> or threshold.<name>)"}
"""JSON Schema of a fact reference, for check types' parameter schemas."""


class CheckType:
    """Base class: subclasses set ``name`` and ``parameters`` and implement ``evaluate``."""

    name: ClassVar[str]
    """The ``type:`` that selects this check in a rule file."""

    parameters: ClassVar[dict[str, Any]]
    """JSON Schema (properties) of the keys a rule gives besides ``type``."""

    required: ClassVar[tuple[str, ...]] = ()

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.params = dict(params)

    @classmethod
    def schema(cls) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": ["type", *cls.required],
            "properties": {"type": {"const": cls.name}, **cls.parameters},
        }

    def evaluate(self, facts: Facts) -> Outcome:
        raise NotImplementedError

    def problems(self) -> list[tuple[list[Any], str]]:
        """What makes this check unable to decide, found when the rule file loads.

        Each is (the parameter's place, why): an operator that does not suit
        its field's type, a value the fact can never hold. The schemas'
        types are at :func:`itmscheck.engine.fact_types.json_types`.
        """
        return []

    def table_columns(self) -> list[tuple[str, tuple[str, ...]]]:
        """(``data.<table>`` reference, the columns this check reads from its rows)."""
        return []


def same_value(left: Any, right: Any) -> bool:
    """Whether two values are equal as a rule means it: a boolean equals only a boolean.

    Python counts ``True == 1`` and ``False == 0``; a rule never does (a flag is not a
    count): ``equals value: 1`` must not pass on ``true``.
    """
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    return bool(left == right)


def show(value: Any) -> str:
    """A value as a message shows it: text in quotes but unescaped (Windows paths stay legible)."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, list):
        return "[" + ", ".join(show(item) for item in value) + "]"
    return repr(value)
