"""A commitment's progress from its milestones, computed so anyone can redo the sum.

Each milestone counts with its weight; its share done comes from the status of its latest
published progress update (none yet: not started). The page shows every term.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# The self-assessment's completion levels, and the share of a milestone each one counts as.
SELF_STATUSES = {
    "not_started": _l("Not started"),
    "limited": _l("Limited"),
    "substantial": _l("Substantial"),
    "complete": _l("Complete"),
}
SHARE_DONE = {"not_started": 0, "limited": 25, "substantial": 75, "complete": 100}


@dataclass(frozen=True)
class Term:
    milestone: object
    status: str
    weight: int
    share: int  # percent of this milestone done

    @property
    def weighted(self) -> int:
        return self.weight * self.share

    @property
    def status_label(self) -> str:
        return str(SELF_STATUSES[self.status])


@dataclass(frozen=True)
class Progress:
    terms: list[Term]

    @property
    def total_weight(self) -> int:
        return sum(t.weight for t in self.terms)

    @property
    def weighted_sum(self) -> int:
        return sum(t.weighted for t in self.terms)

    @property
    def percent(self) -> int:
        """Σ(weight × share) ÷ Σ weight, rounded half up to a whole percent."""
        if not self.total_weight:
            return 0
        return (2 * self.weighted_sum + self.total_weight) // (2 * self.total_weight)


def progress_of(milestones, statuses: dict) -> Progress:
    """`statuses`: milestone id -> self-assessed status of its latest update."""
    terms = []
    for milestone in milestones:
        status = statuses.get(milestone.id, "not_started")
        terms.append(Term(milestone, status, milestone.weight, SHARE_DONE[status]))
    return Progress(terms)
