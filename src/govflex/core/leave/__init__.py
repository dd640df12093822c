"""Leave: types, limits per staff category, day counts, balances per fiscal year, checks.

Rules (see docs/domain/leave.md; DOMAIN.md §6; the citation of each number is in
:mod:`govflex.core.leave.rules`):

- Leave is counted per fiscal year (1 October – 30 September). Sick, personal and vacation
  leave count working days only; maternity and ordination/Hajj leave count calendar days.
- Half days (morning or afternoon) count 0.5 and exist for one-day requests only.
- Civil servants: sick 60 paid working days a year, a medical certificate from 30 days in a row;
  maternity 90 days; helping a wife after birth 15 working days within a window after the
  birth (90 days by default; sources differ — configurable); personal 45 working days (15 in the
  first year of service); vacation 10 working days, carried over up to 20 in total (30 after 10
  years of service), none in the year of first appointment before six months of service;
  ordination/Hajj 120 days. Government employees and other categories have their own tables.
- The core never reads the clock: the caller passes the requests, the calendar, the service
  start and the balances.
"""

from __future__ import annotations

from govflex.core.leave.balance import (
    Balance,
    add_months,
    completed_years,
    entitlement,
    fiscal_years_of,
    leave_balance,
    vacation_allowed_from,
    vacation_balances,
    vacation_carry_over,
)
from govflex.core.leave.checks import LEAVE_WARNINGS, blocking, check_leave_request
from govflex.core.leave.requests import (
    HOLDS_DAYS,
    LeaveRequest,
    LeaveStatus,
    counting_of,
    leave_days,
    requests_overlap,
)
from govflex.core.leave.rules import (
    LEAVE_TYPE_NAMES,
    DayCounting,
    LeaveRules,
    LeaveType,
    LeaveTypeRule,
    LimitScope,
    VacationRules,
    default_civil_servant_rules,
    default_government_employee_rules,
)

__all__ = [
    "HOLDS_DAYS",
    "LEAVE_TYPE_NAMES",
    "LEAVE_WARNINGS",
    "Balance",
    "DayCounting",
    "LeaveRequest",
    "LeaveRules",
    "LeaveStatus",
    "LeaveType",
    "LeaveTypeRule",
    "LimitScope",
    "VacationRules",
    "add_months",
    "blocking",
    "check_leave_request",
    "completed_years",
    "counting_of",
    "default_civil_servant_rules",
    "default_government_employee_rules",
    "entitlement",
    "fiscal_years_of",
    "leave_balance",
    "leave_days",
    "requests_overlap",
    "vacation_allowed_from",
    "vacation_balances",
    "vacation_carry_over",
]
