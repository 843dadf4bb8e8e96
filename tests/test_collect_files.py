"""The files collector, run for real on an Altiris folder tree built in a temporary folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from itmscheck.cli.app import main
from itmscheck.collectors.command import collect_snapshot
from itmscheck.collectors.files import GROUPS, FilesCollector
from itmscheck.evidence.documents import validate

ALTIRIS = Path("C") / "Program Files" / "Altiris"
NSCAP = ALTIRIS / "Notification Server" / "NSCap"
HANDLER = ALTIRIS / "Altiris Agent" / "Agents" / "Deployment" / "Task Handler"
RTCI_XML = b"<EventFilter><Port>16992</Port></EventFilter>\n"


def _file(path: Path, data: bytes = b"x", mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def build_70_server(root: Path) -> None:
    """A 7.0 server's folders as the guide lays them out, spelled as a real copy might be."""
    data = root / ALTIRIS / "Upgrade" / "Data"
    _file(data / "Store_20261119.adb", b"old", mtime=1_795_000_000)
    _file(data / "Store_20261120_0700.ADB", b"a" * 4096, mtime=1_795_100_000)
    _file(data / "PackageFiles" / "{5F00E96C}" / "setup.msi")
    baseline = NSCAP / "bin" / "Win32" / "x86" / "Inventory" / "Application Management"
    _file(root / baseline / "FileBaselinePackage" / "Finance-Workstations.xml")
    _file(root / baseline / "RegBaselinePackage" / "Kiosk-Registry.snp")
    # The guide spells it NSCap\Bin here; a copy keeps whatever case the server had.
    _file(root / NSCAP / "bin" / "Win32" / "x86" / "Inventory" / "StandalonePackages" / "Inv-Servers.exe")
    _file(root / HANDLER / "Sysprep" / "Deploy_Cab" / "deploy.cab")
    _file(root / HANDLER / "image" / "Win7.gho")
    _file(root / HANDLER / "image" / "Win7-2.gho")
    _file(root / HANDLER / "DriversDB" / "nic" / "e1000.inf")
    _file(root / HANDLER / "bootwiz" / "Platforms" / "WinPE" / "x86" / "Drivers" / "CUSTOM" / "raid.inf")
    _file(root / HANDLER / "bootwiz" / "Platforms" / "WinPE" / "x86" / "stock.inf")  # bootwiz's own
    pct = NSCAP / "bin" / "Win32" / "x86" / "Deployment" / "PCT"
    _file(root / pct / "Office.PBT")
    _file(root / pct / "readme.txt")
    _file(root / ALTIRIS / "RTCI" / "Web" / "UIData" / "EventFilter_AMT.xml", RTCI_XML)
    _file(root / ALTIRIS / "RTSM" / "Web" / "Bin" / "WebTerminal.config", b"<config/>")
    sep = NSCAP / "bin" / "Win32" / "X86" / "Symantec Endpoint Protection" / "Install Package"
    _file(root / sep / "SEP 11.0.6 x86" / "setup.exe")
    _file(root / sep / "SEP 11.0.6 x64" / "setup.exe")


def _site(root: Path, **files: object) -> dict[str, object]:
    return {"files": {"root": str(root), **files}, "_options": {"local": False}}


def test_a_70_tree_gives_every_file_fact_the_guide_names(tmp_path):
    build_70_server(tmp_path)
    fragment = FilesCollector().collect("source", _site(tmp_path))
    facts = fragment.facts
    assert fragment.unknown == {}
    assert facts["migration"]["data_store"] == {
        "path": r"C:\Program Files\Altiris\Upgrade\Data\Store_20261120_0700.ADB",
        "size_bytes": 4096, "modified_at": "2026-11-19T14:53:20Z", "package_files": True}
    inventory = facts["solutions"]["inventory"]
    assert inventory["baseline_files"] == [r"FileBaselinePackage\Finance-Workstations.xml",
                                           r"RegBaselinePackage\Kiosk-Registry.snp"]
    assert inventory["standalone_packages"] == ["Inv-Servers.exe"]
    assert facts["solutions"]["deployment"]["files"] == {
        "deploy_cab": 1, "image_packages": 2, "pct_packages": 0, "soi_packages": 0,
        "copy_file_packages": 0, "drivers_db": 1, "bootwiz_drivers": 1, "pbt_files": 1}
    assert facts["solutions"]["rtci"] == {"event_filter_amt": hashlib.sha256(RTCI_XML).hexdigest(),
                                          "event_filter_dash": None, "port_check": None}
    assert facts["solutions"]["rtsm"]["web_terminal_config"] == hashlib.sha256(b"<config/>").hexdigest()
    assert facts["solutions"]["sepic"]["install_packages"] == ["SEP 11.0.6 x64", "SEP 11.0.6 x86"]


