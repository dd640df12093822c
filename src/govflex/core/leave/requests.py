"""Leave requests and how many days they count (DOMAIN.md §6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Final

from govflex.core.calendar import WorkCalendar
from govflex.core.enums import LeavePart
from govflex.core.leave.rules import DayCounting, LeaveRules, LeaveType

HALF: Final = Decimal("0.5")
ZERO: Final = Decimal(0)


_CALENDAR_DAY_TYPES: Final = {
    LeaveType.MATERNITY,
    LeaveType.ORDINATION_HAJJ,
    LeaveType.STUDY_TRAINING,
}
_DEFAULT_COUNTING: Final = {
    leave_type: DayCounting.CALENDAR_DAYS
    if leave_type in _CALENDAR_DAY_TYPES
    else DayCounting.WORKING_DAYS
    for leave_type in LeaveType
}


class LeaveStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


HOLDS_DAYS: Final = frozenset({LeaveStatus.PENDING, LeaveStatus.APPROVED})
"""Requests that occupy their dates: a new request may not overlap them."""


@dataclass(frozen=True, slots=True)
class LeaveRequest:
    """A leave from ``start`` to ``end`` (both included).

    ``part`` is a half day (morning or afternoon) only when ``start == end``; an inconsistent
    request is still a value so that :func:`~govflex.core.leave.check_leave_request` can say
    what is wrong with it. ``child_birth`` is the birth date for paternity (and maternity)
    leave. ``key`` identifies a stored request, so a request is not compared with itself.
    """

    type: LeaveType
    start: date
    end: date
    part: LeavePart = LeavePart.FULL_DAY
    status: LeaveStatus = LeaveStatus.APPROVED
    child_birth: date | None = None
    key: str = ""

    @property
    def is_half_day(self) -> bool:
        return self.part is not LeavePart.FULL_DAY


def counting_of(leave_type: LeaveType, rules: LeaveRules | None = None) -> DayCounting:
    """What the rules say; without a rule, the civil-servant reading (DOMAIN.md §6)."""
    rule = None if rules is None else rules.rule(leave_type)
    return _DEFAULT_COUNTING[leave_type] if rule is None else rule.counting


def leave_days(
    request: LeaveRequest,
    calendar: WorkCalendar,
    *,
    rules: LeaveRules | None = None,
    within: tuple[date, date] | None = None,
) -> Decimal:
    """The days a request counts, never negative.

    Sick, personal and vacation leave count working days only (DOMAIN.md §6); maternity and
    ordination count calendar days — the rules say which (without ``rules``: the civil-servant
    reading, calendar days for MATERNITY, ORDINATION_HAJJ and STUDY_TRAINING). A half day counts
    0.5 of each day it covers. ``within`` (start, end) counts only the days inside that range,
    e.g. one fiscal year of a leave that crosses 30 September. A request ending before it
    starts counts 0.
    """
    start, end = request.start, request.end
    if within is not None:
        start, end = max(start, within[0]), min(end, within[1])
    if end < start:
        return ZERO
    if counting_of(request.type, rules) is DayCounting.CALENDAR_DAYS:
        days = Decimal((end - start).days + 1)
    else:
        days = Decimal(calendar.count_working_days(start, end))
    return days * HALF if request.is_half_day else days


def requests_overlap(first: LeaveRequest, second: LeaveRequest) -> bool:
    """Whether two requests claim the same time: a morning and an afternoon of one day don't."""
    if first.end < second.start or second.end < first.start:
        return False
    if first.start == first.end == second.start == second.end:
        halves = {first.part, second.part}
        return halves != {LeavePart.MORNING, LeavePart.AFTERNOON}
    return True
