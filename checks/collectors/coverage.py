"""Which source collects each fact, and why the others are left to a person.

``collected_by()`` derives, fact by fact, the automatic sources from the
collectors themselves: the CMDB probes' ``-- fact:`` headers (marked
``unconfirmed`` where a probe uses what no public source shows), the
Get-ItmsFacts.ps1 fragment, the files and logs collectors, and what ``collect
--local`` reads with the standard library. ``DECLARED_ONLY`` gives, for every
other fact, why nothing reads it: in each case no public source says where
ITMS keeps it, and the tool does not guess a table. ``docs/facts.md`` shows
both (``python -m itmscheck.docgen``), and an ``error`` result says how to get
a fact it lacks from the same table (:mod:`itmscheck.collectors.sources`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from itmscheck.collectors.factpaths import fact_paths, under

# What Get-ItmsFacts.ps1 writes (tests/test_coverage.py ties it to the script).
SCRIPT_FACTS = (
    "host.name", "host.fqdn", "host.ip_addresses", "host.os", "host.cpu_x64_capable",
    "host.plugins", "host.local_users", "host.dotnet35", "platform.install_path",
    "platform.migration_wizard_installed", "platform.agent_package_build", "platform.sim_version",
    # The known-issues pack (issue 21).
    "host.dotnet4_release", "host.uac_enabled", "host.domain_role", "host.local_administrators",
    "platform.app_identity",
    "migration.data_store",
    "solutions.inventory.baseline_files", "solutions.inventory.standalone_packages",
    "solutions.deployment.files", "solutions.rtci", "solutions.rtsm",
    "solutions.sepic.install_packages", "logs",
)
HOST_SCRIPT = "host script (Get-ItmsFacts.ps1)"

_NO_POLICY = ("the guide names this policy by its console path only; no public source gives "
              "its item or where its enabled state is stored")
_MONITOR = "Monitor Solution's policy, rule and metric tables are in no public source"
_SWM_PATHS = ("the column holding a software package's source path is in no public source, and "
              "the Software Library path's place is not either")
DECLARED_ONLY = {
    "platform.smp_release": "no public source maps a 7.0 or 7.5 build number to its SP or MR "
                            "release name; Symantec Installation Manager's Installed Products "
                            "page shows it",
    "platform.itms_release": "no public source maps a 7.0 or 7.5 build number to its SP or MR "
                             "release name; Symantec Installation Manager's Installed Products "
                             "page shows it",
    "platform.sim_install_path": "of Symantec Installation Manager's registry key "
                                 "(HKLM\\SOFTWARE\\Altiris\\AIM) only its ProductVersion value "
                                 "is public; no source says where its install folder is recorded",
    "platform.legacy_agent_communication": "no public source says where the Legacy Agent "
                                           "Communication setting is stored (CMDB, core settings "
                                           "or registry)",
    "agents.x86_on_x64": "how a 32-bit agent on a 64-bit computer shows in basic inventory, and "
                         "the column holding a computer's OS architecture, are in no public source",
    "agents.registration.pending": "the tables behind 7.5's Agent Registration Status report "
                                   "are in no public source",
    "agents.registration.blocked": "the tables behind 7.5's Agent Registration Status report "
                                   "are in no public source",
    "agents.registration.allowed": "the tables behind 7.5's Agent Registration Status report "
                                   "are in no public source",
    "agents.registration_policies": "no public source names the items or tables holding 7.5 "
                                    "agent registration policies",
    "agents.redirect_urls": "where Targeted Agent Settings keep the alternate Notification "
                            "Server URL is in no public source",
    "resources.subnets": "no public SQL reads the site and subnet tables",
    "resources.connection_profiles": "Credentials Management's connection profiles are in no "
                                     "public SQL",
    "resources.site_servers": "vSiteServices lists site servers, but no public source says "
                              "which service (package or task) each runs, and the rules pick "
                              "site servers by service",
    "solutions.inventory.baseline_tasks": "no public source gives the item class of File and "
                                          "Registry Baseline tasks",
    "solutions.inventory.metering_policies_in_deprecated_folders": (
        "how metering policies and their console folders are stored is public only for "
        "Notification Server 6"),
    "solutions.patch_linux.subscribed_channels": "Patch Management for Linux settings are in no "
                                                 "public SQL",
    "solutions.patch_linux.credentials_configured": "Patch Management for Linux settings are in "
                                                    "no public SQL",
    "solutions.patch_linux.package_location": "the guide says the setting is stored in the CMDB "
                                              "but no public source says where",
    "solutions.patch_windows.legacy_items": "no public source says how items of Patch "
                                            "Management releases before 7.1 SP1 are told apart",
    "solutions.patch_windows.bulletins": "no public source says how 7.5-format bulletins are "
                                         "told apart from older ones",
    "solutions.software_management.library_path": "no public source says where the Software "
                                                  "Library path is stored",
    "solutions.software_management.packages_outside_library": _SWM_PATHS,
    "solutions.software_management.missing_package_files": _SWM_PATHS,
    "solutions.software_management.local_resource_paths": _SWM_PATHS,
    "solutions.software_management.long_paths": _SWM_PATHS,
    **{f"solutions.deployment.upgrade_policies.{name}": _NO_POLICY for name in (
        "site_server_components_upgrade", "package_server_components_install",
        "plugin_upgrade_windows", "plugin_upgrade_linux", "plugin_upgrade_mac",
        "automation_folder_windows", "automation_folder_linux", "automation_folder_mac")},
    "solutions.deployment.automation_packages": "no public source names the default automation "
                                                "packages' items",
    "solutions.deployment.log_errors": "the Deployment Solution installation log's place and its "
                                       "install time are in no public source",
    "solutions.monitor.enabled_policies": _MONITOR,
    "solutions.monitor.offbox_rms": _MONITOR,
    "solutions.monitor.plugin_upgrade_policy_enabled": _NO_POLICY,
    "solutions.monitor.changed_default_policies": _MONITOR,
    "solutions.monitor.changed_default_rules": _MONITOR,
    "solutions.monitor.changed_default_metrics": _MONITOR,
    "solutions.monitor.windows_2000_pack_enabled": _MONITOR,
    "solutions.pcanywhere.plugin_upgrade_policy_enabled": _NO_POLICY,
    "platform.agents_use_https": "where Targeted Agent Settings keep the agents' Notification "
                                 "Server URL is in no public source",
    "platform.https_enabled": "no collector reads the IIS bindings of the web site hosting "
                              "/Altiris/ yet (a person reads them in IIS Manager)",
    **{f"platform.upgrade_policies.{name}": _NO_POLICY for name in (
        "package_server_agent_upgrade", "task_service_upgrade_x64", "task_service_upgrade_x86")},
    "agents.plugin_releases": "the agents_versions probe counts each version of each agent; "
                              "comparing a plug-in's release with its own computer's agent is "
                              "no probe yet",
    "agents.registration.duplicates_pending": "the tables behind 7.5's Agent Registration "
                                              "Status report are in no public source",
    "resources.identical_resource_keys": "the resources_duplicate_keys probe counts the shared "
                                         "keys (unconfirmed); listing their values is no probe yet",
    "solutions.inventory.deprecated_reports": "no public source says how report items are told "
                                              "apart by name and class",
    "solutions.patch_linux.package_location_exists": "the folder to look for is the package "
                                                     "location, which is in no public SQL",
    "solutions.sepic.packages": "the files collector lists the package folders "
                                "(install_packages); which client architecture a package "
                                "installs is in no public source about those folders",
    "solutions.barcode.unprocessed_batches": "Barcode Solution's batch tables are in no public "
                                             "source",
    "solutions.servicedesk.open_processes": "which ServiceDesk process rows count as open is in "
                                            "no public source",
    # The known-issues pack (issue 21).
    "platform.licenses": "no public source says where Symantec Installation Manager keeps the "
                         "licenses its Product Licensing page shows (trial or not, "
                         "maintenance, nodes)",
    "platform.hotfix_level": "no public source says where the installed hot fix level is "
                             "recorded; Symantec Installation Manager's Install Hot Fixes page "
                             "shows it",
    "platform.site_services": "vSiteServices lists site servers, but no public source says which "
                              "service (package or task) each runs, the Notification Server's own "
                              "included",
}


CONNECTION = ("the CMDB connection (site file `cmdb.connection`, or `collect --connection-env "
              "NAME`)")
FILES_ROOT = ("`collect --local` run on the Notification Server, or `collect` anywhere with the "
              "site file's `files.root` standing for its drives")


@dataclass(frozen=True)
class Reader:
    """One automatic source of a fact: its short ``label`` (docs/facts.md) and ``how`` to run it
    (an ``error`` result's remedy, through the ``itmscheck_fact_sources`` hook)."""

    label: str
    how: str


@cache
def readers() -> dict[str, tuple[Reader, ...]]:
    """Each fact path and the automatic sources that read it (none: declared only).

    The one table of who reads what: :func:`collected_by` gives its labels, and
    :mod:`itmscheck.collectors.sources` its ways for the remedy of an ``error``.
    """
    from itmscheck.collectors import console_plugins, files, host, logs
    from itmscheck.collectors.cmdb.probe import load_probes

    sources: dict[str, list[Reader]] = {path: [] for path in fact_paths()}

    def add(groups: tuple[str, ...] | list[str], label: str, how: str | Callable[[str], str]) -> None:
        for group in groups:
            for path in under(fact_paths(), group):
                if all(reader.label != label for reader in sources[path]):
                    sources[path].append(Reader(label, how(path) if callable(how) else how))

    for probe in load_probes():
        where = "" if probe.server == "any" else " (SQL Server only)"
        add(probe.facts, f"CMDB probe `{probe.name}`" + (" (unconfirmed)" if probe.unconfirmed else ""),
            f"the CMDB probe {probe.name}.sql{where}, read by `itmscheck collect` over {CONNECTION}")
    add(("cmdb.server", "cmdb.database"), "CMDB connection", CONNECTION)
    add(SCRIPT_FACTS, HOST_SCRIPT,
        lambda path: (f"Get-ItmsFacts.ps1 run on the Notification Server (its fragment's field "
                      f"`facts.{path}`), passed with `collect --import FRAGMENT.json`"))
    add(files.GROUPS, "files", f"the files collector: {FILES_ROOT}")
    add(logs.GROUPS, "logs", f"the logs collector: {FILES_ROOT} (or `files.log_folder`)")
    add(console_plugins.GROUPS, "registry (--local)",
        "the registry, read by `collect --local` run on the Notification Server")
    # On Windows the standard library cannot list local accounts (host.py).
    add(tuple(p for p in host.GROUPS if p != "host.local_users"), "this machine (--local)",
        "`collect --local` run on the Notification Server itself")
    return {path: tuple(found) for path, found in sources.items()}


def collected_by() -> dict[str, tuple[str, ...]]:
    """Each fact path and the labels of the automatic sources that read it (none: declared only)."""
    return {path: tuple(reader.label for reader in found) for path, found in readers().items()}
