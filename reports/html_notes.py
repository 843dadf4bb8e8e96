"""What people declared, and what they still have to declare, as the HTML report words it."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from itmscheck.reports.html_values import date


def waiver(item: dict[str, Any]) -> Markup:
    """``Waived by A. Smit until 31 Dec 2026: reason`` (``expired on`` once it has)."""
    state = "expired on" if item.get("expired") else "until"
    return Markup("Waived by {} {} {}: {}").format(item["by"], state, date(str(item["expires"])),
                                                   item["reason"])


def attestation(item: dict[str, Any]) -> Markup:
    """``Attested by J. de Vries on 20 Nov 2026: evidence``."""
    said = Markup("Attested by {} on {}").format(item["by"], date(str(item["on"])))
    return Markup("{}: {}").format(said, item["evidence"]) if item.get("evidence") else said


def attest_yaml(rule: str) -> str:
    """The site-file line that would attest ``rule``, to go under ``attestations:``.

    One line in the flow style of the bundled site files. Pasted unfilled it is
    refused (an empty ``by``, a date that is no date): only a person who fills it in
    attests anything.
    """
    return f'  {rule}: {{by: "", on: YYYY-MM-DD, evidence: ""}}'
