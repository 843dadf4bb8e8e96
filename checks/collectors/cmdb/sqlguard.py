"""The read-only guard: only a single SELECT ever reaches the CMDB.

Each probe is parsed with sqlglot's T-SQL dialect (a parser, not a regex: a
comment, a string literal or odd spacing cannot smuggle a second statement
past it) and refused unless it is exactly one ``SELECT`` that writes nothing:
no ``SELECT ... INTO``, no data-modifying statement anywhere in the tree, no
``OPENROWSET``/``OPENQUERY``/``OPENDATASOURCE`` (they reach other servers,
which may write), and no table hint other than the non-blocking ``NOLOCK`` /
``READUNCOMMITTED``: a locking hint (``UPDLOCK``, ``TABLOCKX``...) would stall
the production Notification Server.

Where the parser and SQL Server could read a text differently, the text is
refused. sqlglot reads ``SELECT 1 SHUTDOWN`` as a column alias; SQL Server
runs ``SHUTDOWN`` as a second statement, since a reserved keyword cannot be
an alias. So a T-SQL reserved keyword anywhere but as a keyword (an unquoted
name, an alias), ``GO``, ``NEXT VALUE FOR`` (it advances a sequence: a
write), a linked-server (four-part) name, an ODBC escape (``{call ...}``), a
character outside printable ASCII, or a text the tokenizer cannot read are
all refused. tests/sqlguard_corpus.yaml holds the texts this was tried on.

:func:`guarded` is the collector's way in: it remembers, in the user's private
cache folder, the SHA-256 of each text that passed, keyed also by this
module's own source and sqlglot's version. The same text through the same
guard always gets the same verdict, so a remembered pass skips only the cost
of importing sqlglot (a third of ``collect`` at 20,000 computers, issue 6's
profile); a refusal is never remembered, and any change of text, guard or
parser makes a new key.

The only other text the collector sends is a session statement: the one
that makes reads non-blocking on SQL Server, or PostgreSQL's query timeout
for the lab's driver; they are allowed here by exact, normalised text.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import Any

SESSION_STATEMENTS = frozenset({"SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"})
# PostgreSQL's own query timeout, for drivers (psqlODBC) that refuse ODBC's
SESSION_PATTERNS = (re.compile(r"SET STATEMENT_TIMEOUT = \d+"),)
ALLOWED_HINTS = frozenset({"NOLOCK", "READUNCOMMITTED", "NOEXPAND"})
REMOTE_FUNCTIONS = frozenset({"OPENROWSET", "OPENQUERY", "OPENDATASOURCE", "OPENXML"})
# Microsoft Learn, "Reserved keywords (Transact-SQL)", and GO, sqlcmd's batch separator.
_RESERVED_WORDS = """
ADD ALL ALTER AND ANY AS ASC AUTHORIZATION BACKUP BEGIN BETWEEN BREAK BROWSE BULK BY CASCADE
CASE CHECK CHECKPOINT CLOSE CLUSTERED COALESCE COLLATE COLUMN COMMIT COMPUTE CONSTRAINT
CONTAINS CONTAINSTABLE CONTINUE CONVERT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME
CURRENT_TIMESTAMP CURRENT_USER CURSOR DATABASE DBCC DEALLOCATE DECLARE DEFAULT DELETE DENY DESC
DISK DISTINCT DISTRIBUTED DOUBLE DROP DUMP ELSE END ERRLVL ESCAPE EXCEPT EXEC EXECUTE EXISTS
EXIT EXTERNAL FETCH FILE FILLFACTOR FOR FOREIGN FREETEXT FREETEXTTABLE FROM FULL FUNCTION GOTO
GRANT GROUP HAVING HOLDLOCK IDENTITY IDENTITY_INSERT IDENTITYCOL IF IN INDEX INNER INSERT
INTERSECT INTO IS JOIN KEY KILL LEFT LIKE LINENO LOAD MERGE NATIONAL NOCHECK NONCLUSTERED NOT
NULL NULLIF OF OFF OFFSETS ON OPEN OPENDATASOURCE OPENQUERY OPENROWSET OPENXML OPTION OR ORDER
OUTER OVER PERCENT PIVOT PLAN PRECISION PRIMARY PRINT PROC PROCEDURE PUBLIC RAISERROR READ
READTEXT RECONFIGURE REFERENCES REPLICATION RESTORE RESTRICT RETURN REVERT REVOKE RIGHT ROLLBACK
ROWCOUNT ROWGUIDCOL RULE SAVE SCHEMA SECURITYAUDIT SELECT SEMANTICKEYPHRASETABLE
SEMANTICSIMILARITYDETAILSTABLE SEMANTICSIMILARITYTABLE SESSION_USER SET SETUSER SHUTDOWN SOME
STATISTICS SYSTEM_USER TABLE TABLESAMPLE TEXTSIZE THEN TO TOP TRAN TRANSACTION TRIGGER TRUNCATE
TRY_CONVERT TSEQUAL UNION UNIQUE UNPIVOT UPDATE UPDATETEXT USE USER VALUES VARYING VIEW WAITFOR
WHEN WHERE WHILE WITH WITHIN WRITETEXT GO
"""
RESERVED = frozenset(_RESERVED_WORDS.split())
# Reserved words that are also functions: allowed as a function call (followed by "(") ...
RESERVED_FUNCTIONS = frozenset({"COALESCE", "CONVERT", "NULLIF", "TRY_CONVERT", "LEFT", "RIGHT"})
# ... and the niladic ones, allowed as an expression.
NILADIC = frozenset({"CURRENT_TIMESTAMP", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER", "USER",
                     "CURRENT_DATE", "CURRENT_TIME"})


class UnsafeSql(ValueError):
    """The text is not a single read-only SELECT."""


def check_select(sql: str, name: str = "probe") -> Any:
    """Return the parsed SELECT, or raise :class:`UnsafeSql` saying why it is refused."""
    import sqlglot
    from sqlglot.errors import SqlglotError

    odd = re.search(r"[^\t\n\r\x20-\x7e]", sql)
    if odd:
        raise UnsafeSql(f"{name}: holds the character {odd.group()!r}; a probe is printable ASCII")
    try:
        tokens = sqlglot.tokenize(sql, read="tsql")
        statements = [s for s in sqlglot.parse(sql, read="tsql") if s is not None]
    except SqlglotError as error:  # a tokenizer or parser error: what SQL Server reads is unknown
        raise UnsafeSql(f"{name}: not valid T-SQL ({str(error).splitlines()[0]})") from None
    if len(statements) != 1:
        raise UnsafeSql(f"{name}: {len(statements)} statements; a probe is exactly one SELECT")
    _check_tokens(tokens, name)
    tree = statements[0]
    _check_tree(tree, name)
    return tree


def _check_tokens(tokens: list[Any], name: str) -> None:
    """Refuse what SQL Server would read as a keyword where the parser reads a name."""
    words = [token.text.upper() for token in tokens]
    for index, token in enumerate(tokens):
        kind, word = token.token_type.name, words[index]
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in REMOTE_FUNCTIONS:
            raise UnsafeSql(f"{name}: calls {word}, which reaches another server")
        if kind in ("L_BRACE", "R_BRACE"):
            raise UnsafeSql(f"{name}: holds an ODBC escape sequence ({{...}}); a probe is plain T-SQL")
        if word == "NEXT" and words[index + 1:index + 3] == ["VALUE", "FOR"]:
            raise UnsafeSql(f"{name}: NEXT VALUE FOR advances a sequence; a probe only reads")
        if kind in ("VAR", "COMMAND") and word in RESERVED and not (
                (word in RESERVED_FUNCTIONS and following == "(") or word in NILADIC):
            raise UnsafeSql(f"{name}: the reserved keyword {word} stands where a name would; "
                            "SQL Server would run it as another statement")


def _check_tree(tree: Any, name: str) -> None:
    from sqlglot import exp

    if not isinstance(tree, exp.Select):
        raise UnsafeSql(f"{name}: {tree.key.upper()} statement refused; only SELECT is allowed")
    writes = (exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.Create, exp.Drop,
              exp.Alter, exp.TruncateTable, exp.Command, exp.Execute, exp.Grant, exp.Into,
              exp.NextValueFor)
    for node in tree.walk():
        if isinstance(node, writes):
            what = {exp.Into: "SELECT ... INTO", exp.NextValueFor: "NEXT VALUE FOR"}.get(
                type(node), node.key.upper())
            raise UnsafeSql(f"{name}: contains {what}; a probe only reads")
        if isinstance(node, (exp.Anonymous, exp.Func)):
            called = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).upper()
            if called in REMOTE_FUNCTIONS:
                raise UnsafeSql(f"{name}: calls {called}, which reaches another server")
        if isinstance(node, exp.Identifier) and not node.quoted and node.name.upper() in RESERVED:
            raise UnsafeSql(f"{name}: the reserved keyword {node.name.upper()} is used as a name; "
                            "SQL Server would run it as another statement")
        if (isinstance(node, exp.Table) and len(node.parts) > 3) or (
                isinstance(node, exp.Column) and isinstance(node.parent, exp.Dot)):
            raise UnsafeSql(f"{name}: {node.sql(dialect='tsql')} is a linked-server (four-part) "
                            "name, which reaches another server")
        if isinstance(node, exp.Fetch) and not (node.parent and node.parent.args.get("offset")):
            raise UnsafeSql(f"{name}: FETCH without OFFSET is a cursor statement in T-SQL")
        if isinstance(node, exp.WithTableHint):
            for hint in node.expressions:
                word = hint.sql(dialect="tsql").upper()
                if word not in ALLOWED_HINTS:
                    raise UnsafeSql(f"{name}: table hint {word} takes locks; "
                                    "only NOLOCK / READUNCOMMITTED are allowed")


def check_session_statement(sql: str) -> str:
    """Return ``sql`` if it is one of the allowed session statements, else raise."""
    normalised = re.sub(r"\s+", " ", sql.strip().rstrip(";")).upper()
    if normalised not in SESSION_STATEMENTS and not any(
            p.fullmatch(normalised) for p in SESSION_PATTERNS):
        raise UnsafeSql(f"session statement {sql!r} is not allowed")
    return sql


PASSED_FILE = "sql-guard-passed.txt"
PASSED_LIMIT = 1 << 20  # bytes; beyond it the file starts again (it is only a memo)


def guarded(sql: str, name: str = "probe") -> None:
    """Raise :class:`UnsafeSql` unless ``sql`` passes :func:`check_select` (memoised passes)."""
    from itmscheck.cache import cache_dir, private

    folder = cache_dir()
    key = _verdict_key(sql) if folder is not None else None
    if folder is None or key is None:
        check_select(sql, name)
        return
    memo = folder / PASSED_FILE
    if private(folder, stat.S_IFDIR) and private(memo):  # memo: a regular file
        with contextlib.suppress(OSError, UnicodeDecodeError):
            if key in memo.read_text(encoding="ascii").split():
                return
    check_select(sql, name)
    _remember(memo, key)


def _verdict_key(sql: str) -> str | None:
    """SHA-256 of the parser's version file, this guard's source and the text, or None."""
    from importlib.util import find_spec

    try:
        spec = find_spec("sqlglot")  # found, not imported: importing it is what is saved
        folder = spec.submodule_search_locations[0] if spec and spec.submodule_search_locations \
            else None
        if folder is None:
            return None
        parser = (Path(folder) / "_version.py").read_bytes()
        guard = Path(__file__).read_bytes()
    except (ImportError, OSError, ValueError):
        return None
    return hashlib.sha256(b"\0".join([parser, guard, sql.encode("utf-8")])).hexdigest()


def _remember(memo: Path, key: str) -> None:
    """Append the key (one short write: atomic with O_APPEND); a failure only costs time."""
    from itmscheck.cache import private

    with contextlib.suppress(OSError):
        memo.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(memo.parent, stat.S_IFDIR):
            return
        if memo.exists() and memo.stat().st_size > PASSED_LIMIT:
            memo.unlink()
        handle = os.open(memo, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(handle, f"{key}\n".encode("ascii"))
        finally:
            os.close(handle)
