"""The built-in plugin: itmscheck's own check types, rules and reporters.

Registered through the ``itmscheck`` entry-point group like any third-party
plugin (see pyproject.toml), so it uses no private way in.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

from itmscheck.hookspecs import hookimpl

if TYPE_CHECKING:
    from itmscheck.collectors import Collector
    from itmscheck.engine.checktype import CheckType
    from itmscheck.engine.facts import Inputs
    from itmscheck.reports import Reporter


@hookimpl
def itmscheck_check_types() -> list[type[CheckType]]:
    from itmscheck.types import (
        compare,
        contains,
        count_items,
        disjoint_names,
        distinct_hosts,
        empty,
        equals,
        every_item,
        gone_from,
        includes_all,
        item_compare,
        items_hold,
        matches,
        matches_row,
        max_age,
        min_version,
        neighbours_release,
        not_expired,
        one_of,
        plan_coverage,
        plan_has,
        plan_hierarchy_order,
        plan_names,
        plan_pilot,
        plan_redirect_order,
        plan_shared_site_servers,
        plan_split_sites,
        plan_task_before_package,
        plan_wave_sizes,
        remote_location,
        replication_off_around,
        rows_transferred,
        same_path,
        tables,
        urls_point_to,
    )

    return [
        equals.Equals, one_of.OneOf, compare.Compare, contains.Contains,
        includes_all.IncludesAll, matches_row.MatchesRow, same_path.SamePath,
        distinct_hosts.DistinctHosts, max_age.MaxAge, remote_location.RemoteLocation,
        tables.Tables, empty.Empty, matches.Matches, every_item.EveryItem,
        min_version.MinVersion, urls_point_to.UrlsPointTo, disjoint_names.DisjointNames,
        count_items.CountItems,
        # The guide's meaning (issue 13).
        neighbours_release.NeighboursRelease, rows_transferred.RowsTransferred,
        gone_from.GoneFrom, replication_off_around.ReplicationOffAround,
        # The redirect plan (issue 7).
        plan_has.PlanHas, plan_wave_sizes.PlanWaveSizes, plan_split_sites.PlanSplitSites,
        plan_shared_site_servers.PlanSharedSiteServers, plan_redirect_order.PlanRedirectOrder,
        plan_task_before_package.PlanTaskBeforePackage, plan_pilot.PlanPilot,
        plan_hierarchy_order.PlanHierarchyOrder, plan_coverage.PlanCoverage, plan_names.PlanNames,
        # The known-issues pack (issue 21).
        items_hold.ItemsHold, not_expired.NotExpired, item_compare.ItemCompare,
    ]


@hookimpl
def itmscheck_rule_dirs() -> list[Traversable]:
    # The guide's rules, then the known-issues pack (a site switches it off in its site file).
    return [resources.files("itmscheck.rules"), resources.files("itmscheck.rules.known_issues")]


@hookimpl
def itmscheck_reporters() -> list[type[Reporter]]:
    from itmscheck.reports.html_report import HtmlReporter
    from itmscheck.reports.json_report import JsonReporter
    from itmscheck.reports.junit_report import JunitReporter

    return [JsonReporter, JunitReporter, HtmlReporter]


@hookimpl
def itmscheck_collectors() -> list[Collector]:
    from itmscheck.collectors.cmdb.collector import CmdbCollector
    from itmscheck.collectors.console_plugins import ConsolePluginsCollector
    from itmscheck.collectors.declared import DeclaredCollector
    from itmscheck.collectors.files import FilesCollector
    from itmscheck.collectors.host import HostCollector
    from itmscheck.collectors.imported import ImportCollector
    from itmscheck.collectors.logs import LogsCollector

    # Order matters among collected facts: this machine's own reading (--local)
    # is fresher than the CMDB's inventory record of it.
    return [HostCollector(), ConsolePluginsCollector(), FilesCollector(), LogsCollector(),
            CmdbCollector(), ImportCollector(), DeclaredCollector()]


@hookimpl
def itmscheck_check_inputs(inputs: Inputs) -> None:
    from itmscheck.planning.reading import check_plan

    check_plan(inputs)  # a plan naming what the source lacks: exit 2 before any rule runs


@hookimpl
def itmscheck_fact_sources() -> list[tuple[str, str]]:
    from itmscheck.collectors.sources import fact_sources

    return list(fact_sources())


@hookimpl
def itmscheck_threshold_defaults() -> list[dict[str, Any]]:
    # The guide asks for a backup taken "before you begin the migration"
    # without a number; a day is this tool's default, settable per site.
    # How old evidence may be at check time is itmscheck's policy, not the guide's:
    # a week, the rhythm of a change board (docs/contract.md, "Evidence age").
    return [{"backup_max_age_hours": 24, "evidence_max_age_days": 7}]
