"""The engine's entry points, shared by the command line and the pytest plugin.

They gather what the plugins provide (check types, rule folders, thresholds)
and load the inputs; evaluation itself is in :mod:`itmscheck.engine.evaluate`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from itmscheck.engine.catalog import Catalog, folder_files, load_catalog
from itmscheck.engine.facts import Inputs
from itmscheck.errors import InputError
from itmscheck.evidence.site import Site, check_dates, check_rule_ids, load_site
from itmscheck.evidence.snapshot import Snapshot, load_snapshot
from itmscheck.plugins import plugin_manager


def catalog(extra_dirs: Sequence[Path] = ()) -> Catalog:
    """The rule catalog of every registered plugin, plus ``extra_dirs`` (``--rules-dir``).

    Loaded once per process for the same files (the pytest plugin and the
    tests evaluate many times); any change to a rule or data file reloads it.
    """
    folders = rule_folders(extra_dirs)
    stamp = tuple((str(file), status.st_mtime_ns, status.st_size)
                  for file in rule_files(folders) for status in [_stat(file)])
    return _load(tuple(folders), stamp)


def rule_folders(extra_dirs: Sequence[Path] = ()) -> list[Path]:
    """The plugins' rule folders, then ``extra_dirs``; a folder given twice counts once."""
    for folder in extra_dirs:
        if not folder.is_dir():
            raise InputError(str(folder), "--rules-dir must name a folder of rule files")
    hook = plugin_manager().hook
    folders: dict[str, Path] = {}
    for folder in [*(Path(str(f)) for group in hook.itmscheck_rule_dirs() for f in group),
                   *extra_dirs]:
        folders.setdefault(os.path.realpath(folder), folder)
    return list(folders.values())


def rule_files(folders: Sequence[Path]) -> list[Path]:
    """Every rule file and data table of ``folders`` (bad input when one cannot be read)."""
    files: list[Path] = []
    for folder in folders:
        rules, tables = folder_files(folder)
        files += [*rules, *tables]
    return files


def _stat(file: Path) -> os.stat_result:
    try:
        return file.stat()
    except OSError as error:
        raise InputError(str(file), f"cannot be read: {error.strerror or error}") from None


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
    """Evaluation inputs; the site file may only name rules of the catalog, attest only rules a
    person confirms and nothing after today (the latest date on Earth: UTC+14), and the plugins
    refuse what contradicts itself across documents (``itmscheck_check_inputs``)."""
    check_rule_ids(site, rules.ids, {rule.id for rule in rules.rules if rule.attest})
    check_dates(site, datetime.now(timezone(timedelta(hours=14))).date())
    loaded = Inputs(snapshots=snapshots, site=site, tables=rules.tables,
                    threshold_defaults=threshold_defaults(), fact_sources=fact_sources)
    plugin_manager().hook.itmscheck_check_inputs(inputs=loaded)
    return loaded


def load_inputs(rules: Catalog, source: Path, target: Path | None, site: Path | None) -> Inputs:
    """Inputs read from files: the source snapshot, an optional target and site file."""
    return inputs(rules, {
        "source": load_snapshot(source, "source"),
        "target": load_snapshot(target, "target") if target else None,
    }, load_site(site))
