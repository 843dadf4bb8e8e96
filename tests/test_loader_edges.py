"""The snapshot loader at its edges (issue 20): date-times without a zone, the calendar's
ends, and unknown facts named by path segments, never by text prefixes."""

from __future__ import annotations

import json
import os
import signal
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from itmscheck.engine import facts as facts_module
from itmscheck.engine.facts import Facts, FactUnknown, Inputs
from itmscheck.errors import InputError
from itmscheck.evidence import documents
from itmscheck.evidence import site as site_module
from itmscheck.evidence.site import Site, load_site
from itmscheck.evidence.snapshot import (
    FIRST_YEAR,
    LAST_YEAR,
    Snapshot,
    parse_datetime,
    parse_instant,
    snapshot_from_document,
)
from itmscheck.evidence.yamlfile import MAX_DIGITS
from tests.conftest import LABS


@pytest.mark.parametrize("text", ["2026-11-20T10:00:00", "2026-11-20 10:00", "2026-11-20"])
def test_a_date_time_without_a_zone_is_refused_never_read_as_local_time(text: str) -> None:
    with pytest.raises(InputError, match="has no time zone") as refused:
        parse_datetime(text, "snap.json", "facts.cmdb.last_full_backup.finished_at")
    assert refused.value.file == "snap.json"
    assert "facts.cmdb.last_full_backup.finished_at" in str(refused.value)


@pytest.mark.parametrize(("text", "utc", "offset"), [
    ("2026-11-20T10:00:00Z", datetime(2026, 11, 20, 10, tzinfo=timezone.utc), timedelta(0)),
    ("2026-11-20T10:00:00z", datetime(2026, 11, 20, 10, tzinfo=timezone.utc), timedelta(0)),
    ("2026-11-20T10:00:00+02:00", datetime(2026, 11, 20, 8, tzinfo=timezone.utc), timedelta(hours=2)),
    ("2026-11-20T01:00:00-05:30", datetime(2026, 11, 20, 6, 30, tzinfo=timezone.utc),
     -timedelta(hours=5, minutes=30)),
])
def test_a_date_time_with_a_zone_is_the_same_instant_in_utc(text: str, utc: datetime,
                                                            offset: timedelta) -> None:
    assert parse_instant(text, "f", "x") == (utc, offset)
    assert parse_datetime(text, "f", "x") == utc
    assert parse_datetime(text, "f", "x").tzinfo is timezone.utc


@pytest.mark.parametrize(("year", "kept"), [(FIRST_YEAR, True), (FIRST_YEAR - 1, False),
                                            (LAST_YEAR, True), (LAST_YEAR + 1, False)])
def test_the_years_an_instant_may_fall_in_end_exactly_at_1970_and_9998(year: int, kept: bool) -> None:
    assert (FIRST_YEAR, LAST_YEAR) == (1970, 9998)
    text = f"{year:04d}-06-15T00:00:00Z"
    if kept:
        assert parse_datetime(text, "f", "x").year == year
    else:
        with pytest.raises(InputError, match=f"outside the years {FIRST_YEAR}-{LAST_YEAR}"):
            parse_datetime(text, "f", "x")


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01T00:00:00Z", "", "2026-11-20T25:00Z"])
def test_a_text_that_is_no_date_time_is_refused_naming_it(text: str) -> None:
    with pytest.raises(InputError, match="is not a valid date-time"):
        parse_datetime(text, "f", "x")


def _snapshot(**tables: Any) -> Snapshot:
    return Snapshot(role="source", collected_at=datetime(2026, 11, 20, tzinfo=timezone.utc), file="s",
                    facts={}, **tables)


def test_an_unknown_group_covers_its_path_segments_not_names_that_start_alike() -> None:
    snapshot = _snapshot(unknown={"cmdb.agent": "timed out"})
    assert snapshot.unknown_reason("cmdb.agent") == "timed out"
    assert snapshot.unknown_reason("cmdb.agent.version") == "timed out"
    assert snapshot.unknown_reason("cmdb.agents") is None
    assert snapshot.unknown_reason("cmdb.agent_count") is None
    assert snapshot.unknown_reason("cmdb") is None


