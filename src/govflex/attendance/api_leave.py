"""REST endpoints for leave: request, list, balances, decide, cancel, import."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from govflex.attendance.leave import (
    balances,
    leave_cancel,
    leave_decide,
    leave_request,
    leaves_to_decide,
)
from govflex.attendance.leave_import import leave_import
from govflex.attendance.models import Leave
from govflex.common.errors import NotFound
from govflex.common.pagination import Pagination
from govflex.core.calendar import fiscal_year_of
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import agency_or_default, own_person, person_get

router = Router(tags=["leave"])


class LeaveIn(Schema):
    leave_type: str
    start: dt.date
    end: dt.date
    part: str = "full_day"
    reason: str = ""
    child_birth: dt.date | None = None


class LeaveOut(Schema):
    id: int
    person_id: int
    leave_type: str
    start: dt.date
    end: dt.date
    part: str
    days: Decimal
    status: str
    reason: str
    warnings: list[dict[str, str]]
    decision_note: str


class BalanceOut(Schema):
    leave_type: str
    fiscal_year: int
    entitled: Decimal | None
    carried_in: Decimal
    taken: Decimal
    remaining: Decimal | None


class DecisionIn(Schema):
    approve: bool
    note: str = ""


def _me(request: HttpRequest) -> Person:
    access = access_for(request.user)
    person = own_person(access=access)
    if person is None:
        raise NotFound
    return person


@router.post("/leave", response={201: LeaveOut}, summary="Request leave")
def request_leave(request: HttpRequest, payload: LeaveIn) -> Any:
    leave = leave_request(actor=request.user, person=_me(request), **payload.dict())
    return Status(201, leave)


@router.get("/leave", response=list[LeaveOut], summary="My leave")
@paginate(Pagination)
def my_leave(request: HttpRequest) -> Any:
    return Leave.objects.filter(person=_me(request))


@router.get("/leave/pending", response=list[LeaveOut], summary="Leave waiting for my decision")
@paginate(Pagination)
def pending_leave(request: HttpRequest) -> Any:
    return leaves_to_decide(access=access_for(request.user))


@router.get("/leave/balances", response=list[BalanceOut], summary="Leave balances")
def leave_balances(
    request: HttpRequest,
    person: int | None = None,
    # A Buddhist-Era year; one outside the calendar's range answered 500 (docs/reliability.md).
    fiscal_year: Annotated[int | None, Field(ge=2400, le=2800)] = None,
) -> Any:
    """A person in scope (default: me); fiscal year in the Buddhist Era (default: current)."""
    target = (
        person_get(access=access_for(request.user), person_id=person) if person else _me(request)
    )
    year = fiscal_year or fiscal_year_of(timezone.localdate())
    return [
        {
            "leave_type": b.leave_type.value,
            "fiscal_year": b.fiscal_year,
            "entitled": b.entitled,
            "carried_in": b.carried_in,
            "taken": b.taken,
            "remaining": b.remaining,
        }
        for b in balances(person=target, fiscal_year=year)
    ]


@router.post("/leave/{leave_id}/decision", response=LeaveOut)
def decide_leave(request: HttpRequest, leave_id: int, payload: DecisionIn) -> Any:
    leave = leaves_to_decide(access=access_for(request.user)).filter(pk=leave_id).first()
    if leave is None:
        raise NotFound
    return leave_decide(actor=request.user, leave=leave, approve=payload.approve, note=payload.note)


@router.post("/leave/{leave_id}/cancel", response=LeaveOut)
def cancel_leave(request: HttpRequest, leave_id: int) -> Any:
    leave = Leave.objects.filter(pk=leave_id).first()
    if leave is None:
        raise NotFound
    return leave_cancel(actor=request.user, leave=leave)


class ImportOut(Schema):
    rows: int
    created: int
    duplicates: int


@router.post("/leave/import", response=ImportOut, summary="Import approved leave (CSV)")
def import_leave(
    request: HttpRequest, file: File[UploadedFile], agency_id: Form[int | None] = None
) -> Any:
    access = access_for(request.user)
    agency = agency_or_default(access=access, agency_id=agency_id)
    return leave_import(actor=request.user, agency=agency, content=file.read())
