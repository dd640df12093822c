"""The CP-SAT model: one Boolean per person, working day and allowed choice.

Hard rules (each cited where it is added): exactly one allowed choice per planned person-day;
coverage minima on every segment; the personal weekly off-site quota; the unit's daily off-site
cap. Fixed days are constants, not variables. The objective is preference + stability −
fairness spreads, with the problem's integer weights.

With ``assumptions=True`` each coverage window, quota week and cap day is switched on by its
own literal, and the literals are solver assumptions, so an infeasible answer names a set of
groups that cannot hold together (``sufficient_assumptions_for_infeasibility``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from ortools.sat.python import cp_model

from govflex.core.arrangements import DayPlan
from govflex.core.enums import WorkMode
from govflex.core.policy.values import TimeWindow
from govflex.core.roster.choices import (
    Choice,
    PlanKey,
    burden,
    choices_for,
    decision_days,
    edge_group,
    edge_slots,
    fixed_days,
    off_site_group,
    on_site_window,
    preference_points,
    same_plan,
    stability_points,
    unit_cap,
    week_of,
)
from govflex.core.roster.demand import GroupKey, Segment, counts_for, segments
from govflex.core.roster.problem import RosterProblem

Cell = list[tuple[Choice, cp_model.IntVar]]
QuotaKey = tuple[str, date]
Fixed = dict[str, dict[date, DayPlan]]
K = TypeVar("K")


@dataclass
class RosterModel:
    """A built model and the handles needed to read a roster back or explain a failure."""

    model: cp_model.CpModel
    cells: dict[PlanKey, Cell] = field(default_factory=dict)
    coverage_groups: dict[GroupKey, cp_model.IntVar] = field(default_factory=dict)
    quota_groups: dict[QuotaKey, cp_model.IntVar] = field(default_factory=dict)
    cap_groups: dict[date, cp_model.IntVar] = field(default_factory=dict)
    segments: tuple[Segment, ...] = ()
    assumptions: bool = False

    def plans(self, value: Callable[[cp_model.IntVar], bool]) -> dict[PlanKey, DayPlan]:
        """The chosen plan of every planned person-day, given a Boolean reader."""
        return {
            key: next(choice.plan for choice, var in cell if value(var))
            for key, cell in self.cells.items()
        }

    def hint(self, plans: dict[PlanKey, DayPlan]) -> None:
        """Hint a (possibly partial) roster: the chosen choice on, the others off."""
        for key, cell in self.cells.items():
            plan = plans.get(key)
            if plan is None:
                continue
            matched = False
            for choice, var in cell:
                hit = not matched and same_plan(choice.plan, plan)
                matched = matched or hit
                self.model.add_hint(var, hit)

    def enforce(
        self, store: dict[K, cp_model.IntVar], key: K, constraint: cp_model.Constraint
    ) -> None:
        """Tie a constraint to its group's literal when explaining; else leave it hard."""
        if not self.assumptions:
            return
        if key not in store:
            store[key] = self.model.new_bool_var(f"group_{len(store)}_{key}")
        constraint.only_enforce_if(store[key])


def build_model(problem: RosterProblem, *, assumptions: bool = False) -> RosterModel:
    """The whole model for one unit and period."""
    built = RosterModel(cp_model.CpModel(), assumptions=assumptions)
    fixed: Fixed = {person.person_id: fixed_days(problem, person) for person in problem.people}
    terms, weights, best = _decisions(problem, built)
    _coverage(problem, built, fixed)
    _off_site_limits(problem, built, fixed)
    for var, sign in _fairness(problem, built, fixed):
        terms.append(var)
        weights.append(-sign * problem.fairness_weight)
    built.model.maximize(cp_model.LinearExpr.weighted_sum(terms, weights) + best)
    if assumptions:
        built.model.add_assumptions(
            [
                *built.coverage_groups.values(),
                *built.quota_groups.values(),
                *built.cap_groups.values(),
            ]
        )
    return built


def _decisions(
    problem: RosterProblem, built: RosterModel
) -> tuple[list[cp_model.IntVar], list[int], int]:
    """The choice variables, their objective weights and the best total any roster could reach.

    Each choice is weighted by what it loses against the best choice of its day (≤ 0), plus
    that best as a constant: the same objective, but the search's bound starts at the
    unconstrained best instead of far above it, so the gap closes much sooner.
    """
    policy = problem.policy
    terms: list[cp_model.IntVar] = []
    weights: list[int] = []
    best = 0
    for person in problem.people:
        options = choices_for(policy, person)
        for day in decision_days(problem, person):
            cell: Cell = []
            values = [
                problem.preference_weight * preference_points(policy, person, day, choice.plan)
                + problem.stability_weight * stability_points(person, day, choice.plan)
                for choice in options
            ]
            top = max(values, default=0)
            best += top
            for choice, value in zip(options, values, strict=True):
                var = built.model.new_bool_var(f"x_{person.person_id}_{day:%Y%m%d}_{len(cell)}")
                cell.append((choice, var))
                if value != top:
                    terms.append(var)
                    weights.append(value - top)
            # Guideline 2565 via the policy: exactly one allowed mode (and slot) a day. With no
            # allowed mode the empty sum makes the model infeasible; the pre-checks say why.
            built.model.add_exactly_one(var for _, var in cell)
            built.cells[(person.person_id, day)] = cell
    return terms, weights, best


