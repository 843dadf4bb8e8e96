"""The HTML reports the browser tests open, made the same way on any day.

``CHECKED_AT`` is the check time the tests pass (``--checked-at``): the lab's
source evidence is 11.1 days old then (older than the 7 days itmscheck allows,
so the page carries the evidence-age warning), its target evidence 6.8 days;
without it the page would depend on the day the tests run.

:func:`not_ready_post` is the not-ready lab's post report, the one with every
kind of finding, its target's hierarchy facts read by a CMDB probe marked
unconfirmed (as ``collect`` records it), so the page shows that doubt too.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from itmscheck.cli.app import main
from tests.conftest import lab_args

CHECKED_AT = "2026-12-01T12:00:00Z"
UNCONFIRMED = "probe hierarchy_nodes uses what no public source shows: dbo.vThisNS (Guid); dbo.Item (Name)"


def not_ready_post(folder: Path, checked_at: str = CHECKED_AT) -> Path:
    """Write the report (``post.html``, and ``post.json`` beside it) into ``folder``."""
    args = lab_args("not-ready", "post")
    target = Path(args[args.index("--target") + 1])
    snapshot = json.loads(target.read_text(encoding="utf-8"))
    snapshot["provenance"]["hierarchy"] = {"kind": "collected", "by": "cmdb",
                                           "detail": "probe hierarchy_nodes", "unconfirmed": UNCONFIRMED}
    args[args.index("--target") + 1] = str(folder / "target-post.json")
    (folder / "target-post.json").write_text(json.dumps(snapshot), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):  # the console's report is not the page's
        main([*args, "--checked-at", checked_at, "--html", str(folder / "post.html"),
              "--json", str(folder / "post.json")])
    return folder / "post.html"
