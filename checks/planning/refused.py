"""Why a plan cannot be judged at all: the site file or the snapshot contradicts itself.

The plan model is pure, so it raises :class:`Refused` with the place in the
document; :func:`itmscheck.planning.reading.refusal` turns it into the
:class:`~itmscheck.errors.InputError` (exit 2) that names the file and field.
"""

from __future__ import annotations

from typing import Literal


class Refused(Exception):
    """A plan or hierarchy that no rule should judge: exit 2, naming where it is wrong."""

    def __init__(self, document: Literal["site", "source"], path: list[str | int], message: str) -> None:
        super().__init__(message)
        self.document = document
        self.path = path
        self.message = message

    @property
    def field(self) -> str:
        """The place as an error names it: ``plan.split_sites.HQ[0].site_servers[1]``."""
        return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path).lstrip(".")
