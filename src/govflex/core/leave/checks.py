"""Checking a leave request before it goes to the supervisor (DOMAIN.md §6).

Returns every reason at once, in Thai and English. Codes in :data:`LEAVE_WARNINGS` inform the
requester and the approver but do not block the request; every other code does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Final

from govflex.core.calendar import WorkCalendar, fiscal_year_of, fiscal_year_range
from govflex.core.enums import LeavePart
from govflex.core.leave.balance import (
    Balance,
    add_months,
    fiscal_years_of,
    vacation_allowed_from,
)
from govflex.core.leave.requests import (
    HOLDS_DAYS,
    ZERO,
    LeaveRequest,
    LeaveStatus,
    leave_days,
    requests_overlap,
)
from govflex.core.leave.rules import (
    LEAVE_TYPE_NAMES,
    LeaveRules,
    LeaveType,
    LeaveTypeRule,
    LimitScope,
)
from govflex.core.messages import Message, ParamValue, message
from govflex.core.thaidate import format_date

LEAVE_WARNINGS: Final = frozenset(
    {"leave_medical_certificate_required", "leave_exceeds_paid_limit"}
)
_CONSECUTIVE_GAP_LIMIT: Final = 14  # days; a longer gap always holds a working day


def blocking(messages: Iterable[Message]) -> list[Message]:
    """The messages that stop a request (everything but :data:`LEAVE_WARNINGS`)."""
    return [item for item in messages if item.code not in LEAVE_WARNINGS]


def check_leave_request(
    request: LeaveRequest,
    *,
    rules: LeaveRules,
    calendar: WorkCalendar,
    existing_requests: Iterable[LeaveRequest] = (),
    balances: Iterable[Balance] = (),
    service_start: date | None = None,
) -> list[Message]:
    """Reasons to refuse or flag ``request``.

    ``existing_requests`` are the person's other requests (any status: only pending and
    approved ones count; one with the same non-empty ``key`` is the request itself).
    ``balances`` are the person's balances of the fiscal years concerned, computed from
    approved requests; pending requests of the same type are taken off what remains. A year
    without a balance is not checked against a quota.
    """
    rule = rules.rule(request.type)
    if rule is None:
        return [message("leave_type_not_available", path="type", **_names(request.type))]
    if request.end < request.start:
        return [message("leave_end_before_start", path="end")]
    found: list[Message] = []
    if request.is_half_day and request.start != request.end:
        found.append(message("leave_half_day_multi_day", path="part"))
    elif request.is_half_day and not rule.half_days:
        found.append(message("leave_half_day_not_allowed", path="part", **_names(request.type)))
    days = leave_days(request, calendar, rules=rules)
    if days == ZERO:
        found.append(message("leave_no_working_day", path="start"))
    others = [
        other
        for other in existing_requests
        if other.status in HOLDS_DAYS and not (request.key and other.key == request.key)
    ]
    found.extend(
        message(
            "leave_overlaps",
            path="start",
            **_dates("start", other.start),
            **_dates("end", other.end),
        )
        for other in others
        if requests_overlap(request, other)
    )
    found.extend(_limits(request, rule, days, others, list(balances), calendar, rules))
    found.extend(_eligibility(request, rule, rules, service_start))
    if rule.certificate_from is not None:
        run = _consecutive_days(request, days, others, calendar, rules)
        if run >= rule.certificate_from:
            found.append(message("leave_medical_certificate_required", days=_number(run)))
    return found


def _limits(
    request: LeaveRequest,
    rule: LeaveTypeRule,
    days: Decimal,
    others: list[LeaveRequest],
    balances: list[Balance],
    calendar: WorkCalendar,
    rules: LeaveRules,
) -> list[Message]:
    """A per-occasion limit, or the quota of each fiscal year the request touches."""
    over_code = "leave_exceeds_balance" if rule.over_limit_refused else "leave_exceeds_paid_limit"
    if rule.scope is LimitScope.OCCASION:
        if rule.limit is not None and days > rule.limit:
            code = "leave_exceeds_limit" if rule.over_limit_refused else over_code
            limit = _number(rule.limit)
            return [
                message(
                    code,
                    path="end",
                    limit=limit,
                    remaining=limit,
                    requested=_number(days),
                    **_names(request.type),
                )
            ]
        return []
    found: list[Message] = []
    for fiscal_year in fiscal_years_of(request):
        balance = next(
            (
                item
                for item in balances
                if item.leave_type is request.type and item.fiscal_year == fiscal_year
            ),
            None,
        )
        if balance is None or balance.remaining is None:
            continue
        year = fiscal_year_range(fiscal_year)
        within = (year.start, year.end)
        pending = sum(
            (
                leave_days(other, calendar, rules=rules, within=within)
                for other in others
                if other.type is request.type and other.status is LeaveStatus.PENDING
            ),
            ZERO,
        )
        available = max(ZERO, balance.remaining - pending)
        requested = leave_days(request, calendar, rules=rules, within=within)
        if requested > available:
            found.append(
                message(
                    over_code,
                    path="end",
                    remaining=_number(available),
                    requested=_number(requested),
                    **_names(request.type),
                )
            )
    return found


def _eligibility(
    request: LeaveRequest, rule: LeaveTypeRule, rules: LeaveRules, service_start: date | None
) -> list[Message]:
    found: list[Message] = []
    if rule.window_after_birth is not None:
        # Leave regulation 2555, ข้อ 20: within the window counted from the birth (verify).
        birth = request.child_birth
        if birth is None:
            found.append(message("leave_birth_date_required", path="child_birth"))
        elif request.start < birth or request.end > birth + timedelta(days=rule.window_after_birth):
            found.append(
                message(
                    "leave_outside_birth_window",
                    path="start",
                    days=rule.window_after_birth,
                    **_dates("birth", birth),
                )
            )
    if service_start is None:
        return found
    if rule.min_service_months:
        allowed = add_months(service_start, rule.min_service_months)
        if request.start < allowed:
            found.append(
                message(
                    "leave_service_too_short",
                    path="start",
                    months=rule.min_service_months,
                    **_names(request.type),
                )
            )
    if request.type is LeaveType.VACATION and fiscal_year_of(request.start) == fiscal_year_of(
        service_start
    ):
        allowed = vacation_allowed_from(service_start, rules)
        if request.start < allowed:
            found.append(
                message(
                    "leave_vacation_before_six_months",
                    path="start",
                    months=rules.vacation.new_entrant_months,
                    **_dates("allowed", allowed),
                )
            )
    return found


def _consecutive_days(
    request: LeaveRequest,
    days: Decimal,
    others: list[LeaveRequest],
    calendar: WorkCalendar,
    rules: LeaveRules,
) -> Decimal:
    """Days of the request plus same-type full-day leave right before or after it.

    Leave regulation 2555, ข้อ 18 (verify clause): the certificate threshold applies to one leave
    or several in a row; leaves are in a row when no working day lies between them.
    """
    pool = [
        other for other in others if other.type is request.type and other.part is LeavePart.FULL_DAY
    ]
    start, end, total = request.start, request.end, days
    extended = True
    while extended:
        extended = False
        for other in list(pool):
            if _in_a_row(other.end, start, calendar) or _in_a_row(end, other.start, calendar):
                pool.remove(other)
                total += leave_days(other, calendar, rules=rules)
                start, end = min(start, other.start), max(end, other.end)
                extended = True
    return total


def _in_a_row(first_end: date, second_start: date, calendar: WorkCalendar) -> bool:
    gap_start, gap_end = first_end + timedelta(days=1), second_start - timedelta(days=1)
    if gap_end < gap_start:
        return gap_start == second_start  # touching, not overlapping
    if (gap_end - gap_start).days > _CONSECUTIVE_GAP_LIMIT:
        return False
    return calendar.count_working_days(gap_start, gap_end) == 0


def _names(leave_type: LeaveType) -> dict[str, ParamValue]:
    th, en = LEAVE_TYPE_NAMES[leave_type]
    return {"type_th": th, "type_en": en}


def _dates(name: str, day: date) -> dict[str, ParamValue]:
    return {f"{name}_th": format_date(day), f"{name}_en": format_date(day, lang="en")}


def _number(value: Decimal) -> str:
    """``60``, ``1.5`` (no exponent, no trailing zeros)."""
    return format(value.normalize(), "f")
