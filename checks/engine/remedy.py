"""An ``error`` result's own remedy: how to get the facts it lacks.

A rule that could not be evaluated needs evidence, not the fix for the finding
it might have made. The sentence is derived from data, never written per rule:
each unknown reference is looked up in the fact sources the plugins declare
(the ``itmscheck_fact_sources`` hook: a CMDB probe, a field of the host
script's fragment, a collector), and a fact nothing reads is declared by a
person in the site file's ``facts:``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

SERVERS = {"source": "7.0", "target": "7.5"}
RECOLLECT = ("Collect the snapshots again (`itmscheck collect --role source` and `--role target`) "
             "so that the facts the message names can decide, then check again.")


def how_to_obtain(missing: Iterable[str], sources: Mapping[str, tuple[str, ...]]) -> str | None:
    """One paragraph saying how to get each reference in ``missing`` (None when there is none)."""
    sentences = [_one(ref, sources) for ref in dict.fromkeys(missing)]
    return " ".join(dict.fromkeys(sentences)) or None


def _one(ref: str, sources: Mapping[str, tuple[str, ...]]) -> str:
    root, _, path = ref.partition(".")
    if root in SERVERS and not path:
        return (f"Pass --{root} with the {SERVERS[root]} server's snapshot (write it with "
                f"`itmscheck collect --role {root}`).")
    if root in SERVERS:
        again = f"then collect the {root} snapshot again (`itmscheck collect --role {root}`)."
        ways = _ways(path, sources)
        if ways:
            return (f"To get {ref}: {'; or '.join(ways)}; where none of these can read it, "
                    f"declare `{path}` in the site file's `facts:`; {again}")
        return (f"No collector reads {ref}: a person declares `{path}` in the site file's "
                f"`facts:` (see docs/facts.md), {again}")
    if root == "site":
        return f"Declare `{path}` in the site file (--site SITE.yaml; docs/contract.md, \"Site file\")."
    if root == "threshold":
        return f"Set `thresholds.{path}` in the site file."
    return f"The rule refers to {ref}, which no input holds: a fault in its rule file."


def _ways(path: str, sources: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The ways to read ``path``: those of the fact or a group above it, else of facts below it."""
    found = [how for key, ways in sources.items() if path == key or path.startswith(key + ".")
             for how in ways]
    if not found:  # a group such as `host`: whatever reads its parts
        found = [how for key, ways in sources.items() if key.startswith(path + ".") for how in ways]
    return list(dict.fromkeys(found))


def index(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """The hook's ``(path, how)`` pairs by path."""
    found: dict[str, list[str]] = {}
    for path, how in pairs:
        if how not in found.setdefault(path, []):
            found[path].append(how)
    return {path: tuple(ways) for path, ways in found.items()}
