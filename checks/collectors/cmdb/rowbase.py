"""What every row-to-fact function shares: the row type, and its two ways of saying "no fact"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


class Unreadable(Exception):
    """The rows do not give the probe's facts at all; the message says why."""


@dataclass(frozen=True)
class Unknown:
    """The value of one fact the rows cannot give (the probe's other facts stand): why not."""

    reason: str
