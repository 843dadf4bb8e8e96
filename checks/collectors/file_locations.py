"""The guide's file locations that the files collector reads, relative to the Altiris folder.

Each entry cites the guide: the locations are printed there as
``C:\\Program Files\\Altiris\\...`` or ``%InstallDir%\\Altiris\\...``, that is
under the Altiris install folder, which a site may have put elsewhere; so
they are kept relative to it. Get-ItmsFacts.ps1 carries the same table.
"""

from __future__ import annotations

from typing import NamedTuple

NS = "Notification Server"

# "By default, a data store file is created in the Altiris\Upgrade\Data
# directory" (Table 1-1, page 19); "If package files are exported, this
# directory also contains a PackageFiles folder" (Table 2-4, step 5, page 54).
DATA_STORE = r"Upgrade\Data"
PACKAGE_FILES = "PackageFiles"

# "The EXE for the migration wizard is NSUpgradeWizard.exe, and it is located in
# C:\Program Files\Altiris\Upgrade by default" ("About installing the Symantec
# Notification Server Migration Wizard", page 56).
WIZARD = r"Upgrade\NSUpgradeWizard.exe"
# The guide's Notification Server locations all sit in this folder of the install
# folder ("C:\Program Files\Altiris\Notification Server\NSCap\...", Table 6-1): a
# folder holding it is the Altiris install folder (platform.install_path).

# "Backing up Inventory Solution baseline configuration files" (page 72): the
# FileBaselinePackage and RegBaselinePackage folders in this folder.
BASELINE = NS + r"\NSCap\bin\Win32\x86\Inventory\Application Management"
BASELINE_FOLDERS = ("FileBaselinePackage", "RegBaselinePackage")
# "Backing up stand-alone inventory packages" (page 74).
STANDALONE = NS + r"\NSCap\Bin\Win32\x86\Inventory\StandalonePackages"

# Table 6-1 ("Migrating to Deployment Solution 7.5", page 86): fact -> (Deployment
# Solution 7.1 folders, 7.5 folders). The 7.1 folders are the Altiris Agent's, on the
# 7.0 (source) server.
class Folder(NamedTuple):
    """A folder whose files are counted.

    Folders with the same ``mirror`` label hold copies of one set, so a file
    counts once however many of them hold it ("distinct files"); ``inside``,
    when set, counts only the files within a sub-folder of that name.
    """

    path: str
    mirror: str = ""
    inside: str = ""


TASK_HANDLER = r"Altiris Agent\Agents\Deployment\Task Handler"
PACKAGES = NS + r"\NSCap\bin\Deployment\Packages"
BOOTWIZ_75 = tuple(
    Folder(base + rf"\BDC\bootwiz\Platforms\WinPE\{arch}\Drivers\CUSTOM\Drivers", mirror=arch)
    for arch in ("x64", "x86") for base in (NS + r"\NSCap\bin\Deployment", "Deployment"))
PCT = NS + r"\NSCap\bin\Win32\x86\Deployment\PCT"
DEPLOYMENT: dict[str, tuple[tuple[Folder, ...], tuple[Folder, ...]]] = {
    "deploy_cab": ((Folder(TASK_HANDLER + r"\Sysprep\Deploy_Cab"),),
                   (Folder(PACKAGES + r"\Sysprep\Deploy_Cab"),)),
    "image_packages": ((Folder(TASK_HANDLER + r"\image"),), (Folder(PACKAGES + r"\Images"),)),
    "pct_packages": ((Folder(TASK_HANDLER + r"\PCTPackages"),), (Folder(PACKAGES + r"\PCT"),)),
    "soi_packages": ((Folder(TASK_HANDLER + r"\SOI"),), (Folder(PACKAGES + r"\SOI"),)),
    "copy_file_packages": ((Folder(TASK_HANDLER + r"\CopyFile"),),
                           (Folder(PACKAGES + r"\CopyFile"),)),
    "drivers_db": ((Folder(TASK_HANDLER + r"\DriversDB"),),
                   (Folder(r"Deployment\DriversDB"), Folder(NS + r"\NSCap\bin\Deployment\DriversDB"))),
    # 7.1: "Task Handler\bootwiz\Platforms", drivers "in an applicable operating
    # system folder under the Platforms folder" - beside bootwiz's own files. Only
    # files within a CUSTOM folder are counted, the folder 7.5 keeps added drivers
    # in (Drivers\CUSTOM\Drivers); a site whose added drivers sit elsewhere
    # declares the fact instead.
    "bootwiz_drivers": ((Folder(TASK_HANDLER + r"\bootwiz\Platforms", inside="CUSTOM"),), BOOTWIZ_75),
    # "Any .PBT files that you added to the NSCap folder": one folder in both releases.
    "pbt_files": ((Folder(PCT),), (Folder(PCT),)),
}
PBT_SUFFIX = ".pbt"

# Table 9-2 (page 103) and Table 10-2 (page 107): the same location in 7.0 and 7.5.
RTCI = {"event_filter_amt": r"RTCI\Web\UIData\EventFilter_AMT.xml",
        "event_filter_dash": r"RTCI\Web\UIData\EventFilter_DASH.xml",
        "port_check": r"RTCI\Web\UIData\PortCheck.xml"}
RTSM = {"web_terminal_config": r"RTSM\Web\Bin\WebTerminal.config",
        "ping_filter": r"RTSM\Web\UIData\PingFilter.xml",
        "cb_filters": r"RTSM\Web\UIData\CBFilters.xml"}

# "Migrating Endpoint Protection Integration Component 7.0" (page 128):
# <InstallDir>\NSCap\... - the Notification Server's folder. 7.0 keeps both kinds
# of package in Win32\X86; 7.1 and later put the 64-bit ones in Win64\X64.
SEPIC = (NS + r"\NSCap\bin\Win32\X86\Symantec Endpoint Protection\Install Package",
         NS + r"\NSCap\bin\Win64\X64\Symantec Endpoint Protection\Install Package")
