"""Reports say when the evidence was collected and when the check ran; old evidence is a warning.

Evaluation never reads the clock: the check time is an input (``--checked-at``),
so results replay identically, and only the evidence-age warning depends on it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from markupsafe import escape

from tests.conftest import LABS, lab_args

# The ready lab's install evidence: source 2026-11-20T09:30Z, target 2026-11-24T16:00Z (the post
# phase reads source-post.json, collected after the target, so the two are 30 minutes apart).
FRESH = "2026-11-25T08:00:00Z"
STALE = "2026-12-01T12:00:00Z"  # 11.1 days after the source, 6.8 after the target


def _check(itmscheck, tmp_path: Path, *extra: str, site: Path | None = None) -> tuple[dict, str]:
    args = lab_args("ready", "install")
    if site is not None:
        args[args.index("--site") + 1] = str(site)
    run = itmscheck(*args, *extra, "--json", tmp_path / "r.json", "--junit", tmp_path / "r.xml",
                    "--html", tmp_path / "r.html")
    assert run.code == 0, run.err  # old evidence warns; it never changes the verdict
    return json.loads((tmp_path / "r.json").read_text()), run.out


def test_reports_carry_when_the_evidence_was_collected_and_when_the_check_ran(itmscheck,
                                                                              tmp_path) -> None:
    report, out = _check(itmscheck, tmp_path, "--checked-at", FRESH)
    assert report["collected_at"] == {"source": "2026-11-20T09:30:00Z",
                                      "target": "2026-11-24T16:00:00Z"}
    assert report["checked_at"] == "2026-11-25T08:00:00Z"
    assert report["evaluated_at"] == "2026-11-24T16:00:00Z"  # kept: the evidence's moment
    assert ("Evidence collected: source 2026-11-20T09:30:00Z, target 2026-11-24T16:00:00Z; "
            "checked at 2026-11-25T08:00:00Z.") in out
    suite = ElementTree.parse(tmp_path / "r.xml").getroot().find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["source_collected_at"] == "2026-11-20T09:30:00Z"
    assert properties["checked_at"] == suite.get("timestamp") == "2026-11-25T08:00:00Z"
    card = (tmp_path / "r.html").read_text(encoding="utf-8").split('<p class="age" id="age">', 1)[1]
    card = card.split("</p>", 1)[0]  # the verdict card's line on the evidence's age
    assert 'source <time datetime="2026-11-20T09:30:00Z"' in card and "(4.9 days before the check)" in card
    assert '; checked <time datetime="2026-11-25T08:00:00Z"' in card


def test_evidence_older_than_seven_days_at_check_time_is_a_warning(itmscheck, tmp_path) -> None:
    report, out = _check(itmscheck, tmp_path, "--checked-at", STALE)
    assert report["verdict"] == "GO"
    (warning,) = report["warnings"]  # the source only: the target is 6.8 days old
    assert warning.startswith("The source evidence (collected 2026-11-20T09:30:00Z) is 11.1 days "
                              "old at the check time 2026-12-01T12:00:00Z, older than 7 days")
    assert "thresholds.evidence_max_age_days" in warning
    assert f"WARNING: {warning}" in out and out.rstrip().endswith("1 warning.")
    assert report["attention"]["warnings"] == 1
    suite = ElementTree.parse(tmp_path / "r.xml").getroot().find("testsuite")
    assert f"WARNING: {warning}" in suite.findtext("system-out")
    assert suite.find(".//failure") is None and suite.find(".//error") is None
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    card = html.split('<header class="verdict GO" id="verdict">', 1)[1].split("</header>", 1)[0]
    assert f'<p class="stale"><b>Warning:</b> {escape(warning)}</p>' in card  # in the verdict card
    assert '<span id="todo">0 to fix, 0 to sign off, 1 warning.</span>' in card


def test_fresh_evidence_gives_no_warning(itmscheck, tmp_path) -> None:
    report, out = _check(itmscheck, tmp_path, "--checked-at", FRESH)
    assert report["warnings"] == [] and "WARNING" not in out


def test_the_site_tunes_the_limit(itmscheck, tmp_path) -> None:
    site = tmp_path / "site.yaml"
    text = (LABS / "ready" / "site.yaml").read_text(encoding="utf-8")
    site.write_text(text + "\nthresholds:\n  evidence_max_age_days: 2\n" if "thresholds:" not in text
                    else text.replace("thresholds:\n", "thresholds:\n  evidence_max_age_days: 2\n", 1),
                    encoding="utf-8")
    report, _ = _check(itmscheck, tmp_path, "--checked-at", FRESH, site=site)
    (warning,) = report["warnings"]
    assert "The source evidence" in warning and "older than 2 days" in warning


def test_the_check_time_changes_no_result_only_the_warning(itmscheck, tmp_path) -> None:
    fresh, _ = _check(itmscheck, tmp_path, "--checked-at", FRESH)
    stale, _ = _check(itmscheck, tmp_path, "--checked-at", STALE)
    assert fresh["results"] == stale["results"] and fresh["verdict"] == stale["verdict"]
    assert fresh["warnings"] != stale["warnings"]


def test_a_replay_with_the_same_check_time_writes_the_same_reports(itmscheck, tmp_path) -> None:
    outputs = []
    for attempt in ("a", "b"):
        folder = tmp_path / attempt
        folder.mkdir()
        _check(itmscheck, folder, "--checked-at", STALE)
        outputs.append([(folder / name).read_bytes() for name in ("r.json", "r.xml", "r.html")])
    assert outputs[0] == outputs[1]


def test_without_checked_at_the_check_time_is_now(itmscheck, tmp_path) -> None:
    from datetime import datetime, timezone

    before = datetime.now(timezone.utc).replace(microsecond=0)
    report, _ = _check(itmscheck, tmp_path)
    checked = datetime.fromisoformat(report["checked_at"].replace("Z", "+00:00"))
    assert before <= checked <= datetime.now(timezone.utc)


def test_the_demo_replays_its_own_moment(itmscheck, tmp_path) -> None:
    run = itmscheck("check", "--json", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["checked_at"] == report["evaluated_at"] and report["warnings"] == []
    assert run.code == 0


def test_a_check_time_without_a_zone_is_bad_input(itmscheck) -> None:
    run = itmscheck(*lab_args("ready", "pre"), "--checked-at", "2026-11-25T08:00:00")
    assert run.code == 2 and "time zone" in run.err


def test_pytest_mode_warns_about_old_evidence(tmp_path) -> None:
    folder = LABS / "ready"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--itmscheck-phase", "install",
         "--itmscheck-source", str(folder / "source.json"), "--itmscheck-target",
         str(folder / "target-post.json"), "--itmscheck-site", str(folder / "site.yaml"),
         "--itmscheck-checked-at", STALE],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "itmscheck: WARNING on NS75.install: The source evidence" in done.stdout
