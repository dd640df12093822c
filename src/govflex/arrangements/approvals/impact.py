"""The coverage and quota impact of a change of plans, computed by the rules core.

Which service points a person counts for: the citizen-service units (``Unit.is_service_point``,
or a unit named by a coverage rule of the policy) at or above the person's unit. A service unit
without its own coverage rule keeps at least one person on site through the standard day
(DOMAIN.md §5: "coverage always wins"; the minimum of one is our reading, configurable by
giving the unit a rule in the policy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db.models import Q

from govflex.arrangements.book import Entry, PlanBook, days_between, plan_book
from govflex.continuity.overlay import DEFAULT_EMERGENCY_MINIMUM, emergency_minima
from govflex.core.approval import DayInput, Impact, PointDay, UnitDay, WeekCount, assess_change
from govflex.core.coverage import PlannedWork
from govflex.core.emergency import covering, emergency_rule
from govflex.core.policy import CoverageRule, Policy, ServiceWindow
from govflex.org.models import Person, Unit
from govflex.policies.selectors import policy_for, unit_calendar

Key = tuple[int, dt.date]


def coverage_rule(unit: Unit, policy: Policy) -> CoverageRule | None:
    rule = policy.coverage_for(unit.code)
    if rule is not None:
        return rule
    if unit.is_service_point:
        return CoverageRule(unit.code, unit.name_th, (ServiceWindow(policy.standard_day.hours),))
    return None


def _ancestor_ids(unit: Unit) -> list[int]:
    return [int(part) for part in unit.path.strip("/").split("/") if part]


def _active(people: Iterable[Person], start: dt.date, end: dt.date) -> list[Person]:
    return [
        p
        for p in people
        if (p.end_date is None or p.end_date >= start)
        and (p.start_date is None or p.start_date <= end)
    ]


def _planned(book: PlanBook, people: Iterable[Person], day: dt.date) -> list[PlannedWork]:
    plans = []
    for person in people:
        if not book.working(person, day):
            continue
        plan = book.plan(person, day)
        plans.append(
            PlannedWork(
                str(person.pk),
                plan.arrangement() if plan is not None else None,
                book.leave_part(person, day),
            )
        )
    return plans


def change_impact(*, agency_id: int, changes: Mapping[Key, Entry], people: list[Person]) -> Impact:
    """What approving ``changes`` ((person, day) → new plan) does, day by day and week by week."""
    if not changes:
        return Impact((), ())
    days = sorted({day for _pid, day in changes})
    first, last = days[0], days[-1]
    span_start = first - dt.timedelta(days=first.weekday())
    span_end = last + dt.timedelta(days=6 - last.weekday())
    unit_id = people[0].unit_id if people else None
    policies = {day: policy_for(agency_id=agency_id, day=day, unit_id=unit_id) for day in days}
    unit_ids = {p.unit_id for p in people}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)}
    candidate_ids = {i for u in units.values() for i in _ancestor_ids(u)} | unit_ids
    points = [
        unit
        for unit in Unit.objects.filter(pk__in=candidate_ids)
        if any(coverage_rule(unit, policy) for policy in policies.values())
    ]
    condition = Q(unit_id__in=unit_ids)
    for point in points:
        condition |= Q(unit__path__startswith=point.path)
    everyone = _active(
        Person.objects.filter(condition, agency_id=agency_id).select_related("unit"),
        span_start,
        span_end,
    )
    before = plan_book(everyone, span_start, span_end)
    after = before.with_overrides(changes)
    emergencies = before.emergencies.periods
    minima = emergency_minima(p.pk for p in points) if emergencies else {}
    inputs = []
    for day in days:
        policy = policies[day]
        point_days = []
        for point in points:
            rule = coverage_rule(point, policy)
            if rule is not None and covering(emergencies, agency_id, point.path, day):
                # During an emergency its minimum replaces the normal one (issue 9).
                rule = emergency_rule(rule, minima.get(point.pk, DEFAULT_EMERGENCY_MINIMUM))
            if rule is None:
                continue
            members = [p for p in everyone if p.unit.path.startswith(point.path)]
            working = unit_calendar(agency_id=agency_id, unit_id=point.pk).is_working_day(day)
            point_days.append(
                PointDay(
                    rule, _planned(before, members, day), _planned(after, members, day), working
                )
            )
        unit_days = []
        for unit_id in sorted({p.unit_id for p in people if (p.pk, day) in changes}):
            members = [p for p in everyone if p.unit_id == unit_id]
            unit_days.append(
                UnitDay(
                    units[unit_id].name_th,
                    len(members),
                    sum(1 for p in members if before.off_site(p, day)),
                    sum(1 for p in members if after.off_site(p, day)),
                )
            )
        inputs.append(DayInput(day, point_days, unit_days))
    weeks = []
    for person in people:
        touched = sorted(
            {day - dt.timedelta(days=day.weekday()) for pid, day in changes if pid == person.pk}
        )
        for monday in touched:
            week = days_between(monday, monday + dt.timedelta(days=6))
            weeks.append(
                WeekCount(
                    person.full_name_th,
                    monday,
                    sum(1 for day in week if after.off_site(person, day)),
                    sum(1 for day in week if before.off_site(person, day)),
                )
            )
    return assess_change(inputs, weeks, policy=policies[first])
