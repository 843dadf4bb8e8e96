"""Writing what itmscheck produces: reports, snapshots, site files.

Every output is written atomically, through a temporary file in the same
folder and a rename, so a crash or Ctrl-C never leaves half a file where a
pipeline or a person looks. An output never replaces what it should not:

- a symbolic link is written through (its target is replaced, the link kept);
- a character device (``/dev/null``, a terminal) or a FIFO with a reader is
  written through, never replaced; a FIFO without a reader, a socket, a
  block device, a folder or a dangling link is refused;
- an output that is the same file as an input or as another output is
  refused before anything is written (:func:`refuse_overlaps`).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from itmscheck.errors import InputError


class OutputRefused(OSError):
    """The output path names something that must not be replaced; ``strerror`` says what."""

    def __init__(self, why: str) -> None:
        super().__init__(errno.EINVAL, why)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path``: atomically for a file, through for a device or a link."""
    try:
        mode = os.stat(path).st_mode  # follows links: what would really be written
    except FileNotFoundError:
        if os.path.islink(path):
            raise OutputRefused("is a dangling symbolic link (its target does not exist)") from None
        _replace(path, text)
        return
    if stat.S_ISREG(mode):
        _replace(Path(os.path.realpath(path)), text)
    elif stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _write_through(path, text, fifo=stat.S_ISFIFO(mode))
    elif stat.S_ISDIR(mode):
        raise OutputRefused("is a folder, not a file")
    else:
        raise OutputRefused("is a socket or block device, not a file")


def _write_through(path: Path, text: str, fifo: bool) -> None:
    """A device or a pipe: written as it is; a FIFO nobody reads is refused, not waited for."""
    flags = os.O_WRONLY | (getattr(os, "O_NONBLOCK", 0) if fifo else 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OutputRefused("is a FIFO (named pipe) that nobody reads") from None
        raise
    if fifo:
        os.set_blocking(handle, True)
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


def _replace(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file readable by its owner only; a report is for others to read.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refuse_overlaps(outputs: Iterable[tuple[str, Path | None]],
                    inputs: Iterable[tuple[str, Path | None]]) -> None:
    """Raise InputError when an output is an input or another output (nothing is written then).

    ``outputs`` and ``inputs`` pair an option (``--json``, ``--source``) with
    its path. Files compare by identity (device and inode: a hard link or a
    symbolic link to an input is that input), paths not yet written by their
    resolved form. Devices such as ``/dev/null`` may take several outputs.
    """
    seen: dict[object, str] = {}
    for option, path in inputs:
        identity = None if path is None else _identity(path)
        if identity is not None:
            seen.setdefault(identity, f"{option} ({path})")
    for option, path in outputs:
        if path is None:
            continue
        identity = _identity(path)
        if identity is None:  # a device: written through, never replaced
            continue
        if identity in seen:
            raise InputError(str(path), f"{option} names the same file as {seen[identity]}; "
                                        "choose another path (nothing was written)")
        seen[identity] = f"{option} ({path})"


def _identity(path: Path) -> object:
    """(device, inode) of an existing file, None for a device, else the resolved path."""
    try:
        status = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    if stat.S_ISCHR(status.st_mode):
        return None
    return (status.st_dev, status.st_ino)
