"""A greedy roster, the baseline the optimiser is measured against (and its first hint).

Day by day, each person in list order takes their best-scoring allowed choice while the weekly
quota and the unit's cap allow; then every short coverage segment is repaired by moving the
people whose move loses the least score onto a covering choice, never breaking a segment that
was met. It is fast and usually feasible, but it serves whoever comes first: no fairness.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import date

from govflex.core.arrangements import DayPlan
from govflex.core.enums import WorkMode
from govflex.core.roster.choices import (
    Choice,
    PlanKey,
    choices_for,
    decision_days,
    fairness_of,
    fixed_days,
    objective_of,
    on_site_window,
    preference_points,
    stability_points,
    unit_cap,
    week_of,
)
from govflex.core.roster.demand import Segment, counts_for, segments
from govflex.core.roster.problem import Proposal, ProposalStatus, RosterPerson, RosterProblem


class _Greedy:
    """The running state of the greedy pass: plans, off-site counts, coverage counts."""

    def __init__(self, problem: RosterProblem) -> None:
        self.problem = problem
        self.quota = problem.policy.off_site.weekly_quota_days
        self.cap = unit_cap(problem)
        self.options = {p.person_id: choices_for(problem.policy, p) for p in problem.people}
        self.planned = {p.person_id: set(decision_days(problem, p)) for p in problem.people}
        self.plans: dict[PlanKey, DayPlan] = {}
        self.week_off: dict[tuple[str, date], int] = defaultdict(int)
        self.day_off: dict[date, int] = defaultdict(int)
        self.segments: dict[date, list[Segment]] = defaultdict(list)
        for segment in segments(problem):
            self.segments[segment.day].append(segment)
        self.met = True
        for person in problem.people:
            for day, plan in fixed_days(problem, person).items():
                self.plans[(person.person_id, day)] = plan
                if plan.mode is WorkMode.OFF_SITE:
                    self.week_off[(person.person_id, week_of(day))] += 1
                    self.day_off[day] += 1

    def score(self, person: RosterPerson, day: date, choice: Choice) -> int:
        problem = self.problem
        return problem.preference_weight * preference_points(
            problem.policy, person, day, choice.plan
        ) + problem.stability_weight * stability_points(person, day, choice.plan)

    def _off(self, person: RosterPerson, day: date, step: int) -> None:
        self.week_off[(person.person_id, week_of(day))] += step
        self.day_off[day] += step

    def _may_go_off(self, person: RosterPerson, day: date) -> bool:
        return (
            self.week_off[(person.person_id, week_of(day))] < self.quota
            and self.day_off[day] < self.cap
        )

    def plan_day(self, day: date) -> None:
        chosen: dict[str, tuple[RosterPerson, Choice]] = {}
        for person in self.problem.people:
            if day not in self.planned[person.person_id]:
                continue
            ranked = sorted(
                self.options[person.person_id], key=lambda c: -self.score(person, day, c)
            )
            for choice in ranked:
                if choice.plan.mode is WorkMode.OFF_SITE:
                    if not self._may_go_off(person, day):
                        continue
                    self._off(person, day, 1)
                chosen[person.person_id] = (person, choice)
                break
        self._repair(day, chosen)
        for person_id, (_, choice) in chosen.items():
            self.plans[(person_id, day)] = choice.plan

    def _repair(self, day: date, chosen: dict[str, tuple[RosterPerson, Choice]]) -> None:
        pieces = self.segments[day]
        counts = [0] * len(pieces)
        for person in self.problem.people:
            plan = self.plans.get((person.person_id, day))
            span = on_site_window(plan, self.problem.policy) if plan else None
            if person.person_id in chosen:
                span = chosen[person.person_id][1].on_site
            for index, segment in enumerate(pieces):
                counts[index] += counts_for(person, segment.rule) and segment.covered_by(span)
        for index, segment in enumerate(pieces):
            if counts[index] >= segment.required:
                continue
            candidates: list[tuple[int, RosterPerson, Choice]] = []
            for person, current in chosen.values():
                if not counts_for(person, segment.rule) or segment.covered_by(current.on_site):
                    continue
                before = self.score(person, day, current)
                candidates += [
                    (before - self.score(person, day, option), person, option)
                    for option in self.options[person.person_id]
                    if segment.covered_by(option.on_site)
                ]
            candidates.sort(key=lambda item: item[0])
            moved: set[str] = set()
            for _, person, option in candidates:
                if counts[index] >= segment.required:
                    break
                if person.person_id in moved:
                    continue
                if self._move(person, day, option, chosen, pieces, counts):
                    moved.add(person.person_id)
            self.met = self.met and counts[index] >= segment.required

    def _move(
        self,
        person: RosterPerson,
        day: date,
        option: Choice,
        chosen: dict[str, tuple[RosterPerson, Choice]],
        pieces: list[Segment],
        counts: list[int],
    ) -> bool:
        """Switch the person to ``option`` unless that leaves a met segment short."""
        current = chosen[person.person_id][1]
        deltas = [
            (counts_for(person, segment.rule) and segment.covered_by(option.on_site))
            - (counts_for(person, segment.rule) and segment.covered_by(current.on_site))
            for segment in pieces
        ]
        if any(
            delta < 0 and counts[i] + delta < pieces[i].required for i, delta in enumerate(deltas)
        ):
            return False
        for i, delta in enumerate(deltas):
            counts[i] += delta
        if current.plan.mode is WorkMode.OFF_SITE:
            self._off(person, day, -1)
        chosen[person.person_id] = (person, option)
        return True


def greedy_plans(problem: RosterProblem) -> tuple[dict[PlanKey, DayPlan], bool]:
    """The greedy roster (fixed days included) and whether every coverage minimum is met."""
    state = _Greedy(problem)
    for day in problem.days:
        state.plan_day(day)
    return state.plans, state.met


def greedy_propose(problem: RosterProblem) -> Proposal:
    """The greedy roster in the optimiser's answer shape (UNKNOWN when coverage is not met)."""
    started = time.perf_counter()
    plans, met = greedy_plans(problem)
    elapsed = time.perf_counter() - started
    return Proposal(
        status=ProposalStatus.FEASIBLE if met else ProposalStatus.UNKNOWN,
        plans=plans,
        objective=float(objective_of(problem, plans)),
        first_feasible_seconds=elapsed if met else None,
        solve_seconds=elapsed,
        fairness=fairness_of(problem, plans),
    )
