"""The bundled labs look like real sites: their facts agree with each other and with the guide.

A lab whose facts contradict each other (a Windows Server 2008 R2 name with a
2008 version, a restored database with another collation than its backup)
teaches the wrong thing and can hide a rule that reads the wrong fact.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from itmscheck.evidence.documents import load_json, load_yaml
from tests.conftest import LABS

LABS_NAMES = ["ready", "not-ready"]
OS_VERSIONS = {"Windows Server 2003": "5.2.", "Windows Server 2008 R2": "6.1.", "Windows Server 2008": "6.0."}


def _snapshots(lab: str) -> dict[str, dict[str, Any]]:
    return {path.stem: load_json(path)["facts"] for path in sorted((LABS / lab).glob("*.json"))}


def _site(lab: str) -> dict[str, Any]:
    return load_yaml(LABS / lab / "site.yaml")


@pytest.mark.parametrize("lab", LABS_NAMES)
def test_each_servers_os_name_and_version_agree(lab: str) -> None:
    for name, facts in _snapshots(lab).items():
        os = facts["host"]["os"]
        release = next(r for r in OS_VERSIONS if r in os["name"])  # the longest first: R2 before 2008
        assert os["version"].startswith(OS_VERSIONS[release]), (name, os)


@pytest.mark.parametrize("lab", LABS_NAMES)
def test_sites_site_servers_and_agents_agree(lab: str) -> None:
    for name, facts in _snapshots(lab).items():
        resources = facts.get("resources") or {}
        if not resources.get("sites"):
            continue
        sites = {site["name"] for site in resources["sites"]}
        assert sum(site["agents"] for site in resources["sites"]) == resources["managed_computers"], name
        for server in resources.get("site_servers") or []:
            assert set(server.get("sites", [])) <= sites, (name, server["name"])
        servers = {server["name"] for server in resources.get("site_servers") or []}
        monitor = facts.get("solutions", {}).get("monitor") or {}
        if servers:  # an off-box Remote Monitor Server is installed on a site server
            assert set(monitor.get("offbox_rms") or []) <= servers, name


@pytest.mark.parametrize("lab", LABS_NAMES)
def test_the_cmdb_tables_agree_with_the_hierarchy_facts(lab: str) -> None:
    for name, facts in _snapshots(lab).items():
        tables = (facts.get("cmdb") or {}).get("tables")
        if not tables:
            continue
        hierarchy = facts["hierarchy"]
        neighbours = ([hierarchy["parent"]] if hierarchy["parent"] else []) + hierarchy["children"]
        assert tables["HierarchyNode"] == 1 + len(neighbours), name
        assert tables["ReplicationJob"] >= sum(hierarchy["replication_jobs"].values()), name


@pytest.mark.parametrize("lab", LABS_NAMES)
def test_a_restore_keeps_the_database_collation_and_the_instance_shows(lab: str) -> None:
    facts = _snapshots(lab)
    source, target = facts["source"]["cmdb"], facts["target-post"]["cmdb"]
    assert target["collation"] == source["collation"]  # a restore keeps the backup's collation
    if target["server"].casefold() == source["server"].casefold():
        assert target["instance_collation"] == source["instance_collation"]


@pytest.mark.parametrize("lab", LABS_NAMES)
def test_the_upgrade_changes_the_item_counts(lab: str) -> None:
    facts = _snapshots(lab)
    for table in ("Item", "ItemReference"):
        assert facts["target-post"]["cmdb"]["tables"][table] != facts["source"]["cmdb"]["tables"][table]


@pytest.mark.parametrize("lab", LABS_NAMES)
def test_the_70_product_releases_agree_with_the_suites_release(lab: str) -> None:
    platform = _snapshots(lab)["source"]["platform"]
    for product in platform["products"]:
        if product["name"] == "Symantec Management Platform":
            assert product["release"] == platform["smp_release"]
        elif product["name"] == "Deployment Solution":  # "7.1 that was packaged with ITMS 7.0" (p.83)
            assert product["release"].startswith("7.1")
        elif product["name"] == "ServiceDesk":  # released apart from the suite (ServiceDesk 7.0 MR2)
            assert re.fullmatch(r"7\.0 MR\d", product["release"])
        else:
            assert product["release"] == platform["itms_release"], product


@pytest.mark.parametrize("lab", LABS_NAMES)
def test_registrations_add_up_to_the_upgraded_agents(lab: str) -> None:
    agents = _snapshots(lab)["target-post"]["agents"]
    registration = agents["registration"]
    assert registration["allowed"] + registration["pending"] == agents["total"] - agents["legacy"]


@pytest.mark.parametrize("lab", LABS_NAMES)
def test_attestations_name_the_database_as_the_snapshots_do(lab: str) -> None:
    facts = _snapshots(lab)
    databases = {f["cmdb"]["database"] for f in facts.values() if f.get("cmdb")}
    for rule, attestation in (_site(lab).get("attestations") or {}).items():
        for named in re.findall(r"Symantec_CMDB\w*", str(attestation.get("evidence", ""))):
            assert named in databases, (rule, named)

