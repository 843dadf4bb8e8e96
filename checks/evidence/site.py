"""The site file: what a person declares (plan, attestations, waivers, thresholds).

A signature is visible: an attestation's ``by``, a waiver's ``by`` and
``reason`` need a letter, digit, punctuation mark or symbol (a zero-width
space or a Hangul filler is no name). Dates are days of the evidence's own calendar (the local
date of the newest snapshot's ``collected_at``): a waiver applies through its
``expires`` day, and an attestation dated after that day confirms nothing (the
evaluation refuses it). One dated after today anywhere on Earth is bad input
(:func:`check_dates`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from itmscheck.errors import InputError
from itmscheck.evidence.addresses import parse_ip
from itmscheck.evidence.documents import load_yaml, validate
from itmscheck.evidence.yamlfile import line_of


@dataclass(frozen=True)
class Site:
    document: dict[str, Any] = field(default_factory=dict)
    file: str | None = None

    @property
    def name(self) -> str | None:
        return self.document.get("name")

    @property
    def attestations(self) -> dict[str, dict[str, Any]]:
        return dict(self.document.get("attestations", {}))

    @property
    def waivers(self) -> list[dict[str, Any]]:
        return list(self.document.get("waivers", []))

    @property
    def thresholds(self) -> dict[str, Any]:
        return dict(self.document.get("thresholds", {}))

    @property
    def packs(self) -> dict[str, dict[str, Any]]:
        """Rule packs the site switches on or off (``packs: {known_issues: {enabled, reason, by}}``)."""
        return dict(self.document.get("packs", {}))


def load_site(path: Path | None) -> Site:
    if path is None:
        return Site()
    return site_from_document(load_yaml(path), str(path))


def site_from_document(document: Any, file: str) -> Site:
    """A validated site file from its parsed YAML; ``file`` names it in errors."""
    if document is None:
        raise InputError(file, "is empty: a site file starts with `itmscheck_site: 1`")
    validate(document, "site.schema.json", file)
    for rule, item in document.get("attestations", {}).items():
        where = ["attestations", rule]
        _valid_date(item["on"], file, document, [*where, "on"])
        _visible(item["by"], file, document, [*where, "by"], "an attestation needs the name of "
                 "the person who confirms it")
    for index, waiver in enumerate(document.get("waivers", [])):
        where = ["waivers", index]
        _valid_date(waiver["expires"], file, document, [*where, "expires"])
        _visible(waiver["by"], file, document, [*where, "by"], "a waiver needs the name of the "
                 "person who accepts it")
        _visible(waiver["reason"], file, document, [*where, "reason"], "a waiver needs a reason "
                 "that says why the finding is acceptable")
    for index, server in enumerate(document.get("legacy_servers", [])):
        for number, text in enumerate(server.get("ip_addresses", [])):
            if parse_ip(text) is None:
                where = ["legacy_servers", index, "ip_addresses", number]
                raise InputError(file, f"{text!r} is not an IP address", line=line_of(document, where),
                                 field=_field(where))
    for pack, entry in document.get("packs", {}).items():
        for key in ("reason", "by"):
            if key in entry:
                _visible(entry[key], file, document, ["packs", pack, key],
                         "switching a pack off needs the name of the person who decides it"
                         if key == "by" else "switching a pack off needs a reason that says why")
    if "facts_declared_by" in document:
        _visible(document["facts_declared_by"], file, document, ["facts_declared_by"],
                 "declared facts need the name of the person who declares them")
    return Site(document=document, file=file)


FIRST_YEAR, LAST_YEAR = 1970, 9998
_VISIBLE = ("L", "N", "P", "S")  # letters, digits, punctuation, symbols (not marks, spaces, formats)


def _field(path: list[Any]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p))
                   for i, p in enumerate(path))


def _valid_date(text: str, file: str, document: Any, path: list[Any]) -> date:
    line = line_of(document, path)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError(file, f"{text!r} is not a date (YYYY-MM-DD)", line=line,
                         field=_field(path)) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(file, f"{text!r} is outside the years {FIRST_YEAR}-{LAST_YEAR}", line=line,
                         field=_field(path))
    return day


_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Letters and symbols that show nothing: the Hangul fillers (Unicode's default-ignorable
letters) and the blank Braille pattern."""


def visible(text: str) -> bool:
    """Whether ``text`` shows something: a letter, digit, punctuation mark or symbol, not a blank one."""
    return any(unicodedata.category(character)[0] in _VISIBLE and character not in _BLANK
               for character in text)


def _visible(text: str, file: str, document: Any, path: list[Any], why: str) -> None:
    if not visible(text):
        raise InputError(file, f"{why} ({text!r} shows no visible character)",
                         line=line_of(document, path), field=_field(path))


def check_dates(site: Site, today: date) -> None:
    """Refuse an attestation dated after ``today``: the latest date anywhere on Earth now (UTC+14),
    so that no time zone's honest date is refused.

    One dated after the evidence's local date is refused by the evaluation, for
    the rules it would confirm (:mod:`itmscheck.engine.evaluate`).
    """
    if site.file is None:
        return
    for rule, item in site.attestations.items():
        if date.fromisoformat(item["on"]) > today:
            raise InputError(site.file, f"attestation dated {item['on']}, a day that has not come "
                             "yet anywhere on Earth: date it the day it was confirmed",
                             line=line_of(site.document, ["attestations", rule, "on"]),
                             field=f"attestations.{rule}.on")


def check_rule_ids(site: Site, known: set[str], attestable: set[str] | None = None) -> None:
    """Attestations and waivers may only name rules of the catalog.

    An attestation may only name a rule a person confirms (``attestable``): one
    for a rule checked from the evidence would never be read, and would look
    like a confirmation that counts.
    """
    if site.file is None:
        return
    for rule in site.attestations:
        if rule not in known:
            raise InputError(site.file, f"attestation for unknown rule {rule!r}",
                             line=line_of(site.document, ["attestations", rule]),
                             field=f"attestations.{rule}")
        if attestable is not None and rule not in attestable:
            raise InputError(site.file, f"attestation for rule {rule!r}, which is checked from the "
                             "evidence, not confirmed by a person: remove it (a person's word does "
                             "not override a measurement; to accept a failure, write a waiver)",
                             line=line_of(site.document, ["attestations", rule]),
                             field=f"attestations.{rule}")
    for index, waiver in enumerate(site.waivers):
        if waiver["rule"] not in known:
            raise InputError(site.file, f"waiver for unknown rule {waiver['rule']!r}",
                             line=line_of(site.document, ["waivers", index, "rule"]),
                             field=f"waivers[{index}].rule")


def declared_default(path: str) -> tuple[bool, Any]:
    """The site schema's ``default`` for a dotted key, when it declares one.

    A site file says nothing it need not say: an absent ``plan.reuse_hardware``
    means the schema's default (false), not "unknown".
    """
    from itmscheck.evidence.schemas import schema_document

    node: Any = schema_document("site.schema.json")
    for part in path.split("."):
        node = (node.get("properties") or {}).get(part) if isinstance(node, dict) else None
        if node is None:
            return False, None
    return ("default" in node), node.get("default")
