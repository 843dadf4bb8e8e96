"""Issue 14, time: date-only values of the site file are days of the evidence's own calendar.

The evidence's day is the local date of the newest snapshot's ``collected_at``
(with the offset it was written with). A waiver applies through its
``expires`` day; an attestation dated after the evidence's day confirms
nothing (the rule stays manual), and one dated in the future is exit 2.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import LABS, lab_files

READY = LABS / "ready"
WAIVER = "waivers:\n" + "".join(
    f"  - rule: {rule}\n    reason: The CAB accepted the collation change.\n"
    "    by: M. Jansen\n    expires: 2026-11-24\n" for rule in ("CH01-SAME-COLLATION", "CH19-SAME-COLLATION"))


def _post(tmp_path: Path, collected_at: str) -> list[str | Path]:
    """The ready lab after migration, its CMDB restored with another collation (a blocker fails)."""
    document = json.loads((READY / "target-post.json").read_text(encoding="utf-8"))
    document["collected_at"] = collected_at
    document["facts"]["cmdb"]["collation"] = "Latin1_General_CI_AS"
    target = tmp_path / "target.json"
    target.write_text(json.dumps(document), encoding="utf-8")
    site = tmp_path / "site.yaml"
    site.write_text((READY / "site.yaml").read_text(encoding="utf-8") + WAIVER, encoding="utf-8")
    # the 7.0 server collected again at the same moment (CH02-REDIRECTED-SITE-SERVERS-REMOVED
    # reads a removal only from a 7.0 snapshot no older than the 7.5 one)
    source_document = json.loads(lab_files("ready", "post")[0].read_text(encoding="utf-8"))
    source_document["collected_at"] = collected_at
    source = tmp_path / "source.json"
    source.write_text(json.dumps(source_document), encoding="utf-8")
    return ["check", "--phase", "post", "--source", source, "--target", target, "--site", site]


def test_a_waiver_that_expired_on_the_evidences_local_date_does_not_apply(itmscheck, tmp_path) -> None:
    # 01:30 on the 25th in UTC+5 is still the 24th in UTC: the evidence is of the 25th.
    run = itmscheck(*_post(tmp_path, "2026-11-25T01:30:00+05:00"))
    assert run.code == 1
    assert "expired on 2026-11-24 (evidence of 2026-11-25)" in run.out


def test_a_waiver_applies_through_its_expiry_day_on_the_evidences_calendar(itmscheck, tmp_path) -> None:
    # 22:00 on the 24th in UTC-5 is already the 25th in UTC: the evidence is of the 24th.
    run = itmscheck(*_post(tmp_path, "2026-11-24T22:00:00-05:00"))
    assert run.code == 0, run.out
    assert "Phase post: GO" in run.out


def _pre_site(tmp_path: Path, attested_on: str) -> list[str | Path]:
    site = tmp_path / "site.yaml"
    text = (READY / "site.yaml").read_text(encoding="utf-8")
    site.write_text(text.replace("CH01-LICENSES-COPIED: {by: J. de Vries, on: 2026-11-19",
                                 f"CH01-LICENSES-COPIED: {{by: J. de Vries, on: {attested_on}"),
                    encoding="utf-8")
    return ["check", "--source", READY / "source.json", "--target", READY / "target-pre.json",
            "--site", site]


def test_an_attestation_dated_after_the_evidence_confirms_nothing(itmscheck, tmp_path) -> None:
    run = itmscheck(*_pre_site(tmp_path, "2026-11-21"))  # the pre evidence is of 2026-11-20
    assert run.code == 1
    assert "[MANUAL  ] CH01-LICENSES-COPIED:" in run.out.split("\nTo sign off", 1)[1]
    assert "dated 2026-11-21, after the evidence of 2026-11-20: it is refused" in run.out


def test_an_attestation_dated_the_evidences_day_confirms(itmscheck, tmp_path) -> None:
    run = itmscheck(*_pre_site(tmp_path, "2026-11-20"))
    assert run.code == 0, run.out


def test_an_attestation_dated_in_the_future_is_exit_2(itmscheck, tmp_path) -> None:
    run = itmscheck(*_pre_site(tmp_path, "2999-11-20"))
    assert run.code == 2
    assert "attestations.CH01-LICENSES-COPIED.on: attestation dated 2999-11-20, a day that has not " \
           "come yet" in run.err
