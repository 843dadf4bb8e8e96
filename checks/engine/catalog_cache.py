"""A compiled catalog kept between runs, keyed by the content of everything it came from.

Loading the catalog (YAML parsing, the rule-file schema, one parameter schema
per check, the guide-section checks) was 40 % of ``itmscheck check`` in issue
6's profile: the same work at every run for files that rarely change. The
compiled :class:`~itmscheck.engine.catalog.Catalog` is therefore pickled once and
reused while its key matches. The key is a SHA-256 over the bytes of every
input - the rule and data files (with their paths, which error messages and
reports name), the shipped JSON Schemas, the Python source of the check types
and of the ``checks`` package, the Python and itmscheck versions - so any
change to any of them makes a new key, never a stale catalog. A catalog that
fails to load is never stored (its errors are reported at every run).

Unpickling runs code, so the cache is only read from a folder owned by this
user and writable by nobody else (:mod:`itmscheck.cache`); anything unreadable or
unexpected is ignored and the catalog is loaded from its files.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path

from itmscheck import __version__
from itmscheck.cache import cache_dir, private
from itmscheck.engine.catalog import Catalog, folder_files
from itmscheck.engine.checktype import CheckType

PREFIX = "catalog-"
KEEP = 8  # catalogs kept: the default one and a few with a site's own rule folders


def cached_catalog(folders: Sequence[Path], check_types: Sequence[type[CheckType]],
                   load: Callable[[], Catalog]) -> Catalog:
    """The catalog from the cache when its inputs are unchanged, else ``load()`` (then stored)."""
    folder = cache_dir()
    if folder is None:
        return load()
    key = content_key(folders, check_types)
    found = _read(folder / f"{PREFIX}{key}.pickle")
    if found is not None:
        return found
    catalog = load()
    _write(folder, key, catalog)
    return catalog


def content_key(folders: Sequence[Path], check_types: Sequence[type[CheckType]]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for file in _inputs(folders, check_types):
        digest.update(f"{file}\0".encode())
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"\0unreadable\0")  # loading will report it; never a cache hit
        digest.update(b"\0")
    return digest.hexdigest()


def _inputs(folders: Sequence[Path], check_types: Sequence[type[CheckType]]) -> Iterable[Path]:
    for folder in folders:
        rules, tables = folder_files(folder)
        yield from sorted([*rules, *tables])
    yield from sorted(Path(str(resources.files("itmscheck.rules").joinpath("schema"))).glob("*.json"))
    package = Path(__file__).resolve().parent
    sources = set(package.rglob("*.py"))
    for check_type in check_types:  # a plugin's check types live outside the package
        with contextlib.suppress(TypeError, OSError):
            sources.add(Path(inspect.getfile(check_type)).resolve())
    yield from sorted(sources)


def _read(file: Path) -> Catalog | None:
    if not (private(file.parent, stat.S_IFDIR) and private(file, stat.S_IFREG)):
        return None
    try:
        with file.open("rb") as stream:
            found = pickle.load(stream)
    except Exception:  # a damaged or foreign file: load from the files instead
        return None
    return found if isinstance(found, Catalog) else None


def _write(folder: Path, key: str, catalog: Catalog) -> None:
    """Store atomically; a cache that cannot be written only costs time."""
    temporary: str | None = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(folder, stat.S_IFDIR):
            return
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(catalog, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{PREFIX}{key}.pickle")
        temporary = None
        _prune(folder)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(folder: Path) -> None:
    """Keep the newest few catalogs (a site's own --rules-dir makes another key)."""
    def age(file: Path) -> float:
        with contextlib.suppress(OSError):
            return -file.stat().st_mtime
        return 0.0

    for old in sorted(folder.glob(f"{PREFIX}*.pickle"), key=age)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
