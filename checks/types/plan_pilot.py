from __future__ import annotations

import math
from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.reading import read_plan, read_topology


class PlanPilot(CheckType):
    """The first redirect wave is a small pilot group; the others wait on 7.0 meanwhile.

    Small means at most ``max_share`` of the source's computers, or at most
    ``small_enough`` computers where that share would be fewer (a pilot must
    hold at least one agent of each site its site servers serve, so tiny
    environments need the floor).
    Passes when the first wave is marked ``pilot``, redirects at least one
    computer and no more than that, and no later wave is marked ``pilot``.
    Fails when it is not marked pilot, redirects no computer or too many, or a later
    wave is a pilot, saying which.
    """

    name = "plan_pilot"
    required = ("max_share", "small_enough")
    parameters: ClassVar[dict[str, Any]] = {
        "max_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "small_enough": {"type": "integer", "minimum": 1},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        plan, computers = read_plan(facts), read_topology(facts).computers
        limit = max(math.floor(self.params["max_share"] * computers), self.params["small_enough"])
        if not plan.waves:
            return Outcome.failed("The plan has no waves, so no pilot group.")
        first, problems = plan.waves[0], []
        if not first.pilot:
            problems.append(f"the first wave ({first.name}) is not marked pilot")
        if first.computers < 1:
            problems.append(f"the first wave ({first.name}) redirects no computers")
        elif first.computers > limit:
            problems.append(f"the first wave ({first.name}) redirects {first.computers:,} of "
                            f"{computers:,} computers, more than a small group ({limit:,})")
        later = [f"wave {i} ({w.name})" for i, w in enumerate(plan.waves[1:], 2) if w.pilot]
        if later:
            problems.append(f"a pilot comes after the first wave: {', '.join(later)}")
        if problems:
            return Outcome.failed(f"The first wave must be a small pilot group: {'; '.join(problems)}.")
        return Outcome.passed(f"The first wave ({first.name}) is a pilot of {first.computers:,} of "
                              f"{computers:,} computers (at most {limit:,}).")
