"""Mode 2 periods and the hours ledger (Guideline 2565: at least 40 h a week; DOMAIN.md §4)."""

from dataclasses import replace
from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govflex.core.calendar import DateRange, WorkCalendar, local_instant
from govflex.core.enums import CountingMethod, DayStatus, LeavePart
from govflex.core.evaluation import Arrangement, DayResult, Evaluator, Punch
from govflex.core.flexi import (
    ClosedPeriodError,
    DayEntry,
    HoursLedger,
    PeriodClose,
    build_ledger,
    close_period,
    day_entry,
    period_of,
    replay_ledger,
)
from govflex.core.policy import CarryOver, CountedHoursRules, default_policy

POLICY = default_policy(date(2025, 10, 1))
NET_POLICY = replace(POLICY, counted_hours=CountedHoursRules(counting=CountingMethod.NET))
RULES = POLICY.counted_hours
CARRY = CountedHoursRules(
    carry_over=CarryOver(enabled=True, credit_cap_minutes=240, debit_cap_minutes=240)
)
MONDAY = date(2026, 3, 2)  # week of Makha Bucha (Tuesday 3 Mar 2569)
WEEK = DateRange(MONDAY, MONDAY + timedelta(days=6))


def days(start: date, *minutes: int, reduction: int = 0) -> list[DayEntry]:
    return [
        DayEntry(start + timedelta(days=index), value, reduction)
        for index, value in enumerate(minutes)
    ]


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("rules", "day", "expected"),
    [
        pytest.param(
            RULES,
            date(2026, 3, 4),
            (date(2026, 3, 2), date(2026, 3, 8)),
            id="one-week-monday-to-sunday",
        ),
        pytest.param(
            RULES, date(2026, 3, 8), (date(2026, 3, 2), date(2026, 3, 8)), id="sunday-ends-the-week"
        ),
        pytest.param(
            RULES,
            date(2026, 3, 9),
            (date(2026, 3, 9), date(2026, 3, 15)),
            id="monday-starts-the-next",
        ),
        pytest.param(
            CountedHoursRules(period_weeks=2, period_anchor=date(2026, 1, 5)),
            date(2026, 1, 20),
            (date(2026, 1, 19), date(2026, 2, 1)),
            id="two-weeks-from-the-anchor",
        ),
        pytest.param(
            CountedHoursRules(period_weeks=2, period_anchor=date(2026, 1, 5)),
            date(2026, 1, 1),
            (date(2025, 12, 22), date(2026, 1, 4)),
            id="two-weeks-before-the-anchor",
        ),
    ],
)
def test_period_of(rules: CountedHoursRules, day: date, expected: tuple[date, date]) -> None:
    assert period_of(day, rules) == DateRange(*expected)


@given(st.dates(date(1990, 1, 1), date(2100, 1, 1)), st.integers(1, 12))
def test_every_day_lies_in_a_period_of_whole_weeks_starting_monday(day: date, weeks: int) -> None:
    period = period_of(day, CountedHoursRules(period_weeks=weeks))
    assert day in period
    assert period.start.weekday() == 0
    assert len(period) == 7 * weeks


# ---------------------------------------------------------------- day entries


def result(
    day: date, status: DayStatus, worked: int = 0, leave: LeavePart | None = None
) -> DayResult:
    return DayResult(day, status, worked, leave=leave)


