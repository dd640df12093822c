"""The choices open to each person-day, what each is worth, and the checks shared by all solvers.

One place for the scoring rules so the CP-SAT model, the greedy baseline and the tests agree on
what a roster is worth (``objective_of`` recomputes the model's objective from plans).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from govflex.core.arrangements import DayPlan
from govflex.core.coverage import off_site_limit
from govflex.core.enums import WorkMode
from govflex.core.policy.values import Policy, TimeWindow
from govflex.core.roster.problem import Fairness, RosterPerson, RosterProblem

PlanKey = tuple[str, date]


@dataclass(frozen=True, slots=True)
class Choice:
    """A plan the optimiser may propose, and the span it puts the person on site (None: off)."""

    plan: DayPlan
    on_site: TimeWindow | None


def on_site_window(plan: DayPlan, policy: Policy) -> TimeWindow | None:
    """The span a plan counts on site, as ``coverage.planned_spans`` reads it.

    Off site: none. Mode 1: the slot, else the standard day. Mode 2: the core hours, if any
    (people choose their own hours, so only core hours are planned presence: our reading).
    """
    if plan.mode is WorkMode.OFF_SITE:
        return None
    if plan.mode is WorkMode.COUNTED_HOURS:
        return policy.counted_hours.core_hours
    return plan.slot or policy.standard_day.hours


def choices_for(policy: Policy, person: RosterPerson) -> tuple[Choice, ...]:
    """Every plan allowed for the person's position type (Guideline 2565 via the policy)."""
    allowed = policy.modes_for(person.position_type).allowed
    found: list[Choice] = []
    if WorkMode.STAGGERED in allowed:
        found += [
            Choice(DayPlan(WorkMode.STAGGERED, slot), slot) for slot in policy.staggered.slots
        ]
    # Off-site regulation 2565: only places the agency allows.
    if WorkMode.OFF_SITE in allowed and person.off_site_place in policy.off_site.allowed_places:
        found.append(Choice(DayPlan(WorkMode.OFF_SITE, place=person.off_site_place), None))
    if WorkMode.COUNTED_HOURS in allowed:
        found.append(Choice(DayPlan(WorkMode.COUNTED_HOURS), policy.counted_hours.core_hours))
    return tuple(found)


def same_plan(first: DayPlan, second: DayPlan) -> bool:
    """Same mode, and the same slot in mode 1 (the place of an off-site day does not matter)."""
    if first.mode is not second.mode:
        return False
    return first.mode is not WorkMode.STAGGERED or first.slot == second.slot


def week_of(day: date) -> date:
    """The Monday of the ISO week: the weekly off-site quota counts Monday to Sunday."""
    return day - timedelta(days=day.weekday())


def unit_cap(problem: RosterProblem) -> int:
    """Most people off site on one day (Off-site regulation 2565, share: our reading)."""
    if problem.unit_off_site_max is not None:
        return problem.unit_off_site_max
    return off_site_limit(len(problem.people), problem.policy.off_site)


def fixed_days(problem: RosterProblem, person: RosterPerson) -> dict[date, DayPlan]:
    """Approved days inside the period that are kept (an unavailable day wins over them)."""
    period = set(problem.days)
    return {
        day: plan
        for day, plan in person.fixed.items()
        if day in period and day not in person.unavailable
    }


def decision_days(problem: RosterProblem, person: RosterPerson) -> tuple[date, ...]:
    """Working days the optimiser plans: not unavailable, not fixed. Non-working days: none."""
    return tuple(
        day
        for day in problem.days
        if day in problem.working_days and day not in person.unavailable and day not in person.fixed
    )


def wants_off_site(person: RosterPerson) -> bool:
    return bool(person.preferred_off_site_weekdays)


