"""Text that reaches a console: control characters escaped, unencodable characters replaced.

A snapshot, a site file or a rule file may carry any character, and its text
reaches the console in messages. An ESC sequence there could rewrite the
NO-GO headline on a terminal, a carriage return hide a line's start, a bidi
override reorder it. :func:`escape` shows every such character as a visible
escape (``\\x1b``, ``\\u202e``); tabs and line ends stay.

:class:`ConsoleStream` applies it to everything the command line prints,
encodes what the console's code page cannot show as ``\\uXXXX`` (a cp1252
pipeline on Windows survives ``→``), and treats a reader that left (``|
head -1``) as the end of output, not as an error: the command still ends with
its verdict's exit status.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Iterator
from typing import TextIO

# C0 but tab and line feed, DEL, C1, and the bidirectional formatting characters.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """``text`` with control, bidi-formatting and lone surrogate characters shown as escapes."""
    return _UNSAFE.sub(_shown, text)


class ConsoleStream(io.TextIOBase):
    """A text stream in front of a console stream: escapes, never fails to encode, survives a closed pipe."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.reader_left = False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.stream.isatty()

    def write(self, text: str) -> int:
        if self.reader_left:
            return len(text)
        safe = escape(text).encode(self.encoding, "backslashreplace").decode(self.encoding)
        try:
            self.stream.write(safe)
        except BrokenPipeError:
            self._reader_left()
        return len(text)

    def flush(self) -> None:
        if self.reader_left:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            self._reader_left()

    def _reader_left(self) -> None:
        """Send the rest to the null device, so nothing complains when the process exits."""
        self.reader_left = True
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self.stream.fileno())
            os.close(null)


@contextlib.contextmanager
def attached() -> Iterator[tuple[ConsoleStream, ConsoleStream]]:
    """``sys.stdout`` and ``sys.stderr`` behind :class:`ConsoleStream` while the block runs."""
    saved = sys.stdout, sys.stderr
    out, err = ConsoleStream(sys.stdout), ConsoleStream(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        yield out, err
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = saved
