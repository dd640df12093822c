"""Day evaluation: overnight slots, mode 2 (counted hours) and mode 3 (off-site)."""

from dataclasses import replace
from datetime import date

import pytest

from govflex.core.enums import (
    CountingMethod,
    DayStatus,
    LeavePart,
    PlaceType,
    ReportState,
    WorkMode,
)
from govflex.core.evaluation import Arrangement, Evaluator, Punch
from govflex.core.policy import (
    CountedHoursRules,
    OffSiteRules,
    Policy,
)
from tests.core.evaluation_kit import (
    COUNTED,
    EVALUATOR,
    NIGHT,
    POLICY,
    SATURDAY,
    STANDARD,
    WEDNESDAY,
    W,
    at,
    evaluate,
    punches,
)

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
