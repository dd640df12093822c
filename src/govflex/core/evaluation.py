"""Day evaluation: one person's punches on one date, judged by the policy in force.

Build an :class:`Evaluator` once per policy version and unit calendar and call
:meth:`Evaluator.evaluate` per person-day; everything per-policy is precomputed so a call costs a
few microseconds. Rules (see docs/domain/modes-and-day-evaluation.md):

- Punches within ``merge_seconds`` (60 s) of the punch kept before them are one punch; a single
  punch is INCOMPLETE, never a full day (our reading, configurable).
- Mode 1 (Guideline 2565): late when the first punch, at minute resolution, is after slot start
  + grace (08:30:59 is on time for 08:30); left early when the last punch is before slot end −
  grace. Late and early minutes are measured from the slot's start and end.
- Half-day leave (Leave regulation 2555): morning leave moves the expected arrival to the end of
  lunch (13:00), afternoon leave moves the expected departure to its start (12:00).
- A non-working day (Working-time notice + agency holidays) or a full-day leave is never ABSENT.
- An overnight slot (a 24/7 unit's 20:00–08:00) belongs to the day it starts: its working window
  runs from the slot start − a margin to the slot end + a margin on the next morning.
- Mode 2 (Guideline 2565): minutes are counted inside the bandwidth by the policy's counting
  method; missed core hours and a short day (when set) are exceptions, not lateness.
- Mode 3 (Off-site regulation 2565): the day stands on the daily plan and result report; a
  missing check-in or a place the agency does not allow are exceptions.
- Results do not depend on the order of punches, and evaluating twice gives the same result.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Final
from zoneinfo import ZoneInfo

from govflex.core.calendar import BANGKOK, WorkCalendar
from govflex.core.counting import HoursCounter, Judgement
from govflex.core.enums import DayStatus, LeavePart, ReportState, WorkMode
from govflex.core.messages import Message, message
from govflex.core.policy.values import Policy, TimeWindow
from govflex.core.punches import MINUTE, ONE_DAY, ZERO, day_offsets, half_day
from govflex.core.records import Arrangement, DayResult, Punch

__all__ = ["Arrangement", "DayResult", "Evaluator", "Punch", "evaluate_day"]

_NONE: Final[tuple[Message, ...]] = ()


@lru_cache(maxsize=4096)
def _late(minutes: int) -> Message:
    return message("late", minutes=minutes)


@lru_cache(maxsize=4096)
def _early(minutes: int) -> Message:
    return message("left_early", minutes=minutes)


@lru_cache(maxsize=4096)
def _worked_off_day(minutes: int) -> Message:
    return message("worked_non_working_day", minutes=minutes)


_ABSENT: Final = message("absent")
_ONE_PUNCH: Final = message("incomplete_punches", count=1)
_PUNCH_ON_LEAVE: Final = message("punch_on_leave")
_REPORT_MISSING: Final = message("off_site_report_missing")
_REPORT_REJECTED: Final = message("off_site_report_rejected")
_CHECK_IN_MISSING: Final = message("off_site_check_in_missing")
_EXPECTED_ON_SITE: Final = message("location_mismatch", expected_th="ในที่ตั้ง", expected_en="on site")
_EXPECTED_OFF_SITE: Final = message(
    "location_mismatch", expected_th="นอกที่ตั้ง", expected_en="off site"
)
_REPORTED: Final = frozenset({ReportState.FILED, ReportState.ACCEPTED})
_STATUS: Final = {
    (False, False): DayStatus.PRESENT,
    (True, False): DayStatus.LATE,
    (False, True): DayStatus.LEFT_EARLY,
    (True, True): DayStatus.LATE_AND_LEFT_EARLY,
}


class Evaluator:
    """Judges person-days under one policy version and one (unit) work calendar."""

    __slots__ = (
        "_counter",
        "_default",
        "_early_grace",
        "_late_grace",
        "_lunch",
        "_margin_after",
        "_margin_before",
        "_merge",
        "_origins",
        "_places",
        "_standard",
        "calendar",
        "check_in_required",
        "policy",
        "report_required",
        "tz",
    )

    def __init__(
        self, policy: Policy, calendar: WorkCalendar | None = None, *, tz: ZoneInfo = BANGKOK
    ) -> None:
        self.policy = policy
        self.calendar = calendar
        self.tz = tz
        day = policy.standard_day
        self._standard: TimeWindow = day.hours
        self._default = Arrangement(WorkMode.STAGGERED, day.hours)
        self._lunch = (day.lunch.start_minute, day.lunch.end_minute)
        self._merge = timedelta(seconds=policy.punches.merge_seconds)
        self._late_grace = policy.staggered.late_grace_minutes
        self._early_grace = policy.staggered.early_grace_minutes
        self._margin_before = timedelta(minutes=policy.punches.overnight_margin_before_minutes)
        self._margin_after = timedelta(minutes=policy.punches.overnight_margin_after_minutes)
        self._counter = HoursCounter(policy)
        self._places = policy.off_site.allowed_places
        self.report_required = policy.off_site.plan_and_report_required
        self.check_in_required = policy.off_site.check_in_required
        self._origins: dict[date, datetime] = {}

    # ------------------------------------------------------------ windows

    def origin(self, day: date) -> datetime:
        """Local midnight starting ``day``, as a UTC instant (cached per date)."""
        found = self._origins.get(day)
        if found is None:
            local = datetime.combine(day, time(0), tzinfo=self.tz)
            found = self._origins[day] = local.astimezone(UTC)
        return found

    def _bounds(self, slot: TimeWindow | None) -> tuple[timedelta, timedelta]:
        """The working window as offsets from the day's local midnight."""
        if slot is None or not slot.overnight:
            return ZERO, ONE_DAY
        return (
            slot.start_minute * MINUTE - self._margin_before,
            slot.end_minute * MINUTE + self._margin_after,
        )

    def working_window(
        self, day: date, arrangement: Arrangement | None = None
    ) -> tuple[datetime, datetime]:
        """UTC instants ``[start, end)`` of the punches that belong to ``day``.

        The local calendar day, except for an overnight slot, whose window runs from its start
        minus ``overnight_margin_before_minutes`` to its end on the next morning plus
        ``overnight_margin_after_minutes``: a night shift belongs to the day it starts. A caller
        selecting punches should give a punch that falls in two windows to the earlier day (the
        night shift it ends).
        """
        origin = self.origin(day)
        low, high = self._bounds(arrangement.slot if arrangement else None)
        return origin + low, origin + high

    # ------------------------------------------------------------ evaluation

    def evaluate(
        self,
        day: date,
        punches: Sequence[Punch],
        *,
        arrangement: Arrangement | None = None,
        leave: LeavePart | None = None,
        official_travel: bool = False,
        report: ReportState = ReportState.NONE,
        working_day: bool | None = None,
    ) -> DayResult:
        """Judge one person-day.

        ``arrangement`` None means the standard day on site (Working-time notice).
        ``working_day`` None asks the calendar (or Monday–Friday without one); pass True for a
        rostered duty on a holiday. ``report`` is the off-site plan/report state. Punches outside
        the day's working window are ignored.
        """
        plan = arrangement or self._default
        if working_day is None:
            calendar = self.calendar
            working_day = (
                calendar.is_working_day(day) if calendar is not None else day.weekday() < 5
            )
        origin = self.origin(day)
        low, high = self._bounds(plan.slot)
        offsets, mismatch = day_offsets(
            punches, origin, low, high, on_site=plan.on_site, merge=self._merge
        )
        judgement: Judgement
        if not working_day:
            judgement = self._non_working(plan, offsets)
        elif leave is LeavePart.FULL_DAY:
            # Leave regulation 2555: an approved leave day is never an absence.
            judgement = (DayStatus.ON_LEAVE, 0, 0, 0, (_PUNCH_ON_LEAVE,) if offsets else _NONE)
        elif official_travel:
            judgement = (DayStatus.OFFICIAL_TRAVEL, 0, 0, 0, _NONE)
        elif not plan.on_site:
            judgement = self._off_site(plan, offsets, report)
        elif len(offsets) < 2:
            # A single punch is never silently a full day.
            status, reason = (
                (DayStatus.INCOMPLETE, _ONE_PUNCH) if offsets else (DayStatus.ABSENT, _ABSENT)
            )
            judgement = (status, 0, 0, 0, (reason,))
        elif plan.mode is WorkMode.COUNTED_HOURS:
            judgement = self._counter.judge(offsets, leave)
        else:
            judgement = self._staggered(plan.slot or self._standard, offsets, leave)
        status, worked, late, early, exceptions = judgement
        if mismatch:
            exceptions = (
                *exceptions,
                _EXPECTED_OFF_SITE if plan.on_site is False else _EXPECTED_ON_SITE,
            )
        count = len(offsets)
        return DayResult(
            day,
            status,
            worked,
            late,
            early,
            exceptions,
            count,
            origin + offsets[0] if count else None,
            origin + offsets[-1] if count else None,
            plan.mode,
            leave,
        )

    def _staggered(
        self, slot: TimeWindow, offsets: list[timedelta], leave: LeavePart | None
    ) -> Judgement:
        """Mode 1 (Guideline 2565): late after start + grace, early before end − grace.

        Judged at minute resolution: a punch at 08:30:59 is minute 08:30, on time for 08:30.
        """
        start, end = slot.start_minute, slot.end_minute
        if leave is not None:
            start, end = half_day(start, end, leave, lunch=self._lunch, overnight=slot.overnight)
            if start >= end:
                return DayStatus.ON_LEAVE, 0, 0, 0, _NONE
        first_minute = offsets[0] // MINUTE
        last_minute = offsets[-1] // MINUTE
        late = first_minute - start if first_minute > start + self._late_grace else 0
        early = end - last_minute if last_minute < end - self._early_grace else 0
        worked = (offsets[-1] - offsets[0]) // MINUTE
        if not (late or early):
            return DayStatus.PRESENT, worked, 0, 0, _NONE
        exceptions = (_late(late),) if late else _NONE
        if early:
            exceptions = (*exceptions, _early(early))
        return _STATUS[late > 0, early > 0], worked, late, early, exceptions

    def _non_working(self, plan: Arrangement, offsets: list[timedelta]) -> Judgement:
        """Working-time notice: no duty is expected, so never ABSENT; work done is reported."""
        if len(offsets) < 2:
            return DayStatus.HOLIDAY, 0, 0, 0, (_ONE_PUNCH,) if offsets else _NONE
        if plan.mode is WorkMode.COUNTED_HOURS and plan.on_site:
            counted, _, _ = self._counter.count(offsets)
            worked = self._counter.minutes(offsets, counted)
        else:
            worked = (offsets[-1] - offsets[0]) // MINUTE
        return DayStatus.WORKED_NON_WORKING_DAY, worked, 0, 0, (_worked_off_day(worked),)

    def _off_site(
        self, plan: Arrangement, offsets: list[timedelta], report: ReportState
    ) -> Judgement:
        """Off-site regulation 2565: the day stands on the daily plan and result report."""
        exceptions: list[Message] = []
        if report is ReportState.REJECTED:
            status = DayStatus.OFF_SITE_REPORT_MISSING
            exceptions.append(_REPORT_REJECTED)
        elif report in _REPORTED or not self.report_required:
            status = DayStatus.OFF_SITE_REPORTED
        else:
            status = DayStatus.OFF_SITE_REPORT_MISSING
            exceptions.append(_REPORT_MISSING)
        if self.check_in_required and not offsets:
            exceptions.append(_CHECK_IN_MISSING)
        if plan.place is not None and plan.place not in self._places:
            exceptions.append(message("off_site_place_not_allowed", place=plan.place.value))
        worked = (offsets[-1] - offsets[0]) // MINUTE if len(offsets) > 1 else 0
        return status, worked, 0, 0, tuple(exceptions)


def evaluate_day(
    day: date,
    punches: Sequence[Punch],
    *,
    policy: Policy,
    calendar: WorkCalendar | None = None,
    arrangement: Arrangement | None = None,
    leave: LeavePart | None = None,
    official_travel: bool = False,
    report: ReportState = ReportState.NONE,
    working_day: bool | None = None,
) -> DayResult:
    """One-off convenience; for many person-days build an :class:`Evaluator` once."""
    return Evaluator(policy, calendar).evaluate(
        day,
        punches,
        arrangement=arrangement,
        leave=leave,
        official_travel=official_travel,
        report=report,
        working_day=working_day,
    )
