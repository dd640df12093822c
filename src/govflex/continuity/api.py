"""REST endpoints: emergencies (list, declare, extend, end, affected people) and roll calls
(start, my open roll calls, answer, board figures, results)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from govflex.common.api_types import ObjectId
from govflex.common.errors import NotFound, field_error
from govflex.continuity.board import board, my_open_entries, roll_call_get, visible_entries
from govflex.continuity.emergencies import (
    emergency_create,
    emergency_declare,
    emergency_get,
    emergency_set_end,
)
from govflex.continuity.models import Emergency
from govflex.continuity.overlay import order_number
from govflex.continuity.rollcalls import roll_call_answer, roll_call_close, roll_call_start
from govflex.continuity.selectors import (
    emergencies_active,
    emergency_list,
    emergency_people,
    is_active,
)
from govflex.org.access import access_for
from govflex.org.models import Unit
from govflex.org.selectors import agency_or_default
from govflex.policies.models import OfficialDocument

router = Router(tags=["emergencies and roll calls"])


class EmergencyOut(Schema):
    id: int
    agency_id: int
    kind: str
    title: str
    description: str
    starts_at: dt.datetime
    end_date: dt.date | None
    unit_ids: list[ObjectId]
    order_id: int | None
    order_number: str
    status: str
    active: bool


class EmergencyIn(Schema):
    kind: str
    title: str
    starts_at: dt.datetime
    end_date: dt.date | None = None
    unit_ids: list[ObjectId] = Field(default_factory=list)
    order_id: int | None = None
    description: str = ""
    agency_id: int | None = None
    declare: bool = False


class EndIn(Schema):
    end_date: dt.date | None = None  # None: until ended (an extension)


class ActiveOut(Schema):
    emergency: EmergencyOut
    total: int
    off_site: int
    essential: int
    recalled: int
    on_leave: int


class AffectedOut(Schema):
    person_id: int
    staff_id: str
    name: str
    unit_id: int
    standing: str | None
    on_leave: bool


def _out(emergency: Emergency) -> dict[str, Any]:
    return {
        "id": emergency.pk,
        "agency_id": emergency.agency_id,
        "kind": emergency.kind,
        "title": emergency.title,
        "description": emergency.description,
        "starts_at": emergency.starts_at,
        "end_date": emergency.end_date,
        "unit_ids": [u.pk for u in emergency.units.all()],
        "order_id": emergency.order_id,
        "order_number": order_number(emergency),
        "status": emergency.status,
        "active": is_active(emergency, timezone.localdate()),
    }


@router.get("/emergencies", response=list[EmergencyOut])
def emergencies(request: HttpRequest) -> Any:
    return [_out(e) for e in emergency_list(actor=request.user)[:200]]


@router.get("/emergencies/active", response=list[ActiveOut])
def active(request: HttpRequest) -> Any:
    """Emergencies in force today with their head-counts (for dashboards)."""
    return [
        {
            "emergency": _out(a.emergency),
            "total": a.total,
            "off_site": a.off_site,
            "essential": a.essential,
            "recalled": a.recalled,
            "on_leave": a.on_leave,
        }
        for a in emergencies_active(actor=request.user)
    ]


@router.post("/emergencies", response={201: EmergencyOut})
def declare(request: HttpRequest, payload: EmergencyIn) -> Any:
    """A draft (HR or executive), or declared at once (``declare``: executives only)."""
    access = access_for(request.user)
    agency = agency_or_default(access=access, agency_id=payload.agency_id)
    units = list(Unit.objects.filter(agency=agency, pk__in=payload.unit_ids))
    if len(units) != len(set(payload.unit_ids)):
        raise field_error("unit_ids", str(NotFound.default_message))
    order = None
    if payload.order_id is not None:
        order = OfficialDocument.objects.filter(agency=agency, pk=payload.order_id).first()
        if order is None:
            raise field_error("order_id", str(NotFound.default_message))
    emergency = emergency_create(
        actor=request.user,
        agency=agency,
        kind=payload.kind,
        title=payload.title,
        starts_at=payload.starts_at,
        end_date=payload.end_date,
        units=units,
        order=order,
        description=payload.description,
        declare=payload.declare,
    )
    return Status(201, _out(emergency_get(actor=request.user, emergency_id=emergency.pk)))


@router.get("/emergencies/{emergency_id}", response=EmergencyOut)
def emergency(request: HttpRequest, emergency_id: int) -> Any:
    return _out(emergency_get(actor=request.user, emergency_id=emergency_id))


@router.post("/emergencies/{emergency_id}/declare", response=EmergencyOut)
def declare_draft(request: HttpRequest, emergency_id: int) -> Any:
    emergency_declare(actor=request.user, emergency_id=emergency_id)
    return _out(emergency_get(actor=request.user, emergency_id=emergency_id))


@router.post("/emergencies/{emergency_id}/extend", response=EmergencyOut)
def extend(request: HttpRequest, emergency_id: int, payload: EndIn) -> Any:
    """A later last day, or none (until ended)."""
    emergency_set_end(actor=request.user, emergency_id=emergency_id, end_date=payload.end_date)
    return _out(emergency_get(actor=request.user, emergency_id=emergency_id))


@router.post("/emergencies/{emergency_id}/end", response=EmergencyOut)
def end(request: HttpRequest, emergency_id: int, payload: EndIn) -> Any:
    """The last day (default today); the day after it, normal arrangements apply again."""
    emergency_set_end(
        actor=request.user,
        emergency_id=emergency_id,
        end_date=payload.end_date or timezone.localdate(),
    )
    return _out(emergency_get(actor=request.user, emergency_id=emergency_id))


@router.get("/emergencies/{emergency_id}/people", response=list[AffectedOut])
def people(request: HttpRequest, emergency_id: int, day: dt.date | None = None) -> Any:
    """Everyone in scope (that you may see) with their standing on ``day`` (default today)."""
    found = emergency_get(actor=request.user, emergency_id=emergency_id)
    rows = emergency_people(actor=request.user, emergency=found, day=day or timezone.localdate())
    return [
        {
            "person_id": r.person.pk,
            "staff_id": r.person.staff_id,
            "name": r.person.full_name_th,
            "unit_id": r.person.unit_id,
            "standing": r.standing.value if r.standing else None,
            "on_leave": r.on_leave,
        }
        for r in rows
    ]


# ---------------------------------------------------------------------------- roll calls


class RollCallIn(Schema):
    unit_id: int | None = None  # None: the whole agency (executives)
    agency_id: int | None = None
    message: str = ""
    escalate_after_minutes: int = 30
    emergency_id: int | None = None


class RollCallOut(Schema):
    id: int
    agency_id: int
    unit_id: int | None
    emergency_id: int | None
    message: str
    escalate_after_minutes: int
    started_at: dt.datetime
    closed_at: dt.datetime | None


class RollCallAnswerIn(Schema):
    answer: str  # safe_working, safe_unable, need_help
    note: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class EntryOut(Schema):
    roll_call_id: int
    person_id: int
    name: str
    unit_id: int
    answer: str
    note: str
    answered_at: dt.datetime | None
    escalated_at: dt.datetime | None
    located: bool


class TallyOut(Schema):
    total: int
    answered: int
    no_answer: int
    counts: dict[str, int]


class UnitTallyOut(TallyOut):
    unit_id: int
    unit_name: str


class BoardOut(Schema):
    roll_call: RollCallOut
    overall: TallyOut
    units: list[UnitTallyOut]
    attention: list[EntryOut]


def _rc(roll_call: Any) -> dict[str, Any]:
    return {name: getattr(roll_call, name) for name in RollCallOut.model_fields}


def _entry(entry: Any) -> dict[str, Any]:
    return {
        "roll_call_id": entry.roll_call_id,
        "person_id": entry.person_id,
        "name": entry.person.full_name_th,
        "unit_id": entry.unit_id,
        "answer": entry.answer,
        "note": entry.note,
        "answered_at": entry.answered_at,
        "escalated_at": entry.escalated_at,
        "located": entry.latitude is not None,
    }


def _tally(tally: Any) -> dict[str, Any]:
    return {
        "total": tally.total,
        "answered": tally.answered,
        "no_answer": tally.no_answer,
        "counts": dict(tally.counts),
    }


@router.post("/roll-calls", response={201: RollCallOut})
def start(request: HttpRequest, payload: RollCallIn) -> Any:
    access = access_for(request.user)
    agency = agency_or_default(access=access, agency_id=payload.agency_id)
    unit = None
    if payload.unit_id is not None:
        unit = Unit.objects.filter(agency=agency, pk=payload.unit_id).first()
        if unit is None:
            raise NotFound
    emergency = None
    if payload.emergency_id is not None:
        emergency = emergency_get(actor=request.user, emergency_id=payload.emergency_id)
    roll_call = roll_call_start(
        actor=request.user,
        agency=agency,
        unit=unit,
        message=payload.message,
        escalate_after_minutes=payload.escalate_after_minutes,
        emergency=emergency,
    )
    return Status(201, _rc(roll_call))


@router.get("/me/roll-calls", response=list[EntryOut])
def my_roll_calls(request: HttpRequest) -> Any:
    """Open roll calls waiting for (or already holding) my answer."""
    return [_entry(e) for e in my_open_entries(actor=request.user).select_related("person")]


@router.post("/roll-calls/{roll_call_id}/answer", response=EntryOut)
def answer(request: HttpRequest, roll_call_id: int, payload: RollCallAnswerIn) -> Any:
    """One tap; answering again replaces the answer (every answer is kept)."""
    entry = roll_call_answer(
        actor=request.user,
        roll_call_id=roll_call_id,
        answer=payload.answer,
        note=payload.note,
        latitude=payload.latitude,
        longitude=payload.longitude,
    )
    return _entry(entry)


@router.post("/roll-calls/{roll_call_id}/close", response=RollCallOut)
def close(request: HttpRequest, roll_call_id: int) -> Any:
    return _rc(roll_call_close(actor=request.user, roll_call_id=roll_call_id))


@router.get("/roll-calls/{roll_call_id}/board", response=BoardOut)
def board_figures(request: HttpRequest, roll_call_id: int) -> Any:
    """Counts per answer per unit; need help and no answer listed first."""
    roll_call = roll_call_get(actor=request.user, roll_call_id=roll_call_id)
    found = board(actor=request.user, roll_call=roll_call)
    return {
        "roll_call": _rc(roll_call),
        "overall": _tally(found.overall),
        "units": [
            {**_tally(line.tally), "unit_id": line.unit.pk, "unit_name": line.unit.name_th}
            for line in found.units
        ],
        "attention": [_entry(e) for e in found.attention],
    }


@router.get("/roll-calls/{roll_call_id}/results", response=list[EntryOut])
def results(request: HttpRequest, roll_call_id: int) -> Any:
    roll_call = roll_call_get(actor=request.user, roll_call_id=roll_call_id)
    return [_entry(e) for e in visible_entries(actor=request.user, roll_call=roll_call)]
