"""``itmscheck collect``: run every collector, merge, validate, write atomically.

Collect is the only stage that touches the outside world. Every collector of
the ``itmscheck_collectors`` hook runs independently: one that raises leaves
its facts null with the reason in ``unknown``, and the others go on. Bad
input (a malformed site file, a connection string asked for but absent, an
unreadable fragment) is an :class:`InputError` raised before anything is
written. The snapshot is validated against the snapshot schema and written
through a temporary file and a rename, so an interruption leaves no half file.

Exit status: **0** every configured source was read and no fact is unknown;
**1** the snapshot was written, but a source the site asked for failed (each
named on stderr with its reason, passwords removed, and a hint when this
machine lacks a piece such as the ODBC library) or facts are unknown (each
listed on stderr with why); **2** bad input, nothing written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from itmscheck import __version__
from itmscheck.errors import InputError


def collect_command(args: argparse.Namespace) -> int:
    from itmscheck.collectors.cmdb.config import cmdb_config
    from itmscheck.collectors.secrets import Redactor
    from itmscheck.evidence.site import load_site

    site = load_site(args.site)
    document: dict[str, Any] = json.loads(json.dumps(site.document))  # plain, own copy
    site_file = site.file or "site file"
    if getattr(args, "connection_env", None):
        document.setdefault("cmdb", {})["connection_env"] = args.connection_env
        site_file = "--connection-env"
    _check_declared(document.get("facts"), site.file or "site file")
    config = cmdb_config(document, site_file)  # bad input surfaces before any collector runs
    document["_options"] = {"local": bool(getattr(args, "local", False)),
                            "imports": [str(p) for p in getattr(args, "imports", None) or ()],
                            "site_file": site.file}
    from itmscheck.outputs import refuse_overlaps

    refuse_overlaps([("--output", args.output)], [
        ("--site", args.site), *(("--import", path) for path in getattr(args, "imports", None) or ())])
    redact = Redactor(config.connection or "")
    run = run_collectors(args.role, document, _collectors(), redact)
    _write(args.output, run.snapshot, redact)
    for line in run.log + run.report():
        print(redact(line), file=sys.stderr)
    from itmscheck.collectors.factpaths import fact_paths

    unknown = len(run.snapshot["unknown"])
    print(f"Wrote {args.output}: {args.role} snapshot, {unknown} of {len(fact_paths())} facts "
          f"unknown{' (listed above, and in its `unknown` map)' if unknown else ''}")
    return 1 if run.failures or unknown else 0


@dataclass
class Collection:
    """What one ``collect`` gathered: the snapshot, a log line per collector, and what failed."""

    snapshot: dict[str, Any]
    log: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, why)
    hints: list[tuple[str, str]] = field(default_factory=list)  # (source, what to do)

    def report(self) -> list[str]:
        """The console's account: each failed source with its reason, then each unknown fact."""
        lines = [f"collect: FAILED {name}: {why}" for name, why in self.failures]
        lines += [f"collect: hint ({name}): {what}" for name, what in self.hints]
        by_reason: dict[str, list[str]] = {}
        for path, reason in self.snapshot["unknown"].items():
            by_reason.setdefault(reason, []).append(path)
        if by_reason:
            lines.append(f"collect: {len(self.snapshot['unknown'])} facts unknown:")
        for reason, paths in by_reason.items():
            lines.append(f"  {', '.join(paths)}: {reason}")
        return lines


def collect_snapshot(role: str, site: dict[str, Any], collectors: list[Any],
                     redact: Any = str) -> tuple[dict[str, Any], list[str]]:
    """The snapshot document from running ``collectors``, and a log of what each did."""
    run = run_collectors(role, site, collectors, redact)
    return run.snapshot, run.log


def run_collectors(role: str, site: dict[str, Any], collectors: list[Any],
                   redact: Any = str) -> Collection:
    """Run ``collectors`` one after the other, merge their fragments, and say what failed."""
    from itmscheck.collectors import Fragment
    from itmscheck.collectors.merge import Source, merge
    from itmscheck.evidence.snapshot import null_means_none

    collected_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    sources: list[Source] = []
    log: list[str] = []
    failures: list[tuple[str, str]] = []
    hints: list[tuple[str, str]] = []
    for collector in collectors:
        name, kind = str(collector.name), str(getattr(collector, "kind", "collected"))
        started = time.monotonic()
        try:
            result = collector.collect(role, site)
            fragment = result if isinstance(result, Fragment) else Fragment(facts=dict(result))
            _check_fragment(fragment, role, name)
            sources.append(Source(name, kind, fragment=fragment))
            status = f"{len(fragment.unknown)} unknown"
            failures += [(name, redact(why)) for why in fragment.failures]
            hints += [(name, redact(what)) for what in fragment.hints]
        except InputError:
            raise
        except Exception as error:  # one collector's failure never stops the others
            reason = redact(f"collector {name} failed: {type(error).__name__}: {error}")
            sources.append(Source(name, kind, failure=reason,
                                  groups=tuple(getattr(collector, "groups", ()))))
            status = reason
            failures.append((name, reason))
        trips = getattr(collector, "round_trips", None)
        extra = f", {trips} round trips" if trips is not None else ""
        log.append(f"collect: {name}: {time.monotonic() - started:.3f} s{extra}; {status}")
    merged = merge(sources, null_means_none())
    log.extend(f"collect: warning: {w}" for w in merged.warnings)
    snapshot = {
        "itmscheck_snapshot": 1, "role": role, "collected_at": collected_at,
        "collected_by": f"itmscheck {__version__} collect",
        "provenance": merged.provenance, "unknown": merged.unknown, "facts": merged.facts,
    }
    return Collection(snapshot, log, failures, hints)


def _collectors() -> list[Any]:
    from itmscheck.plugins import plugin_manager

    return [c for group in plugin_manager().hook.itmscheck_collectors() for c in group]


def _check_declared(facts: Any, site_file: str) -> None:
    if facts is None:
        return
    from itmscheck.evidence.documents import validate

    validate({"itmscheck_snapshot": 1, "role": "source", "collected_at": "2000-01-01T00:00:00Z",
              "facts": facts}, "snapshot.schema.json", site_file)
    from itmscheck.evidence.products import canonical_products

    canonical_products(facts, site_file)  # a product name check would refuse: refused now


def _check_fragment(fragment: Any, role: str, name: str) -> None:
    from itmscheck.evidence.documents import validate

    try:
        validate({"itmscheck_snapshot": 1, "role": role, "collected_at": "2000-01-01T00:00:00Z",
                  "facts": fragment.facts}, "snapshot.schema.json", f"collector {name}")
    except InputError as error:  # a collector's bug, not the administrator's input
        raise ValueError(f"returned facts the snapshot schema refuses ({error})") from None


def _write(output: Path, snapshot: dict[str, Any], redact: Any) -> None:
    from itmscheck.evidence.documents import validate
    from itmscheck.outputs import write_atomically

    text = redact(json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n")
    validate(json.loads(text), "snapshot.schema.json", f"{output} (as collected)")
    try:
        write_atomically(output, text)
    except OSError as error:
        raise InputError(str(output), f"cannot write the snapshot: {error.strerror or error}",
                         field="--output") from None
