from __future__ import annotations

from typing import Any, ClassVar

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts
from itmscheck.engine.model import Outcome
from itmscheck.planning.reading import read_plan


class PlanWaveSizes(CheckType):
    """How many computers the plan's redirect waves move, against a limit.

    A wave's computers are the agents it redirects (its site servers are
    managed computers of their sites, so they are counted there). With ``per:
    wave`` (the default) each wave is measured; with ``unless_policies_disabled``
    a wave over the limit is accepted when it declares
    ``frequent_policies_disabled``. With ``per: plan`` the waves' total is
    measured: what the 7.5 server will manage once every wave is redirected.
    Passes when every wave (or the total) is at most ``max`` computers.
    Fails when one is over, naming the wave and its computers.
    """

    name = "plan_wave_sizes"
    required = ("max",)
    parameters: ClassVar[dict[str, Any]] = {
        "max": {"type": "integer", "minimum": 1},
        "per": {"enum": ["wave", "plan"]},
        "unless_policies_disabled": {"type": "boolean"},
    }

    def evaluate(self, facts: Facts) -> Outcome:
        plan, limit = read_plan(facts), self.params["max"]
        if self.params.get("per", "wave") == "plan":
            total = sum(wave.computers for wave in plan.waves)
            if total > limit:
                return Outcome.failed(f"The {len(plan.waves)} waves redirect {total:,} computers to "
                                      f"the 7.5 server, more than {limit:,}.")
            return Outcome.passed(f"The {len(plan.waves)} waves redirect {total:,} computers to the "
                                  f"7.5 server, at most {limit:,}.")
        exempt = self.params.get("unless_policies_disabled", False)
        over = [f"wave {i} ({wave.name}: {wave.computers:,})"
                for i, wave in enumerate(plan.waves, 1)
                if wave.computers > limit and not (exempt and wave.policies_disabled)]
        if over:
            tail = (" without the frequent policies and tasks disabled (frequent_policies_disabled)"
                    if exempt else "")
            return Outcome.failed(f"{len(over)} of {len(plan.waves)} waves redirect more than "
                                  f"{limit:,} computers{tail}: {', '.join(over)}.")
        largest = max((wave.computers for wave in plan.waves), default=0)
        if exempt:
            return Outcome.passed(f"No wave redirects more than {limit:,} computers with the frequent "
                                  f"policies and tasks enabled; the largest of {len(plan.waves)} "
                                  f"redirects {largest:,}.")
        return Outcome.passed(f"Every one of the {len(plan.waves)} waves redirects at most {limit:,} "
                              f"computers; the largest {largest:,}.")
