"""The one exception that means "the input cannot be used" (exit status 2)."""

from __future__ import annotations


class InputError(Exception):
    """Bad input, told as one line an administrator can act on.

    ``where`` is a line number (YAML, JSON syntax) or a dotted field path
    (schema errors in JSON), ``excerpt`` the offending line when known.
    """

    def __init__(
        self,
        file: str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        excerpt: str | None = None,
    ) -> None:
        super().__init__(message)
        self.file = file
        self.message = message
        self.line = line
        self.field = field
        self.excerpt = excerpt

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        text = f"{place}:{field} {self.message}"
        if self.excerpt is not None:
            text += f"\n    {self.excerpt.strip()}"
        return text