@pytest.mark.parametrize(
    ("policy", "day_result", "counted", "reduction"),
    [
        pytest.param(
            POLICY, result(MONDAY, DayStatus.PRESENT, 500), 500, 0, id="guideline-worked-day-counts"
        ),
        pytest.param(
            POLICY,
            result(MONDAY, DayStatus.LATE, 300),
            300,
            0,
            id="any-status-counts-worked-minutes",
        ),
        pytest.param(
            POLICY,
            result(date(2026, 3, 3), DayStatus.HOLIDAY),
            0,
            480,
            id="domain-4-holiday-takes-8h-off",
        ),
        pytest.param(
            NET_POLICY,
            result(date(2026, 3, 3), DayStatus.HOLIDAY),
            0,
            420,
            id="domain-4-net-holiday-takes-7h-off",
        ),
        pytest.param(
            POLICY,
            result(date(2026, 3, 7), DayStatus.HOLIDAY),
            0,
            0,
            id="saturday-takes-nothing-off",
        ),
        pytest.param(
            POLICY,
            result(date(2026, 3, 7), DayStatus.WORKED_NON_WORKING_DAY, 300),
            300,
            0,
            id="saturday-work-counts",
        ),
        pytest.param(
            POLICY,
            result(date(2026, 3, 3), DayStatus.WORKED_NON_WORKING_DAY, 120),
            120,
            480,
            id="holiday-work-counts-too",
        ),
        pytest.param(
            POLICY,
            result(MONDAY, DayStatus.ON_LEAVE),
            0,
            480,
            id="leave-2555-full-day-takes-8h-off",
        ),
        pytest.param(
            POLICY,
            result(MONDAY, DayStatus.PRESENT, 240, LeavePart.MORNING),
            240,
            240,
            id="leave-2555-half-day-takes-half",
        ),
        pytest.param(
            NET_POLICY,
            result(MONDAY, DayStatus.PRESENT, 200, LeavePart.AFTERNOON),
            200,
            210,
            id="net-half-day-is-3h30",
        ),
        pytest.param(
            POLICY, result(MONDAY, DayStatus.OFFICIAL_TRAVEL), 0, 480, id="official-travel-is-duty"
        ),
        pytest.param(
            POLICY,
            result(MONDAY, DayStatus.OFF_SITE_REPORTED, 300),
            0,
            480,
            id="off-site-reg-reported-day-is-duty",
        ),
        pytest.param(
            POLICY,
            result(MONDAY, DayStatus.OFF_SITE_REPORT_MISSING, 300),
            0,
            0,
            id="off-site-without-report-earns-nothing",
        ),
        pytest.param(POLICY, result(MONDAY, DayStatus.ABSENT), 0, 0, id="absence-earns-nothing"),
    ],
)
def test_day_entry_counts_and_reduces(
    policy: object, day_result: DayResult, counted: int, reduction: int
) -> None:
    entry = day_entry(day_result, policy=policy)  # type: ignore[arg-type]
    assert (entry.counted_minutes, entry.reduction_minutes, entry.status) == (
        counted,
        reduction,
        day_result.status,
    )


def test_a_six_day_worker_gets_saturday_holidays_off_the_requirement() -> None:
    entry = day_entry(
        result(date(2026, 3, 7), DayStatus.HOLIDAY),
        policy=POLICY,
        working_weekdays=frozenset(range(6)),
    )
    assert entry.reduction_minutes == 480


# ---------------------------------------------------------------- closing a period


@pytest.mark.parametrize(
    ("rules", "entries", "required", "balance", "carried", "forfeited", "shortfall"),
    [
        pytest.param(
            RULES,
            days(MONDAY, *[480] * 5),
            2400,
            0,
            0,
            0,
            0,
            id="guideline-five-standard-days-meet-40h",
        ),
        pytest.param(
            RULES, days(MONDAY, *[420] * 5), 2400, -300, 0, 0, 300, id="five-net-days-fall-short"
        ),
        pytest.param(
            RULES, days(MONDAY, 600, 600, 600, 600), 2400, 0, 0, 0, 0, id="four-long-days-meet-40h"
        ),
        pytest.param(
            RULES,
            [
                DayEntry(MONDAY, 480),
                DayEntry(MONDAY + timedelta(1), 0, 480),
                *days(MONDAY + timedelta(2), 480, 480, 480),
            ],
            1920,
            0,
            0,
            0,
            0,
            id="domain-4-holiday-reduces-requirement",
        ),
        pytest.param(
            RULES,
            days(MONDAY, *[0] * 5, reduction=480),
            0,
            0,
            0,
            0,
            0,
            id="week-of-leave-requires-nothing",
        ),
        pytest.param(
            RULES, days(MONDAY, *[540] * 5), 2400, 300, 0, 300, 0, id="carry-off-surplus-forfeited"
        ),
        pytest.param(
            CARRY, days(MONDAY, *[540] * 5), 2400, 300, 240, 60, 0, id="carry-on-surplus-capped"
        ),
        pytest.param(
            CARRY, days(MONDAY, *[420] * 5), 2400, -300, -240, 0, 60, id="carry-on-deficit-capped"
        ),
        pytest.param(
            CARRY,
            days(MONDAY, *[500] * 5),
            2400,
            100,
            100,
            0,
            0,
            id="carry-on-small-surplus-carried",
        ),
    ],
)
def test_close_period(
    rules: CountedHoursRules,
    entries: list[DayEntry],
    required: int,
    balance: int,
    carried: int,
    forfeited: int,
    shortfall: int,
) -> None:
    closed = close_period(WEEK, entries, rules=rules)
    assert (
        closed.required_minutes,
        closed.balance_minutes,
        closed.carried_out_minutes,
        closed.forfeited_minutes,
        closed.shortfall_minutes,
    ) == (required, balance, carried, forfeited, shortfall)
    assert closed.compliant is (balance >= 0)


