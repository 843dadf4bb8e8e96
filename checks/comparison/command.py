"""``itmscheck diff``: load two snapshots, compare them, print and write the differences.

Exit status: 0 = only the differences the guide expects, 1 = drift, 2 = bad
input (raised as :class:`InputError`).
"""

from __future__ import annotations

from pathlib import Path

from itmscheck.comparison.diff import compare, drift
from itmscheck.errors import InputError


def run(before_file: Path, after_file: Path, json_file: Path | None) -> int:
    """Print the differences and write ``--json``; 0 = only expected ones."""
    from itmscheck.evidence.snapshot import load_snapshot
    from itmscheck.outputs import refuse_overlaps, write_atomically
    from itmscheck.reports.diff_report import as_json, as_text

    before, after = load_snapshot(before_file), load_snapshot(after_file)
    refuse_overlaps([("--json", json_file)], [("BEFORE", before_file), ("AFTER", after_file)])
    differences = compare(before, after)
    if json_file is not None:
        try:
            write_atomically(json_file, as_json(before, after, differences))
        except OSError as error:
            raise InputError(str(json_file), "cannot write the diff report: "
                                             f"{error.strerror or error}") from None
    print(as_text(before, after, differences))
    return 1 if drift(differences) else 0
