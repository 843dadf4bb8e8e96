"""The logs and console plug-ins collectors: real a.log files in a temporary folder, a stand-in registry."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from itmscheck.collectors.alog import grouping_key, when
from itmscheck.collectors.command import collect_snapshot
from itmscheck.collectors.console_plugins import ConsolePluginsCollector, java_name
from itmscheck.collectors.logs import GROUPS, LogsCollector
from itmscheck.evidence.documents import validate

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
LOGS = Path("C") / "ProgramData" / "Symantec" / "SMP" / "Logs"


def _event(at: datetime, severity: int, message: str, form: str = "%Y-%m-%d %H:%M:%S.0000000 +00:00") -> str:
    return (f"<event date='{at.strftime(form)}' severity='{severity}' hostName='NS70' "
            f"source='Altiris.NS' module='AeXSvc.exe' process='AeXSvc' pid='1740' thread='12' "
            f"tickCount='1234' >\n  <![CDATA[{message}]]>\n</event>\n")


def _log(root: Path, name: str, events: list[str], mtime: datetime = NOW, encoding: str = "utf-8") -> Path:
    path = root / LOGS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(events), encoding=encoding)
    os.utime(path, (mtime.timestamp(), mtime.timestamp()))
    return path


def _site(root: Path, **files: object) -> dict[str, object]:
    return {"files": {"root": str(root), **files}}


def test_errors_and_warnings_of_the_window_are_counted_and_their_messages_grouped(tmp_path):
    day = timedelta(days=1)
    _log(tmp_path, "a.log", [
        _event(NOW - day, 1, "Failed to process item {1A2B3C4D-0000-1111-2222-333344445555}: timeout 30"),
        _event(NOW - day, 1, "Failed to process item {9F2B3C4D-0000-1111-2222-333344445555}: timeout 31"),
        _event(NOW - 2 * day, 2, "Replication job 17 is retrying"),
        _event(NOW - 2 * day, 4, "Information is not counted"),
        _event(NOW - 20 * day, 1, "Too old for the window"),
    ])
    _log(tmp_path, "a00001.log", [_event(NOW - 3 * day, 2, "Low disk space", "%m/%d/%Y %I:%M:%S %p")],
         mtime=NOW - 3 * day, encoding="utf-16")
    _log(tmp_path, "a00002.log", ["<event date='garbage' severity='1'>old</event>"], mtime=NOW - 30 * day)
    fragment = LogsCollector(now=NOW).collect("source", _site(tmp_path))
    assert fragment.unknown == {}
    logs = fragment.facts["logs"]
    assert logs["folder"] == r"C:\ProgramData\Symantec\SMP\Logs" and logs["days"] == 7
    assert (logs["errors_last_days"], logs["warnings_last_days"]) == (2, 2)
    assert logs["top_messages"][0] == {
        "message": "Failed to process item {guid}: timeout #", "severity": "error", "count": 2}


def test_the_windows_server_2003_and_the_site_file_log_folders_are_found(tmp_path):
    old = tmp_path / "C" / "Documents and Settings" / "All Users" / "Application Data" / "Symantec"
    (old / "SMP" / "Logs").mkdir(parents=True)
    assert LogsCollector(now=NOW).collect("source", _site(tmp_path)).facts["logs"]["folder"] == (
        r"C:\Documents and Settings\All Users\Application Data\Symantec\SMP\Logs")
    (tmp_path / "E" / "NSLogs").mkdir(parents=True)
    logs = LogsCollector(now=NOW).collect("source", _site(tmp_path, log_folder="E:\\NSLogs", log_days=2))
    assert logs.facts["logs"]["folder"] == "E:\\NSLogs" and logs.facts["logs"]["days"] == 2


def test_no_log_folder_leaves_the_log_facts_unknown_naming_where_it_looked(tmp_path):
    fragment = LogsCollector(now=NOW).collect("source", _site(tmp_path))
    assert set(fragment.unknown) == set(GROUPS)
    assert r"C:\ProgramData\Symantec\SMP\Logs" in fragment.unknown["logs.errors_last_days"]


def test_logs_beyond_the_size_bound_are_unknown_not_undercounted(tmp_path):
    _log(tmp_path, "a.log", [_event(NOW, 1, "x" * 700_000)] * 2)
    fragment = LogsCollector(now=NOW).collect("source", _site(tmp_path, log_max_mb=1))
    assert fragment.facts["logs"]["errors_last_days"] is None
    assert "exceed 1 MB" in fragment.unknown["logs.errors_last_days"]


def test_an_error_whose_date_cannot_be_read_makes_the_counts_unknown(tmp_path):
    _log(tmp_path, "a.log", [_event(NOW, 1, "boom", "%Y.%j")])
    fragment = LogsCollector(now=NOW).collect("source", _site(tmp_path))
    assert "in no form this reader knows" in fragment.unknown["logs.errors_last_days"]


def test_a_log_that_cannot_be_read_leaves_the_counts_unknown_with_its_server_path(tmp_path):
    (tmp_path / LOGS / "a.log").mkdir(parents=True)  # a.log that is not a file is skipped
    _log(tmp_path, "a00003.log", [])
    (tmp_path / LOGS / "a00003.log").chmod(0)
    fragment = LogsCollector(now=NOW).collect("source", _site(tmp_path))
    if os.geteuid() != 0:  # root reads whatever the mode says
        assert r"C:\ProgramData\Symantec\SMP\Logs\a00003.log" in fragment.unknown["logs.errors_last_days"]
    else:
        assert fragment.facts["logs"]["errors_last_days"] == 0


def test_the_date_forms_of_the_platform_read_as_utc():
    assert when("2026-11-19 10:55:02.3620000 -04:00", NOW) == datetime(2026, 11, 19, 14, 55, 2,
                                                                      tzinfo=timezone.utc)
    assert when("11/19/2026 2:55:02 PM", NOW) == datetime(2026, 11, 19, 14, 55, 2, tzinfo=timezone.utc)
    assert when("Dec 31 23:00:00", NOW) == datetime(2025, 12, 31, 23, tzinfo=timezone.utc)
    assert when("yesterday", NOW) is None
    assert grouping_key("\n  Line one 42\nline two") == "Line one #"


def test_collected_log_facts_validate(tmp_path):
    _log(tmp_path, "a.log", [_event(NOW - timedelta(hours=1), 2, "w")])
    snapshot, _ = collect_snapshot("source", _site(tmp_path), [LogsCollector(now=NOW)])
    validate(snapshot, "snapshot.schema.json", "collected")
    assert snapshot["facts"]["logs"]["warnings_last_days"] == 1
    assert snapshot["provenance"]["logs"]["by"] == "logs"


class Registry:
    """HKLM as a dict, the way winreg would answer (tests run where there is no registry)."""

    def __init__(self, values: dict[tuple[str, str], str], keys: dict[str, list[str]]) -> None:
        self.values, self.keys = values, keys

    def value(self, key: str, name: str) -> str | None:
        if key.endswith("Denied"):
            raise PermissionError(13, "Access is denied")
        return self.values.get((key, name))

    def subkeys(self, key: str) -> list[str]:
        return self.keys.get(key, [])


def test_plugin_versions_are_read_from_both_registry_views_and_java_named_as_java_names_itself():
    registry = Registry(
        {(r"SOFTWARE\Wow6432Node\Microsoft\Silverlight", "Version"): "4.1.10329.0",
         (r"SOFTWARE\Macromedia\FlashPlayer", "CurrentVersion"): "10,3,183,90"},
        {r"SOFTWARE\Wow6432Node\JavaSoft\Java Runtime Environment": ["1.6", "1.6.0_45", "1.6.0_7"]})
    facts = ConsolePluginsCollector(registry).collect("target", {}).facts["host"]["plugins"]
    assert facts == {"silverlight": "4.1.10329.0", "flash": "10.3.183.90", "java": "6 Update 45"}


def test_a_plugin_that_is_absent_is_null_and_one_that_cannot_be_read_is_unknown():
    class Denied(Registry):
        def subkeys(self, key: str) -> list[str]:
            raise PermissionError(13, "Access is denied")

    fragment = ConsolePluginsCollector(Denied({}, {})).collect("target", {})
    assert fragment.facts["host"]["plugins"]["silverlight"] is None
    assert "host.plugins.silverlight" not in fragment.unknown
    assert fragment.unknown["host.plugins.java"] == "registry: Access is denied"


def test_without_a_registry_here_the_plugins_are_unknown_never_absent():
    fragment = ConsolePluginsCollector().collect("target", {"_options": {"local": True}})
    assert "Get-ItmsFacts.ps1" in fragment.unknown["host.plugins.java"]


def test_java_releases_are_named_as_the_console_checks_them():
    assert [java_name(r) for r in ("1.6.0_45", "1.6", "1.8.0_05", "11.0.2")] == [
        "6 Update 45", "6", "8 Update 5", "11.0.2"]