def test_the_longest_unknown_prefix_gives_the_reason_whatever_the_order() -> None:
    for unknown in ({"cmdb": "no login", "cmdb.agent": "timed out"},
                    {"cmdb.agent": "timed out", "cmdb": "no login"}):
        snapshot = _snapshot(unknown=unknown)
        assert snapshot.unknown_reason("cmdb.agent.version") == "timed out"
        assert snapshot.unknown_reason("cmdb.collation") == "no login"
    assert _snapshot(unknown={"": "nothing read"}).unknown_reason("host.name") == "nothing read"


def test_provenance_is_found_by_path_segments_too() -> None:
    snapshot = _snapshot(provenance={"cmdb.agent": {"kind": "declared", "by": "A. Admin"}})
    assert snapshot.provenance_of("cmdb.agent.version") == "declared by A. Admin"
    assert snapshot.provenance_of("cmdb.agents") is None


# -- null versus absent in a snapshot ---------------------------------------------------------

def _facts(facts: dict[str, Any]) -> Facts:
    snapshot = Snapshot(role="source", collected_at=datetime(2026, 11, 20, tzinfo=timezone.utc), file="s",
                        facts=facts)
    return Facts(Inputs({"source": snapshot, "target": None}, Site(), {}, {}))


def test_a_fact_inside_a_group_recorded_as_none_is_none() -> None:
    # migration.data_store: null means "no data store", so it has no files either
    facts = _facts({"migration": {"data_store": None}})
    assert facts.get("source.migration.data_store") is None
    assert facts.get("source.migration.data_store.files") is None
    assert facts.get("source.migration.data_store.files.count") is None


def test_a_fact_absent_from_a_group_that_is_there_is_unknown_not_none() -> None:
    facts = _facts({"migration": {"data_store": {"name": "ds1"}}, "cmdb": {}})
    for ref in ("source.migration.data_store.files", "source.migration.data_store.files.count",
                "source.cmdb.collation", "source.host.name", "source.migration.plan"):
        with pytest.raises(FactUnknown, match="is not in the source snapshot"):
            facts.get(ref)


def test_a_null_fact_is_none_only_where_the_schema_says_null_means_none() -> None:
    facts = _facts({"hierarchy": {"parent": None}, "cmdb": {"collation": None}, "host": None})
    assert facts.get("source.hierarchy.parent") is None
    with pytest.raises(FactUnknown, match=r"source\.cmdb\.collation is null in the source snapshot"):
        facts.get("source.cmdb.collation")
    with pytest.raises(FactUnknown, match=r"source\.host\.name is not in the source snapshot"):
        facts.get("source.host.name")  # a null group that was not read holds nothing known


def test_a_group_recorded_as_none_at_any_depth_covers_what_it_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facts_module, "null_means_none", lambda: frozenset({"top", "a.b"}))
    facts = _facts({"top": None, "a": {"b": None}})
    assert facts.get("source.top.x.y.z") is None
    assert facts.get("source.a.b.c.d") is None
    assert facts.get("source.a.b.c.d.e") is None
    with pytest.raises(FactUnknown):
        facts.get("source.a.c")


def test_an_unknown_fact_reads_as_its_sentence() -> None:
    unknown = FactUnknown("target.cmdb.collation", "target.cmdb.collation could not be read (timeout)")
    assert str(unknown) == unknown.sentence == "target.cmdb.collation could not be read (timeout)"
    assert unknown.ref == "target.cmdb.collation"


# -- only a regular file is read: every other kind is named -----------------------------------

@pytest.mark.parametrize(("mode", "kind"), [
    (stat.S_IFIFO, "a FIFO (named pipe)"), (stat.S_IFCHR, "a character device"),
    (stat.S_IFBLK, "a block device"), (stat.S_IFSOCK, "a socket"), (0, "a special file"),
])
def test_a_file_that_is_not_regular_is_named_by_its_kind(mode: int, kind: str) -> None:
    assert documents._kind(mode) == kind


class _Blocked(Exception):
    pass


def _blocked(signum: int, frame: Any) -> None:
    raise _Blocked("reading blocked for 5 seconds")


def test_a_fifo_and_a_device_are_refused_before_a_byte_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "site.yaml"
    os.mkfifo(fifo)
    # no writer: a blocking open or read would never end, so an alarm ends the test instead
    previous = signal.signal(signal.SIGALRM, _blocked)
    signal.alarm(5)
    try:
        with pytest.raises(InputError) as refused:
            documents.read_bytes(fifo)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert str(refused.value) == f"{fifo}: is a FIFO (named pipe), not a regular file"
    with pytest.raises(InputError) as refused:
        documents.read_bytes(Path("/dev/zero"))
    assert str(refused.value).endswith("is a character device, not a regular file")