def preference_points(policy: Policy, person: RosterPerson, day: date, plan: DayPlan) -> int:
    """How much the person would like ``plan`` on ``day`` (higher is better; our reading).

    With S slots in the policy: the best-ranked slot is worth S, the next S−1, unranked slots 0.
    Off site on a wished-for weekday, or mode 2 when asked for, is worth S+1 so a free wish wins.
    Off site on another day is neutral (0) for someone who wants off-site days at all (fairness
    may move a day there); mode 2 and off site nobody asked for cost 1, unless last period had
    them on that weekday (then neutral, and stability keeps them).
    """
    top = len(policy.staggered.slots)
    previous = person.previous.get(day.weekday())
    kept = previous is not None and previous.mode is plan.mode
    if plan.mode is WorkMode.STAGGERED:
        ranks = [slot for slot in person.slot_ranks if slot in policy.staggered.slots]
        return top - ranks.index(plan.slot) if plan.slot in ranks else 0
    if plan.mode is WorkMode.OFF_SITE:
        if day.weekday() in person.preferred_off_site_weekdays:
            return top + 1
        return 0 if wants_off_site(person) or kept else -1
    if person.wants_counted_hours:
        return top + 1
    return 0 if kept else -1


def stability_points(person: RosterPerson, day: date, plan: DayPlan) -> int:
    """1 when the plan repeats last period's plan for that weekday."""
    previous = person.previous.get(day.weekday())
    return int(previous is not None and same_plan(previous, plan))


def edge_slots(policy: Policy) -> tuple[TimeWindow, TimeWindow] | None:
    """The earliest and the latest slot, the ones people least often choose (needs two)."""
    slots = sorted(policy.staggered.slots, key=lambda slot: (slot.start_minute, slot.end_minute))
    return (slots[0], slots[-1]) if len(slots) >= 2 else None


def burden(person: RosterPerson, day: date, slot: TimeWindow) -> bool:
    """An edge slot is a burden unless it is the person's first choice or last period's plan."""
    if person.slot_ranks and person.slot_ranks[0] == slot:
        return False
    previous = person.previous.get(day.weekday())
    return not (
        previous is not None and previous.mode is WorkMode.STAGGERED and previous.slot == slot
    )


def off_site_group(problem: RosterProblem) -> tuple[RosterPerson, ...]:
    """People whose off-site days fairness evens out: they asked, and may take them."""
    return tuple(
        person
        for person in problem.people
        if wants_off_site(person)
        and any(c.plan.mode is WorkMode.OFF_SITE for c in choices_for(problem.policy, person))
    )


def edge_group(problem: RosterProblem) -> tuple[RosterPerson, ...]:
    """People who may be given an early or late slot by the optimiser."""
    allowed = WorkMode.STAGGERED
    return tuple(
        person
        for person in problem.people
        if allowed in problem.policy.modes_for(person.position_type).allowed
        and decision_days(problem, person)
    )


def _spread(values: list[int]) -> int:
    return max(values) - min(values) if values else 0


def fairness_of(problem: RosterProblem, plans: Mapping[PlanKey, DayPlan]) -> Fairness:
    """The fairness figures of a roster (fixed days count too)."""
    off = [
        sum(
            1
            for day in problem.days
            if (plan := plans.get((person.person_id, day))) and plan.mode is WorkMode.OFF_SITE
        )
        for person in off_site_group(problem)
    ]
    edges = edge_slots(problem.policy)
    early: list[int] = []
    late: list[int] = []
    if edges is not None:
        for person in edge_group(problem):
            edge_days = [
                (day, plan.slot)
                for day in problem.days
                if (plan := plans.get((person.person_id, day)))
                and plan.mode is WorkMode.STAGGERED
                and plan.slot in edges
                and burden(person, day, plan.slot)
            ]
            early.append(sum(slot == edges[0] for _, slot in edge_days))
            late.append(sum(slot == edges[1] for _, slot in edge_days))
    return Fairness(
        off_site_min=min(off, default=0),
        off_site_max=max(off, default=0),
        early_spread=_spread(early),
        late_spread=_spread(late),
    )


def objective_of(problem: RosterProblem, plans: Mapping[PlanKey, DayPlan]) -> int:
    """The value CP-SAT maximises, recomputed from plans (fixed days add a constant 0)."""
    policy = problem.policy
    preference = stability = 0
    for person in problem.people:
        for day in decision_days(problem, person):
            plan = plans.get((person.person_id, day))
            if plan is None:
                continue
            preference += preference_points(policy, person, day, plan)
            stability += stability_points(person, day, plan)
    fairness = fairness_of(problem, plans)
    spreads = fairness.off_site_spread + fairness.early_spread + fairness.late_spread
    return (
        problem.preference_weight * preference
        + problem.stability_weight * stability
        - problem.fairness_weight * spreads
    )
