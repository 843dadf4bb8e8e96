"""YAML read strictly, remembering where every key and item stands.

YAML is read as the "JSON subset" people expect from a configuration file:
``on``/``yes``/``no`` stay strings, dates stay strings (the schemas check
their format), duplicate keys and anchors/aliases are refused (an alias bomb
cannot blow up memory), numbers are finite (``.inf``/``.nan`` are refused)
and of at most 100 digits, and nesting is at most 100 levels deep. Mappings
and sequences remember their lines, so errors found later (schema, catalog)
can name ``file:line``.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode


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


MAX_DEPTH = 100
"""Deepest nesting of mappings and sequences a YAML file may write: building a node recurses,
and a few hundred levels would exhaust Python's stack ("internal error", not a message)."""


class StrictLoader(_BaseLoader):  # type: ignore[misc]
    depth = 0

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # A node built twice is an alias: refused, so an alias bomb costs nothing.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.MarkedYAMLError(None, None, "anchors and aliases are not allowed here",
                                       node.start_mark)
        if self.depth >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                       node.start_mark)
        self.depth += 1
        try:
            return super().construct_object(node, deep)
        finally:
            self.depth -= 1


# YAML 1.1 booleans (on/off/yes/no) and timestamps are kept as plain strings.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def _construct_mapping(self: StrictLoader, node: MappingNode, deep: bool = False) -> LineDict:
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


def _construct_sequence(self: StrictLoader, node: yaml.SequenceNode, deep: bool = False) -> LineList:
    result = LineList(self.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_float(self: StrictLoader, node: yaml.ScalarNode) -> float:
    value: float = yaml.SafeLoader.construct_yaml_float(self, node)
    if not math.isfinite(value):  # `.inf` would switch a threshold off, `.nan` compare false
        raise yaml.MarkedYAMLError(None, None, f"{node.value!r} is not a finite number",
                                   node.start_mark)
    return value


def _construct_int(self: StrictLoader, node: yaml.ScalarNode) -> int:
    if len(node.value) > MAX_DIGITS:
        raise yaml.MarkedYAMLError(None, None, f"a number of {len(node.value)} digits is too long",
                                   node.start_mark)
    value: int = yaml.SafeLoader.construct_yaml_int(self, node)
    return value


MAX_DIGITS = 100
"""Longest integer a YAML file may write (Python refuses to read numbers of 4,300 digits)."""

StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


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