# -- the site file's dates: the calendar's ends, and where a bad one is -------------------------

def _site_with_waiver_until(tmp_path: Path, day: str) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text("itmscheck_site: 1\nwaivers:\n  - rule: CH01-SAME-COLLATION\n    by: A. Admin\n"
                    f"    reason: CAB 42\n    expires: '{day}'\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("day", "kept"), [("1970-01-01", True), ("9998-12-31", True),
                                           ("1969-12-31", False), ("9999-01-01", False)])
def test_a_site_date_is_kept_only_within_the_years_1970_to_9998(tmp_path: Path, day: str, kept: bool) -> None:
    path = _site_with_waiver_until(tmp_path, day)
    if kept:
        assert load_site(path).waivers[0]["expires"] == day
        return
    with pytest.raises(InputError) as refused:
        load_site(path)
    error = refused.value
    assert (error.file, error.line, error.field) == (str(path), 6, "waivers[0].expires")
    assert f"'{day}' is outside the years 1970-9998" in str(error)


def test_a_site_date_the_calendar_lacks_is_refused_where_it_is_written(tmp_path: Path) -> None:
    # the schema's date format refuses it first; the loader's own reading is the second guard
    path = _site_with_waiver_until(tmp_path, "2026-02-30")
    with pytest.raises(InputError) as refused:
        site_module._valid_date("2026-02-30", str(path), documents.load_yaml(path), ["waivers", 0, "expires"])
    error = refused.value
    assert (error.file, error.line, error.field) == (str(path), 6, "waivers[0].expires")
    assert str(error).startswith(f"{path}:6: waivers[0].expires: '2026-02-30' is not a date (YYYY-MM-DD)")


def test_a_site_key_the_schema_does_not_know_has_no_default() -> None:
    assert site_module.declared_default("plan.no_such_key") == (False, None)
    assert site_module.declared_default("plan.reuse_hardware") == (True, False)


def test_a_number_json_cannot_hold_is_refused_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "source.json"
    path.write_text('{"n": 1e999}', encoding="utf-8")
    with pytest.raises(InputError) as refused:
        documents.load_json(path)
    assert str(refused.value) == f"{path}: malformed JSON: 1e999 is not a finite number"


def test_provenance_says_how_a_fact_was_read_by_whom_and_any_doubt() -> None:
    snapshot = Snapshot(role="source", collected_at=datetime(2026, 11, 20, tzinfo=timezone.utc), facts={},
                        file="s.json", provenance={
                            "host": {"kind": "declared"},
                            "cmdb": {"kind": "collected", "by": "CMDB probe cmdb.sql"},
                            "cmdb.tables": {"kind": "collected", "by": "CMDB probe tables.sql",
                                            "unconfirmed": "no public source names the table"}})
    assert snapshot.provenance_of("host.name") == "declared"
    assert snapshot.provenance_of("cmdb.collation") == "collected by CMDB probe cmdb.sql"
    assert snapshot.provenance_of("cmdb.tables") == ("collected by CMDB probe tables.sql "
                                                     "(unconfirmed: no public source names the table)")
    assert snapshot.provenance_of("platform.smp_release") is None


