"""How many of the facts the automatic blocker rules read are collected automatically.

A rule is *automatic* when no person attests it (no ``attest``); its blocker
facts are the snapshot facts its ``applies_when`` and ``check`` refer to
(``source.<fact>`` / ``target.<fact>``). A reference to a whole group (the
``distinct_hosts`` check's ``target.host``) counts the facts the check reads
in it, found by evaluating that check on the bundled ready lab, where every
fact is filled in. A fact is *collected automatically* when some collector
reads it (:func:`itmscheck.collectors.coverage.collected_by`), a CMDB probe
marked unconfirmed included; the others are declared only, each with its
reason. ``docs/facts.md`` prints the summary line.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from itmscheck.collectors.coverage import collected_by
from itmscheck.collectors.factpaths import fact_paths, under
from itmscheck.engine.catalog import Catalog
from itmscheck.engine.checktype import CheckType

_REF = re.compile(r"^(source|target)\.([A-Za-z0-9_.]+)$")


@dataclass(frozen=True)
class Coverage:
    read: dict[str, tuple[str, ...]]  # fact path -> automatic blocker rules reading it
    collected: tuple[str, ...]  # of those, the facts some collector reads

    @property
    def percent(self) -> int:
        """Rounded down: the page never claims more than is collected."""
        return 100 * len(self.collected) // len(self.read) if self.read else 100

    def summary(self) -> str:
        return (f"Facts read by automatic blocker rules: {len(self.read)}; collected "
                f"automatically: {len(self.collected)} ({self.percent} %).")


def coverage(catalog: Catalog) -> Coverage:
    read: dict[str, set[str]] = {}
    for rule in catalog.rules:
        if rule.severity != "blocker" or rule.attest:
            continue
        for node in (rule.applies_when, rule.check):
            for leaf in node.leaves() if node is not None else ():
                for ref in _refs(leaf.params):
                    for path in _facts(ref, leaf, catalog):
                        read.setdefault(path, set()).add(rule.id)
    order = {path: index for index, path in enumerate(fact_paths())}
    ordered = sorted(read, key=lambda p: order[p])
    sources = collected_by()
    return Coverage(read={p: tuple(sorted(read[p])) for p in ordered},
                    collected=tuple(p for p in ordered if sources[p]))


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if _REF.match(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _refs(item)


def _facts(ref: str, leaf: CheckType, catalog: Catalog) -> list[str]:
    """The fact paths ``ref`` stands for: itself, the fact holding it, or what is read of a group."""
    path = ref.split(".", 1)[1]
    holding = [p for p in fact_paths() if path == p or path.startswith(p + ".")]
    if holding:
        return holding
    inside = under(fact_paths(), path)
    read = [p for p in inside if any(r == f"{ref.split('.')[0]}.{p}" for r in _read_on_demo(leaf, catalog))]
    return read or inside


def _read_on_demo(leaf: CheckType, catalog: Catalog) -> set[str]:
    """The references ``leaf`` reads when evaluated on the bundled ready lab (source, target-post)."""
    from itmscheck.engine import loader
    from itmscheck.engine.facts import Facts, FactUnknown

    folder = Path(str(resources.files("itmscheck.demo").joinpath("ready")))
    inputs = loader.load_inputs(catalog, folder / "source.json", folder / "target-post.json",
                                folder / "site.yaml")
    facts = Facts(inputs)
    with contextlib.suppress(FactUnknown):  # what it read before stopping is recorded all the same
        leaf.evaluate(facts)
    return set(facts.evidence)