def _coverage(problem: RosterProblem, built: RosterModel, fixed: Fixed) -> None:
    """Guideline 2565 / Off-site regulation 2565: service points keep their minimum on site."""
    built.segments = segments(problem)
    spans: dict[tuple[str, date], TimeWindow | None] = {
        (person_id, day): on_site_window(plan, problem.policy)
        for person_id, days in fixed.items()
        for day, plan in days.items()
    }
    for segment in built.segments:
        found: list[cp_model.IntVar] = []
        constant = 0
        for person in problem.people:
            if not counts_for(person, segment.rule):
                continue
            key = (person.person_id, segment.day)
            if key in spans:
                constant += segment.covered_by(spans[key])
                continue
            cell = built.cells.get(key, [])
            found += [var for choice, var in cell if segment.covered_by(choice.on_site)]
        total = cp_model.LinearExpr.sum(found)
        constraint = built.model.add(total >= segment.required - constant)
        built.enforce(built.coverage_groups, segment.group, constraint)


def _off_vars(built: RosterModel) -> dict[PlanKey, cp_model.IntVar]:
    return {
        key: var
        for key, cell in built.cells.items()
        for choice, var in cell
        if choice.plan.mode is WorkMode.OFF_SITE
    }


def _off_site_limits(problem: RosterProblem, built: RosterModel, fixed: Fixed) -> None:
    """The personal weekly quota and the unit's daily cap (Off-site regulation 2565)."""
    weekly_vars: dict[QuotaKey, list[cp_model.IntVar]] = defaultdict(list)
    weekly_fixed: dict[QuotaKey, int] = defaultdict(int)
    daily_vars: dict[date, list[cp_model.IntVar]] = defaultdict(list)
    daily_fixed: dict[date, int] = defaultdict(int)
    for person_id, days in fixed.items():
        for day, plan in days.items():
            if plan.mode is WorkMode.OFF_SITE:
                weekly_fixed[(person_id, week_of(day))] += 1
                daily_fixed[day] += 1
    for (person_id, day), var in _off_vars(built).items():
        weekly_vars[(person_id, week_of(day))].append(var)
        daily_vars[day].append(var)
    # Quota per person and ISO week (2 days: our reading of the regulation's intent).
    quota = problem.policy.off_site.weekly_quota_days
    for key in sorted({*weekly_vars, *weekly_fixed}):
        constraint = built.model.add(
            cp_model.LinearExpr.sum(weekly_vars[key]) <= quota - weekly_fixed[key]
        )
        built.enforce(built.quota_groups, key, constraint)
    # Cap per day (at most half the unit off site: our reading).
    cap = unit_cap(problem)
    for day in sorted({*daily_vars, *daily_fixed}):
        constraint = built.model.add(
            cp_model.LinearExpr.sum(daily_vars[day]) <= cap - daily_fixed[day]
        )
        built.enforce(built.cap_groups, day, constraint)


def _spread_of(
    model: cp_model.CpModel, counts: list[tuple[list[cp_model.IntVar], int]], top: int
) -> list[tuple[cp_model.IntVar, int]]:
    """max − min of the counts (variables plus a constant each), as bounding variables.

    Returns (variable, sign) terms of the spread; the objective squeezes them together.
    """
    if len(counts) < 2:
        return []
    high = model.new_int_var(0, top, "spread_high")
    low = model.new_int_var(0, top, "spread_low")
    for found, constant in counts:
        total = cp_model.LinearExpr.sum(found)
        model.add(total <= high - constant)
        model.add(total >= low - constant)
    return [(high, 1), (low, -1)]


def _fairness(
    problem: RosterProblem, built: RosterModel, fixed: Fixed
) -> list[tuple[cp_model.IntVar, int]]:
    """Spread of wished-for off-site days, of unwanted early slots and of unwanted late slots."""
    top = len(problem.days)
    mine: dict[str, list[tuple[PlanKey, Cell]]] = defaultdict(list)
    for key, cell in built.cells.items():
        mine[key[0]].append((key, cell))
    off_counts = [
        (
            [
                var
                for _, cell in mine[person.person_id]
                for choice, var in cell
                if choice.plan.mode is WorkMode.OFF_SITE
            ],
            sum(plan.mode is WorkMode.OFF_SITE for plan in fixed[person.person_id].values()),
        )
        for person in off_site_group(problem)
    ]
    terms = _spread_of(built.model, off_counts, top)
    edges = edge_slots(problem.policy)
    if edges is None:
        return terms
    for edge in edges:
        counts: list[tuple[list[cp_model.IntVar], int]] = []
        for person in edge_group(problem):
            planned = [
                var
                for (_, day), cell in mine[person.person_id]
                for choice, var in cell
                if choice.plan.mode is WorkMode.STAGGERED
                and choice.plan.slot == edge
                and burden(person, day, edge)
            ]
            kept = sum(
                plan.mode is WorkMode.STAGGERED and plan.slot == edge and burden(person, day, edge)
                for day, plan in fixed[person.person_id].items()
            )
            counts.append((planned, kept))
        terms += _spread_of(built.model, counts, top)
    return terms
