"""What the schemas say a fact reference holds: its JSON types, when they say.

A rule file is checked deeply when it loads: ``op: '<'`` on a text field, or
``value: 'many'`` against a count, is a rule that can never decide and would
fail at evaluation instead. Check types ask :func:`json_types` (the JSON types
a reference may hold) and :func:`value_fits` (whether a literal of the rule is
one of them); ``None`` means the schemas do not say (a data table, a plugin's
threshold) and nothing is refused.
"""

from __future__ import annotations

from typing import Any

NUMBERS = frozenset({"integer", "number"})
ORDERING = frozenset({"<", "<=", ">", ">="})
"""Operators that only compare numbers."""


def json_type(value: Any) -> str:
    """The JSON type of a value of a rule file (``integer`` for a whole number)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    return {float: "number", str: "string", list: "array", dict: "object"}.get(type(value), "null")


def value_fits(value: Any, types: frozenset[str] | None) -> bool:
    """Whether a literal can equal a value of ``types`` (an integer is a number too)."""
    if types is None:
        return True
    kind = json_type(value)
    return kind in types or (kind == "integer" and "number" in types) or (
        kind == "number" and "integer" in types and float(value).is_integer())


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def json_types(ref: str, item_field: str | None = None) -> frozenset[str] | None:
    """The JSON types at ``ref`` (or at ``item_field`` of its list's items); None when unknown."""
    root, _, path = ref.partition(".")
    parts = path.split(".")
    if root in ("source", "target"):
        document = _document("snapshot.schema.json")
        node = document["$defs"]["facts"]
    elif root in ("site", "threshold"):
        document = _document("site.schema.json")
        node = document if root == "site" else document["properties"]["thresholds"]
        parts = parts if root == "site" else [path]
    else:
        return None
    for part in parts:
        node = (_resolve(node, document).get("properties") or {}).get(part)
        if node is None:
            return None
    if item_field is not None:
        items = _resolve(node, document).get("items")
        node = (_resolve(items, document).get("properties") or {}).get(item_field) if items else None
        if node is None:
            return None
    return _types(_resolve(node, document), document)


def _types(node: dict[str, Any], document: Any) -> frozenset[str] | None:
    if "type" in node:
        declared = node["type"]
        return frozenset(declared if isinstance(declared, list) else [declared])
    if "enum" in node:
        return frozenset(json_type(v) if v is not None else "null" for v in node["enum"])
    if "const" in node:
        return frozenset({json_type(node["const"])})
    found: set[str] = set()
    for branch in node.get("oneOf") or node.get("anyOf") or [None]:
        kinds = _types(_resolve(branch, document), document) if branch is not None else None
        if kinds is None:
            return None
        found |= kinds
    return frozenset(found)


def _resolve(node: Any, document: Any) -> Any:
    """A schema node with its ``$ref`` (into the document's ``$defs``) followed."""
    while isinstance(node, dict) and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = {**document["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node if isinstance(node, dict) else {}


def _document(name: str) -> Any:
    from itmscheck.evidence.schemas import schema_document

    return schema_document(name)
