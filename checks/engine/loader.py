"""The engine's entry points, shared by the command line and the pytest plugin.

They gather what the plugins provide (check types, rule folders, thresholds)
and load the inputs; evaluation itself is in :mod:`itmscheck.engine.evaluate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from itmscheck.engine.catalog import Catalog, load_catalog
from itmscheck.engine.facts import Inputs
from itmscheck.errors import InputError
from itmscheck.evidence.site import Site, check_rule_ids, load_site
from itmscheck.evidence.snapshot import Snapshot, load_snapshot
from itmscheck.plugins import plugin_manager


def catalog(extra_dirs: Sequence[Path] = ()) -> Catalog:
    """The rule catalog of every registered plugin, plus ``extra_dirs`` (``--rules-dir``).

    Loaded once per process for the same files (the pytest plugin and the
    tests evaluate many times); any change to a rule or data file reloads it.
    """
    for folder in extra_dirs:
        if not folder.is_dir():
            raise InputError(str(folder), "--rules-dir must name a folder of rule files")
    hook = plugin_manager().hook
    folders = [*(Path(str(f)) for group in hook.itmscheck_rule_dirs() for f in group), *extra_dirs]
    stamp = tuple((str(file), file.stat().st_mtime_ns, file.stat().st_size)
                  for folder in folders for file in sorted([*folder.glob("*.yaml"),
                                                            *folder.glob("data/*.yaml")]))
    return _load(tuple(folders), stamp)


@cache
def _load(folders: tuple[Path, ...], stamp: tuple[tuple[str, int, int], ...]) -> Catalog:
    from itmscheck.engine.catalog_cache import cached_catalog

    hook = plugin_manager().hook
    types = [t for group in hook.itmscheck_check_types() for t in group]
    # Between processes, the compiled catalog is reused while its inputs' content is unchanged.
    return cached_catalog(folders, types, lambda: load_catalog(folders, types))


def threshold_defaults() -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for group in plugin_manager().hook.itmscheck_threshold_defaults():
        for mapping in group:
            defaults.update(mapping)
    return defaults


@cache
def fact_sources() -> dict[str, tuple[str, ...]]:
    """How each fact is obtained, as the plugins say (``itmscheck_fact_sources``)."""
    from itmscheck.engine.remedy import index

    return index(pair for group in plugin_manager().hook.itmscheck_fact_sources() for pair in group)


def inputs(rules: Catalog, snapshots: dict[str, Snapshot | None], site: Site) -> Inputs:
    """Evaluation inputs; the site file may only name rules of the catalog."""
    check_rule_ids(site, rules.ids)
    return Inputs(snapshots=snapshots, site=site, tables=rules.tables,
                  threshold_defaults=threshold_defaults(), fact_sources=fact_sources)


def load_inputs(rules: Catalog, source: Path, target: Path | None, site: Path | None) -> Inputs:
    """Inputs read from files: the source snapshot, an optional target and site file."""
    return inputs(rules, {
        "source": load_snapshot(source, "source"),
        "target": load_snapshot(target, "target") if target else None,
    }, load_site(site))
