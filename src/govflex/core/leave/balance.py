"""Leave balances per fiscal year and vacation carry-over (DOMAIN.md §6).

A balance counts approved leave inside one fiscal year (1 October – 30 September, named by its
Buddhist-Era year); a leave that crosses 30 September counts in each year for its own days.
"""

from __future__ import annotations

import calendar as gregorian
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from govflex.core.calendar import WorkCalendar, fiscal_year_of, fiscal_year_range
from govflex.core.leave.requests import ZERO, LeaveRequest, LeaveStatus, leave_days
from govflex.core.leave.rules import LeaveRules, LeaveType, LimitScope


@dataclass(frozen=True, slots=True)
class Balance:
    """One leave type in one fiscal year.

    ``entitled`` None: no yearly quota (a per-occasion limit, or none in the core); then
    ``remaining`` is None too. ``remaining`` never goes below zero: days taken beyond the
    quota (allowed with a warning for sick and personal leave) are in :attr:`over_limit`.
    """

    leave_type: LeaveType
    fiscal_year: int
    entitled: Decimal | None
    carried_in: Decimal
    taken: Decimal
    remaining: Decimal | None

    @property
    def over_limit(self) -> Decimal:
        if self.entitled is None:
            return ZERO
        return max(ZERO, self.taken - self.entitled - self.carried_in)


def add_months(day: date, months: int) -> date:
    """The same day-of-month ``months`` later, or the month's last day (31 Aug + 6 → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, gregorian.monthrange(year, month)[1]))


def completed_years(service_start: date, on: date) -> int:
    """Whole years of service completed on ``on`` (0 before the first anniversary)."""
    years = on.year - service_start.year
    if (on.month, on.day) < (service_start.month, service_start.day):
        years -= 1
    return max(0, years)


def vacation_allowed_from(service_start: date, rules: LeaveRules) -> date:
    """The first day a new entrant may take vacation leave in the year of appointment.

    Leave regulation 2555, ข้อ 23: no vacation leave in the fiscal year of first appointment
    before six months of service (verify clause); from the next fiscal year the usual rules apply.
    """
    return add_months(service_start, rules.vacation.new_entrant_months)


def entitlement(
    leave_type: LeaveType, fiscal_year: int, *, rules: LeaveRules, service_start: date | None
) -> Decimal | None:
    """Days a person may take in ``fiscal_year``, before carry-over (None: no yearly quota).

    In the fiscal year in which service starts: personal leave has its first-year limit
    (15 days for civil servants), and vacation leave is 10 days only if six months of service
    are completed within that fiscal year, otherwise 0. A type the rules lack gives 0.
    """
    rule = rules.rule(leave_type)
    if rule is None:
        return ZERO
    if rule.limit is None or rule.scope is LimitScope.OCCASION:
        return None
    year = fiscal_year_range(fiscal_year)
    if service_start is None or service_start < year.start:
        return rule.limit
    if service_start > year.end:
        return ZERO  # not yet in service
    if leave_type is LeaveType.VACATION:
        allowed_from = vacation_allowed_from(service_start, rules)
        return rule.limit if allowed_from <= year.end else ZERO
    return rule.limit if rule.first_year_limit is None else rule.first_year_limit


def leave_balance(
    leave_type: LeaveType,
    fiscal_year: int,
    *,
    rules: LeaveRules,
    taken: Iterable[LeaveRequest],
    calendar: WorkCalendar,
    carried_in: Decimal = ZERO,
    service_start: date | None = None,
) -> Balance:
    """The balance of one type in one fiscal year; only APPROVED requests of the type count."""
    year = fiscal_year_range(fiscal_year)
    within = (year.start, year.end)
    used = sum(
        (
            leave_days(request, calendar, rules=rules, within=within)
            for request in taken
            if request.type is leave_type and request.status is LeaveStatus.APPROVED
        ),
        ZERO,
    )
    entitled = entitlement(leave_type, fiscal_year, rules=rules, service_start=service_start)
    remaining = None if entitled is None else max(ZERO, entitled + carried_in - used)
    return Balance(leave_type, fiscal_year, entitled, carried_in, used, remaining)


def vacation_carry_over(
    previous: Balance, *, rules: LeaveRules, service_start: date | None = None
) -> Decimal:
    """Vacation days carried from ``previous`` into the next fiscal year.

    Leave regulation 2555, ข้อ 24 (verify clause): unused days accumulate, but carried days plus
    the new year's days may not exceed 20 working days, or 30 after 10 years of continuous
    service. We count the years of service on 1 October of the new fiscal year (our reading,
    configurable through ``VacationRules``).
    """
    if previous.leave_type is not LeaveType.VACATION:
        raise ValueError(f"only vacation leave is carried over, not {previous.leave_type}")
    next_year = previous.fiscal_year + 1
    cap = rules.vacation.carry_cap
    if service_start is not None:
        served = completed_years(service_start, fiscal_year_range(next_year).start)
        if served >= rules.vacation.long_service_years:
            cap = rules.vacation.long_service_carry_cap
    this_year = entitlement(LeaveType.VACATION, next_year, rules=rules, service_start=service_start)
    unused = previous.remaining or ZERO
    return max(ZERO, min(unused, cap - (this_year or ZERO)))


def vacation_balances(
    fiscal_years: Iterable[int],
    *,
    rules: LeaveRules,
    taken: Iterable[LeaveRequest],
    calendar: WorkCalendar,
    service_start: date | None = None,
    carried_in: Decimal = ZERO,
) -> tuple[Balance, ...]:
    """Vacation balances of consecutive fiscal years, each carrying into the next.

    ``carried_in`` is what the first year brings (e.g. from the agency's previous system).
    """
    requests = [request for request in taken if request.type is LeaveType.VACATION]
    balances: list[Balance] = []
    for fiscal_year in fiscal_years:
        if balances:
            if fiscal_year != balances[-1].fiscal_year + 1:
                raise ValueError(f"fiscal years must be consecutive: {fiscal_year}")
            carried_in = vacation_carry_over(balances[-1], rules=rules, service_start=service_start)
        balances.append(
            leave_balance(
                LeaveType.VACATION,
                fiscal_year,
                rules=rules,
                taken=requests,
                calendar=calendar,
                carried_in=carried_in,
                service_start=service_start,
            )
        )
    return tuple(balances)


def fiscal_years_of(request: LeaveRequest) -> range:
    """The fiscal years a request touches (one, or two when it crosses 30 September)."""
    first = fiscal_year_of(request.start)
    return range(first, max(first, fiscal_year_of(request.end)) + 1)
