"""Shared fixtures of the day-evaluation tests: a policy, a calendar and punch builders."""

from datetime import date, datetime, time, timedelta

from govflex.core.calendar import WorkCalendar, local_instant
from govflex.core.enums import PunchSource
from govflex.core.evaluation import Arrangement, DayResult, Evaluator, Punch
from govflex.core.policy import Policy, TimeWindow, default_policy

POLICY = default_policy(date(2025, 10, 1))
CALENDAR = WorkCalendar()
EVALUATOR = Evaluator(POLICY, CALENDAR)
WEDNESDAY = date(2026, 3, 4)
MAKHA_BUCHA = date(2026, 3, 3)
SATURDAY = date(2026, 3, 7)
W = TimeWindow.of
STANDARD = Arrangement.staggered(W("08:30", "16:30"))
NIGHT = Arrangement.staggered(W("20:00", "08:00", overnight=True))
COUNTED = Arrangement.counted_hours()


def at(clock: str, day: date = WEDNESDAY, *, next_day: bool = False) -> datetime:
    """A UTC instant for a Bangkok wall-clock time like ``"08:30"`` or ``"08:30:59"``."""
    return local_instant(day + timedelta(days=1 if next_day else 0), time.fromisoformat(clock))


def punches(*clocks: str, day: date = WEDNESDAY, on_site: bool = True) -> list[Punch]:
    return [Punch(at(clock, day), PunchSource.TERMINAL, on_site) for clock in clocks]


def evaluate(
    clocks: tuple[str, ...],
    arrangement: Arrangement | None = STANDARD,
    *,
    policy: Policy = POLICY,
    day: date = WEDNESDAY,
    **kwargs: object,
) -> DayResult:
    evaluator = EVALUATOR if policy is POLICY else Evaluator(policy, CALENDAR)
    return evaluator.evaluate(day, punches(*clocks, day=day), arrangement=arrangement, **kwargs)  # type: ignore[arg-type]
