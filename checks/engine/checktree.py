"""A rule's check as a tree: ``all`` / ``any`` / ``not`` over leaves of check types.

Evaluated with Kleene's three-valued logic: a definite answer wins over an
unknown only where it decides (``all`` with a failure fails, ``any`` with a
pass passes). Every leaf that could not decide is recorded on the
:class:`Facts`, so the evaluation can refuse to call a rule passed on facts it
could not read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import Facts, FactUnknown
from itmscheck.engine.model import Outcome, State


@dataclass(frozen=True)
class Node:
    """A compiled check: ``all``/``any``/``not`` over leaves of check types."""

    op: str  # "all", "any", "not" or "leaf"
    children: tuple[Node, ...] = ()
    leaf: CheckType | None = None

    def evaluate(self, facts: Facts) -> Outcome:
        if self.op == "leaf":
            assert self.leaf is not None
            try:
                outcome = self.leaf.evaluate(facts)
            except FactUnknown as unknown:
                outcome = Outcome.unknown(f"{unknown.sentence}.")
                facts.missing.append(unknown.ref)
            if outcome.state is State.UNKNOWN:
                facts.missing.extend(outcome.needs)
                if outcome.message not in facts.unresolved:
                    facts.unresolved.append(outcome.message)  # one missing snapshot is said once
            return outcome
        if self.op == "not":
            inner = self.children[0].evaluate(facts)
            flipped = {State.PASS: State.FAIL, State.FAIL: State.PASS}.get(inner.state, inner.state)
            return Outcome(flipped, inner.message)
        outcomes = [child.evaluate(facts) for child in self.children]
        # Kleene logic: a definite answer wins over unknown only where it decides.
        decisive = State.FAIL if self.op == "all" else State.PASS
        for state in (decisive, State.UNKNOWN):
            chosen = [o.message for o in outcomes if o.state is state]
            if chosen:
                return Outcome(state, " ".join(chosen))
        return Outcome(outcomes[0].state, " ".join(o.message for o in outcomes))

    def leaves(self) -> Iterable[CheckType]:
        if self.leaf is not None:
            yield self.leaf
        for child in self.children:
            yield from child.leaves()
