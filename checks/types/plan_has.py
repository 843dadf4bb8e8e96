from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome

_WHAT = {"waves": ("site.plan.waves", "redirect waves"),
         "hierarchy": ("site.plan.hierarchy.nodes", "hierarchy nodes")}


class PlanHas(CheckType):
    """The site file's plan declares something to check: redirect waves, a hierarchy.

    Meant for ``applies_when``: the plan rules judge a plan, so without one
    they are skipped, and say why, rather than pass.
    Passes when the plan has any of ``parts`` (``waves``: at least one wave;
    ``hierarchy``: at least one hierarchy node).
    Fails when it has none of them.
    """

    name = "plan_has"
    required = ("parts",)
    parameters: ClassVar[dict[str, Any]] = {
        "parts": {"type": "array", "minItems": 1, "uniqueItems": True,
                  "items": {"enum": list(_WHAT)}},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        found = [_WHAT[part][1] for part in self.params["parts"] if facts.get(_WHAT[part][0])]
        if found:
            return Outcome.passed(f"The site file's plan has {' and '.join(found)}.")
        missing = " or ".join(_WHAT[part][1] for part in self.params["parts"])
        return Outcome.failed(f"the site file's plan has no {missing}.")