def test_an_attestation_dated_outside_the_calendar_is_refused_where_it_is_written(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text("itmscheck_site: 1\nattestations:\n  CH02-EXPORT-PAUSE-PLANNED:\n    by: A. Admin\n"
                    "    on: '9999-01-01'\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_site(path)
    error = refused.value
    assert (error.file, error.line) == (str(path), 5)
    assert error.field == "attestations.CH02-EXPORT-PAUSE-PLANNED.on"
    assert str(error).endswith("'9999-01-01' is outside the years 1970-9998")


def _site(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text("itmscheck_site: 1\n" + text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("entry", "line", "field", "why"), [
    ("{enabled: false, by: \"\u3164\", reason: CAB 7}", 3, "packs.known_issues.by",
     "switching a pack off needs the name of the person who decides it "
     "('\u3164' shows no visible character)"),
    ("{enabled: false, by: A. Admin, reason: \"\u2800\"}", 3, "packs.known_issues.reason",
     "switching a pack off needs a reason that says why ('\u2800' shows no visible character)"),
])
def test_a_pack_switched_off_by_nobody_or_for_no_reason_is_refused(tmp_path: Path, entry: str, line: int,
                                                                   field: str, why: str) -> None:
    path = _site(tmp_path, f"packs:\n  known_issues: {entry}\n")
    with pytest.raises(InputError) as refused:
        load_site(path)
    error = refused.value
    assert (error.file, error.line, error.field) == (str(path), line, field)
    assert str(error).split("\n")[0] == f"{path}:{line}: {field}: {why}"


def test_a_pack_switched_on_needs_no_one_and_a_legacy_server_no_address(tmp_path: Path) -> None:
    site = load_site(_site(tmp_path, "packs:\n  known_issues: {enabled: true}\n"
                                     "legacy_servers:\n  - name: NS6\n"))
    assert site.packs == {"known_issues": {"enabled": True}}
    assert site.document["legacy_servers"] == [{"name": "NS6"}]


def _refusal(action: Any) -> InputError:
    with pytest.raises(InputError) as refused:
        action()
    return refused.value


def test_facts_declared_by_nobody_visible_are_refused_at_their_line(tmp_path: Path) -> None:
    path = _site(tmp_path, "facts_declared_by: \"\u3164\"\n")
    error = _refusal(lambda: load_site(path))
    assert (error.line, error.field) == (2, "facts_declared_by")
    assert str(error) == (f"{path}:2: facts_declared_by: declared facts need the name of the person who "
                          "declares them ('\u3164' shows no visible character)")


def test_an_attestation_dated_today_is_kept_and_one_dated_tomorrow_refused_at_its_line(
        tmp_path: Path) -> None:
    site = load_site(_site(tmp_path, "attestations:\n  CH02-EXPORT-PAUSE-PLANNED:\n    by: A. Admin\n"
                                     "    on: '2026-11-20'\n"))
    site_module.check_dates(site, date(2026, 11, 20))
    error = _refusal(lambda: site_module.check_dates(site, date(2026, 11, 19)))
    assert (error.line, error.field) == (5, "attestations.CH02-EXPORT-PAUSE-PLANNED.on")


def test_a_waiver_of_an_unknown_rule_is_refused_at_its_rule_line(tmp_path: Path) -> None:
    site = load_site(_site(tmp_path, "waivers:\n  - by: A. Admin\n    reason: CAB\n"
                                     "    expires: '2026-12-01'\n    rule: CH99-NONE\n"))
    error = _refusal(lambda: site_module.check_rule_ids(site, {"CH01-SAME-COLLATION"}))
    assert (error.line, error.field) == (6, "waivers[0].rule")
    assert str(error) == f"{site.file}:6: waivers[0].rule: waiver for unknown rule 'CH99-NONE'"


@pytest.mark.parametrize(("text", "line", "problem"), [
    ("a: [1, 2\nb: 3\n", 2, "did not find expected ',' or ']'"),
    ("a: b: c\n", 1, "mapping values are not allowed in this context"),
])
def test_malformed_yaml_names_its_line_and_problem(tmp_path: Path, text: str, line: int,
                                                   problem: str) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    error = _refusal(lambda: documents.load_yaml(path))
    assert (error.file, error.line) == (str(path), line)
    assert str(error).split("\n")[0] == f"{path}:{line}: malformed YAML: {problem}"


def test_a_json_integer_of_at_most_max_digits_is_read_and_a_longer_one_refused(tmp_path: Path) -> None:
    path = tmp_path / "source.json"
    for written in ("9" * MAX_DIGITS, "-" + "9" * MAX_DIGITS):
        path.write_text(f'{{"n": {written}}}', encoding="utf-8")
        assert documents.load_json(path) == {"n": int(written)}
    path.write_text(f'{{"n": {"9" * (MAX_DIGITS + 1)}}}', encoding="utf-8")
    assert str(_refusal(lambda: documents.load_json(path))) == (
        f"{path}: malformed JSON: a number of {MAX_DIGITS + 1} digits is too long")


def test_a_text_of_max_text_characters_is_read_and_a_longer_one_refused_where_it_is(tmp_path: Path) -> None:
    path = _site(tmp_path, f"owner: {'x' * documents.MAX_TEXT}\n")
    assert len(documents.load_yaml(path)["owner"]) == documents.MAX_TEXT
    path = _site(tmp_path, f"owner: {'x' * (documents.MAX_TEXT + 1)}\n")
    error = _refusal(lambda: documents.load_yaml(path))
    assert (error.line, error.field) == (2, "owner")
    longest = documents.MAX_TEXT
    assert f"text of {longest + 1} characters is longer than the {longest} allowed" in str(error)
    json_path = tmp_path / "source.json"  # JSON keeps no lines: the field alone says where
    json_path.write_text(json.dumps({"a": {"b": "x" * (documents.MAX_TEXT + 1)}}), encoding="utf-8")
    error = _refusal(lambda: documents.load_json(json_path))
    assert (error.line, error.field) == (None, "a.b")


# -- a snapshot as loaded: role, names as written, provenance, and where a bad fact is ------------

def _lab_source() -> dict[str, Any]:
    return documents.load_json(LABS / "ready" / "source.json")


def test_a_loaded_snapshot_keeps_its_role_the_spelling_of_each_product_and_no_provenance_as_none() -> None:
    document = _lab_source()
    document.pop("provenance", None)
    document["facts"]["platform"]["products"][1]["name"] = "inventory solution"
    snapshot = snapshot_from_document(document, "s.json")
    assert (snapshot.role, snapshot.provenance) == ("source", {})
    assert snapshot.written_names == {"Inventory Solution": "inventory solution"}
    assert snapshot.provenance_of("host.name") is None


def test_a_bad_address_or_product_of_a_snapshot_is_refused_naming_the_file_and_field() -> None:
    document = _lab_source()
    document["facts"]["host"]["ip_addresses"] = ["10.20.1.10", "10.20.1.999"]
    error = _refusal(lambda: snapshot_from_document(document, "s.json"))
    assert str(error) == "s.json: facts.host.ip_addresses[1]: '10.20.1.999' is not an IP address"
    document = _lab_source()
    document["facts"]["platform"]["products"][1]["name"] = "Inventory Soluton"
    assert _refusal(lambda: snapshot_from_document(document, "s.json")).file == "s.json"


def test_a_date_time_the_calendar_lacks_is_refused_naming_the_file_and_field() -> None:
    error = _refusal(lambda: parse_instant("2026-13-01T00:00:00Z", "s.json", "collected_at"))
    assert (error.file, error.field) == ("s.json", "collected_at")
    assert str(error) == "s.json: collected_at: '2026-13-01T00:00:00Z' is not a valid date-time"


@pytest.mark.parametrize(("name", "text"), [
    ("site.yaml", "a: 1\ndb: Server=sql01;Password=hunter2: [\n"),
    ("source.json", '{"db": "Server=sql01;Password=hunter2;", "b": }'),
])
def test_the_line_a_malformed_file_is_quoted_with_never_shows_a_password(tmp_path: Path, name: str,
                                                                        text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    load = documents.load_yaml if name.endswith(".yaml") else documents.load_json
    error = _refusal(lambda: load(path))
    assert "Password=***" in str(error) and "hunter2" not in str(error)


def test_yaml_with_a_control_character_is_malformed_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_bytes(b'owner: "x\x07y"\n')
    error = _refusal(lambda: documents.load_yaml(path))
    assert error.file == str(path)
    assert str(error).startswith(f"{path}: malformed YAML: unacceptable character #x0007")


def test_a_too_long_yaml_key_is_refused_at_its_line_in_its_file(tmp_path: Path) -> None:
    path = _site(tmp_path, f"{'k' * (documents.MAX_TEXT + 1)}: 1\n")
    error = _refusal(lambda: documents.load_yaml(path))
    assert (error.file, error.line) == (str(path), 2)


def test_a_dangling_link_is_named_as_one(tmp_path: Path) -> None:
    link = tmp_path / "site.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    assert str(_refusal(lambda: documents.read_bytes(link))) == (
        f"{link}: is a dangling symbolic link (its target does not exist)")


def test_only_a_regular_file_of_at_most_the_limit_is_read_and_every_refusal_names_it(tmp_path: Path) -> None:
    exact, over = tmp_path / "exact.json", tmp_path / "over.json"
    exact.write_bytes(b"0123456789")
    over.write_bytes(b"0123456789A")
    assert documents.read_bytes(exact, limit=10) == b"0123456789"
    refusals = {
        tmp_path: "is a folder, not a file",
        exact / "x": "cannot be read: Not a directory",
        over: "file is 11 bytes, more than the 10 allowed",
        Path("/proc/self/status"): "file is more than the 10 bytes allowed",  # announces a size of 0
    }
    for path, why in refusals.items():
        assert str(_refusal(lambda path=path: documents.read_bytes(path, limit=10))) == f"{path}: {why}"
