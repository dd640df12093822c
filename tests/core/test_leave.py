"""Leave day counts, entitlements, balances and vacation carry-over (DOMAIN.md §6).

Sources: Leave regulation 2555 (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการลาของข้าราชการ พ.ศ. ๒๕๕๕) and
the DOMAIN.md §6 defaults; test ids name the rule.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from govflex.core.calendar import HolidayNames, WorkCalendar
from govflex.core.enums import LeavePart
from govflex.core.leave import (
    Balance,
    DayCounting,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
    add_months,
    completed_years,
    default_civil_servant_rules,
    default_government_employee_rules,
    entitlement,
    fiscal_years_of,
    leave_balance,
    leave_days,
    requests_overlap,
    vacation_balances,
    vacation_carry_over,
)

THAI = WorkCalendar()
CIVIL = default_civil_servant_rules()
CONTRACT = default_government_employee_rules()
D = Decimal
NONE = Decimal(0)


def no_holidays(year: int) -> HolidayNames:
    return {}


PLAIN = WorkCalendar(public_holidays=no_holidays)  # Monday–Friday only


def leave(
    kind: LeaveType,
    start: date,
    end: date | None = None,
    part: LeavePart = LeavePart.FULL_DAY,
    status: LeaveStatus = LeaveStatus.APPROVED,
) -> LeaveRequest:
    return LeaveRequest(kind, start, end or start, part, status)


# ---------------------------------------------------------------- day counts


@pytest.mark.parametrize(
    ("request_", "days"),
    [
        pytest.param(
            leave(LeaveType.SICK, date(2026, 3, 2), date(2026, 3, 6)),
            D(4),
            id="domain-6-sick-counts-working-days-makha-bucha-excluded",
        ),
        pytest.param(
            leave(LeaveType.VACATION, date(2026, 4, 10), date(2026, 4, 17)),
            D(3),
            id="domain-6-vacation-skips-weekend-and-songkran",
        ),
        pytest.param(
            leave(LeaveType.PERSONAL, date(2026, 3, 7), date(2026, 3, 8)),
            D(0),
            id="domain-6-personal-on-a-weekend-counts-nothing",
        ),
        pytest.param(
            leave(LeaveType.MATERNITY, date(2026, 3, 1), date(2026, 5, 29)),
            D(90),
            id="domain-6-maternity-counts-calendar-days",
        ),
        pytest.param(
            leave(LeaveType.ORDINATION_HAJJ, date(2026, 4, 1), date(2026, 7, 29)),
            D(120),
            id="domain-6-ordination-counts-calendar-days",
        ),
        pytest.param(
            leave(LeaveType.SICK, date(2026, 3, 4), part=LeavePart.MORNING),
            D("0.5"),
            id="domain-6-half-day",
        ),
        pytest.param(
            leave(LeaveType.SICK, date(2026, 3, 3), part=LeavePart.AFTERNOON),
            D(0),
            id="half-day-on-a-holiday-counts-nothing",
        ),
        pytest.param(
            leave(LeaveType.SICK, date(2026, 3, 6), date(2026, 3, 2)),
            D(0),
            id="end-before-start-counts-nothing",
        ),
    ],
)
def test_leave_days(request_: LeaveRequest, days: Decimal) -> None:
    assert leave_days(request_, THAI, rules=CIVIL) == days


def test_leave_days_without_rules_use_the_civil_servant_counting() -> None:
    maternity = leave(LeaveType.MATERNITY, date(2026, 3, 7), date(2026, 3, 8))
    assert leave_days(maternity, PLAIN) == D(2)
    assert leave_days(leave(LeaveType.OTHER, date(2026, 3, 7), date(2026, 3, 8)), PLAIN) == D(0)


def test_leave_days_within_counts_one_fiscal_year_of_a_leave_crossing_30_september() -> None:
    request = leave(LeaveType.VACATION, date(2026, 9, 28), date(2026, 10, 2))  # Mon–Fri
    assert leave_days(request, PLAIN, within=(date(2025, 10, 1), date(2026, 9, 30))) == D(3)
    assert leave_days(request, PLAIN, within=(date(2026, 10, 1), date(2027, 9, 30))) == D(2)
    assert list(fiscal_years_of(request)) == [2569, 2570]


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (
            (date(2026, 3, 2), date(2026, 3, 4), "full"),
            (date(2026, 3, 4), date(2026, 3, 6), "full"),
            True,
        ),
        (
            (date(2026, 3, 2), date(2026, 3, 3), "full"),
            (date(2026, 3, 4), date(2026, 3, 6), "full"),
            False,
        ),
        (
            (date(2026, 3, 4), date(2026, 3, 4), "morning"),
            (date(2026, 3, 4), date(2026, 3, 4), "afternoon"),
            False,
        ),
        (
            (date(2026, 3, 4), date(2026, 3, 4), "morning"),
            (date(2026, 3, 4), date(2026, 3, 4), "morning"),
            True,
        ),
        (
            (date(2026, 3, 4), date(2026, 3, 4), "morning"),
            (date(2026, 3, 4), date(2026, 3, 4), "full_day"),
            True,
        ),
    ],
)
def test_requests_overlap_unless_they_are_the_two_halves_of_one_day(
    first: tuple[date, date, str], second: tuple[date, date, str], overlap: bool
) -> None:
    def make(spec: tuple[date, date, str]) -> LeaveRequest:
        part = LeavePart.FULL_DAY if spec[2] == "full" else LeavePart(spec[2])
        return leave(LeaveType.SICK, spec[0], spec[1], part)

    assert requests_overlap(make(first), make(second)) is overlap
    assert requests_overlap(make(second), make(first)) is overlap


# ---------------------------------------------------------------- rule tables


def test_civil_servant_table_matches_domain_section_6() -> None:
    table = dict(CIVIL.types)
    assert table[LeaveType.SICK].limit == 60
    assert table[LeaveType.SICK].certificate_from == 30
    assert table[LeaveType.MATERNITY].limit == 90
    assert table[LeaveType.MATERNITY].counting is DayCounting.CALENDAR_DAYS
    assert table[LeaveType.PATERNITY].limit == 15
    assert table[LeaveType.PATERNITY].window_after_birth in {30, 90}
    assert table[LeaveType.PERSONAL].limit == 45
    assert table[LeaveType.PERSONAL].first_year_limit == 15
    assert table[LeaveType.VACATION].limit == 10
    assert CIVIL.vacation.carry_cap == 20
    assert CIVIL.vacation.long_service_carry_cap == 30
    assert table[LeaveType.ORDINATION_HAJJ].limit == 120
    assert all(rule.source for rule in table.values())


def test_government_employee_table_has_its_own_personal_and_vacation_limits() -> None:
    assert CONTRACT.category == "government_employee"
    assert CONTRACT.types[LeaveType.PERSONAL].limit == 10
    assert CONTRACT.types[LeaveType.VACATION].limit == 10
    assert CONTRACT.types[LeaveType.MATERNITY] == CIVIL.types[LeaveType.MATERNITY]


def test_rules_are_hashable_values_unaffected_by_later_changes_to_the_dict() -> None:
    types = dict(CIVIL.types)
    rules = type(CIVIL)(types=types)
    del types[LeaveType.SICK]
    assert rules.rule(LeaveType.SICK) is not None
    assert hash(rules) == hash(type(CIVIL)(types=CIVIL.types))


# ---------------------------------------------------------------- entitlements


@pytest.mark.parametrize(
    ("kind", "service_start", "fiscal_year", "expected"),
    [
        pytest.param(LeaveType.PERSONAL, date(2010, 5, 1), 2569, D(45), id="personal-45"),
        pytest.param(
            LeaveType.PERSONAL, date(2026, 2, 1), 2569, D(15), id="personal-first-year-15"
        ),
        pytest.param(LeaveType.PERSONAL, date(2025, 9, 30), 2569, D(45), id="personal-second-fy"),
        pytest.param(
            LeaveType.VACATION, date(2025, 10, 1), 2569, D(10), id="vacation-new-6-months-in-fy"
        ),
        pytest.param(
            LeaveType.VACATION, date(2026, 3, 31), 2569, D(10), id="vacation-6-months-on-30-sep"
        ),
        pytest.param(
            LeaveType.VACATION, date(2026, 4, 1), 2569, D(0), id="vacation-new-under-6-months"
        ),
        pytest.param(LeaveType.VACATION, date(2026, 9, 1), 2570, D(10), id="vacation-next-fy-full"),
        pytest.param(LeaveType.VACATION, date(2027, 1, 1), 2569, D(0), id="not-yet-in-service"),
        pytest.param(LeaveType.SICK, date(2026, 9, 1), 2569, D(60), id="sick-60-from-day-one"),
        pytest.param(LeaveType.MATERNITY, None, 2569, None, id="maternity-per-birth-no-quota"),
        pytest.param(LeaveType.STUDY_TRAINING, None, 2569, None, id="study-no-limit"),
    ],
)
def test_entitlement_leave_regulation_2555(
    kind: LeaveType, service_start: date | None, fiscal_year: int, expected: Decimal | None
) -> None:
    assert entitlement(kind, fiscal_year, rules=CIVIL, service_start=service_start) == expected


def test_type_missing_from_the_rules_has_no_entitlement() -> None:
    rules = type(CIVIL)(types={LeaveType.SICK: CIVIL.types[LeaveType.SICK]})
    assert entitlement(LeaveType.VACATION, 2569, rules=rules, service_start=None) == 0


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 10, 1), 6, date(2026, 4, 1)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2025, 12, 15), 12, date(2026, 12, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "on", "years"),
    [
        (date(2016, 10, 1), date(2026, 10, 1), 10),
        (date(2016, 10, 2), date(2026, 10, 1), 9),
        (date(2027, 1, 1), date(2026, 10, 1), 0),
    ],
)
def test_completed_years(start: date, on: date, years: int) -> None:
    assert completed_years(start, on) == years


# ---------------------------------------------------------------- balances


def test_balance_counts_approved_requests_of_the_type_in_the_fiscal_year_only() -> None:
    taken = [
        leave(LeaveType.PERSONAL, date(2026, 3, 2), date(2026, 3, 6)),  # 5 days in FY 2569
        leave(LeaveType.PERSONAL, date(2026, 3, 9), status=LeaveStatus.PENDING),
        leave(LeaveType.PERSONAL, date(2026, 3, 10), status=LeaveStatus.REJECTED),
        leave(LeaveType.SICK, date(2026, 3, 11)),
        leave(LeaveType.PERSONAL, date(2026, 9, 30), date(2026, 10, 1)),  # 1 day in FY 2569
        leave(LeaveType.PERSONAL, date(2026, 3, 12), part=LeavePart.MORNING),
    ]
    balance = leave_balance(LeaveType.PERSONAL, 2569, rules=CIVIL, taken=taken, calendar=PLAIN)
    assert balance == Balance(LeaveType.PERSONAL, 2569, D(45), D(0), D("6.5"), D("38.5"))


def test_sick_leave_over_the_paid_limit_shows_as_over_limit_not_negative() -> None:
    taken = [leave(LeaveType.SICK, date(2025, 10, 1), date(2026, 1, 30))]  # 88 working days
    balance = leave_balance(LeaveType.SICK, 2569, rules=CIVIL, taken=taken, calendar=PLAIN)
    assert (balance.taken, balance.remaining, balance.over_limit) == (D(88), D(0), D(28))


def test_balance_without_a_yearly_quota_has_no_remaining() -> None:
    taken = [leave(LeaveType.MATERNITY, date(2026, 3, 1), date(2026, 3, 31))]
    balance = leave_balance(LeaveType.MATERNITY, 2569, rules=CIVIL, taken=taken, calendar=PLAIN)
    assert (balance.entitled, balance.taken, balance.remaining) == (None, D(31), None)
    assert balance.over_limit == 0


# ---------------------------------------------------------------- vacation carry-over


def vacation_balance(fiscal_year: int, taken: Decimal, carried: Decimal = NONE) -> Balance:
    remaining = max(D(0), D(10) + carried - taken)
    return Balance(LeaveType.VACATION, fiscal_year, D(10), carried, taken, remaining)


@pytest.mark.parametrize(
    ("previous", "service_start", "carried"),
    [
        pytest.param(vacation_balance(2568, D(4)), date(2020, 1, 1), D(6), id="unused-carried"),
        pytest.param(
            vacation_balance(2568, D(0), D(10)), date(2020, 1, 1), D(10), id="cap-20-total"
        ),
        pytest.param(
            vacation_balance(2568, D(0), D(20)),
            date(2015, 10, 1),
            D(20),
            id="cap-30-after-10-years",
        ),
        pytest.param(
            vacation_balance(2568, D(0), D(20)),
            date(2015, 10, 2),
            D(10),
            id="10-years-counted-on-1-oct",
        ),
        pytest.param(
            vacation_balance(2568, D(12), D(5)), date(2020, 1, 1), D(3), id="half-days-and-carry"
        ),
        pytest.param(
            vacation_balance(2568, D(15), D(0)), date(2020, 1, 1), D(0), id="over-taken-none"
        ),
        pytest.param(vacation_balance(2568, D("9.5")), None, D("0.5"), id="half-day-left"),
    ],
)
def test_vacation_carry_over_leave_regulation_2555_clause_24(
    previous: Balance, service_start: date | None, carried: Decimal
) -> None:
    assert vacation_carry_over(previous, rules=CIVIL, service_start=service_start) == carried


def test_only_vacation_is_carried_over() -> None:
    sick = Balance(LeaveType.SICK, 2568, D(60), D(0), D(0), D(60))
    with pytest.raises(ValueError, match="vacation"):
        vacation_carry_over(sick, rules=CIVIL)


def test_government_employee_carry_over_cap() -> None:
    previous = vacation_balance(2568, D(0), D(10))
    assert vacation_carry_over(previous, rules=CONTRACT, service_start=date(2000, 1, 1)) == D(5)


def test_vacation_balances_chain_years_from_a_new_entrant() -> None:
    taken = [
        leave(LeaveType.VACATION, date(2026, 6, 1), date(2026, 6, 3)),  # FY 2569: 3 days
        leave(LeaveType.VACATION, date(2027, 2, 1), date(2027, 2, 5)),  # FY 2570: 5 days
        leave(LeaveType.SICK, date(2027, 3, 1)),
    ]
    balances = vacation_balances(
        range(2569, 2572),
        rules=CIVIL,
        taken=taken,
        calendar=PLAIN,
        service_start=date(2025, 11, 3),
    )
    assert [(b.entitled, b.carried_in, b.taken, b.remaining) for b in balances] == [
        (D(10), D(0), D(3), D(7)),
        (D(10), D(7), D(5), D(12)),
        (D(10), D(10), D(0), D(20)),  # capped at 20 in total
    ]


def test_vacation_balances_need_consecutive_years() -> None:
    with pytest.raises(ValueError, match="consecutive"):
        vacation_balances([2568, 2570], rules=CIVIL, taken=[], calendar=PLAIN)
