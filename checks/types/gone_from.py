from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import REF, CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.types.disjoint_names import gather, shared_computers


class GoneFrom(CheckType):
    """Computers that moved to one server are no longer listed by the other, as seen since.

    ``names`` and ``listed_by`` are facts of two snapshots (``target.`` and
    ``source.``): lists of computers or of objects with ``name``/``fqdn``/
    ``ip_addresses``, compared as :func:`disjoint_names.gather` compares them
    (short names as Windows compares them, also by NetBIOS name, addresses in
    canonical form, URLs and UNC paths by their host). A removal shows only in a snapshot
    of ``listed_by`` collected no earlier than the one of ``names``: an older
    one lists the computers as they were before they moved.
    Passes when no computer of ``names`` is in ``listed_by``, and the snapshot
    of ``listed_by`` is not older than that of ``names``.
    Fails when one still is, naming it.
    Is unknown (never a pass) when the snapshot of ``listed_by`` is older,
    whatever it lists, saying which server to collect again.
    """

    name = "gone_from"
    required = ("names", "listed_by")
    parameters: ClassVar[dict[str, Any]] = {"names": REF, "listed_by": REF}

    def evaluate(self, facts: Facts) -> Outcome:
        names_ref, listed_ref = self.params["names"], self.params["listed_by"]
        moved, since = facts.collected_at(names_ref), facts.collected_at(listed_ref)
        if since < moved:
            server = {"source": "7.0", "target": "7.5"}.get(listed_ref.partition(".")[0], "other")
            return Outcome.unknown(
                f"{listed_ref} was collected at {since:%Y-%m-%d %H:%M}Z, before {names_ref} "
                f"({moved:%Y-%m-%d %H:%M}Z): it cannot show a removal since; collect the {server} "
                "server again.", needs=(listed_ref,))
        names, listed = gather(facts, [names_ref]), gather(facts, [listed_ref])
        still = shared_computers(names, listed)
        if still:
            shown = ", ".join(f"{names[mine]} (listed as {listed[theirs]})" for mine, theirs in still)
            return Outcome.failed(f"{listed_ref} still lists {shown}.")
        return Outcome.passed(f"{listed_ref} lists none of {names_ref} "
                              f"({', '.join(sorted(names.values())) or 'none'}).")