def test_the_75_server_is_read_at_the_75_locations_of_table_6_1_mirrors_counted_once(tmp_path):
    packages = NSCAP / "bin" / "Deployment"
    _file(tmp_path / packages / "Packages" / "Images" / "Win7.gho")
    _file(tmp_path / ALTIRIS / "Deployment" / "DriversDB" / "nic" / "e1000.inf")
    _file(tmp_path / packages / "DriversDB" / "nic" / "e1000.inf")  # the same driver, mirrored
    _file(tmp_path / packages / "DriversDB" / "disk" / "ahci.inf")
    for arch in ("x64", "x86"):
        _file(tmp_path / packages / "BDC" / "bootwiz" / "Platforms" / "WinPE" / arch / "Drivers"
              / "CUSTOM" / "Drivers" / "raid.inf")
    _file(tmp_path / HANDLER / "image" / "old.gho")  # a 7.1 location: not read on 7.5
    counts = FilesCollector().collect("target", _site(tmp_path)).facts["solutions"]["deployment"]["files"]
    assert counts["image_packages"] == 1
    assert counts["drivers_db"] == 2
    assert counts["bootwiz_drivers"] == 2  # one per architecture


def test_the_data_store_is_read_where_the_site_file_says_it_was_copied(tmp_path):
    _file(tmp_path / ALTIRIS / "Notification Server" / "placeholder")
    _file(tmp_path / "D" / "Migration" / "Store.adb", b"s")
    store = FilesCollector().collect("target", _site(
        tmp_path, data_store_folder="D:\\Migration")).facts["migration"]["data_store"]
    assert store["path"] == r"D:\Migration\Store.adb" and store["package_files"] is False


def test_no_data_store_and_no_files_are_values_not_unknowns(tmp_path):
    (tmp_path / ALTIRIS / "Notification Server").mkdir(parents=True)
    fragment = FilesCollector().collect("source", _site(tmp_path))
    assert fragment.unknown == {}
    assert fragment.facts["platform"]["migration_wizard_installed"] is False
    assert fragment.facts["migration"]["data_store"] is None
    assert fragment.facts["solutions"]["inventory"]["baseline_files"] == []
    assert fragment.facts["solutions"]["deployment"]["files"]["image_packages"] == 0


def test_an_unreadable_file_or_folder_leaves_only_that_fact_unknown_with_the_server_path(tmp_path):
    build_70_server(tmp_path)
    (tmp_path / ALTIRIS / "RTCI" / "Web" / "UIData" / "PortCheck.xml").mkdir()  # cannot be hashed
    standalone = tmp_path / NSCAP / "bin" / "Win32" / "x86" / "Inventory" / "StandalonePackages"
    for child in standalone.iterdir():
        child.unlink()
    standalone.rmdir()
    _file(standalone, b"not a folder")
    fragment = FilesCollector().collect("source", _site(tmp_path))
    assert set(fragment.unknown) == {"solutions.rtci.port_check",
                                     "solutions.inventory.standalone_packages"}
    assert fragment.unknown["solutions.rtci.port_check"].startswith(
        r"C:\Program Files\Altiris\RTCI\Web\UIData\PortCheck.xml: ")
    assert str(tmp_path) not in " ".join(fragment.unknown.values())
    assert fragment.facts["solutions"]["rtci"]["event_filter_amt"] is not None  # the others go on


def test_a_wrong_install_folder_reads_nothing_rather_than_reporting_empty_folders(tmp_path):
    build_70_server(tmp_path)
    fragment = FilesCollector().collect("source", _site(tmp_path, install_path="E:\\Altiris"))
    assert set(fragment.unknown) == set(GROUPS)
    assert "E:\\Altiris" in fragment.unknown["migration.data_store"]


@pytest.mark.parametrize("site", [{}, {"_options": {"local": False}}])
def test_without_local_or_a_root_nothing_is_read_and_the_reason_says_how(site):
    fragment = FilesCollector().collect("source", site)
    assert set(fragment.unknown) == set(GROUPS)
    assert "--local" in fragment.unknown["solutions.rtci.port_check"]


def test_collected_file_facts_validate_and_carry_the_files_provenance(tmp_path):
    build_70_server(tmp_path)
    snapshot, _ = collect_snapshot("source", _site(tmp_path), [FilesCollector()])
    validate(snapshot, "snapshot.schema.json", "collected")
    assert snapshot["provenance"]["solutions.rtci.event_filter_amt"]["by"] == "files"
    assert "solutions.patch_linux.package_location" in snapshot["unknown"]  # no collector reads it


def test_collect_reads_the_tree_the_site_file_names(tmp_path, capsys):
    build_70_server(tmp_path / "ns70")
    site = tmp_path / "site.yaml"
    site.write_text(f"itmscheck_site: 1\nfiles:\n  root: '{tmp_path / 'ns70'}'\n"
                    "  install_path: 'C:\\Program Files\\Altiris'\n")
    code = main(["collect", "--role", "source", "--site", str(site), "--output", str(tmp_path / "s.json")])
    err = capsys.readouterr().err
    facts = json.loads((tmp_path / "s.json").read_text())["facts"]
    assert facts["migration"]["data_store"]["package_files"] is True
    assert code == 1 and "FAILED files" not in err  # read; the tree has no a.log folder (FAILED logs)
    assert "FAILED logs: no a.log folder found" in err


def test_a_relative_install_path_in_the_site_file_is_bad_input(tmp_path, capsys):
    site = tmp_path / "site.yaml"
    site.write_text("itmscheck_site: 1\nfiles:\n  install_path: 'Program Files\\Altiris'\n")
    code = main(["collect", "--role", "source", "--site", str(site), "--output", str(tmp_path / "s.json")])
    _, err = capsys.readouterr()
    assert code == 2 and "install_path" in err and not (tmp_path / "s.json").exists()
