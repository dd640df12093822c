"""Coverage demand: the pieces of service windows each day, and who may count towards them.

Same reading as ``coverage.check_coverage`` (Guideline 2565 / Off-site regulation 2565:
service first): a window applies on its weekdays, and on non-working days only when marked;
an overnight window belongs to the day it starts and is met by that day's plans. Windows are
cut wherever any possible on-site span starts or ends, so inside a segment each person either
covers all of it or none of it, and "enough people on every segment" is exactly "no shortfall".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from govflex.core.policy.values import CoverageRule, Policy, ServiceWindow, TimeWindow
from govflex.core.roster.choices import choices_for, on_site_window
from govflex.core.roster.problem import RosterPerson, RosterProblem

GroupKey = tuple[date, str, int]
"""(day, service point, index of the window in its rule): one coverage group."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of one service window on one day, needing ``required`` people on site."""

    day: date
    rule: CoverageRule
    window_index: int
    start_minute: int
    end_minute: int
    required: int

    @property
    def group(self) -> GroupKey:
        return (self.day, self.rule.service_point_id, self.window_index)

    def covered_by(self, span: TimeWindow | None) -> bool:
        return span is not None and (
            span.start_minute <= self.start_minute and self.end_minute <= span.end_minute
        )


def applies(window: ServiceWindow, day: date, *, working_day: bool) -> bool:
    return day.weekday() in window.weekdays and (working_day or window.on_non_working_days)


def counts_for(person: RosterPerson, rule: CoverageRule) -> bool:
    """None counts for every point of the unit; otherwise only the person's own point."""
    return person.service_point_id is None or person.service_point_id == rule.service_point_id


def _cuts(problem: RosterProblem) -> set[int]:
    """Every minute where someone's possible on-site span may start or end."""
    policy: Policy = problem.policy
    spans: list[TimeWindow | None] = [policy.standard_day.hours, policy.counted_hours.core_hours]
    spans += list(policy.staggered.slots)
    for person in problem.people:
        spans += [c.on_site for c in choices_for(policy, person)]
        spans += [on_site_window(plan, policy) for plan in person.fixed.values()]
    cuts: set[int] = set()
    for span in spans:
        if span is not None:
            cuts.update((span.start_minute, span.end_minute))
    return cuts


def segments(problem: RosterProblem) -> tuple[Segment, ...]:
    """Every coverage segment of the period, in day, point and time order."""
    cuts = sorted(_cuts(problem))
    found: list[Segment] = []
    for day in problem.days:
        working = day in problem.working_days
        for rule in problem.policy.coverage:
            for index, window in enumerate(rule.windows):
                if window.minimum_on_site <= 0 or not applies(window, day, working_day=working):
                    continue
                start, end = window.hours.start_minute, window.hours.end_minute
                edges = [start, *(cut for cut in cuts if start < cut < end), end]
                found += [
                    Segment(day, rule, index, first, second, window.minimum_on_site)
                    for first, second in pairwise(edges)
                ]
    return tuple(found)
