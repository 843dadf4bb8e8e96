"""Rule packs: the guide's rules, and the vendor's known issues beside them.

Each built-in rule folder is a pack with its own citation form, id prefix and
chapter numbers:

- ``guide`` (``itmscheck.rules``): the migration guide's rules, chapters 1-20,
  each citing the guide's section, page and words;
- ``known_issues`` (``itmscheck.rules.known_issues``): failures the vendor's
  knowledge base and product help record beyond the guide, rule ids ``KB-...``,
  chapter-like groups 21-40, each citing its article (``source:`` with title,
  reference, URL and the quoted sentence). Loaded by default; a site switches
  it off in its site file (``packs: {known_issues: {enabled: false, reason: ...,
  by: ...}}``), and every report says so, by whom and why.

A site's own rule folders (``--rules-dir``, a plugin) belong to no pack: they
may cite the guide or another source, keep to the guide's chapters, and may not
take a pack's id prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itmscheck.evidence.site import Site


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    package: str
    """The import package of its rule folder."""
    prefix: str | None
    """The id prefix its rules carry, reserved to it (``KB-``); None: no prefix of its own."""
    cites: str
    """``guide``: its rules cite the guide; ``source``: an article, with its URL and words."""
    chapters: tuple[int, int]
    """The lowest and highest chapter (or group) number its rule files may use."""
    switchable: bool
    """Whether a site may switch it off (``packs.<id>.enabled: false`` in the site file)."""


GUIDE = Pack("guide", "The migration guide", "itmscheck.rules", None, "guide", (1, 20), False)
KNOWN_ISSUES = Pack("known_issues", "Known issues (vendor knowledge base)",
                    "itmscheck.rules.known_issues", "KB-", "source", (21, 40), True)
PACKS = (GUIDE, KNOWN_ISSUES)
SITE_CHAPTERS = GUIDE.chapters
"""A site's own rules file themselves under the guide's chapters."""


def pack_named(pack_id: str | None) -> Pack | None:
    return next((pack for pack in PACKS if pack.id == pack_id), None)


def reserved_prefix(rule_id: str) -> Pack | None:
    """The pack whose id prefix ``rule_id`` carries, if any."""
    return next((pack for pack in PACKS if pack.prefix and rule_id.startswith(pack.prefix)), None)


def switched_off(site: Site, pack_id: str | None) -> dict[str, Any] | None:
    """The site file's entry switching the pack off (``enabled: false``), else None."""
    entry = site.packs.get(pack_id or "")
    return dict(entry) if entry and entry.get("enabled") is False else None


def not_evaluated(pack_id: str, entry: dict[str, Any]) -> str:
    """Why a rule of a pack the site switched off was not evaluated, in one sentence."""
    pack = pack_named(pack_id)
    title = pack.title if pack else pack_id
    return (f"Not evaluated: the pack \u201c{title}\u201d is switched off for this site by "
            f"{entry['by']}: {entry['reason']}")


@dataclass(frozen=True)
class PackState:
    """A pack as a report shows it: whether it ran in this run, and if not, who switched it off and why."""

    id: str
    title: str
    rules: int
    """Its rules of the phase."""
    enabled: bool = True
    reason: str | None = None
    by: str | None = None

    def sentence(self) -> str:
        if self.enabled:
            return f"{self.title}: {self.rules} rules of the phase evaluated."
        return (f"{self.title}: switched off for this site by {self.by}: {self.reason} "
                f"({self.rules} rules of the phase not evaluated, shown as skipped).")


def pack_states(rules: Any, site: Site, phase: str) -> tuple[PackState, ...]:
    """Every pack with rules in the catalog, with its state for this site and phase."""
    states = []
    for pack in PACKS:
        count = sum(1 for rule in rules.for_phase(phase) if rule.pack == pack.id)
        if not any(rule.pack == pack.id for rule in rules.rules):
            continue
        off = switched_off(site, pack.id)
        states.append(PackState(pack.id, pack.title, count, off is None,
                                off["reason"] if off else None, off["by"] if off else None))
    return tuple(states)
