"""Service-level clocks for citizen requests: when a request is due, and how much working time
is left, counted on the agency's working calendar and office hours.

Rules and sources:

- A period in *working days* does not count the day the request arrives, unless it arrives
  before the start of business that day (Civil and Commercial Code s. 193/3: the first day of a
  period counted in days is left out unless the period starts at the customary start of
  business). The request is due at the close of business on the last counted working day.
- A period in *working hours* runs only inside office hours on working days; a request received
  in the evening or on a holiday starts its clock at the next opening.
- Office hours default to the Working-time notice's 08:30–16:30 without the 12:00–13:00 lunch
  hour (seven working hours a day); the shell passes the agency's standard day from its policy.
- While the agency waits for the citizen (more information asked for), the clock stops; when it
  starts again the due time moves later by the working time that passed while it was stopped.

Instants go in and come out time-zone aware (UTC out); the local zone is Asia/Bangkok.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Final, Protocol
from zoneinfo import ZoneInfo

from govflex.core.calendar import BANGKOK, ONE_DAY

# A calendar with no working day in ten years is a configuration error, not an endless loop.
MAX_DAYS_AHEAD: Final = 3660


class WorkingDays(Protocol):
    def is_working_day(self, day: date) -> bool: ...


class SlaUnit(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"


class ClockState(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"  # waiting for the citizen
    MET = "met"  # closed in time
    MISSED = "missed"  # closed late


Window = tuple[time, time]


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The windows of a working day in local time, in order, not overlapping."""

    windows: tuple[Window, ...] = ((time(8, 30), time(12)), (time(13), time(16, 30)))

    def __post_init__(self) -> None:
        if not self.windows:
            raise ValueError("office hours need at least one window")
        previous_end: time | None = None
        for start, end in self.windows:
            if end <= start:
                raise ValueError(f"office window ends before it starts: {start}–{end}")
            if previous_end is not None and start < previous_end:
                raise ValueError("office windows overlap or are out of order")
            previous_end = end

    @classmethod
    def from_day(cls, start: time, end: time, lunch: Window | None = None) -> OfficeHours:
        """The standard day ``start``–``end`` without the lunch break (when it lies inside)."""
        if lunch is not None and start < lunch[0] < lunch[1] < end:
            return cls(((start, lunch[0]), (lunch[1], end)))
        return cls(((start, end),))

    @property
    def opens(self) -> time:
        return self.windows[0][0]

    @property
    def closes(self) -> time:
        return self.windows[-1][1]

    @property
    def minutes_per_day(self) -> int:
        return sum(_minutes(end) - _minutes(start) for start, end in self.windows)


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def _aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant.isoformat()}: pass an aware instant")


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def add_working_time(
    start: datetime,
    amount: timedelta,
    calendar: WorkingDays,
    office: OfficeHours = OfficeHours(),
    tz: ZoneInfo = BANGKOK,
) -> datetime:
    """The instant when ``amount`` of working time has passed after ``start``."""
    _aware(start)
    if amount <= timedelta(0):
        return start.astimezone(UTC)
    local = start.astimezone(tz)
    remaining = amount
    day = local.date()
    for _ in range(MAX_DAYS_AHEAD):
        if calendar.is_working_day(day):
            for open_at, close_at in office.windows:
                window_start = max(_at(day, open_at, tz), local)
                window_end = _at(day, close_at, tz)
                if window_start >= window_end:
                    continue
                span = window_end - window_start
                if remaining <= span:
                    return (window_start + remaining).astimezone(UTC)
                remaining -= span
        day += ONE_DAY
    raise ValueError("no working time within ten years: check the working calendar")


def working_time_between(
    start: datetime,
    end: datetime,
    calendar: WorkingDays,
    office: OfficeHours = OfficeHours(),
    tz: ZoneInfo = BANGKOK,
) -> timedelta:
    """Working time from ``start`` to ``end`` (zero when ``end`` is not after ``start``)."""
    _aware(start)
    _aware(end)
    if end <= start:
        return timedelta(0)
    first, last = start.astimezone(tz), end.astimezone(tz)
    total = timedelta(0)
    day = first.date()
    while day <= last.date():
        if calendar.is_working_day(day):
            for open_at, close_at in office.windows:
                window_start = max(_at(day, open_at, tz), first)
                window_end = min(_at(day, close_at, tz), last)
                if window_end > window_start:
                    total += window_end - window_start
        day += ONE_DAY
    return total