def test_carried_credit_counts_towards_the_next_period() -> None:
    closed = close_period(WEEK, days(MONDAY, *[420] * 5), rules=CARRY, carried_in=240)
    assert (closed.balance_minutes, closed.carried_in_minutes) == (-60, 240)


def test_a_two_week_period_requires_80_hours() -> None:
    rules = CountedHoursRules(period_weeks=2, period_anchor=MONDAY)
    period = period_of(MONDAY, rules)
    entries = days(MONDAY, *[600] * 4, 0, 0, 0, *[400] * 5)
    closed = close_period(period, entries, rules=rules)
    assert (closed.required_minutes, closed.counted_minutes, closed.balance_minutes) == (
        4800,
        4400,
        -400,
    )


def test_entries_outside_the_period_are_ignored() -> None:
    closed = close_period(WEEK, days(MONDAY - timedelta(1), *[480] * 9), rules=RULES)
    assert closed.counted_minutes == 7 * 480


# ---------------------------------------------------------------- the ledger


def test_ledger_posts_days_and_closes_the_week_carrying_the_balance() -> None:
    ledger = HoursLedger(CARRY)
    for entry in days(MONDAY, *[540] * 5):
        ledger = ledger.post(entry)
    preview = ledger.preview()
    assert preview is not None
    assert preview.balance_minutes == 300
    ledger = ledger.close()
    assert ledger.carried == 240
    assert ledger.next_period() == period_of(MONDAY + timedelta(7), CARRY)
    ledger = ledger.post(DayEntry(MONDAY + timedelta(7), 480)).close()
    assert ledger.closes[-1].carried_in_minutes == 240
    assert ledger.closes[-1].balance_minutes == 480 - 2400 + 240


def test_a_later_entry_for_a_day_supersedes_the_earlier_one() -> None:
    ledger = HoursLedger(RULES).post(DayEntry(MONDAY, 0, 0, DayStatus.INCOMPLETE))
    ledger = ledger.post(DayEntry(MONDAY, 480, 0, DayStatus.PRESENT))  # an approved correction
    assert ledger.days()[MONDAY].counted_minutes == 480
    assert ledger.close().closes[0].counted_minutes == 480


def test_a_closed_period_refuses_new_entries() -> None:
    ledger = HoursLedger(RULES).post(DayEntry(MONDAY, 480)).close()
    with pytest.raises(ClosedPeriodError):
        ledger.post(DayEntry(MONDAY + timedelta(2), 480))


def test_closing_an_empty_ledger_is_refused() -> None:
    assert HoursLedger(RULES).next_period() is None
    assert HoursLedger(RULES).preview() is None
    with pytest.raises(ValueError, match="nothing to close"):
        HoursLedger(RULES).close()


def test_close_through_settles_every_period_that_has_ended() -> None:
    ledger = HoursLedger(RULES)
    for entry in days(MONDAY, *[480] * 17):
        ledger = ledger.post(entry)
    ledger = ledger.close_through(date(2026, 3, 18))
    assert [item.period.start for item in ledger.closes] == [MONDAY, MONDAY + timedelta(7)]
    assert ledger.next_period() == period_of(date(2026, 3, 16), RULES)


def test_opening_balance_is_carried_into_the_first_period() -> None:
    ledger = HoursLedger(CARRY, opening_minutes=-120).post(DayEntry(MONDAY, 2400)).close()
    assert ledger.closes[0].balance_minutes == -120


def test_a_correction_to_a_closed_period_is_applied_by_replaying() -> None:
    ledger = (
        HoursLedger(CARRY)
        .post(DayEntry(MONDAY, 2000))
        .close()
        .post(DayEntry(MONDAY + timedelta(7), 2400))
        .close()
    )
    amended = ledger.amend(DayEntry(MONDAY, 2400))
    assert [item.balance_minutes for item in ledger.closes] == [-400, -240]
    assert [item.balance_minutes for item in amended.closes] == [0, 0]
    assert amended.days()[MONDAY].counted_minutes == 2400


