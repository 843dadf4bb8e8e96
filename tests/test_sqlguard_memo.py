"""The guard's memo of passed texts: it saves a parse, and never lets an unchecked text through (issue 20).

:func:`~itmscheck.collectors.cmdb.sqlguard.guarded` remembers the SHA-256 of each
text that passed, keyed also by the guard's own source and the parser's version,
in a file of the user's private cache folder. A text is skipped only when its own
key is in a memo that nobody else can write; a refusal is never remembered; a
memo that cannot be read or written only costs time.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from itmscheck.collectors.cmdb import sqlguard
from itmscheck.collectors.cmdb.sqlguard import PASSED_FILE, PASSED_LIMIT, UnsafeSql, guarded

READ = "SELECT COUNT(*) AS n FROM dbo.Item"
OTHER_READ = "SELECT Name FROM dbo.Item"
WRITE = "DELETE FROM dbo.Item"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache folder that does not exist yet, under a permissive umask."""
    folder = tmp_path / "deep" / "er" / "cache"
    monkeypatch.setenv("ITMSCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("ITMSCHECK_NO_CACHE", raising=False)
    # Under umask 0 a folder or file made without an explicit mode would be writable by all.
    old = os.umask(0)
    try:
        yield folder
    finally:
        os.umask(old)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the parser was asked about (the memo exists to skip it)."""
    asked: list[str] = []
    real = sqlguard.check_select

    def counting(sql: str, name: str = "probe") -> object:
        asked.append(sql)
        return real(sql, name)

    monkeypatch.setattr(sqlguard, "check_select", counting)
    return asked


def _keys(folder: Path) -> list[str]:
    return (folder / PASSED_FILE).read_text(encoding="ascii").split()


def test_a_text_that_passed_once_is_not_parsed_again(cache: Path, parses: list[str]) -> None:
    guarded(READ, "count")
    guarded(READ, "count")
    assert parses == [READ]
    assert _keys(cache) == [sqlguard._verdict_key(READ)]


def test_each_text_that_passes_is_remembered_apart(cache: Path, parses: list[str]) -> None:
    guarded(READ)
    guarded(OTHER_READ)
    guarded(OTHER_READ)
    assert parses == [READ, OTHER_READ]
    assert _keys(cache) == [sqlguard._verdict_key(READ), sqlguard._verdict_key(OTHER_READ)]


def test_a_refusal_is_never_remembered_and_a_pass_never_vouches_for_another_text(cache: Path) -> None:
    guarded(READ)
    for _ in range(2):
        with pytest.raises(UnsafeSql, match=r"^bad: DELETE statement refused"):
            guarded(WRITE, "bad")
    assert _keys(cache) == [sqlguard._verdict_key(READ)]


def test_the_guard_names_the_probe_it_refuses_with_or_without_a_memo(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnsafeSql, match=r"^cmdb_owner: DELETE statement refused"):
        guarded(WRITE, "cmdb_owner")
    monkeypatch.setenv("ITMSCHECK_NO_CACHE", "1")
    with pytest.raises(UnsafeSql, match=r"^cmdb_owner: DELETE statement refused"):
        guarded(WRITE, "cmdb_owner")
    with pytest.raises(UnsafeSql, match=r"^probe: DELETE statement refused"):
        guarded(WRITE)


def test_the_memo_folder_and_file_are_private_to_the_user(cache: Path) -> None:
    guarded(READ)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache / PASSED_FILE).stat().st_mode) == 0o600


def test_the_key_is_the_parser_version_the_guard_source_and_the_text(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    key = sqlguard._verdict_key(READ)
    assert key is not None and len(key) == 64
    assert sqlguard._verdict_key(OTHER_READ) != key
    # another guard (this module's source changed) makes another key for the same text
    changed = tmp_path / "sqlguard.py"
    changed.write_bytes(Path(sqlguard.__file__).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(sqlguard, "__file__", str(changed))
    assert sqlguard._verdict_key(READ) not in (None, key)


def test_another_parser_version_makes_another_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    key = sqlguard._verdict_key(READ)
    parser = tmp_path / "sqlglot"
    parser.mkdir()
    (parser / "_version.py").write_text("__version__ = '0.0.1'\n", encoding="utf-8")
    spec = importlib.util.spec_from_loader("sqlglot", loader=None, is_package=True)
    assert spec is not None
    spec.submodule_search_locations = [str(parser)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec if name == "sqlglot" else None)
    other = sqlguard._verdict_key(READ)
    assert other is not None and other != key
    guard = Path(sqlguard.__file__).read_bytes()
    assert other == hashlib.sha256(b"\0".join([b"__version__ = '0.0.1'\n", guard,
                                                READ.encode("utf-8")])).hexdigest()


@pytest.mark.parametrize("found", [None, "no-locations"], ids=["parser-not-found", "parser-not-a-package"])
def test_no_key_without_the_parser_means_every_text_is_parsed(cache: Path, parses: list[str],
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              found: str | None) -> None:
    import importlib.machinery
    import importlib.util

    spec = None if found is None else importlib.machinery.ModuleSpec("sqlglot", None)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    assert sqlguard._verdict_key(READ) is None
    guarded(READ)
    guarded(READ)
    assert parses == [READ, READ]
    assert not cache.exists()


def test_an_unreadable_parser_version_means_no_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_loader("sqlglot", loader=None, is_package=True)
    assert spec is not None
    spec.submodule_search_locations = [str(tmp_path / "missing")]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    assert sqlguard._verdict_key(READ) is None


def test_with_the_cache_off_every_text_is_parsed_and_nothing_is_written(
        cache: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITMSCHECK_NO_CACHE", "1")
    guarded(READ)
    guarded(READ)
    assert parses == [READ, READ]
    assert not cache.exists()


def test_a_key_planted_in_a_memo_others_can_write_is_never_trusted(cache: Path) -> None:
    planted = f"{sqlguard._verdict_key(WRITE)}\n"
    for folder_mode, file_mode in ((0o700, 0o666), (0o777, 0o600)):
        cache.mkdir(parents=True, exist_ok=True)
        os.chmod(cache, folder_mode)
        (cache / PASSED_FILE).write_text(planted, encoding="ascii")
        os.chmod(cache / PASSED_FILE, file_mode)
        with pytest.raises(UnsafeSql):
            guarded(WRITE)


def test_a_key_in_a_private_memo_is_trusted(cache: Path, parses: list[str]) -> None:
    # What makes the memo worth having; the test above is why only a private one is read.
    cache.mkdir(parents=True, mode=0o700)
    (cache / PASSED_FILE).write_text(f"{sqlguard._verdict_key(READ)}\n", encoding="ascii")
    os.chmod(cache / PASSED_FILE, 0o600)
    guarded(READ)
    assert parses == []


def test_a_memo_folder_others_can_write_gets_nothing_written(cache: Path, parses: list[str]) -> None:
    cache.mkdir(parents=True, mode=0o777)
    guarded(READ)
    guarded(READ)
    assert parses == [READ, READ]
    assert not (cache / PASSED_FILE).exists()


def test_a_memo_that_is_not_ascii_is_ignored_then_written_again(cache: Path, parses: list[str]) -> None:
    # Not what the guard writes (hex keys): even the key it holds is not trusted.
    cache.mkdir(parents=True, mode=0o700)
    (cache / PASSED_FILE).write_bytes(f"caf\u00e9\n{sqlguard._verdict_key(READ)}\n".encode())
    os.chmod(cache / PASSED_FILE, 0o600)
    guarded(READ)
    assert parses == [READ]
    assert (cache / PASSED_FILE).read_bytes().endswith(f"{sqlguard._verdict_key(READ)}\n".encode())


def test_a_memo_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       parses: list[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ITMSCHECK_CACHE_DIR", str(blocker / "cache"))  # under a file: mkdir fails
    monkeypatch.delenv("ITMSCHECK_NO_CACHE", raising=False)
    guarded(READ)
    guarded(READ)
    assert parses == [READ, READ]
    with pytest.raises(UnsafeSql):
        guarded(WRITE)


def test_a_memo_that_cannot_be_read_only_costs_time(cache: Path, parses: list[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cache.mkdir(parents=True, mode=0o700)
    (cache / PASSED_FILE).write_text(f"{sqlguard._verdict_key(READ)}\n", encoding="ascii")
    os.chmod(cache / PASSED_FILE, 0o600)

    def unreadable(path: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "read_text", unreadable)
    guarded(READ)
    assert parses == [READ]
    with pytest.raises(UnsafeSql):
        guarded(WRITE)


def test_a_memo_grown_past_its_limit_starts_again(cache: Path) -> None:
    cache.mkdir(parents=True, mode=0o700)
    memo = cache / PASSED_FILE
    line = "0" * 63 + "\n"
    memo.write_text(line * (PASSED_LIMIT // 64) + "x", encoding="ascii")  # one byte past the limit
    os.chmod(memo, 0o600)
    assert memo.stat().st_size == PASSED_LIMIT + 1
    guarded(READ)
    assert memo.read_text(encoding="ascii") == f"{sqlguard._verdict_key(READ)}\n"


def test_a_memo_exactly_at_its_limit_is_kept(cache: Path) -> None:
    cache.mkdir(parents=True, mode=0o700)
    memo = cache / PASSED_FILE
    memo.write_text("0" * 63 + "\n" * (PASSED_LIMIT - 63), encoding="ascii")
    os.chmod(memo, 0o600)
    assert memo.stat().st_size == PASSED_LIMIT
    guarded(READ)
    assert memo.stat().st_size == PASSED_LIMIT + 65
    assert PASSED_LIMIT == 1 << 20
