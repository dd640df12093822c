"""What the roster optimiser is asked (a unit, a period, a policy) and what it answers.

Plain frozen data, so the shell can build a problem from the database and the simulation CLI
from files; the optimiser itself never reads anything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from govflex.core.arrangements import DayPlan
from govflex.core.enums import PlaceType, PositionType
from govflex.core.messages import Message
from govflex.core.policy.values import Policy, TimeWindow


@dataclass(frozen=True, slots=True)
class RosterPerson:
    """One member of the unit, with what is already decided and what they would like.

    ``service_point_id`` None counts the person towards every service point of the unit, as
    ``coverage.PlannedWork`` does (our reading). ``unavailable`` days (leave, personal
    holidays) get no plan and win over ``fixed``. ``fixed`` days were approved already and are
    kept exactly. ``slot_ranks`` lists preferred mode-1 slots, best first. ``previous`` is last
    period's plan per weekday (0 = Monday), used for stability; last period's off-site and
    mode-2 weekdays also count as neutral rather than unwanted (our reading).
    """

    person_id: str
    name: str = ""
    position_type: PositionType = PositionType.SUPPORT
    service_point_id: str | None = None
    unavailable: frozenset[date] = frozenset()
    fixed: Mapping[date, DayPlan] = field(default_factory=dict)
    slot_ranks: tuple[TimeWindow, ...] = ()
    preferred_off_site_weekdays: frozenset[int] = frozenset()
    wants_counted_hours: bool = False
    previous: Mapping[int, DayPlan] = field(default_factory=dict)
    off_site_place: PlaceType = PlaceType.RESIDENCE

    @property
    def label(self) -> str:
        """The name shown in messages (the id when there is no name)."""
        return self.name or self.person_id


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """A unit's people over a period, under one policy version.

    The weights are integers because CP-SAT optimises integer objectives; the defaults make one
    rank of slot preference (3) outweigh keeping last period's plan (2), and one day of spread
    in fairness (10) outweigh three ranks of preference (our reading, see
    docs/domain/roster-optimiser.md). ``unit_off_site_max`` overrides the unit's daily off-site
    cap, otherwise ``coverage.off_site_limit(len(people), policy.off_site)``.
    """

    policy: Policy
    days: tuple[date, ...]
    working_days: frozenset[date]
    people: tuple[RosterPerson, ...]
    preference_weight: int = 3
    fairness_weight: int = 10
    stability_weight: int = 2
    unit_off_site_max: int | None = None


class ProposalStatus(StrEnum):
    """How far the search got (CP-SAT's statuses, minus MODEL_INVALID which is a bug)."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """A new best solution or a better bound, seconds after ``propose`` was called."""

    elapsed_s: float
    objective: float | None
    best_bound: float
    gap: float | None
    solutions: int


@dataclass(frozen=True, slots=True)
class Fairness:
    """How evenly burdens and wishes fall (spread = max − min over the people concerned).

    Off-site days are counted for people who asked for off-site days and may take them; early
    and late are mode-1 days in the earliest or latest slot when that slot is not the person's
    first choice.
    """

    off_site_min: int = 0
    off_site_max: int = 0
    early_spread: int = 0
    late_spread: int = 0

    @property
    def off_site_spread(self) -> int:
        return self.off_site_max - self.off_site_min


@dataclass(frozen=True, slots=True)
class Proposal:
    """The optimiser's answer. ``plans`` holds fixed days too; unavailable days have none."""

    status: ProposalStatus
    plans: Mapping[tuple[str, date], DayPlan]
    objective: float | None = None
    best_bound: float | None = None
    gap: float | None = None
    first_feasible_seconds: float | None = None
    solve_seconds: float = 0.0
    fairness: Fairness | None = None
    problems: tuple[Message, ...] = ()

    @property
    def found(self) -> bool:
        """Whether ``plans`` is a complete roster that meets every hard rule."""
        return self.status in {ProposalStatus.OPTIMAL, ProposalStatus.FEASIBLE}