def test_build_ledger_with_nothing_is_empty() -> None:
    assert build_ledger(RULES, [], through=MONDAY).entries == ()


def test_mode_2_week_from_punches_to_period_close() -> None:
    # Week of Makha Bucha: four working days of 9:00–18:00 meet 32 h (40 h less one holiday).
    calendar = WorkCalendar()
    evaluator = Evaluator(POLICY, calendar)
    ledger = HoursLedger(RULES)
    for offset in range(7):
        day = MONDAY + timedelta(days=offset)
        punches = [Punch(local_instant(day, time(9))), Punch(local_instant(day, time(18)))]
        if not calendar.is_working_day(day):
            punches = []
        worked = evaluator.evaluate(day, punches, arrangement=Arrangement.counted_hours())
        ledger = ledger.post(day_entry(worked, policy=POLICY))
    closed = ledger.close().closes[0]
    assert (closed.required_minutes, closed.counted_minutes, closed.balance_minutes) == (
        1920,
        4 * 540,
        240,
    )
    assert closed.compliant


# ---------------------------------------------------------------- properties

rule_sets = st.sampled_from(
    [
        RULES,
        CARRY,
        CountedHoursRules(
            period_weeks=2,
            carry_over=CarryOver(enabled=True, credit_cap_minutes=0, debit_cap_minutes=600),
        ),
        CountedHoursRules(weekly_minimum_minutes=35 * 60, period_weeks=3, period_anchor=MONDAY),
    ]
)
day_values = st.tuples(st.integers(0, 720), st.sampled_from([0, 0, 0, 240, 480]))


@settings(max_examples=200)
@given(
    rule_sets,
    st.lists(day_values, min_size=1, max_size=42),
    st.integers(-300, 300),
    st.randoms(use_true_random=False),
    st.integers(0, 42),
)
def test_incremental_ledger_equals_a_replay_from_scratch(
    rules: CountedHoursRules,
    values: list[tuple[int, int]],
    opening: int,
    rnd: object,
    extra_days: int,
) -> None:
    entries = [
        DayEntry(MONDAY + timedelta(days=index), counted, cut)
        for index, (counted, cut) in enumerate(values)
    ]
    through = entries[-1].day + timedelta(days=extra_days)
    # Incremental: a period's days arrive in any order, some first with a wrong value; then close.
    ledger = HoursLedger(rules, opening_minutes=opening)
    by_period: dict[DateRange, list[DayEntry]] = {}
    for entry in entries:
        by_period.setdefault(period_of(entry.day, rules), []).append(entry)
    for period, period_entries in by_period.items():
        shuffled = list(period_entries)
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
        for entry in shuffled:
            if entry.counted_minutes % 3 == 0:
                ledger = ledger.post(replace(entry, counted_minutes=entry.counted_minutes + 17))
            ledger = ledger.post(entry)
        if period.end <= through:
            ledger = ledger.close_through(period.end)
    ledger = ledger.close_through(through)

    scratch = build_ledger(rules, entries, through=through, opening_minutes=opening)
    assert ledger.closes == scratch.closes
    assert replay_ledger(ledger).closes == ledger.closes
    assert ledger.days() == scratch.days()
    _assert_conserved(ledger.closes, rules, opening)


def _assert_conserved(
    closes: tuple[PeriodClose, ...], rules: CountedHoursRules, opening: int
) -> None:
    carried = opening
    for closed in closes:
        assert closed.carried_in_minutes == carried
        assert closed.balance_minutes == closed.counted_minutes - closed.required_minutes + carried
        assert closed.required_minutes >= 0
        assert closed.forfeited_minutes >= 0
        assert closed.shortfall_minutes >= 0
        assert (
            closed.balance_minutes
            == closed.carried_out_minutes + closed.forfeited_minutes - closed.shortfall_minutes
        )
        if not rules.carry_over.enabled:
            assert closed.carried_out_minutes == 0
        assert (
            -rules.carry_over.debit_cap_minutes
            <= closed.carried_out_minutes
            <= rules.carry_over.credit_cap_minutes
        )
        carried = closed.carried_out_minutes