def sla_due(
    received: datetime,
    amount: int,
    unit: SlaUnit,
    calendar: WorkingDays,
    office: OfficeHours = OfficeHours(),
    tz: ZoneInfo = BANGKOK,
) -> datetime:
    """When a request received at ``received`` is due under an SLA of ``amount`` ``unit``."""
    _aware(received)
    if amount < 1:
        raise ValueError("an SLA is at least one working day or hour")
    if unit is SlaUnit.WORKING_HOURS:
        return add_working_time(received, timedelta(hours=amount), calendar, office, tz)
    local = received.astimezone(tz)
    day = local.date()
    # CCC s. 193/3: the first day counts only when the period starts at the start of business.
    if not (calendar.is_working_day(day) and local.time() <= office.opens):
        day += ONE_DAY
    counted = 0
    for _ in range(MAX_DAYS_AHEAD):
        if calendar.is_working_day(day):
            counted += 1
            if counted == amount:
                return _at(day, office.closes, tz).astimezone(UTC)
        day += ONE_DAY
    raise ValueError("no working day within ten years: check the working calendar")


def due_after_pause(
    due: datetime,
    paused_at: datetime,
    resumed_at: datetime,
    calendar: WorkingDays,
    office: OfficeHours = OfficeHours(),
    tz: ZoneInfo = BANGKOK,
) -> datetime:
    """The new due time when the clock runs again: the working time that was left when it
    stopped, counted from ``resumed_at``. A request already overdue when the agency asked for
    more information stays as late as it was."""
    if due <= paused_at:
        return due.astimezone(UTC)
    left = working_time_between(paused_at, due, calendar, office, tz)
    return max(due, add_working_time(resumed_at, left, calendar, office, tz)).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class SlaClock:
    state: ClockState
    due_at: datetime
    # Working minutes until the due time (negative: overdue by that much working time).
    remaining_minutes: int


def default_soon_minutes(unit: SlaUnit, office: OfficeHours = OfficeHours()) -> int:
    """A day-counted request is due soon in its last working day, an hour-counted one in its
    last working hour (our choice; shown as a warning only)."""
    return office.minutes_per_day if unit is SlaUnit.WORKING_DAYS else 60


def sla_clock(
    *,
    due_at: datetime,
    now: datetime,
    calendar: WorkingDays,
    office: OfficeHours = OfficeHours(),
    soon_minutes: int = 60,
    paused_at: datetime | None = None,
    closed_at: datetime | None = None,
    tz: ZoneInfo = BANGKOK,
) -> SlaClock:
    """The clock of one request at ``now``: closed (met or missed), paused, or running."""

    def signed(at: datetime) -> int:
        if at <= due_at:
            return int(working_time_between(at, due_at, calendar, office, tz).total_seconds() // 60)
        late = working_time_between(due_at, at, calendar, office, tz)
        return -int(late.total_seconds() // 60)

    if closed_at is not None:
        state = ClockState.MET if closed_at <= due_at else ClockState.MISSED
        return SlaClock(state, due_at, signed(closed_at))
    if paused_at is not None:
        return SlaClock(ClockState.PAUSED, due_at, signed(paused_at))
    remaining = signed(now)
    if now > due_at:
        return SlaClock(ClockState.OVERDUE, due_at, remaining)
    state = ClockState.DUE_SOON if remaining <= soon_minutes else ClockState.ON_TRACK
    return SlaClock(state, due_at, remaining)


def split_minutes(minutes: int, office: OfficeHours = OfficeHours()) -> tuple[int, int, int]:
    """``abs(minutes)`` as (working days, hours, minutes) of the office day, for display."""
    total = abs(minutes)
    days, rest = divmod(total, office.minutes_per_day)
    hours, mins = divmod(rest, 60)
    return days, hours, mins
