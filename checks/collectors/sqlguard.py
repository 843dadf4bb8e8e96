"""The read-only guard: only a single SELECT ever reaches the CMDB.

Each probe is parsed with sqlglot's T-SQL dialect (a parser, not a regex: a
comment, a string literal or odd spacing cannot smuggle a second statement
past it) and refused unless it is exactly one ``SELECT`` that writes nothing:
no ``SELECT ... INTO``, no data-modifying statement anywhere in the tree, no
``OPENROWSET``/``OPENQUERY``/``OPENDATASOURCE`` (they reach other servers,
which may write), and no table hint other than the non-blocking ``NOLOCK`` /
``READUNCOMMITTED``: a locking hint (``UPDLOCK``, ``TABLOCKX``...) would stall
the production Notification Server.

The only other text the collector sends is a session statement: the one
that makes reads non-blocking on SQL Server, or PostgreSQL's query timeout
for the lab's driver; they are allowed here by exact, normalised text.
"""

from __future__ import annotations

import re
from typing import Any

SESSION_STATEMENTS = frozenset({"SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"})
# PostgreSQL's own query timeout, for drivers (psqlODBC) that refuse ODBC's
SESSION_PATTERNS = (re.compile(r"SET STATEMENT_TIMEOUT = \d+"),)
ALLOWED_HINTS = frozenset({"NOLOCK", "READUNCOMMITTED", "NOEXPAND"})
REMOTE_FUNCTIONS = frozenset({"OPENROWSET", "OPENQUERY", "OPENDATASOURCE", "OPENXML"})


class UnsafeSql(ValueError):
    """The text is not a single read-only SELECT."""


def check_select(sql: str, name: str = "probe") -> Any:
    """Return the parsed SELECT, or raise :class:`UnsafeSql` saying why it is refused."""
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ParseError

    try:
        statements = [s for s in sqlglot.parse(sql, read="tsql") if s is not None]
    except ParseError as error:
        raise UnsafeSql(f"{name}: not valid T-SQL ({str(error).splitlines()[0]})") from None
    if len(statements) != 1:
        raise UnsafeSql(f"{name}: {len(statements)} statements; a probe is exactly one SELECT")
    tree = statements[0]
    if not isinstance(tree, exp.Select):
        raise UnsafeSql(f"{name}: {tree.key.upper()} statement refused; only SELECT is allowed")
    writes = (exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.Create, exp.Drop,
              exp.Alter, exp.TruncateTable, exp.Command, exp.Execute, exp.Grant, exp.Into)
    for node in tree.walk():
        if isinstance(node, writes):
            what = "SELECT ... INTO" if isinstance(node, exp.Into) else node.key.upper()
            raise UnsafeSql(f"{name}: contains {what}; a probe only reads")
        if isinstance(node, (exp.Anonymous, exp.Func)):
            called = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).upper()
            if called in REMOTE_FUNCTIONS:
                raise UnsafeSql(f"{name}: calls {called}, which reaches another server")
        if isinstance(node, exp.WithTableHint):
            for hint in node.expressions:
                word = hint.sql(dialect="tsql").upper()
                if word not in ALLOWED_HINTS:
                    raise UnsafeSql(f"{name}: table hint {word} takes locks; "
                                    "only NOLOCK / READUNCOMMITTED are allowed")
    return tree


def check_session_statement(sql: str) -> str:
    """Return ``sql`` if it is one of the allowed session statements, else raise."""
    normalised = re.sub(r"\s+", " ", sql.strip().rstrip(";")).upper()
    if normalised not in SESSION_STATEMENTS and not any(
            p.fullmatch(normalised) for p in SESSION_PATTERNS):
        raise UnsafeSql(f"session statement {sql!r} is not allowed")
    return sql
