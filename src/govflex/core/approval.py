"""What approving a change of arrangements would do to coverage and off-site quotas.

The approver sees this before deciding, and approval is blocked when the change would leave a
service window below its minimum or exceed a quota (Guideline 2565: service to the public must
not suffer; Off-site regulation 2565 and the agency's criteria: personal and unit limits on
off-site work; DOMAIN.md §4–5). A window already short before the change only blocks when the
change makes it worse (our reading: an approver cannot be blamed for a gap they did not cause).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from govflex.core.calendar import BANGKOK
from govflex.core.coverage import (
    CoverageVerdict,
    PlannedWork,
    Shortfall,
    check_coverage,
    off_site_limit,
    planned_spans,
)
from govflex.core.messages import Message, message
from govflex.core.policy import CoverageRule, Policy
from govflex.core.thaidate import ENGLISH_WEEKDAYS, THAI_WEEKDAYS, format_date


@dataclass(frozen=True, slots=True)
class PointDay:
    """One service point's plans for one day, before and after the change."""

    rule: CoverageRule
    before: Sequence[PlannedWork]
    after: Sequence[PlannedWork]
    working: bool = True  # a working day in the service point's calendar


@dataclass(frozen=True, slots=True)
class UnitDay:
    """Off-site head-count of the unit on one day, before and after."""

    unit_name: str
    headcount: int
    off_site_before: int
    off_site_after: int


@dataclass(frozen=True, slots=True)
class DayInput:
    day: date
    points: Sequence[PointDay]
    units: Sequence[UnitDay] = ()


@dataclass(frozen=True, slots=True)
class WeekCount:
    """A person's off-site days in the ISO week starting ``monday``, after the change."""

    person_name: str
    monday: date
    off_site_days: int
    off_site_days_before: int = 0


@dataclass(frozen=True, slots=True)
class DayImpact:
    day: date
    before: tuple[CoverageVerdict, ...]
    after: tuple[CoverageVerdict, ...]
    units: tuple[tuple[UnitDay, int], ...]  # each unit with its off-site limit that day
    blocking: tuple[Message, ...]

    @property
    def shortfalls_after(self) -> tuple[Shortfall, ...]:
        return tuple(s for verdict in self.after for s in verdict.uncovered)


@dataclass(frozen=True, slots=True)
class Impact:
    days: tuple[DayImpact, ...]
    blocking: tuple[Message, ...]

    @property
    def allowed(self) -> bool:
        return not self.blocking


def _short_minutes(verdict: CoverageVerdict) -> int:
    """People-minutes missing: how much worse a day is, whatever the split of its windows."""
    return sum(s.missing * int((s.end - s.start).total_seconds() // 60) for s in verdict.uncovered)


def _day_names(day: date) -> dict[str, str]:
    return {
        "weekday_th": THAI_WEEKDAYS[day.weekday()],
        "weekday_en": ENGLISH_WEEKDAYS[day.weekday()],
        "date_th": format_date(day),
        "date_en": format_date(day, lang="en"),
        "date": day.isoformat(),
    }


def shortfall_message(shortfall: Shortfall, day: date, tz: ZoneInfo = BANGKOK) -> Message:
    """Which service point, which day and window, how many needed, planned and short."""
    return message(
        "coverage_short_on_day",
        point=shortfall.service_point_name or shortfall.service_point_id,
        start=f"{shortfall.start.astimezone(tz):%H:%M}",
        end=f"{shortfall.end.astimezone(tz):%H:%M}",
        required=shortfall.required,
        planned=shortfall.planned,
        missing=shortfall.missing,
        **_day_names(day),
    )


def assess_change(
    days: Sequence[DayInput],
    weeks: Sequence[WeekCount],
    *,
    policy: Policy,
    tz: ZoneInfo = BANGKOK,
) -> Impact:
    """Coverage and quotas day by day, and the reasons (if any) approval must be refused."""
    impacts: list[DayImpact] = []
    blocking: list[Message] = []
    for item in days:
        before: list[CoverageVerdict] = []
        after: list[CoverageVerdict] = []
        reasons: list[Message] = []
        for point in item.points:
            then = check_coverage(
                [point.rule],
                item.day,
                planned_spans(item.day, point.before, policy=policy, tz=tz),
                working_day=point.working,
                tz=tz,
            )
            now = check_coverage(
                [point.rule],
                item.day,
                planned_spans(item.day, point.after, policy=policy, tz=tz),
                working_day=point.working,
                tz=tz,
            )
            before.append(then)
            after.append(now)
            if _short_minutes(now) > _short_minutes(then):
                reasons += [shortfall_message(s, item.day, tz) for s in now.uncovered]
        units: list[tuple[UnitDay, int]] = []
        for unit in item.units:
            # Unit share of people off site on one day (our reading of the regulation's intent).
            limit = off_site_limit(unit.headcount, policy.off_site)
            units.append((unit, limit))
            if unit.off_site_after > limit and unit.off_site_after > unit.off_site_before:
                reasons.append(
                    message(
                        "unit_off_site_cap_exceeded",
                        unit=unit.unit_name,
                        count=unit.off_site_after,
                        limit=limit,
                        headcount=unit.headcount,
                        **_day_names(item.day),
                    )
                )
        impacts.append(
            DayImpact(
                day=item.day,
                before=tuple(before),
                after=tuple(after),
                units=tuple(units),
                blocking=tuple(reasons),
            )
        )
        blocking += reasons
    quota = policy.off_site.weekly_quota_days
    for week in weeks:
        if week.off_site_days > quota and week.off_site_days > week.off_site_days_before:
            blocking.append(
                message(
                    "week_off_site_quota_exceeded",
                    person=week.person_name,
                    monday_th=format_date(week.monday),
                    sunday_th=format_date(week.monday + timedelta(days=6)),
                    monday_en=format_date(week.monday, lang="en"),
                    sunday_en=format_date(week.monday + timedelta(days=6), lang="en"),
                    monday=week.monday.isoformat(),
                    sunday=(week.monday + timedelta(days=6)).isoformat(),
                    days=week.off_site_days,
                    quota=quota,
                )
            )
    return Impact(tuple(impacts), tuple(blocking))
