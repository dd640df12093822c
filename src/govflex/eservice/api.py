"""REST endpoints of the e-service: the staff side (queues, requests, actions, the catalogue)
and one public endpoint, the status of a request by its tracking code (no sign-in)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from govflex.common.errors import NotFound
from govflex.common.pagination import Pagination
from govflex.core.eservice.flow import Action
from govflex.core.eservice.tracking import display
from govflex.eservice import ratelimit
from govflex.eservice.catalogue import service_for_staff, services_for_staff
from govflex.eservice.clock import Contexts, clock_view
from govflex.eservice.intake import request_track
from govflex.eservice.models import ServiceRequest
from govflex.eservice.queue import (
    queue,
    request_act,
    request_for_staff,
    request_history,
    request_note,
)
from govflex.org.access import access_for
from govflex.org.selectors import default_agency

router = Router(tags=["e-service"])


class ClockOut(Schema):
    state: str
    due_at: dt.datetime
    remaining_minutes: int
    text: str


class EServiceRequestOut(Schema):
    id: int
    tracking_code: str
    service_id: int
    service_name_th: str
    unit_id: int
    status: str
    applicant_name: str
    submitted_at: dt.datetime
    due_at: dt.datetime
    closed_at: dt.datetime | None
    sla_met: bool | None
    clock: ClockOut


class FileOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


class EventOut(Schema):
    kind: str
    at: dt.datetime
    actor: str | None
    status_after: str
    public_message: str
    note: str


class EServiceRequestDetailOut(EServiceRequestOut):
    applicant_email: str
    applicant_phone: str
    privacy_version: int
    privacy_accepted_at: dt.datetime
    form: list[dict[str, Any]]
    answers: dict[str, str]
    files: list[FileOut]
    history: list[EventOut]


class ActIn(Schema):
    message: str = ""


class NoteIn(Schema):
    text: str


class ServiceOut(Schema):
    id: int
    agency_id: int
    unit_id: int
    code: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    sla_amount: int
    sla_unit: str
    form_fields: list[dict[str, Any]]
    max_files: int
    max_file_mb: int
    files_required: bool
    active: bool


class PublicEventOut(Schema):
    kind: str
    label: str
    at: dt.datetime
    message: str


class PublicStatusOut(Schema):
    tracking_code: str
    agency_name_th: str
    agency_name_en: str
    service_name_th: str
    service_name_en: str
    status: str
    status_label: str
    submitted_at: dt.datetime
    due_at: dt.datetime
    closed_at: dt.datetime | None
    waiting_for_citizen: bool
    question: str
    history: list[PublicEventOut]


def _out(request: ServiceRequest, contexts: Contexts) -> dict[str, Any]:
    clock = clock_view(request, contexts=contexts)
    return {
        "id": request.pk,
        "tracking_code": display(request.tracking_code),
        "service_id": request.service_id,
        "service_name_th": request.service.name_th,
        "unit_id": request.unit_id,
        "status": request.status,
        "applicant_name": request.applicant_name,
        "submitted_at": request.submitted_at,
        "due_at": request.due_at,
        "closed_at": request.closed_at,
        "sla_met": request.sla_met,
        "clock": clock.__dict__,
    }


def _detail(request: ServiceRequest) -> dict[str, Any]:
    base = _out(request, Contexts(day=timezone.localdate()))
    return {
        **base,
        "applicant_email": request.applicant_email,
        "applicant_phone": request.applicant_phone,
        "privacy_version": request.privacy_version,
        "privacy_accepted_at": request.privacy_accepted_at,
        "form": request.form_snapshot,
        "answers": request.answers,
        "files": [
            {
                "id": f.pk,
                "name": f.original_name,
                "content_type": f.content_type,
                "size": f.size,
                "uploaded_at": f.uploaded_at,
            }
            for f in request.files.all()
        ],
        "history": [
            {
                "kind": e.kind,
                "at": e.at,
                "actor": e.actor.username if e.actor else None,
                "status_after": e.status_after,
                "public_message": e.public_message,
                "note": e.note,
            }
            for e in request_history(request)
        ],
    }


@router.get("/eservice/requests", response=list[EServiceRequestOut])
@paginate(Pagination)
def list_requests(
    request: HttpRequest,
    status: str = "",
    service_id: int | None = None,
    overdue: bool = False,
) -> Any:
    """Requests in your queues, soonest due first. ``status``: a status or ``open``;
    ``overdue``: open, clock running and past due."""
    contexts = Contexts(day=timezone.localdate())
    rows = queue(actor=request.user, status=status, service_id=service_id, overdue=overdue)
    return _Mapped(rows, contexts)


class _Mapped:
    """A queryset that the paginator slices, mapped to the output after slicing."""

    def __init__(self, rows: Any, contexts: Contexts) -> None:
        self.rows, self.contexts = rows, contexts

    def count(self) -> int:
        return int(self.rows.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        return [_out(r, self.contexts) for r in self.rows[index]]


@router.get("/eservice/requests/{request_id}", response=EServiceRequestDetailOut)
def get_request(request: HttpRequest, request_id: int) -> Any:
    """A request with the citizen's answers, the documents and the whole history."""
    return _detail(request_for_staff(actor=request.user, request_id=request_id))


