"""Whose results these are: the Notification Server a run speaks for, as CI names it.

Several servers' reports published in one pipeline must not collide (GitLab
keeps only the first of duplicate testcases), so the JUnit suite names and
classnames of ``check --junit`` and of pytest mode carry the server's host
name, the phase and the chapter, e.g.
``NS75.post.ch04-migrating-patch-management-solution-for-linux``.
"""

from __future__ import annotations

import re
from pathlib import Path

from itmscheck.engine.facts import Inputs


def server_name(inputs: Inputs) -> str:
    """The target's host name (the source's when the phase has no target).

    When the snapshot could not read it, the snapshot's file name stands in: a
    label is never empty, and never a guess at another server's name.
    """
    for role in ("target", "source"):
        snapshot = inputs.snapshots.get(role)
        if snapshot is None:
            continue
        host = snapshot.facts.get("host")
        name = host.get("name") if isinstance(host, dict) else None
        if isinstance(name, str) and _slug(name):
            return name
        return Path(snapshot.file).stem
    return "server"


def _slug(text: str) -> str:
    """Letters, digits, ``-`` and ``_`` only: dots would split a JUnit classname into packages."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", text).strip("-")


def suite_name(server: str, phase: str) -> str:
    return f"itmscheck {_slug(server) or 'server'} {phase}"


def server_label(server: str, phase: str) -> str:
    """The first part of every classname (and of every pytest node id): ``NS75.post``."""
    return f"{_slug(server) or 'server'}.{phase}"


def chapter_label(chapter: int, title: str) -> str:
    """``ch04-migrating-patch-management-solution-for-linux``."""
    return f"ch{chapter:02d}-" + re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")


def classname(server: str, phase: str, chapter: int, title: str) -> str:
    return f"{server_label(server, phase)}.{chapter_label(chapter, title)}"
