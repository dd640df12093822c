"""Coverage: are enough people on site at each service point throughout its service hours?

Guideline 2565 and the Off-site regulation 2565 both put service to the public first: whatever
modes people use, each citizen-service point keeps its minimum staff on site during its published
hours, extended and 24/7 hours included (DOMAIN.md §5, "coverage always wins"). The check runs on
every approval, so it is a sweep over sorted start/end events: O((people + windows) log n).

Service windows are split where the planned head-count changes, so each shortfall says exactly
which part of which window is short, and by how many.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from govflex.core.calendar import BANGKOK
from govflex.core.enums import LeavePart, WorkMode
from govflex.core.messages import Message, message
from govflex.core.policy.values import CoverageRule, OffSiteRules, Policy, TimeWindow
from govflex.core.punches import half_day
from govflex.core.records import Arrangement

MINUTE: Final = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class OnSiteSpan:
    """A person planned on site from ``start`` to ``end`` (aware instants).

    ``service_point_id`` None counts the person towards every service point of the unit (the
    usual one-counter unit); otherwise only towards that point (our reading).
    """

    person_id: str
    start: datetime
    end: datetime
    service_point_id: str | None = None


@dataclass(frozen=True, slots=True)
class PlannedWork:
    """One person's plan for the day, from which their on-site span is derived."""

    person_id: str
    arrangement: Arrangement | None = None
    leave: LeavePart | None = None
    service_point_id: str | None = None


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Part of a service window with fewer people planned on site than required."""

    service_point_id: str
    service_point_name: str
    start: datetime
    end: datetime
    required: int
    planned: int

    @property
    def missing(self) -> int:
        return self.required - self.planned

    def message(self, tz: ZoneInfo = BANGKOK) -> Message:
        return message(
            "coverage_short",
            point=self.service_point_name or self.service_point_id,
            required=self.required,
            planned=self.planned,
            start=f"{self.start.astimezone(tz):%H:%M}",
            end=f"{self.end.astimezone(tz):%H:%M}",
        )


@dataclass(frozen=True, slots=True)
class CoverageVerdict:
    day: date
    uncovered: tuple[Shortfall, ...]

    @property
    def covered(self) -> bool:
        return not self.uncovered


def _merged_per_person(spans: Iterable[OnSiteSpan]) -> list[tuple[datetime, datetime]]:
    """Each person's spans joined where they overlap, so nobody is counted twice."""
    by_person: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    for span in spans:
        if span.end > span.start:
            by_person[span.person_id].append((span.start, span.end))
    merged: list[tuple[datetime, datetime]] = []
    for intervals in by_person.values():
        intervals.sort()
        start, end = intervals[0]
        for next_start, next_end in intervals[1:]:
            if next_start <= end:
                end = max(end, next_end)
            else:
                merged.append((start, end))
                start, end = next_start, next_end
        merged.append((start, end))
    return merged


def _head_count(spans: Iterable[OnSiteSpan]) -> tuple[list[datetime], list[int]]:
    """A step function: ``counts[i]`` people on site from ``times[i]`` to ``times[i + 1]``."""
    changes: dict[datetime, int] = defaultdict(int)
    for start, end in _merged_per_person(spans):
        changes[start] += 1
        changes[end] -= 1
    times: list[datetime] = []
    counts: list[int] = []
    running = 0
    for instant in sorted(changes):
        running += changes[instant]
        times.append(instant)
        counts.append(running)
    return times, counts


def _window_shortfalls(
    rule: CoverageRule,
    start: datetime,
    end: datetime,
    required: int,
    times: list[datetime],
    counts: list[int],
) -> list[Shortfall]:
    found: list[Shortfall] = []
    index = bisect_right(times, start) - 1  # the step in force at the window start (-1: none)
    cursor = start
    while cursor < end:
        count = counts[index] if index >= 0 else 0
        step_end = times[index + 1] if index + 1 < len(times) else end
        piece_end = min(step_end, end)
        if count < required:
            last = found[-1] if found else None
            if last is not None and last.end == cursor and last.planned == count:
                found[-1] = replace(last, end=piece_end)
            else:
                found.append(
                    Shortfall(rule.service_point_id, rule.name, cursor, piece_end, required, count)
                )
        cursor = piece_end
        index += 1
    return found


def check_coverage(
    rules: Sequence[CoverageRule],
    day: date,
    spans: Iterable[OnSiteSpan],
    *,
    working_day: bool,
    tz: ZoneInfo = BANGKOK,
) -> CoverageVerdict:
    """The parts of ``day``'s service windows where fewer people are planned on site than needed.

    A window applies on its weekdays, and on the unit's non-working days only when marked
    ``on_non_working_days``; an overnight window belongs to the day it starts.
    """
    all_spans = list(spans)
    origin = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    weekday = day.weekday()
    uncovered: list[Shortfall] = []
    for rule in rules:
        windows = [
            window
            for window in rule.windows
            if weekday in window.weekdays and (working_day or window.on_non_working_days)
        ]
        if not windows:
            continue
        point_spans = (
            span
            for span in all_spans
            if span.service_point_id is None or span.service_point_id == rule.service_point_id
        )
        times, counts = _head_count(point_spans)
        for window in sorted(windows, key=lambda item: item.hours.start_minute):
            start = origin + window.hours.start_minute * MINUTE
            end = origin + window.hours.end_minute * MINUTE
            uncovered.extend(
                _window_shortfalls(rule, start, end, window.minimum_on_site, times, counts)
            )
    return CoverageVerdict(day, tuple(uncovered))


def planned_spans(
    day: date, plans: Iterable[PlannedWork], *, policy: Policy, tz: ZoneInfo = BANGKOK
) -> list[OnSiteSpan]:
    """On-site spans from the day's plans.

    Off-site and full-day leave: not on site. Half-day leave: the half at work (Leave regulation
    2555). Mode 1: the slot, or the standard day. Mode 2 people choose their hours, so only a
    declared slot or, failing that, the core hours count as planned presence (our reading).
    """
    origin = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    lunch = (policy.standard_day.lunch.start_minute, policy.standard_day.lunch.end_minute)
    spans: list[OnSiteSpan] = []
    for plan in plans:
        arrangement = plan.arrangement
        if plan.leave is LeavePart.FULL_DAY or (arrangement and not arrangement.on_site):
            continue
        window: TimeWindow | None = policy.standard_day.hours
        if arrangement is not None:
            window = arrangement.slot
            if window is None and arrangement.mode is not WorkMode.COUNTED_HOURS:
                window = policy.standard_day.hours
            if window is None:
                window = policy.counted_hours.core_hours
        if window is None:
            continue
        start, end = window.start_minute, window.end_minute
        if plan.leave is not None:
            start, end = half_day(start, end, plan.leave, lunch=lunch, overnight=window.overnight)
        if start < end:
            spans.append(
                OnSiteSpan(
                    plan.person_id,
                    origin + start * MINUTE,
                    origin + end * MINUTE,
                    plan.service_point_id,
                )
            )
    return spans


def off_site_limit(unit_headcount: int, rules: OffSiteRules) -> int:
    """Most people of a unit who may be off site on one day (default share 50%, our reading)."""
    return math.floor(unit_headcount * rules.unit_max_share + 1e-9)


def off_site_quota_left(days_this_week: int, rules: OffSiteRules) -> int:
    """Off-site days a person may still take this week (default 2 a week, our reading)."""
    return max(0, rules.weekly_quota_days - days_this_week)
