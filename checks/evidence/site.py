"""The site file: what a person declares (plan, attestations, waivers, thresholds)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from itmscheck.errors import InputError
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
        _valid_date(item["on"], file, f"attestations.{rule}.on",
                    line_of(document, ["attestations", rule, "on"]))
    for index, waiver in enumerate(document.get("waivers", [])):
        _valid_date(waiver["expires"], file, f"waivers[{index}].expires",
                    line_of(document, ["waivers", index, "expires"]))
    return Site(document=document, file=file)


def _valid_date(text: str, file: str, field_name: str, line: int | None) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(file, f"{text!r} is not a date (YYYY-MM-DD)", line=line,
                         field=field_name) from None


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
                             "evidence, not confirmed by a person: remove it",
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
