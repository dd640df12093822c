"""Work calendar, fiscal year and local time (Working-time notice; DOMAIN.md §3)."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.calendar import (
    BANGKOK,
    DateRange,
    HolidayKind,
    HolidayNames,
    WorkCalendar,
    evaluation_half_of,
    evaluation_half_range,
    fiscal_year_label,
    fiscal_year_of,
    fiscal_year_range,
    local_date,
    local_day_bounds,
    local_instant,
    thai_public_holidays,
    to_local,
    week_start,
)

CALENDAR = WorkCalendar()


class CountingProvider:
    """A fake national calendar that counts how often each year is asked for."""

    def __init__(self, holidays: dict[date, tuple[str, str]]) -> None:
        self.holidays = holidays
        self.calls: list[int] = []

    def __call__(self, year: int) -> HolidayNames:
        self.calls.append(year)
        return {day: names for day, names in self.holidays.items() if day.year == year}


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(date(2026, 3, 4), True, id="working-time-notice-wednesday-works"),
        pytest.param(date(2026, 3, 7), False, id="working-time-notice-saturday-off"),
        pytest.param(date(2026, 3, 8), False, id="working-time-notice-sunday-off"),
        pytest.param(date(2026, 3, 3), False, id="holidays-pkg-makha-bucha-2569"),
        pytest.param(date(2026, 6, 1), False, id="holidays-pkg-visakha-substitution-day"),
        pytest.param(date(2025, 4, 7), False, id="holidays-pkg-chakri-substitution-day"),
        pytest.param(date(2026, 1, 2), False, id="holidays-pkg-cabinet-bridge-holiday"),
        pytest.param(date(2026, 5, 13), False, id="holidays-pkg-royal-ploughing-government-only"),
        pytest.param(date(2026, 12, 7), False, id="holidays-pkg-fathers-day-substitution"),
    ],
)
def test_working_days_follow_weekdays_and_thai_public_holidays(day: date, working: bool) -> None:
    assert CALENDAR.is_working_day(day) is working


def test_public_holiday_has_thai_and_english_names() -> None:
    holiday = CALENDAR.holiday(date(2026, 3, 3))
    assert holiday is not None
    assert holiday.kind is HolidayKind.PUBLIC
    assert holiday.th == "วันมาฆบูชา"
    assert holiday.en == "Makha Bucha"
    assert CALENDAR.holiday_name(date(2026, 3, 3), "en") == "Makha Bucha"


def test_ordinary_day_has_no_holiday_name() -> None:
    assert CALENDAR.holiday(date(2026, 3, 4)) is None
    assert CALENDAR.holiday_name(date(2026, 3, 4)) is None


def test_agency_special_holiday_is_not_a_working_day_and_keeps_its_name() -> None:
    calendar = WorkCalendar(special_holidays={date(2026, 3, 5): "วันหยุดพิเศษตามมติ ครม."})
    assert not calendar.is_working_day(date(2026, 3, 5))
    holiday = calendar.holiday(date(2026, 3, 5))
    assert holiday is not None
    assert holiday.kind is HolidayKind.SPECIAL
    assert holiday.th == "วันหยุดพิเศษตามมติ ครม."


def test_special_holidays_are_copied_so_later_changes_to_the_dict_do_not_leak_in() -> None:
    declared = {date(2026, 3, 5): "พิเศษ"}
    calendar = WorkCalendar(special_holidays=declared)
    declared[date(2026, 3, 6)] = "later"
    assert calendar.is_working_day(date(2026, 3, 6))


def test_service_unit_that_stays_open_works_on_a_public_holiday() -> None:
    # Cabinet special-holiday resolutions leave citizen-service units to their head (DOMAIN §3).
    agency = WorkCalendar(special_holidays={date(2026, 3, 5): "พิเศษ"})
    counter = replace(agency, stays_open=frozenset({date(2026, 3, 3), date(2026, 3, 5)}))
    assert counter.is_working_day(date(2026, 3, 3))
    assert counter.is_working_day(date(2026, 3, 5))
    assert not agency.is_working_day(date(2026, 3, 5))
    assert counter.holiday(date(2026, 3, 3)) is not None  # still a holiday, just open


def test_stays_open_also_opens_a_weekend_day() -> None:
    calendar = WorkCalendar(stays_open=frozenset({date(2026, 3, 7)}))
    assert calendar.is_working_day(date(2026, 3, 7))


def test_a_unit_may_work_a_six_day_week() -> None:
    calendar = WorkCalendar(working_weekdays=frozenset(range(6)))
    assert calendar.is_working_day(date(2026, 3, 7))
    assert not calendar.is_working_day(date(2026, 3, 8))


def test_national_holidays_are_fetched_once_per_year_and_cached() -> None:
    provider = CountingProvider({date(2026, 3, 3): ("มาฆบูชา", "Makha Bucha")})
    calendar = WorkCalendar(public_holidays=provider)
    for _ in range(3):
        assert calendar.count_working_days(date(2026, 1, 1), date(2026, 12, 31)) == 260
    assert provider.calls == [2026]


def test_working_days_lists_dates_in_order_within_the_range() -> None:
    # Week of 2 Mar 2569: Makha Bucha on Tuesday.
    days = list(CALENDAR.working_days(date(2026, 3, 2), date(2026, 3, 8)))
    assert days == [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 5), date(2026, 3, 6)]
    assert CALENDAR.count_working_days(date(2026, 3, 2), date(2026, 3, 8)) == 4


def test_songkran_week_2569_has_two_working_days() -> None:
    # 13–15 Apr 2026 (Mon–Wed) are Songkran; Chakri Day was the Monday before.
    assert CALENDAR.count_working_days(date(2026, 4, 13), date(2026, 4, 17)) == 2


def test_holidays_between_includes_weekend_holidays() -> None:
    found = CALENDAR.holidays_between(date(2026, 1, 1), date(2026, 1, 31))
    assert [item.day for item in found] == [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 10)]


def test_equal_calendars_hash_alike_so_evaluators_can_be_cached_per_calendar() -> None:
    first = WorkCalendar(special_holidays={date(2026, 3, 5): "พิเศษ"})
    second = WorkCalendar(special_holidays={date(2026, 3, 5): "พิเศษ"})
    first.is_working_day(date(2026, 3, 4))  # a warm cache does not change equality
    assert first == second
    assert hash(first) == hash(second)
    assert first != replace(first, stays_open=frozenset({date(2026, 3, 5)}))


def test_thai_public_holidays_are_cached_per_year() -> None:
    assert thai_public_holidays(2026) is thai_public_holidays(2026)


# ---------------------------------------------------------------- fiscal year and halves


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        pytest.param(date(2025, 9, 30), 2568, id="budget-act-last-day-of-fy2568"),
        pytest.param(date(2025, 10, 1), 2569, id="budget-act-fy2569-starts-1-oct-2568"),
        pytest.param(date(2026, 9, 30), 2569, id="budget-act-fy2569-ends-30-sep-2569"),
        pytest.param(date(2026, 1, 15), 2569, id="budget-act-january-in-fy-ending-that-year"),
    ],
)
def test_fiscal_year_is_named_by_the_be_year_it_ends(day: date, fiscal_year: int) -> None:
    assert fiscal_year_of(day) == fiscal_year


def test_fiscal_year_range_runs_1_october_to_30_september() -> None:
    assert fiscal_year_range(2569) == DateRange(date(2025, 10, 1), date(2026, 9, 30))
    assert len(fiscal_year_range(2569)) == 365
    assert len(fiscal_year_range(2567)) == 366  # Feb 2024 is a leap month


@pytest.mark.parametrize(
    ("day", "half"),
    [
        pytest.param(date(2025, 10, 1), 1, id="ocsc-evaluation-half-1-starts-1-oct"),
        pytest.param(date(2026, 3, 31), 1, id="ocsc-evaluation-half-1-ends-31-mar"),
        pytest.param(date(2026, 4, 1), 2, id="ocsc-evaluation-half-2-starts-1-apr"),
        pytest.param(date(2026, 9, 30), 2, id="ocsc-evaluation-half-2-ends-30-sep"),
    ],
)
def test_evaluation_half_of_day(day: date, half: int) -> None:
    found = evaluation_half_of(day)
    assert (found.fiscal_year, found.half) == (2569, half)
    assert day in found.range


def test_evaluation_half_ranges() -> None:
    assert evaluation_half_range(2569, 1) == DateRange(date(2025, 10, 1), date(2026, 3, 31))
    assert evaluation_half_range(2569, 2) == DateRange(date(2026, 4, 1), date(2026, 9, 30))
    with pytest.raises(ValueError, match="half must be 1 or 2"):
        evaluation_half_range(2569, 3)


@pytest.mark.parametrize(
    ("lang", "thai_digits", "expected"),
    [
        ("th", False, "ปีงบประมาณ พ.ศ. 2569"),
        ("th", True, "ปีงบประมาณ พ.ศ. ๒๕๖๙"),
        ("en", False, "Fiscal year B.E. 2569"),
    ],
)
def test_fiscal_year_label(lang: str, thai_digits: bool, expected: str) -> None:
    assert fiscal_year_label(2569, lang=lang, thai_digits=thai_digits) == expected


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
def test_every_day_lies_in_its_fiscal_year_and_its_evaluation_half(day: date) -> None:
    assert day in fiscal_year_range(fiscal_year_of(day))
    assert day in evaluation_half_of(day).range


def test_date_range_rejects_an_end_before_its_start() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        DateRange(date(2026, 3, 2), date(2026, 3, 1))


def test_date_range_contains_only_dates_inside() -> None:
    week = DateRange(date(2026, 3, 2), date(2026, 3, 8))
    assert date(2026, 3, 8) in week
    assert date(2026, 3, 9) not in week
    assert "2026-03-03" not in week
    assert len(list(week.days())) == len(week) == 7


@given(st.dates())
def test_week_start_is_the_monday_on_or_before(day: date) -> None:
    monday = week_start(day)
    assert monday.weekday() == 0
    assert timedelta(0) <= day - monday < timedelta(days=7)


# ---------------------------------------------------------------- local time


def test_to_local_converts_utc_to_bangkok_wall_clock() -> None:
    local = to_local(datetime(2026, 3, 4, 1, 30, tzinfo=UTC))
    assert (local.hour, local.minute) == (8, 30)
    assert local.tzinfo is BANGKOK


def test_to_local_rejects_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_local(datetime(2026, 3, 4, 8, 30))  # noqa: DTZ001 - the naive value under test


def test_local_date_of_a_late_utc_evening_is_the_next_bangkok_day() -> None:
    assert local_date(datetime(2026, 3, 3, 17, 0, tzinfo=UTC)) == date(2026, 3, 4)
    assert local_date(datetime(2026, 3, 3, 16, 59, 59, tzinfo=UTC)) == date(2026, 3, 3)


def test_local_day_bounds_are_utc_instants_of_bangkok_midnights() -> None:
    start, end = local_day_bounds(date(2026, 3, 4))
    assert start == datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 4, 17, 0, tzinfo=UTC)
    assert start.utcoffset() == timedelta(0)


def test_local_instant_is_the_utc_instant_of_a_bangkok_wall_clock_time() -> None:
    assert local_instant(date(2026, 3, 4), time(8, 30)) == datetime(2026, 3, 4, 1, 30, tzinfo=UTC)
