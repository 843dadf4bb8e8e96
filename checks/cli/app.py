"""The ``itmscheck`` command line (docs/contract.md, "Command line").

Exit status: 0 = GO, 1 = NO-GO, 2 = the input could not be used. Input
errors print one message naming the file and the field or line, never a
traceback. Heavy imports (jsonschema, Jinja2, the reporters) happen inside
the commands, so ``itmscheck --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from itmscheck.cli.exit_status import EXIT_BAD_INPUT
from itmscheck.cli.parser import build_parser
from itmscheck.errors import InputError


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; every console line goes through :mod:`itmscheck.console`."""
    from itmscheck.console import attached

    with attached():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser(_reporter_options() if "check" in arguments else ())
        try:
            args = parser.parse_args(arguments)
        except SystemExit as done:  # --help, --version and usage errors (2)
            return int(done.code or 0)
        command = {"check": _check, "rules": _rules, "collect": _collect, "diff": _diff,
                   "plan": _plan, "fleet": _fleet}
        # A reader that leaves (`itmscheck check | head -1`) does not change the
        # status: the console stream drops the rest, and the verdict's code stands.
        code = command[args.command](args)
        sys.stdout.flush()
        return code
    except InputError as error:
        print(f"itmscheck: {_redacted(str(error), error.file)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("itmscheck: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug must still never pass the gate, nor exit 1 (NO-GO)
        if os.environ.get("ITMSCHECK_DEBUG"):
            traceback.print_exc()
            return EXIT_BAD_INPUT
        detail = _redacted(str(error))[:300]
        print(f"itmscheck: internal error ({type(error).__name__}: {detail}); no verdict was given. "
              "Set ITMSCHECK_DEBUG=1 to see the traceback and report it.", file=sys.stderr)
        return EXIT_BAD_INPUT


def _redacted(text: str, file: str | None = None) -> str:
    """An error may quote a file's line: never with a password, even one the line only continues."""
    from pathlib import Path

    from itmscheck.evidence.documents import read_text
    from itmscheck.evidence.redaction import redact, secrets_in

    secrets: set[str] = set()
    if file is not None and os.path.isfile(file):
        with contextlib.suppress(InputError):
            secrets = secrets_in(read_text(Path(file)))
    return redact(text, secrets)


def _reporter_options() -> list[tuple[str, str]]:
    return [(reporter.option, reporter.description) for reporter in _reporters()]


def _reporters() -> list[Any]:
    from itmscheck.cli.check import reporters

    return reporters()


def _check(args: argparse.Namespace) -> int:
    from itmscheck.cli.check import run

    return run(args)


def _rules(args: argparse.Namespace) -> int:
    """The catalog as a table: a header, a row per rule grouped by pack and chapter, and the total.

    The guide's rules come first, then a site's own rules, then the known-issues
    pack, each pack under a heading of its own: the vendor's known issues are
    never mistaken for the guide's rules.
    """
    from itmscheck.engine import loader
    from itmscheck.engine.packs import PACKS, pack_named

    order = {pack.id: rank for rank, pack in enumerate(PACKS)}
    rules = sorted(loader.catalog(args.rules_dir).for_phase(args.phase),
                   key=lambda r: (order.get(r.pack or "", 0.5), r.chapter, r.id))
    rows = [(r.id, r.severity, ",".join(r.phases), "manual" if r.attest else "auto", r.title)
            for r in rules]
    header = ("RULE", "SEVERITY", "PHASES", "KIND", "TITLE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]

    def line(cells: tuple[str, ...]) -> str:
        return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + "  " + cells[-1]

    print(line(header))
    chapter: tuple[str | None, int] | None = None
    pack: str | None = ""
    for rule, row in zip(rules, rows, strict=True):
        if rule.pack != pack:
            pack = rule.pack
            print(_pack_heading(pack_named(pack)))
        if (rule.pack, rule.chapter) != chapter:
            chapter = (rule.pack, rule.chapter)
            print(f"Chapter {rule.chapter}: {rule.chapter_title}")
        print(line(row))
        # Under its row, the guide's words (or the article's, or a site rule's source) and
        # itmscheck's own choices, told apart; indented deeper than a row, so the columns stay a table.
        quoted = [(rule.guide.section, rule.guide.page, rule.quote)] if rule.guide else []
        for section, page, quote in [*quoted, *((a["section"], a["page"], a["quote"]) for a in rule.also)]:
            if quote:
                print(f"      guide: \u201c{quote}\u201d ({section}, p.{page})")
        if rule.source is not None:
            said = f" \u201c{rule.source.quote}\u201d" if rule.source.quote else ""
            url = f" <{rule.source.url}>" if rule.source.url else ""
            print(f"      source:{said} ({rule.source.title}, {rule.source.reference}){url}")
        for item in rule.policy:
            setting = f" [tunable: {item['setting']}]" if item.get("setting") else ""
            print(f"      itmscheck policy: {item['part']} \u2014 {item['why']}{setting}")
    chapters = len({(rule.pack, rule.chapter) for rule in rules})
    kinds = sum(1 for row in rows if row[3] == "manual")
    scope = f" of phase {args.phase}" if args.phase else ""
    packs = "; ".join(f"{_pack_title(p)}: {sum(1 for r in rules if r.pack == p)}"
                      for p in dict.fromkeys(r.pack for r in rules))
    print(f"{len(rules)} rules{scope} in {chapters} chapters ({packs}): {len(rules) - kinds} checked "
          f"automatically, {kinds} confirmed by a person (manual).")
    return 0


def _pack_title(pack_id: str | None) -> str:
    from itmscheck.engine.packs import pack_named

    pack = pack_named(pack_id)
    return pack.title if pack else "a site's own rules"


def _pack_heading(pack: Any) -> str:
    if pack is None:
        return "== A site's own rules (--rules-dir, plugins) =="
    if pack.switchable:
        return (f"== {pack.title}: rules {pack.prefix}..., each citing its article; a site switches "
                f"the pack off in its site file (packs: {{{pack.id}: {{enabled: false, reason, by}}}}) ==")
    return f"== {pack.title}: each rule cites its section, page and words =="


def _collect(args: argparse.Namespace) -> int:
    from itmscheck.collectors.command import collect_command

    return collect_command(args)


def _diff(args: argparse.Namespace) -> int:
    """0 = only the differences the guide expects, 1 = drift, 2 = bad input."""
    from itmscheck.comparison.command import run

    return run(args.before, args.after, args.json)


def _fleet(args: argparse.Namespace) -> int:
    from itmscheck.cli.fleet import run

    return run(args)


def _plan(args: argparse.Namespace) -> int:
    """0 = a plan was proposed, 1 = no plan can pass the plan rules, 2 = bad input."""
    from itmscheck.planning.command import run

    return run(args.source, args.site, args.output)
