from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.reading import read_topology

_WHAT = {"waves": ("site.plan.waves", "redirect waves"),
         "hierarchy": ("site.plan.hierarchy.nodes", "hierarchy nodes")}


class PlanHas(CheckType):
    """The site file's plan declares something to check: redirect waves, a hierarchy.

    Meant for ``applies_when``: the plan rules judge a plan, so without one
    they are skipped, and say why, rather than pass. Waves count only when the
    source has computers to redirect: with none, every wave rule would pass
    on nothing, so they are not applicable (a source whose computers are
    unknown leaves the rules in error).
    Passes when the plan has any of ``parts`` (``waves``: at least one wave
    and at least one computer on the source; ``hierarchy``: at least one
    hierarchy node).
    Fails when it has none of them.
    """

    name = "plan_has"
    required = ("parts",)
    parameters: ClassVar[dict[str, Any]] = {
        "parts": {"type": "array", "minItems": 1, "uniqueItems": True,
                  "items": {"enum": list(_WHAT)}},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        declared = [part for part in self.params["parts"] if facts.get(_WHAT[part][0])]
        empty = "waves" in declared and read_topology(facts).computers == 0
        found = [_WHAT[part][1] for part in declared if not (part == "waves" and empty)]
        if found:
            return Outcome.passed(f"The site file's plan has {' and '.join(found)}.")
        if empty:
            return Outcome.failed("the source manages no computers (resources.managed_computers and "
                                  "the sites' agents are 0): there is nothing to redirect.")
        missing = " or ".join(_WHAT[part][1] for part in self.params["parts"])
        return Outcome.failed(f"the site file's plan has no {missing}.")
