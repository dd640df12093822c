"""SLA clocks of citizen requests: due times in working days and hours on the work calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.calendar import BANGKOK, WorkCalendar
from govflex.core.sla import (
    ClockState,
    OfficeHours,
    SlaUnit,
    add_working_time,
    default_soon_minutes,
    due_after_pause,
    sla_clock,
    sla_due,
    split_minutes,
    working_time_between,
)


def no_holidays(year: int) -> dict[date, tuple[str, str]]:
    return {}


# No national holidays, so the weeks are plain; Wednesday 4 March 2026 is a declared holiday.
CALENDAR = WorkCalendar(
    special_holidays={date(2026, 3, 4): "วันหยุดพิเศษ"}, public_holidays=no_holidays
)
PLAIN = WorkCalendar(public_holidays=no_holidays)


def at(day: int, clock: str, month: int = 3) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime(2026, month, day, hour, minute, tzinfo=BANGKOK)


@pytest.mark.parametrize(
    ("received", "amount", "due"),
    [
        (at(2, "10:00"), 1, at(3, "16:30")),  # Monday morning: Monday is not counted
        (at(2, "08:30"), 1, at(2, "16:30")),  # at the start of business: Monday counts
        (at(2, "07:15"), 1, at(2, "16:30")),  # before business: Monday counts
        (at(2, "10:00"), 2, at(5, "16:30")),  # Tuesday, (Wednesday holiday), Thursday
        (at(6, "20:00"), 1, at(9, "16:30")),  # Friday evening: next Monday
        (at(7, "09:00"), 1, at(9, "16:30")),  # Saturday: Monday counts in full
        (at(2, "10:00"), 5, at(10, "16:30")),
    ],
)
def test_due_in_working_days_leaves_out_the_first_day(
    received: datetime, amount: int, due: datetime
) -> None:
    assert sla_due(received, amount, SlaUnit.WORKING_DAYS, CALENDAR) == due


@pytest.mark.parametrize(
    ("received", "amount", "due"),
    [
        (at(2, "09:00"), 2, at(2, "11:00")),
        (at(2, "11:00"), 2, at(2, "14:00")),  # the lunch hour does not count
        (at(2, "16:00"), 1, at(3, "09:00")),  # half an hour today, half tomorrow
        (at(2, "18:00"), 1, at(3, "09:30")),  # evening: starts at the next opening
        (at(3, "16:00"), 2, at(5, "10:00")),  # over the Wednesday holiday
        (at(2, "12:30"), 1, at(2, "14:00")),  # received during lunch
        (at(2, "08:30"), 7, at(2, "16:30")),  # a whole office day is seven hours
        (at(2, "09:00"), 7, at(3, "09:00")),
    ],
)
def test_due_in_working_hours_counts_office_hours_only(
    received: datetime, amount: int, due: datetime
) -> None:
    assert sla_due(received, amount, SlaUnit.WORKING_HOURS, CALENDAR) == due


def test_due_is_returned_in_utc() -> None:
    due = sla_due(at(2, "09:00"), 1, SlaUnit.WORKING_HOURS, CALENDAR)
    assert due.tzinfo == UTC
    assert due == datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def test_a_unit_that_stays_open_counts_the_holiday() -> None:
    open_on_holiday = WorkCalendar(
        special_holidays={date(2026, 3, 4): "วันหยุดพิเศษ"},
        stays_open=frozenset({date(2026, 3, 4)}),
        public_holidays=no_holidays,
    )
    assert sla_due(at(3, "10:00"), 1, SlaUnit.WORKING_DAYS, open_on_holiday) == at(4, "16:30")


def test_agency_office_hours_are_used() -> None:
    office = OfficeHours.from_day(time(8), time(16), (time(12), time(13)))
    assert office.minutes_per_day == 420
    assert sla_due(at(2, "15:30"), 1, SlaUnit.WORKING_HOURS, PLAIN, office) == at(3, "08:30")
    assert sla_due(at(2, "09:00"), 1, SlaUnit.WORKING_DAYS, PLAIN, office) == at(3, "16:00")


@pytest.mark.parametrize(
    "windows",
    [(), ((time(9), time(8)),), ((time(8), time(12)), (time(11), time(15)))],
)
def test_bad_office_hours_are_refused(windows: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(ValueError, match="office"):
        OfficeHours(windows)


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        sla_due(at(2, "09:00"), 0, SlaUnit.WORKING_DAYS, PLAIN)
    with pytest.raises(ValueError, match="naive"):
        sla_due(datetime(2026, 3, 2, 9), 1, SlaUnit.WORKING_DAYS, PLAIN)  # noqa: DTZ001
    never = WorkCalendar(working_weekdays=frozenset(), public_holidays=no_holidays)
    with pytest.raises(ValueError, match="working"):
        sla_due(at(2, "09:00"), 1, SlaUnit.WORKING_DAYS, never)


def test_working_time_between_skips_nights_lunch_and_holidays() -> None:
    assert working_time_between(at(2, "09:00"), at(2, "14:00"), CALENDAR) == timedelta(hours=4)
    assert working_time_between(at(3, "16:00"), at(5, "09:00"), CALENDAR) == timedelta(hours=1)
    assert working_time_between(at(5, "09:00"), at(3, "16:00"), CALENDAR) == timedelta(0)


def test_the_clock_stops_while_the_citizen_is_asked() -> None:
    due = at(5, "16:30")
    # Asked on Monday 2nd 16:00; the citizen answers on Friday 6th 10:00. At the pause
    # 30 min of Monday, all of Tuesday and Thursday were left (Wednesday is a holiday).
    moved = due_after_pause(due, at(2, "16:00"), at(6, "10:00"), CALENDAR)
    assert moved == add_working_time(at(6, "10:00"), timedelta(minutes=30 + 2 * 420), CALENDAR)
    assert moved == at(10, "10:30")  # Friday 5.5 h, Monday 7 h, Tuesday 2 h


def test_an_overdue_request_stays_overdue_after_a_pause() -> None:
    due = at(2, "16:30")
    assert due_after_pause(due, at(3, "10:00"), at(6, "10:00"), CALENDAR) == due


def test_clock_states() -> None:
    due = at(5, "16:30")
    soon = default_soon_minutes(SlaUnit.WORKING_DAYS)
    on_track = sla_clock(due_at=due, now=at(2, "09:00"), calendar=CALENDAR, soon_minutes=soon)
    assert on_track.state is ClockState.ON_TRACK
    assert on_track.remaining_minutes == 390 + 420 * 2  # Monday from 09:00, Tuesday, Thursday
    due_soon = sla_clock(due_at=due, now=at(5, "09:00"), calendar=CALENDAR, soon_minutes=soon)
    assert due_soon.state is ClockState.DUE_SOON
    late = sla_clock(due_at=due, now=at(6, "10:30"), calendar=CALENDAR)
    assert (late.state, late.remaining_minutes) == (ClockState.OVERDUE, -120)
    # After close on the due day it is overdue, although no working time has passed yet.
    evening = sla_clock(due_at=due, now=at(5, "18:00"), calendar=CALENDAR)
    assert (evening.state, evening.remaining_minutes) == (ClockState.OVERDUE, 0)
    paused = sla_clock(due_at=due, now=at(9, "10:00"), paused_at=at(5, "15:30"), calendar=CALENDAR)
    assert (paused.state, paused.remaining_minutes) == (ClockState.PAUSED, 60)
    met = sla_clock(due_at=due, now=at(9, "10:00"), closed_at=at(5, "16:00"), calendar=CALENDAR)
    assert (met.state, met.remaining_minutes) == (ClockState.MET, 30)
    missed = sla_clock(due_at=due, now=at(9, "10:00"), closed_at=at(6, "09:30"), calendar=CALENDAR)
    assert (missed.state, missed.remaining_minutes) == (ClockState.MISSED, -60)


def test_split_minutes_for_display() -> None:
    assert split_minutes(420 * 2 + 95) == (2, 1, 35)
    assert split_minutes(-50) == (0, 0, 50)


@given(
    start=st.datetimes(
        min_value=datetime(2026, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
        max_value=datetime(2026, 12, 31),  # noqa: DTZ001
        timezones=st.just(BANGKOK),
    ),
    minutes=st.integers(min_value=0, max_value=420 * 30),
)
def test_adding_working_time_and_measuring_it_agree(start: datetime, minutes: int) -> None:
    end = add_working_time(start, timedelta(minutes=minutes), CALENDAR)
    assert end >= start
    assert working_time_between(start, end, CALENDAR) == timedelta(minutes=minutes)


@given(
    received=st.datetimes(
        min_value=datetime(2026, 1, 1),  # noqa: DTZ001
        max_value=datetime(2026, 12, 31),  # noqa: DTZ001
        timezones=st.just(BANGKOK),
    ),
    days=st.integers(min_value=1, max_value=30),
)
def test_a_day_sla_ends_at_close_of_a_working_day_after_receipt(
    received: datetime, days: int
) -> None:
    due = sla_due(received, days, SlaUnit.WORKING_DAYS, CALENDAR).astimezone(BANGKOK)
    assert due > received
    assert due.time() == time(16, 30)
    assert CALENDAR.is_working_day(due.date())
    longer = sla_due(received, days + 1, SlaUnit.WORKING_DAYS, CALENDAR)
    assert longer > due
