"""Checking leave requests, and properties of counts and balances (DOMAIN.md §6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.calendar import HolidayNames, WorkCalendar
from govflex.core.enums import LeavePart
from govflex.core.leave import (
    LEAVE_WARNINGS,
    Balance,
    LeaveRequest,
    LeaveRules,
    LeaveStatus,
    LeaveType,
    blocking,
    check_leave_request,
    default_civil_servant_rules,
    leave_balance,
    leave_days,
    vacation_balances,
)

CIVIL = default_civil_servant_rules()
D = Decimal


def no_holidays(year: int) -> HolidayNames:
    return {}


PLAIN = WorkCalendar(public_holidays=no_holidays)  # Monday–Friday only
THAI = WorkCalendar()


def leave(
    kind: LeaveType,
    start: date,
    end: date | None = None,
    part: LeavePart = LeavePart.FULL_DAY,
    status: LeaveStatus = LeaveStatus.APPROVED,
    *,
    child_birth: date | None = None,
    key: str = "",
) -> LeaveRequest:
    return LeaveRequest(kind, start, end or start, part, status, child_birth, key)


def codes(
    request: LeaveRequest,
    *,
    existing_requests: Sequence[LeaveRequest] = (),
    balances: Sequence[Balance] = (),
    service_start: date | None = None,
) -> list[str]:
    found = check_leave_request(
        request,
        rules=CIVIL,
        calendar=THAI,
        existing_requests=existing_requests,
        balances=balances,
        service_start=service_start,
    )
    return [item.code for item in found]


# ---------------------------------------------------------------- request shape


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        pytest.param(leave(LeaveType.SICK, date(2026, 3, 4)), [], id="valid-one-day"),
        pytest.param(
            leave(LeaveType.SICK, date(2026, 3, 6), date(2026, 3, 4)),
            ["leave_end_before_start"],
            id="end-before-start",
        ),
        pytest.param(
            leave(LeaveType.VACATION, date(2026, 3, 4), date(2026, 3, 5), LeavePart.MORNING),
            ["leave_half_day_multi_day"],
            id="domain-6-half-day-on-a-multi-day-request",
        ),
        pytest.param(
            leave(LeaveType.MATERNITY, date(2026, 3, 4), part=LeavePart.AFTERNOON),
            ["leave_half_day_not_allowed"],
            id="maternity-has-no-half-days",
        ),
        pytest.param(
            leave(LeaveType.PERSONAL, date(2026, 3, 7), date(2026, 3, 8)),
            ["leave_no_working_day"],
            id="weekend-only",
        ),
        pytest.param(
            leave(LeaveType.VACATION, date(2026, 3, 3)),
            ["leave_no_working_day"],
            id="makha-bucha-only",
        ),
    ],
)
def test_request_shape(request_: LeaveRequest, expected: list[str]) -> None:
    assert codes(request_) == expected


def test_type_not_in_the_staff_category_table_is_refused() -> None:
    rules = LeaveRules(types={LeaveType.SICK: CIVIL.types[LeaveType.SICK]})
    found = check_leave_request(
        leave(LeaveType.VACATION, date(2026, 3, 4)), rules=rules, calendar=PLAIN
    )
    assert [item.code for item in found] == ["leave_type_not_available"]
    assert found[0].en == "Vacation leave is not available to this staff category"
    assert found[0].th == "บุคลากรประเภทนี้ไม่มีสิทธิลาพักผ่อน"


# ---------------------------------------------------------------- overlap


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        pytest.param(leave(LeaveType.SICK, date(2026, 3, 5)), ["leave_overlaps"], id="approved"),
        pytest.param(
            leave(
                LeaveType.PERSONAL, date(2026, 3, 2), date(2026, 3, 4), status=LeaveStatus.PENDING
            ),
            ["leave_overlaps"],
            id="pending-other-type",
        ),
        pytest.param(
            leave(LeaveType.SICK, date(2026, 3, 5), status=LeaveStatus.CANCELLED),
            [],
            id="cancelled",
        ),
        pytest.param(
            leave(LeaveType.SICK, date(2026, 3, 5), status=LeaveStatus.REJECTED), [], id="rejected"
        ),
        pytest.param(leave(LeaveType.SICK, date(2026, 3, 9)), [], id="after"),
        pytest.param(
            leave(LeaveType.SICK, date(2026, 3, 4), date(2026, 3, 6), key="req-1"), [], id="itself"
        ),
    ],
)
def test_overlap_with_a_pending_or_approved_request(
    existing: LeaveRequest, expected: list[str]
) -> None:
    request = leave(LeaveType.SICK, date(2026, 3, 4), date(2026, 3, 6), key="req-1")
    assert codes(request, existing_requests=[existing]) == expected


def test_overlap_message_names_the_other_leave_in_buddhist_era_dates() -> None:
    [found] = check_leave_request(
        leave(LeaveType.SICK, date(2026, 3, 4)),
        rules=CIVIL,
        calendar=THAI,
        existing_requests=[leave(LeaveType.PERSONAL, date(2026, 3, 4), date(2026, 3, 5))],
    )
    assert found.th == "ช่วงที่ลาซ้อนกับการลาอื่น (4 มี.ค. 2569 – 5 มี.ค. 2569)"
    assert found.en == "The leave overlaps another leave (4 Mar B.E. 2569 – 5 Mar B.E. 2569)"


def test_morning_and_afternoon_of_one_day_do_not_overlap() -> None:
    morning = leave(LeaveType.PERSONAL, date(2026, 3, 4), part=LeavePart.MORNING)
    afternoon = leave(LeaveType.VACATION, date(2026, 3, 4), part=LeavePart.AFTERNOON)
    assert codes(afternoon, existing_requests=[morning]) == []


# ---------------------------------------------------------------- limits


def balance(kind: LeaveType, taken: list[LeaveRequest], fiscal_year: int = 2569) -> Balance:
    return leave_balance(kind, fiscal_year, rules=CIVIL, taken=taken, calendar=THAI)


def test_vacation_beyond_the_balance_is_refused() -> None:
    used = [leave(LeaveType.VACATION, date(2026, 2, 2), date(2026, 2, 13))]  # 10 days
    request = leave(LeaveType.VACATION, date(2026, 3, 4))
    found = check_leave_request(
        request, rules=CIVIL, calendar=THAI, balances=[balance(LeaveType.VACATION, used)]
    )
    assert [item.code for item in found] == ["leave_exceeds_balance"]
    assert found[0].en == "Vacation leave: 0 days left, 1 requested"
    assert blocking(found) == found


def test_pending_requests_hold_their_days_against_the_balance() -> None:
    used = [leave(LeaveType.VACATION, date(2026, 2, 2), date(2026, 2, 6))]  # 5 approved
    pending = leave(
        LeaveType.VACATION, date(2026, 2, 9), date(2026, 2, 12), status=LeaveStatus.PENDING
    )
    request = leave(LeaveType.VACATION, date(2026, 3, 4), date(2026, 3, 5))  # 2 days, 1 left
    balances = [balance(LeaveType.VACATION, used)]
    assert codes(request, balances=balances, existing_requests=[pending]) == [
        "leave_exceeds_balance"
    ]
    one_day = leave(LeaveType.VACATION, date(2026, 3, 4))
    assert codes(one_day, balances=balances, existing_requests=[pending]) == []


def test_sick_leave_beyond_60_days_is_a_warning_not_a_refusal() -> None:
    used = [leave(LeaveType.SICK, date(2025, 10, 1), date(2025, 12, 31))]  # over 60 working days
    found = check_leave_request(
        leave(LeaveType.SICK, date(2026, 3, 4)),
        rules=CIVIL,
        calendar=THAI,
        balances=[balance(LeaveType.SICK, used)],
    )
    assert [item.code for item in found] == ["leave_exceeds_paid_limit"]
    assert blocking(found) == []


def test_request_crossing_30_september_is_checked_against_each_fiscal_year() -> None:
    request = leave(LeaveType.VACATION, date(2026, 9, 28), date(2026, 10, 2))
    used = [leave(LeaveType.VACATION, date(2026, 8, 3), date(2026, 8, 14))]  # FY 2569 used up
    balances = [balance(LeaveType.VACATION, used), balance(LeaveType.VACATION, [], 2570)]
    found = check_leave_request(request, rules=CIVIL, calendar=THAI, balances=balances)
    assert [(item.code, item.param("requested")) for item in found] == [
        ("leave_exceeds_balance", "3")
    ]


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        pytest.param(
            leave(LeaveType.MATERNITY, date(2026, 3, 1), date(2026, 5, 29)), [], id="maternity-90"
        ),
        pytest.param(
            leave(LeaveType.MATERNITY, date(2026, 3, 1), date(2026, 5, 30)),
            ["leave_exceeds_limit"],
            id="maternity-91",
        ),
        pytest.param(
            leave(LeaveType.ORDINATION_HAJJ, date(2026, 4, 1), date(2026, 7, 30)),
            ["leave_exceeds_limit"],
            id="ordination-121",
        ),
    ],
)
def test_per_occasion_limits_domain_6(request_: LeaveRequest, expected: list[str]) -> None:
    assert codes(request_) == expected


# ---------------------------------------------------------------- eligibility


BIRTH = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("start", "end", "birth", "expected"),
    [
        pytest.param(
            date(2026, 3, 2), date(2026, 3, 20), BIRTH, [], id="15-working-days-from-birth"
        ),
        pytest.param(
            date(2026, 3, 2), date(2026, 3, 23), BIRTH, ["leave_exceeds_limit"], id="16-days"
        ),
        pytest.param(date(2026, 5, 29), date(2026, 5, 29), BIRTH, [], id="day-90-after-birth"),
        pytest.param(
            date(2026, 6, 1), date(2026, 6, 1), BIRTH, ["leave_outside_birth_window"], id="late"
        ),
        pytest.param(
            date(2026, 2, 27), date(2026, 3, 2), BIRTH, ["leave_outside_birth_window"], id="before"
        ),
        pytest.param(
            date(2026, 3, 2), date(2026, 3, 2), None, ["leave_birth_date_required"], id="no-birth"
        ),
    ],
)
def test_paternity_leave_regulation_2555_clause_20(
    start: date, end: date, birth: date | None, expected: list[str]
) -> None:
    request = leave(LeaveType.PATERNITY, start, end, child_birth=birth)
    assert [m.code for m in check_leave_request(request, rules=CIVIL, calendar=PLAIN)] == expected


@pytest.mark.parametrize(
    ("service_start", "day", "expected"),
    [
        pytest.param(
            date(2025, 10, 1),
            date(2026, 3, 31),
            ["leave_vacation_before_six_months"],
            id="5-months",
        ),
        pytest.param(date(2025, 10, 1), date(2026, 4, 1), [], id="6-months"),
        pytest.param(date(2025, 9, 1), date(2025, 10, 2), [], id="next-fiscal-year-normal-rules"),
    ],
)
def test_new_entrant_vacation_leave_regulation_2555_clause_23(
    service_start: date, day: date, expected: list[str]
) -> None:
    request = leave(LeaveType.VACATION, day)
    found = check_leave_request(request, rules=CIVIL, calendar=PLAIN, service_start=service_start)
    assert [item.code for item in found] == expected


def test_ordination_needs_twelve_months_of_service() -> None:
    request = leave(LeaveType.ORDINATION_HAJJ, date(2026, 7, 1), date(2026, 8, 1))
    assert codes(request, service_start=date(2025, 7, 2)) == ["leave_service_too_short"]
    assert codes(request, service_start=date(2025, 7, 1)) == []


# ---------------------------------------------------------------- medical certificate


def test_sick_leave_of_30_days_needs_a_medical_certificate_as_a_warning() -> None:
    request = leave(LeaveType.SICK, date(2026, 1, 5), date(2026, 2, 13))  # 30 working days
    found = check_leave_request(request, rules=CIVIL, calendar=PLAIN)
    assert [item.code for item in found] == ["leave_medical_certificate_required"]
    assert found[0].code in LEAVE_WARNINGS
    assert found[0].th == "ลาป่วยติดต่อกัน 30 วัน ต้องมีใบรับรองแพทย์"
    assert codes(leave(LeaveType.SICK, date(2026, 1, 5), date(2026, 2, 12))) == []


def test_certificate_counts_sick_leaves_in_a_row_across_a_weekend() -> None:
    before = leave(LeaveType.SICK, date(2026, 1, 5), date(2026, 1, 30))  # 20 days, ends Friday
    after = leave(LeaveType.SICK, date(2026, 2, 9), date(2026, 2, 13), status=LeaveStatus.PENDING)
    request = leave(LeaveType.SICK, date(2026, 2, 2), date(2026, 2, 6))  # Monday–Friday
    found = check_leave_request(
        request, rules=CIVIL, calendar=PLAIN, existing_requests=[before, after]
    )
    assert [(m.code, m.param("days")) for m in found] == [
        ("leave_medical_certificate_required", "30")
    ]
    gap = leave(LeaveType.SICK, date(2026, 2, 3), date(2026, 2, 6))  # Monday 2 Feb worked
    assert check_leave_request(gap, rules=CIVIL, calendar=PLAIN, existing_requests=[before]) == []


# ---------------------------------------------------------------- properties

_DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
_WORKING_TYPES = st.sampled_from([LeaveType.SICK, LeaveType.PERSONAL, LeaveType.VACATION])
_ANY_TYPE = st.sampled_from(list(LeaveType))


@st.composite
def requests(draw: st.DrawFn, kinds: st.SearchStrategy[LeaveType] = _ANY_TYPE) -> LeaveRequest:
    start = draw(_DAYS)
    end = start + timedelta(days=draw(st.integers(min_value=-3, max_value=60)))
    part = draw(st.sampled_from(list(LeavePart))) if start == end else LeavePart.FULL_DAY
    return leave(draw(kinds), start, end, part)


@given(request=requests())
def test_day_counts_are_never_negative_and_never_exceed_the_calendar_span(
    request: LeaveRequest,
) -> None:
    days = leave_days(request, THAI, rules=CIVIL)
    assert D(0) <= days <= max(D(0), D((request.end - request.start).days + 1))


@given(
    kind=_ANY_TYPE,
    start=_DAYS,
    first=st.integers(min_value=1, max_value=40),
    second=st.integers(min_value=1, max_value=40),
)
def test_splitting_a_request_in_two_adjacent_ones_keeps_the_total(
    kind: LeaveType, start: date, first: int, second: int
) -> None:
    middle = start + timedelta(days=first - 1)
    end = middle + timedelta(days=second)
    whole = leave_days(leave(kind, start, end), THAI, rules=CIVIL)
    parts = leave_days(leave(kind, start, middle), THAI, rules=CIVIL) + leave_days(
        leave(kind, middle + timedelta(days=1), end), THAI, rules=CIVIL
    )
    assert whole == parts


@given(
    kind=_WORKING_TYPES,
    taken=st.lists(requests(_WORKING_TYPES), max_size=8),
    carried=st.integers(min_value=0, max_value=20).map(D),
    service_start=st.none() | _DAYS,
)
def test_taking_leave_never_raises_remaining_above_entitled_plus_carried(
    kind: LeaveType, taken: list[LeaveRequest], carried: Decimal, service_start: date | None
) -> None:
    found = leave_balance(
        kind,
        2569,
        rules=CIVIL,
        taken=taken,
        calendar=THAI,
        carried_in=carried,
        service_start=service_start,
    )
    assert found.entitled is not None
    assert found.remaining is not None
    assert D(0) <= found.remaining <= found.entitled + carried
    assert found.remaining + found.taken - found.over_limit == found.entitled + carried


@given(
    taken=st.lists(requests(st.just(LeaveType.VACATION)), max_size=10),
    service_start=st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 9, 30)),
)
def test_vacation_carried_plus_this_year_never_exceeds_the_cap(
    taken: list[LeaveRequest], service_start: date | None
) -> None:
    balances = vacation_balances(
        range(2567, 2572), rules=CIVIL, taken=taken, calendar=PLAIN, service_start=service_start
    )
    for item in balances[1:]:
        assert item.entitled is not None
        assert D(0) <= item.carried_in
        assert item.carried_in + item.entitled <= CIVIL.vacation.long_service_carry_cap
