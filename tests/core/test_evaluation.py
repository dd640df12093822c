"""Day evaluation (Guideline 2565 modes, Off-site regulation 2565, Leave regulation 2555)."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from govflex.core.calendar import local_instant
from govflex.core.enums import (
    DayStatus,
    LeavePart,
    PunchSource,
    WorkMode,
)
from govflex.core.evaluation import Arrangement, Evaluator, Punch, evaluate_day
from govflex.core.policy import (
    StaggeredRules,
)
from tests.core.evaluation_kit import (
    CALENDAR,
    EVALUATOR,
    MAKHA_BUCHA,
    POLICY,
    SATURDAY,
    STANDARD,
    WEDNESDAY,
    W,
    at,
    evaluate,
    punches,
)

# ---------------------------------------------------------------- mode 1: staggered hours


@pytest.mark.parametrize(
    ("slot", "clocks", "status", "late", "early"),
    [
        pytest.param(
            "08:30-16:30", ("08:30", "16:30"), DayStatus.PRESENT, 0, 0, id="guideline-on-time"
        ),
        pytest.param(
            "08:30-16:30",
            ("08:30:59", "16:30"),
            DayStatus.PRESENT,
            0,
            0,
            id="guideline-minute-resolution-08-30-59-on-time",
        ),
        pytest.param(
            "08:30-16:30", ("08:31:00", "16:30"), DayStatus.LATE, 1, 0, id="guideline-08-31-late-1"
        ),
        pytest.param(
            "08:30-16:30", ("08:45", "16:45"), DayStatus.LATE, 15, 0, id="guideline-late-15"
        ),
        pytest.param(
            "08:30-16:30",
            ("08:20", "16:29:59"),
            DayStatus.LEFT_EARLY,
            0,
            1,
            id="guideline-16-29-59-left-early-1",
        ),
        pytest.param(
            "08:30-16:30",
            ("08:45", "16:00"),
            DayStatus.LATE_AND_LEFT_EARLY,
            15,
            30,
            id="guideline-late-and-early",
        ),
        pytest.param(
            "07:30-15:30", ("07:29", "15:31"), DayStatus.PRESENT, 0, 0, id="guideline-slot-0730"
        ),
        pytest.param(
            "07:30-15:30", ("08:00", "15:31"), DayStatus.LATE, 30, 0, id="guideline-slot-0730-late"
        ),
        pytest.param(
            "08:00-16:00",
            ("07:55", "15:50"),
            DayStatus.LEFT_EARLY,
            0,
            10,
            id="guideline-slot-0800-early",
        ),
        pytest.param(
            "09:30-17:30", ("09:25", "17:30"), DayStatus.PRESENT, 0, 0, id="guideline-slot-0930"
        ),
        pytest.param(
            "08:30-16:30",
            ("08:30", "08:30:40", "16:30"),
            DayStatus.PRESENT,
            0,
            0,
            id="our-reading-double-tap-merged",
        ),
        pytest.param(
            "08:30-16:30",
            ("07:50", "12:01", "13:02", "16:40"),
            DayStatus.PRESENT,
            0,
            0,
            id="guideline-first-and-last-punch-count",
        ),
    ],
)
def test_mode_1_arrival_and_departure_judged_against_the_slot(
    slot: str, clocks: tuple[str, ...], status: DayStatus, late: int, early: int
) -> None:
    start, end = slot.split("-")
    result = evaluate(clocks, Arrangement.staggered(W(start, end)))
    assert (result.status, result.late_minutes, result.early_minutes) == (status, late, early)


def test_mode_1_worked_minutes_are_elapsed_first_to_last_punch() -> None:
    result = evaluate(("08:27:13", "16:41:02"))
    assert result.worked_minutes == 493
    assert result.first_punch == at("08:27:13")
    assert result.last_punch == at("16:41:02")
    assert result.first_punch is not None
    assert result.first_punch.utcoffset() == timedelta(0)


def test_late_and_early_each_give_a_thai_and_english_reason() -> None:
    result = evaluate(("08:45", "16:00"))
    assert result.exception_codes == ("late", "left_early")
    assert result.exceptions[0].th == "มาสาย 15 นาที"
    assert result.exceptions[0].en == "Late by 15 min"
    assert result.exceptions[1].param("minutes") == 30


def test_on_time_day_has_no_exceptions() -> None:
    assert evaluate(("08:30", "16:30")).exceptions == ()


@pytest.mark.parametrize(
    ("clock", "status", "late"),
    [
        pytest.param("08:35:59", DayStatus.PRESENT, 0, id="guideline-within-5-min-grace"),
        pytest.param(
            "08:36:00", DayStatus.LATE, 6, id="guideline-late-minutes-count-from-slot-start"
        ),
    ],
)
def test_late_grace_is_applied_at_minute_resolution(
    clock: str, status: DayStatus, late: int
) -> None:
    policy = replace(POLICY, staggered=StaggeredRules(late_grace_minutes=5, early_grace_minutes=5))
    result = evaluate((clock, "16:30"), policy=policy)
    assert (result.status, result.late_minutes) == (status, late)


@pytest.mark.parametrize(
    ("clock", "status", "early"),
    [("16:25", DayStatus.PRESENT, 0), ("16:24:59", DayStatus.LEFT_EARLY, 6)],
    ids=["guideline-within-early-grace", "guideline-beyond-early-grace"],
)
def test_early_grace(clock: str, status: DayStatus, early: int) -> None:
    policy = replace(POLICY, staggered=StaggeredRules(early_grace_minutes=5))
    result = evaluate(("08:30", clock), policy=policy)
    assert (result.status, result.early_minutes) == (status, early)


@pytest.mark.parametrize(
    ("clocks", "status", "count"),
    [
        pytest.param((), DayStatus.ABSENT, 0, id="no-punch-is-absent"),
        pytest.param(
            ("08:29",), DayStatus.INCOMPLETE, 1, id="single-punch-is-incomplete-not-a-full-day"
        ),
        pytest.param(("16:35",), DayStatus.INCOMPLETE, 1, id="single-late-punch-is-incomplete"),
        pytest.param(
            ("08:30", "08:30:30"), DayStatus.INCOMPLETE, 1, id="double-tap-within-60s-is-one-punch"
        ),
        pytest.param(
            ("08:30", "08:31"), DayStatus.INCOMPLETE, 1, id="exactly-60s-apart-is-one-punch"
        ),
    ],
)
def test_missing_punches(clocks: tuple[str, ...], status: DayStatus, count: int) -> None:
    result = evaluate(clocks)
    assert (result.status, result.punch_count, result.worked_minutes) == (status, count, 0)
    assert result.exceptions[0].code == (
        "absent" if status is DayStatus.ABSENT else "incomplete_punches"
    )


def test_punches_61_seconds_apart_are_two_punches() -> None:
    result = evaluate(("08:30", "08:31:01"))
    assert result.punch_count == 2
    assert result.status is DayStatus.LEFT_EARLY


def test_no_arrangement_means_the_standard_day_on_site() -> None:
    # Working-time notice: 08:30–16:30.
    result = evaluate(("08:31", "16:30"), None)
    assert (result.status, result.late_minutes, result.mode) == (
        DayStatus.LATE,
        1,
        WorkMode.STAGGERED,
    )


def test_a_punch_off_site_on_an_on_site_day_is_a_location_mismatch() -> None:
    day_punches = [Punch(at("08:30")), Punch(at("16:30"), PunchSource.WEB, on_site=False)]
    result = EVALUATOR.evaluate(WEDNESDAY, day_punches, arrangement=STANDARD)
    assert result.status is DayStatus.PRESENT
    assert result.exception_codes == ("location_mismatch",)
    assert result.exceptions[0].en.endswith("(expected: on site)")


def test_punches_of_other_days_are_ignored() -> None:
    day_punches = [*punches("08:30", "16:30"), Punch(at("23:00", date(2026, 3, 3)))]
    assert EVALUATOR.evaluate(WEDNESDAY, day_punches).punch_count == 2


# ---------------------------------------------------------------- leave, travel, holidays


@pytest.mark.parametrize(
    ("leave", "clocks", "status", "late", "early"),
    [
        pytest.param(
            LeavePart.MORNING,
            ("12:55", "16:30"),
            DayStatus.PRESENT,
            0,
            0,
            id="leave-2555-morning-arrive-by-13",
        ),
        pytest.param(
            LeavePart.MORNING,
            ("13:05", "16:30"),
            DayStatus.LATE,
            5,
            0,
            id="leave-2555-morning-late-after-13",
        ),
        pytest.param(
            LeavePart.MORNING,
            (),
            DayStatus.ABSENT,
            0,
            0,
            id="leave-2555-morning-leave-then-no-show",
        ),
        pytest.param(
            LeavePart.AFTERNOON,
            ("08:30", "12:00"),
            DayStatus.PRESENT,
            0,
            0,
            id="leave-2555-afternoon-leave-at-12",
        ),
        pytest.param(
            LeavePart.AFTERNOON,
            ("08:30", "11:50"),
            DayStatus.LEFT_EARLY,
            0,
            10,
            id="leave-2555-afternoon-early-before-12",
        ),
        pytest.param(
            LeavePart.AFTERNOON,
            ("08:40", "12:00"),
            DayStatus.LATE,
            10,
            0,
            id="leave-2555-afternoon-still-late-in-morning",
        ),
    ],
)
def test_half_day_leave_moves_the_expected_times(
    leave: LeavePart, clocks: tuple[str, ...], status: DayStatus, late: int, early: int
) -> None:
    result = evaluate(clocks, leave=leave)
    assert (result.status, result.late_minutes, result.early_minutes) == (status, late, early)
    assert result.leave is leave


def test_morning_leave_on_the_0730_slot_still_expects_arrival_at_13() -> None:
    result = evaluate(
        ("13:01", "15:30"), Arrangement.staggered(W("07:30", "15:30")), leave=LeavePart.MORNING
    )
    assert (result.status, result.late_minutes) == (DayStatus.LATE, 1)


@pytest.mark.parametrize(
    "clocks", [(), ("08:30",), ("08:30", "16:30")], ids=["no-punch", "one-punch", "full-day"]
)
def test_full_day_leave_is_on_leave_never_absent(clocks: tuple[str, ...]) -> None:
    result = evaluate(clocks, leave=LeavePart.FULL_DAY)
    assert result.status is DayStatus.ON_LEAVE
    assert result.worked_minutes == 0
    assert result.exception_codes == (("punch_on_leave",) if clocks else ())


def test_official_travel_is_not_absence() -> None:
    result = evaluate((), official_travel=True)
    assert (result.status, result.exceptions) == (DayStatus.OFFICIAL_TRAVEL, ())


@pytest.mark.parametrize(
    ("day", "clocks", "status", "worked"),
    [
        pytest.param(
            MAKHA_BUCHA, (), DayStatus.HOLIDAY, 0, id="holidays-pkg-public-holiday-no-punch"
        ),
        pytest.param(SATURDAY, (), DayStatus.HOLIDAY, 0, id="working-time-notice-weekend-no-punch"),
        pytest.param(
            SATURDAY, ("10:00",), DayStatus.HOLIDAY, 0, id="weekend-single-punch-still-holiday"
        ),
        pytest.param(
            MAKHA_BUCHA,
            ("09:00", "12:30"),
            DayStatus.WORKED_NON_WORKING_DAY,
            210,
            id="work-on-a-holiday-is-reported",
        ),
    ],
)
def test_non_working_days_are_never_absent(
    day: date, clocks: tuple[str, ...], status: DayStatus, worked: int
) -> None:
    result = evaluate(clocks, day=day)
    assert (result.status, result.worked_minutes) == (status, worked)


def test_leave_on_a_holiday_is_a_holiday() -> None:
    # Leave regulation 2555: leave counts working days only.
    assert evaluate((), day=MAKHA_BUCHA, leave=LeavePart.FULL_DAY).status is DayStatus.HOLIDAY


def test_rostered_duty_on_a_holiday_is_judged_when_the_caller_says_it_is_a_working_day() -> None:
    result = evaluate(("08:40", "16:30"), day=MAKHA_BUCHA, working_day=True)
    assert (result.status, result.late_minutes) == (DayStatus.LATE, 10)


def test_a_unit_that_stays_open_on_a_holiday_judges_attendance() -> None:
    evaluator = Evaluator(POLICY, replace(CALENDAR, stays_open=frozenset({MAKHA_BUCHA})))
    result = evaluator.evaluate(MAKHA_BUCHA, [], arrangement=STANDARD)
    assert result.status is DayStatus.ABSENT


def test_without_a_calendar_monday_to_friday_are_working_days() -> None:
    evaluator = Evaluator(POLICY)
    assert evaluator.evaluate(MAKHA_BUCHA, []).status is DayStatus.ABSENT
    assert evaluator.evaluate(SATURDAY, []).status is DayStatus.HOLIDAY


# ---------------------------------------------------------------- inputs


def test_a_naive_punch_time_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        Punch(datetime(2026, 3, 4, 8, 30))  # noqa: DTZ001 - the naive value under test


def test_modes_1_and_2_cannot_be_off_site() -> None:
    with pytest.raises(ValueError, match="on-site work"):
        Arrangement(WorkMode.STAGGERED, on_site=False)


def test_evaluate_day_is_the_same_as_an_evaluator() -> None:
    day_punches = punches("08:45", "16:30")
    assert evaluate_day(
        WEDNESDAY, day_punches, policy=POLICY, calendar=CALENDAR, arrangement=STANDARD
    ) == (EVALUATOR.evaluate(WEDNESDAY, day_punches, arrangement=STANDARD))


def test_results_are_in_utc_whatever_zone_the_punches_came_in() -> None:
    local = local_instant(WEDNESDAY, time(8, 30)).astimezone(EVALUATOR.tz)
    result = EVALUATOR.evaluate(WEDNESDAY, [Punch(local), Punch(at("16:30"))])
    assert result.status is DayStatus.PRESENT
    assert result.first_punch == datetime(2026, 3, 4, 1, 30, tzinfo=UTC)
    assert result.first_punch is not None
    assert result.first_punch.tzinfo is UTC
