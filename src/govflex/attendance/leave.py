"""Leave requests, approvals, balances and imports, judged by the rules core (govflex.core.leave).

The staff category decides the rules: civil servants follow the Leave regulation 2555 table;
the other categories use the government-employee table until the agency configures its own.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.attendance.models import Leave, LeaveOpening
from govflex.attendance.services import day_result_refresh
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, Conflict, NotFound, ValidationFailed, refusal
from govflex.core.calendar import fiscal_year_of
from govflex.core.enums import LeavePart
from govflex.core.leave import (
    Balance,
    LeaveRequest,
    LeaveRules,
    LeaveStatus,
    LeaveType,
    blocking,
    check_leave_request,
    default_civil_servant_rules,
    default_government_employee_rules,
    leave_balance,
    leave_days,
    vacation_balances,
)
from govflex.core.messages import Message
from govflex.org.access import Access, access_for
from govflex.org.models import Person, Role, StaffCategory
from govflex.org.supervision import decidable, may_decide_for
from govflex.policies.selectors import unit_calendar

# How many fiscal years back vacation carry-over is chained when computing a balance.
CARRY_YEARS = 3


def rules_for(person: Person) -> LeaveRules:
    if person.staff_category == StaffCategory.CIVIL_SERVANT:
        return default_civil_servant_rules()
    return default_government_employee_rules()


def _core(leave: Leave) -> LeaveRequest:
    return LeaveRequest(
        type=LeaveType(leave.leave_type),
        start=leave.start,
        end=leave.end,
        part=LeavePart(leave.part),
        status=LeaveStatus(leave.status),
        child_birth=leave.child_birth,
        key=str(leave.pk or ""),
    )


def balances(*, person: Person, fiscal_year: int) -> list[Balance]:
    """Every leave type's balance for the person in a fiscal year (Buddhist Era)."""
    rules = rules_for(person)
    calendar = unit_calendar(agency_id=person.agency_id, unit_id=person.unit_id)
    taken = [_core(leave) for leave in Leave.objects.filter(person=person)]
    opening = LeaveOpening.objects.filter(person=person).order_by("fiscal_year").first()
    first = max(fiscal_year - CARRY_YEARS, opening.fiscal_year if opening else 0)
    carried = (
        opening.vacation_carried_in if opening and opening.fiscal_year == first else Decimal(0)
    )
    result = []
    for leave_type in rules.types:
        if leave_type is LeaveType.VACATION:
            chain = vacation_balances(
                range(first, fiscal_year + 1),
                rules=rules,
                taken=taken,
                calendar=calendar,
                service_start=person.start_date,
                carried_in=carried,
            )
            result.append(chain[-1])
        else:
            result.append(
                leave_balance(
                    leave_type,
                    fiscal_year,
                    rules=rules,
                    taken=taken,
                    calendar=calendar,
                    service_start=person.start_date,
                )
            )
    return result


def _check(person: Person, request: LeaveRequest) -> tuple[list[Message], list[Message]]:
    rules = rules_for(person)
    calendar = unit_calendar(agency_id=person.agency_id, unit_id=person.unit_id)
    existing = [_core(leave) for leave in Leave.objects.filter(person=person)]
    years = {fiscal_year_of(request.start), fiscal_year_of(request.end)}
    held = [b for year in sorted(years) for b in balances(person=person, fiscal_year=year)]
    found = check_leave_request(
        request,
        rules=rules,
        calendar=calendar,
        existing_requests=existing,
        balances=held,
        service_start=person.start_date,
    )
    stop = blocking(found)
    return stop, [m for m in found if m not in stop]


