"""What a probe's SQL uses: its tables and views, their columns, and the functions it calls.

Parsed with sqlglot's T-SQL dialect (the guard's parser). Tables are named as
written (``dbo.HierarchyNode``, ``msdb.dbo.backupset``), columns resolved
through their table's alias; the columns of a derived table (a subquery or a
VALUES list the probe builds itself) are the probe's own and are left out.
Functions are found in the token stream, because the parser renames some
(``SUSER_SNAME`` becomes ``CURRENT_USER``): every name called with ``(``
that is not a keyword, a type or a table alias's column list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.tokens import TokenType

# Functions of standard SQL that both servers have: no citation needed.
STANDARD_FUNCTIONS = frozenset({"COUNT", "SUM", "MIN", "MAX", "AVG", "UPPER", "LOWER", "COALESCE"})


@dataclass
class Uses:
    objects: set[str] = field(default_factory=set)  # lower-case dotted names
    columns: set[tuple[str, str]] = field(default_factory=set)  # (object, column), lower case
    functions: set[str] = field(default_factory=set)  # upper case, with their schema if written
    unqualified: set[str] = field(default_factory=set)  # columns written without a table alias


def uses(sql: str) -> Uses:
    tree = sqlglot.parse_one(sql, read="tsql")
    found = Uses()
    aliases: dict[str, str | None] = {}
    for node in tree.walk():
        if isinstance(node, exp.Table) and node.name:
            name = ".".join(p for p in (node.catalog, node.db, node.name) if p).lower()
            found.objects.add(name)
            aliases[(node.alias or node.name).lower()] = name
        elif isinstance(node, (exp.Subquery, exp.Values)) and node.alias:
            aliases[node.alias.lower()] = None  # the probe's own columns
    for column in tree.find_all(exp.Column):
        if not column.table:
            if column.name.lower() not in {"minute"}:  # DATEDIFF's datepart parses as a column
                found.unqualified.add(column.name)
            continue
        target = aliases.get(column.table.lower(), "?" + column.table)
        if target is not None:
            found.columns.add((target, column.name.lower()))
    found.functions = _functions(sql)
    return found


def _functions(sql: str) -> set[str]:
    tokens = sqlglot.Dialect.get_or_raise("tsql").tokenize(sql)
    called: set[str] = set()
    for index, token in enumerate(tokens[:-1]):
        if tokens[index + 1].token_type is not TokenType.L_PAREN:
            continue
        if token.token_type not in (TokenType.VAR, TokenType.CURRENT_USER) and not token.text.isidentifier():
            continue
        previous = tokens[index - 1] if index else None
        if previous is not None and previous.token_type is TokenType.ALIAS:
            continue  # AS k (mask, bits): a derived table's column list
        if token.token_type in _NOT_FUNCTIONS:
            continue
        name = token.text.upper()
        if previous is not None and previous.token_type is TokenType.DOT and index >= 2:
            name = f"{tokens[index - 2].text}.{token.text}".upper()
        if name not in STANDARD_FUNCTIONS:
            called.add(name)
    return called


_NOT_FUNCTIONS = frozenset({
    TokenType.IN, TokenType.VALUES, TokenType.JOIN, TokenType.ON, TokenType.AND, TokenType.OR,
    TokenType.SELECT, TokenType.FROM, TokenType.WHERE, TokenType.NVARCHAR, TokenType.VARCHAR,
    TokenType.EXISTS, TokenType.NOT, TokenType.THEN, TokenType.ELSE, TokenType.WHEN,
    TokenType.DISTINCT, TokenType.TOP})


def missing_citations(probe: object) -> list[str]:
    """What ``probe`` uses that no ``source`` or ``unconfirmed`` entry of its header names."""
    from itmscheck.collectors.cmdb.probe import Probe

    assert isinstance(probe, Probe)
    used = uses(probe.sql)
    cited_objects = {c.object.lower() for c in probe.citations if not c.function}
    cited_columns = {(c.object.lower(), column.lower()) for c in probe.citations
                     for column in c.columns}
    cited_functions = {c.object.upper() for c in probe.citations if c.function}
    missing = [f"column {name} has no table alias" for name in sorted(used.unqualified)]
    missing += [f"object {name}" for name in sorted(used.objects - cited_objects)]
    missing += [f"column {table}.{column}" for table, column in sorted(used.columns - cited_columns)]
    missing += [f"function {name}()" for name in sorted(used.functions - cited_functions)]
    missing += [f"a citation of {name}, which the probe does not use"
                for name in sorted(cited_objects - used.objects)]
    missing += [f"a citation of {name}(), which the probe does not call"
                for name in sorted(cited_functions - used.functions)]
    return missing
