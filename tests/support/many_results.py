"""Reports of thousands of results, shaped like real ones, for the HTML report's scale tests.

Every status and severity in the proportions of a real run (12 passed, 3 skipped and
one each of failed, error, waived and manual in every 19), 17 chapters, a guide
section per ten rules of a chapter, unique ids, titles, messages and remediation,
two facts per rule (one unique, one every rule shares).
"""

from __future__ import annotations

from itmscheck.engine.model import Evidence, GuideRef, Report, Result, Status

STATUSES = [Status.PASSED] * 12 + [Status.SKIPPED] * 3 + [
    Status.FAILED, Status.ERROR, Status.WAIVED, Status.MANUAL]


def result(i: int) -> Result:
    chapter = 1 + i % 17
    return Result(
        rule=f"CH{chapter:02d}-GENERATED-RULE-{i:04d}", title=f"Generated rule {i} holds",
        severity=("blocker", "warning", "info")[i % 3 if i % 7 else 0],
        status=STATUSES[i % len(STATUSES)],
        message=f"target.cmdb.tables.Inv_Table_{i} has {i * 7} rows, "
                f"and source has {i * 7 + i % 5}.",
        remediation=f"Run the migration wizard again for table Inv_Table_{i}, then collect the "
                    "target snapshot again and check the row counts against the source.",
        guide=GuideRef(f"SQL tables that are deleted or renamed ({i // 170})", 80 + i // 170),
        chapter=chapter, chapter_title=f"Chapter {chapter} of the guide",
        evidence={f"target.cmdb.tables.Inv_Table_{i}": Evidence(i * 7, "collected by cmdb"),
                  "source.platform.smp_release": Evidence("7.0 SP5", "declared by J. de Vries")},
        waiver={"by": "A. Smit", "reason": "Accepted by the CAB.", "expires": "2026-12-31",
                "expired": False} if i % len(STATUSES) == 17 else None,
    )


def report(count: int = 5000) -> Report:
    results = tuple(result(i) for i in range(count))
    verdict = "NO-GO" if any(r.blocks for r in results) else "GO"
    return Report(phase="post", verdict=verdict, results=results,
                  evaluated_at="2026-11-24T16:00:00Z",
                  inputs={"source": "source.json", "target": "target.json", "site": None},
                  tool_version="test")
