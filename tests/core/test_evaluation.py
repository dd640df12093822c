"""Day evaluation (Guideline 2565 modes, Off-site regulation 2565, Leave regulation 2555)."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govflex.core.calendar import WorkCalendar, local_instant
from govflex.core.enums import (
    CountingMethod,
    DayStatus,
    LeavePart,
    PlaceType,
    PunchSource,
    ReportState,
    WorkMode,
)
from govflex.core.evaluation import Arrangement, DayResult, Evaluator, Punch, evaluate_day
from govflex.core.policy import (
    CountedHoursRules,
    OffSiteRules,
    Policy,
    StaggeredRules,
    TimeWindow,
    default_policy,
)

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


# ---------------------------------------------------------------- overnight slots


MONDAY = date(2026, 3, 2)


def night(*items: tuple[str, bool]) -> list[Punch]:
    return [Punch(at(clock, MONDAY, next_day=next_day)) for clock, next_day in items]


@pytest.mark.parametrize(
    ("items", "status", "late", "early", "worked"),
    [
        pytest.param(
            (("19:55", False), ("08:02", True)),
            DayStatus.PRESENT,
            0,
            0,
            727,
            id="night-slot-on-time",
        ),
        pytest.param(
            (("20:10", False), ("08:00", True)), DayStatus.LATE, 10, 0, 710, id="night-slot-late"
        ),
        pytest.param(
            (("19:50", False), ("07:30", True)),
            DayStatus.LEFT_EARLY,
            0,
            30,
            700,
            id="night-slot-early",
        ),
        pytest.param(
            (("19:50", False), ("12:30", True)),
            DayStatus.INCOMPLETE,
            0,
            0,
            0,
            id="after-window-ignored",
        ),
        pytest.param(
            (("15:59", False), ("08:00", True)),
            DayStatus.INCOMPLETE,
            0,
            0,
            0,
            id="before-window-ignored",
        ),
    ],
)
def test_night_slot_belongs_to_the_day_it_starts(
    items: tuple[tuple[str, bool], ...], status: DayStatus, late: int, early: int, worked: int
) -> None:
    result = EVALUATOR.evaluate(MONDAY, night(*items), arrangement=NIGHT)
    assert (result.status, result.late_minutes, result.early_minutes, result.worked_minutes) == (
        status,
        late,
        early,
        worked,
    )
    assert result.day == MONDAY


def test_night_slot_working_window_spans_the_margins() -> None:
    start, end = EVALUATOR.working_window(MONDAY, NIGHT)
    assert start == at("16:00", MONDAY)
    assert end == at("12:00", MONDAY, next_day=True)
    assert EVALUATOR.working_window(MONDAY, STANDARD) == (
        at("00:00", MONDAY),
        at("00:00", date(2026, 3, 3)),
    )


def test_half_day_leave_splits_a_night_slot_at_its_midpoint() -> None:
    result = EVALUATOR.evaluate(
        MONDAY, night(("02:05", True), ("08:00", True)), arrangement=NIGHT, leave=LeavePart.MORNING
    )
    assert (result.status, result.late_minutes) == (DayStatus.LATE, 5)


# ---------------------------------------------------------------- mode 2: counted hours


def counted(policy_rules: CountedHoursRules) -> Policy:
    return replace(POLICY, counted_hours=policy_rules)


@pytest.mark.parametrize(
    ("rules", "clocks", "worked", "codes"),
    [
        pytest.param(
            CountedHoursRules(), ("07:00", "16:00"), 540, (), id="guideline-elapsed-counts-lunch"
        ),
        pytest.param(
            CountedHoursRules(), ("11:00", "19:00"), 480, (), id="guideline-no-lateness-in-mode-2"
        ),
        pytest.param(
            CountedHoursRules(),
            ("05:00", "15:00"),
            540,
            ("outside_bandwidth",),
            id="bandwidth-cuts-early-start",
        ),
        pytest.param(
            CountedHoursRules(),
            ("10:00", "21:00"),
            600,
            ("outside_bandwidth",),
            id="bandwidth-cuts-late-finish",
        ),
        pytest.param(
            CountedHoursRules(),
            ("04:00", "05:30"),
            0,
            ("outside_bandwidth",),
            id="all-outside-bandwidth-counts-zero",
        ),
        pytest.param(
            CountedHoursRules(counting=CountingMethod.NET),
            ("08:30", "16:30"),
            420,
            (),
            id="net-takes-lunch-off",
        ),
        pytest.param(
            CountedHoursRules(counting=CountingMethod.NET),
            ("13:00", "18:00"),
            300,
            (),
            id="net-afternoon-only",
        ),
        pytest.param(
            CountedHoursRules(counting=CountingMethod.NET),
            ("11:30", "12:30"),
            30,
            (),
            id="net-partial-lunch",
        ),
        pytest.param(
            CountedHoursRules(counting=CountingMethod.PAIRED),
            ("08:00", "12:00", "13:00", "17:00"),
            480,
            (),
            id="paired-sums-pairs",
        ),
        pytest.param(
            CountedHoursRules(counting=CountingMethod.PAIRED),
            ("05:00", "07:00", "19:00", "21:00"),
            120,
            ("outside_bandwidth",),
            id="paired-clips-each-pair",
        ),
        pytest.param(
            CountedHoursRules(core_hours=W("10:00", "15:00")),
            ("10:30", "16:00"),
            330,
            ("core_hours_missed",),
            id="core-hours-missed",
        ),
        pytest.param(
            CountedHoursRules(core_hours=W("10:00", "15:00")),
            ("09:00", "16:00"),
            420,
            (),
            id="core-hours-kept",
        ),
        pytest.param(
            CountedHoursRules(daily_minimum_minutes=300),
            ("08:00", "12:00"),
            240,
            ("daily_minimum_short",),
            id="daily-minimum-short",
        ),
    ],
)
def test_mode_2_counted_minutes(
    rules: CountedHoursRules, clocks: tuple[str, ...], worked: int, codes: tuple[str, ...]
) -> None:
    result = evaluate(clocks, COUNTED, policy=counted(rules))
    assert (result.status, result.worked_minutes, result.exception_codes) == (
        DayStatus.PRESENT,
        worked,
        codes,
    )
    assert (result.late_minutes, result.early_minutes) == (0, 0)


def test_core_hours_missed_reports_the_minutes() -> None:
    result = evaluate(
        ("10:30", "14:00"),
        COUNTED,
        policy=counted(CountedHoursRules(core_hours=W("10:00", "15:00"))),
    )
    assert result.exceptions[0].param("minutes") == 90
    assert result.exceptions[0].en == "Missed core hours 10:00–15:00 (90 min)"


def test_morning_leave_shortens_core_hours_and_halves_the_daily_minimum() -> None:
    rules = CountedHoursRules(core_hours=W("10:00", "15:00"), daily_minimum_minutes=300)
    result = evaluate(("13:00", "16:00"), COUNTED, policy=counted(rules), leave=LeavePart.MORNING)
    assert result.exceptions == ()


def test_paired_counting_with_an_odd_punch_is_incomplete() -> None:
    policy = counted(CountedHoursRules(counting=CountingMethod.PAIRED))
    result = evaluate(("08:00", "12:00", "13:00"), COUNTED, policy=policy)
    assert (result.status, result.worked_minutes, result.exception_codes) == (
        DayStatus.INCOMPLETE,
        240,
        ("unpaired_punch",),
    )


@pytest.mark.parametrize(
    ("clocks", "status"), [((), DayStatus.ABSENT), (("08:00",), DayStatus.INCOMPLETE)]
)
def test_mode_2_missing_punches(clocks: tuple[str, ...], status: DayStatus) -> None:
    assert evaluate(clocks, COUNTED).status is status


def test_mode_2_work_on_a_holiday_counts_by_the_method() -> None:
    policy = counted(CountedHoursRules(counting=CountingMethod.NET))
    result = evaluate(("08:30", "16:30"), COUNTED, policy=policy, day=SATURDAY)
    assert (result.status, result.worked_minutes) == (DayStatus.WORKED_NON_WORKING_DAY, 420)


# ---------------------------------------------------------------- mode 3: off-site


OFF_SITE = Arrangement.off_site(PlaceType.RESIDENCE)


@pytest.mark.parametrize(
    ("report", "status", "codes"),
    [
        pytest.param(
            ReportState.FILED, DayStatus.OFF_SITE_REPORTED, (), id="off-site-reg-report-filed"
        ),
        pytest.param(
            ReportState.ACCEPTED, DayStatus.OFF_SITE_REPORTED, (), id="off-site-reg-report-accepted"
        ),
        pytest.param(
            ReportState.NONE,
            DayStatus.OFF_SITE_REPORT_MISSING,
            ("off_site_report_missing",),
            id="off-site-reg-no-report",
        ),
        pytest.param(
            ReportState.REJECTED,
            DayStatus.OFF_SITE_REPORT_MISSING,
            ("off_site_report_rejected",),
            id="off-site-reg-report-rejected",
        ),
    ],
)
def test_off_site_day_stands_on_the_plan_and_report(
    report: ReportState, status: DayStatus, codes: tuple[str, ...]
) -> None:
    day_punches = punches("08:25", "16:35", on_site=False)
    result = EVALUATOR.evaluate(WEDNESDAY, day_punches, arrangement=OFF_SITE, report=report)
    assert (result.status, result.exception_codes, result.worked_minutes) == (status, codes, 490)


def test_off_site_day_without_check_in_is_an_exception_when_check_in_is_required() -> None:
    result = EVALUATOR.evaluate(WEDNESDAY, [], arrangement=OFF_SITE, report=ReportState.FILED)
    assert (result.status, result.exception_codes) == (
        DayStatus.OFF_SITE_REPORTED,
        ("off_site_check_in_missing",),
    )
    relaxed = Evaluator(replace(POLICY, off_site=OffSiteRules(check_in_required=False)))
    assert (
        relaxed.evaluate(WEDNESDAY, [], arrangement=OFF_SITE, report=ReportState.FILED).exceptions
        == ()
    )


def test_off_site_day_without_a_required_report_policy_is_reported() -> None:
    evaluator = Evaluator(replace(POLICY, off_site=OffSiteRules(plan_and_report_required=False)))
    result = evaluator.evaluate(WEDNESDAY, punches("08:30", on_site=False), arrangement=OFF_SITE)
    assert result.status is DayStatus.OFF_SITE_REPORTED


def test_off_site_place_the_agency_does_not_allow_is_an_exception() -> None:
    evaluator = Evaluator(
        replace(POLICY, off_site=OffSiteRules(allowed_places=frozenset({PlaceType.CO_WORKING})))
    )
    result = evaluator.evaluate(
        WEDNESDAY, punches("08:30", on_site=False), arrangement=OFF_SITE, report=ReportState.FILED
    )
    assert result.exception_codes == ("off_site_place_not_allowed",)
    assert "residence" in result.exceptions[0].en


def test_on_site_punch_on_an_off_site_day_is_a_location_mismatch() -> None:
    result = EVALUATOR.evaluate(
        WEDNESDAY, punches("08:30"), arrangement=OFF_SITE, report=ReportState.FILED
    )
    assert result.exception_codes == ("location_mismatch",)


def test_mode_3_person_on_an_office_day_is_judged_like_mode_1() -> None:
    office_day = Arrangement(WorkMode.OFF_SITE, W("08:30", "16:30"), on_site=True)
    result = EVALUATOR.evaluate(WEDNESDAY, punches("08:40", "16:30"), arrangement=office_day)
    assert (result.status, result.late_minutes) == (DayStatus.LATE, 10)


def test_off_site_on_a_holiday_is_a_holiday() -> None:
    assert EVALUATOR.evaluate(SATURDAY, [], arrangement=OFF_SITE).status is DayStatus.HOLIDAY


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


# ---------------------------------------------------------------- properties

ORIGIN = at("00:00")
arrangements = st.sampled_from(
    [
        None,
        STANDARD,
        Arrangement.staggered(W("07:30", "15:30")),
        NIGHT,
        COUNTED,
        OFF_SITE,
        Arrangement(WorkMode.OFF_SITE, None, on_site=True),
    ]
)
punch_lists = st.lists(
    st.builds(
        Punch,
        st.integers(-6 * 3600, 36 * 3600).map(lambda seconds: ORIGIN + timedelta(seconds=seconds)),
        st.sampled_from(PunchSource),
        st.booleans(),
    ),
    max_size=8,
)
policies = st.sampled_from(
    [
        POLICY,
        counted(CountedHoursRules(counting=CountingMethod.NET, core_hours=W("10:00", "15:00"))),
        counted(CountedHoursRules(counting=CountingMethod.PAIRED, daily_minimum_minutes=240)),
        replace(POLICY, staggered=StaggeredRules(late_grace_minutes=5, early_grace_minutes=5)),
    ]
)
leaves = st.sampled_from([None, *LeavePart])


@settings(max_examples=300)
@given(
    policies,
    arrangements,
    punch_lists,
    leaves,
    st.booleans(),
    st.sampled_from(ReportState),
    st.randoms(use_true_random=False),
)
def test_result_does_not_depend_on_punch_order_and_is_idempotent(
    policy: Policy,
    arrangement: Arrangement | None,
    day_punches: list[Punch],
    leave: LeavePart | None,
    working_day: bool,
    report: ReportState,
    rnd: object,
) -> None:
    evaluator = Evaluator(policy, CALENDAR)
    kwargs = {
        "arrangement": arrangement,
        "leave": leave,
        "working_day": working_day,
        "report": report,
    }
    first = evaluator.evaluate(WEDNESDAY, day_punches, **kwargs)  # type: ignore[arg-type]
    shuffled = list(day_punches)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert evaluator.evaluate(WEDNESDAY, shuffled, **kwargs) == first  # type: ignore[arg-type]
    assert evaluator.evaluate(WEDNESDAY, day_punches, **kwargs) == first  # type: ignore[arg-type]
    assert Evaluator(policy, CALENDAR).evaluate(WEDNESDAY, day_punches, **kwargs) == first  # type: ignore[arg-type]
    doubled = day_punches + day_punches
    assert evaluator.evaluate(WEDNESDAY, doubled, **kwargs) == first  # type: ignore[arg-type]


@settings(max_examples=300)
@given(policies, arrangements, punch_lists, leaves, st.booleans())
def test_worked_minutes_are_never_negative_nor_more_than_the_elapsed_time(
    policy: Policy,
    arrangement: Arrangement | None,
    day_punches: list[Punch],
    leave: LeavePart | None,
    working_day: bool,
) -> None:
    result = Evaluator(policy, CALENDAR).evaluate(
        WEDNESDAY, day_punches, arrangement=arrangement, leave=leave, working_day=working_day
    )
    assert result.worked_minutes >= 0
    assert result.late_minutes >= 0
    assert result.early_minutes >= 0
    if result.first_punch is None or result.last_punch is None:
        assert result.worked_minutes == 0
    else:
        elapsed = result.last_punch - result.first_punch
        assert timedelta(minutes=result.worked_minutes) <= elapsed
    for item in result.exceptions:
        assert item.th
        assert item.en


@given(
    policies, arrangements, punch_lists, st.sampled_from([None, LeavePart.FULL_DAY]), st.booleans()
)
def test_a_non_working_day_or_a_full_day_leave_is_never_absent(
    policy: Policy,
    arrangement: Arrangement | None,
    day_punches: list[Punch],
    leave: LeavePart | None,
    holiday: bool,
) -> None:
    if not holiday and leave is None:
        leave = LeavePart.FULL_DAY
    result = Evaluator(policy, CALENDAR).evaluate(
        WEDNESDAY, day_punches, arrangement=arrangement, leave=leave, working_day=not holiday
    )
    assert result.status is not DayStatus.ABSENT
    if holiday:
        assert result.status in {DayStatus.HOLIDAY, DayStatus.WORKED_NON_WORKING_DAY}


def test_results_are_in_utc_whatever_zone_the_punches_came_in() -> None:
    local = local_instant(WEDNESDAY, time(8, 30)).astimezone(EVALUATOR.tz)
    result = EVALUATOR.evaluate(WEDNESDAY, [Punch(local), Punch(at("16:30"))])
    assert result.status is DayStatus.PRESENT
    assert result.first_punch == datetime(2026, 3, 4, 1, 30, tzinfo=UTC)
    assert result.first_punch is not None
    assert result.first_punch.tzinfo is UTC