def _act(request: HttpRequest, request_id: int, action: Action, message: str) -> Any:
    request_act(actor=request.user, request_id=request_id, action=action, message=message)
    return _detail(request_for_staff(actor=request.user, request_id=request_id))


@router.post("/eservice/requests/{request_id}/accept", response=EServiceRequestDetailOut)
def accept(request: HttpRequest, request_id: int, payload: ActIn) -> Any:
    """Accept and start (also: start again after asking the citizen)."""
    return _act(request, request_id, Action.ACCEPT, payload.message)


@router.post("/eservice/requests/{request_id}/ask-info", response=EServiceRequestDetailOut)
def ask_info(request: HttpRequest, request_id: int, payload: ActIn) -> Any:
    """Ask the citizen for more (``message`` required); the SLA clock stops until they answer."""
    return _act(request, request_id, Action.ASK_INFO, payload.message)


@router.post("/eservice/requests/{request_id}/complete", response=EServiceRequestDetailOut)
def complete(request: HttpRequest, request_id: int, payload: ActIn) -> Any:
    return _act(request, request_id, Action.COMPLETE, payload.message)


@router.post("/eservice/requests/{request_id}/reject", response=EServiceRequestDetailOut)
def reject(request: HttpRequest, request_id: int, payload: ActIn) -> Any:
    """Reject with the reason (``message``, required), which the citizen sees."""
    return _act(request, request_id, Action.REJECT, payload.message)


@router.post("/eservice/requests/{request_id}/notes", response={201: EventOut})
def note(request: HttpRequest, request_id: int, payload: NoteIn) -> Any:
    """An internal note (never shown to the citizen)."""
    event = request_note(actor=request.user, request_id=request_id, text=payload.text)
    body = {
        "kind": event.kind,
        "at": event.at,
        "actor": request.user.get_username(),
        "status_after": event.status_after,
        "public_message": "",
        "note": event.note,
    }
    return Status(201, body)


@router.get("/eservice/services", response=list[ServiceOut])
def list_services(request: HttpRequest, agency_id: int | None = None) -> Any:
    """The agency's catalogue (your own agency unless ``agency_id``)."""
    access = access_for(request.user)
    if agency_id is None:
        agency = default_agency(access=access)
        if agency is None:
            raise NotFound
        agency_id = agency.pk
    return list(services_for_staff(access=access, agency_id=agency_id))


@router.get("/eservice/services/{service_id}", response=ServiceOut)
def get_service(request: HttpRequest, service_id: int) -> Any:
    return service_for_staff(access=access_for(request.user), service_id=service_id)


@router.get("/public/eservice/status/{code}", response=PublicStatusOut, auth=None)
def public_status(request: HttpRequest, code: str) -> Any:
    """The status of a request by its tracking code (no sign-in; rate-limited per address).

    A malformed code (wrong length, characters or check character) answers 422
    ``tracking_code_invalid`` with what to check; a well-formed code that matches nothing
    answers 404, always the same. Never the citizen's data or internal notes.
    """
    found = request_track(raw_code=code, throttle=lambda: ratelimit.require("track", request))
    return {
        **found.__dict__,
        "tracking_code": display(found.tracking_code),
        "history": [
            {"kind": m.kind, "label": m.label, "at": m.at, "message": m.text} for m in found.history
        ],
    }
