"""The plugin API of itmscheck: the only way in.

A plugin is a module or object with functions named like these hooks and
marked with :data:`hookimpl`; it is found through the entry-point group
``itmscheck`` (``[project.entry-points.itmscheck]`` in its pyproject.toml).
The built-in check types and reporters are registered exactly so, by
:mod:`itmscheck.builtin`. Every hook returns a list, and pluggy gathers the lists
of all plugins, except ``itmscheck_check_inputs``, which refuses or returns nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from itmscheck.collectors import Collector
    from itmscheck.engine.checktype import CheckType
    from itmscheck.engine.facts import Inputs
    from itmscheck.reports import Reporter

PROJECT = "itmscheck"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def itmscheck_check_types() -> list[type[CheckType]]:
    """Return check types (subclasses of :class:`itmscheck.engine.checktype.CheckType`).

    Their ``name`` is the ``type:`` a rule file uses; two plugins may not
    register the same name.
    """
    raise NotImplementedError


@hookspec
def itmscheck_rule_dirs() -> list[Traversable]:
    """Return folders of rule files (``*.yaml``) to add to the catalog.

    A folder may hold a ``data/`` subfolder of data tables (``*.yaml``) that
    rules reference as ``data.<file stem>``. Rule ids must be unique across
    all folders.
    """
    raise NotImplementedError


@hookspec
def itmscheck_reporters() -> list[type[Reporter]]:
    """Return reporters (subclasses of :class:`itmscheck.reports.Reporter`).

    Each reporter's ``option`` (such as ``junit``) becomes the
    ``check --<option> PATH`` command-line option that writes its report.
    """
    raise NotImplementedError


@hookspec
def itmscheck_collectors() -> list[Collector]:
    """Return fact collectors (objects following :class:`itmscheck.collectors.Collector`).

    ``itmscheck collect`` runs every collector independently: one that fails
    leaves its facts null with the reason recorded, and the others go on.
    ``collect(role, site)`` receives the site file's document; its ``_options``
    key carries the command's options (``local``, ``imports``, ``site_file``).
    A collector may set ``kind`` (``collected``, the default, ``imported`` or
    ``declared``: precedence when two give the same fact) and ``groups`` (the
    fact paths it owes, recorded as unknown when it raises).
    """
    raise NotImplementedError


@hookspec
def itmscheck_check_inputs(inputs: Inputs) -> None:
    """Refuse inputs that contradict each other, before any rule is evaluated.

    Raise :class:`itmscheck.errors.InputError` naming the file and the field
    (exit 2): a snapshot and a site file are each valid alone, but a site
    file's plan may name what the source snapshot does not have. A fact that
    could not be read is left to the rules (they report ``error``).
    """
    raise NotImplementedError


@hookspec
def itmscheck_threshold_defaults() -> list[dict[str, Any]]:
    """Return default values for site thresholds (``threshold.<name>`` in rules).

    A site file's ``thresholds`` section overrides them.
    """
    raise NotImplementedError


@hookspec
def itmscheck_fact_sources() -> list[tuple[str, str]]:
    """Return how facts are obtained: ``(fact path or group, how)`` pairs.

    ``how`` names what reads the fact and how to run it (a collector, a probe,
    a fragment field). When a rule cannot be evaluated because a fact is
    unknown, its ``error`` result tells how to get the fact from these; a
    fact no plugin names is declared by a person in the site file's ``facts:``.
    """
    raise NotImplementedError