@transaction.atomic
def leave_request(
    *,
    actor: Any,
    person: Person,
    leave_type: str,
    start: dt.date,
    end: dt.date,
    part: str = LeavePart.FULL_DAY,
    reason: str = "",
    child_birth: dt.date | None = None,
) -> Leave:
    access = access_for(actor)
    access.require(access.person_id == person.pk or access.has_role(person.agency_id, Role.HR))
    if leave_type not in {t.value for t in LeaveType}:
        raise ValidationFailed(details={"fields": {"leave_type": [_("Choose a leave type.")]}})
    # Serialise requests of one person, so two at once cannot both take the last days.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    request = LeaveRequest(
        LeaveType(leave_type), start, end, LeavePart(part), LeaveStatus.PENDING, child_birth
    )
    stop, warnings = _check(person, request)
    if stop:
        raise refusal(stop)
    calendar = unit_calendar(agency_id=person.agency_id, unit_id=person.unit_id)
    leave = Leave.objects.create(
        person=person,
        leave_type=leave_type,
        start=start,
        end=end,
        part=part,
        child_birth=child_birth,
        reason=reason.strip(),
        days=leave_days(request, calendar, rules=rules_for(person)),
        warnings=[{"code": w.code, "th": w.th, "en": w.en} for w in warnings],
    )
    audit_record(
        actor=actor,
        action="leave.request",
        target=leave,
        agency_id=person.agency_id,
        after={"type": leave_type, "start": start, "end": end, "part": part, "days": leave.days},
    )
    return leave


def _reevaluate(leave: Leave) -> None:
    person, start, end = leave.person, leave.start, leave.end

    def run() -> None:
        day = start
        while day <= end:
            day_result_refresh(person=person, day=day)
            day += dt.timedelta(days=1)

    transaction.on_commit(run)


@transaction.atomic
def leave_decide(*, actor: Any, leave: Leave, approve: bool, note: str = "") -> Leave:
    leave = Leave.objects.select_for_update().select_related("person__unit").get(pk=leave.pk)
    if not may_decide_for(access_for(actor), leave.person):
        raise AccessDenied(_("Only the person's supervisor or HR can decide this leave."))
    if leave.status != Leave.Status.PENDING:
        raise Conflict(_("This leave was already decided or cancelled."))
    if not approve and not note.strip():
        raise ValidationFailed(details={"fields": {"note": [_("Give the reason for rejecting.")]}})
    if approve:
        # Balances may have changed since the request: check again before approving.
        stop, _warnings = _check(leave.person, _core(leave))
        if stop:
            raise refusal(stop)
    leave.status = Leave.Status.APPROVED if approve else Leave.Status.REJECTED
    leave.decided_by, leave.decided_at = actor, timezone.now()
    leave.decision_note = note.strip()
    leave.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_record(
        actor=actor,
        action="leave.approve" if approve else "leave.reject",
        target=leave,
        agency_id=leave.person.agency_id,
        after={"status": leave.status, "note": leave.decision_note},
    )
    if approve:
        _reevaluate(leave)
    return leave


@transaction.atomic
def leave_cancel(*, actor: Any, leave: Leave) -> Leave:
    """The person cancels a pending leave, or an approved one not yet begun; HR any approved."""
    leave = Leave.objects.select_for_update().select_related("person__unit").get(pk=leave.pk)
    access = access_for(actor)
    own = access.person_id == leave.person_id
    hr = access.has_role(leave.person.agency_id, Role.HR)
    if not (own or hr):
        # Out of scope answers as if the leave did not exist (no ID probing across agencies).
        raise AccessDenied if access.can_view_person(leave.person) else NotFound
    if leave.status not in {Leave.Status.PENDING, Leave.Status.APPROVED}:
        raise Conflict(_("This leave is not active."))
    if (
        own
        and not hr
        and leave.status == Leave.Status.APPROVED
        and leave.start <= timezone.localdate()
    ):
        raise Conflict(_("A leave that has begun can only be cancelled by HR."))
    was_approved = leave.status == Leave.Status.APPROVED
    leave.status = Leave.Status.CANCELLED
    leave.save(update_fields=["status"])
    audit_record(actor=actor, action="leave.cancel", target=leave, agency_id=leave.person.agency_id)
    if was_approved:
        _reevaluate(leave)
    return leave


def leaves_to_decide(*, access: Access) -> QuerySet[Leave]:
    return (
        Leave.objects.filter(status=Leave.Status.PENDING)
        .filter(decidable(access))
        .select_related("person__unit")
        .order_by("start")
    )
