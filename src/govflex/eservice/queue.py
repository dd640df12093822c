"""The staff side: each request waits in the queue of its service's unit and is worked by the
people of that unit's subtree, the supervisors above it, and the agency's HR officers and
executives — from anywhere. Every action is audited; status changes are e-mailed to the
citizen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import NotFound, ValidationFailed, field_error, in_language
from govflex.core.eservice.flow import CLOCK_RUNS, CLOSED, OPEN, Action, FlowRefused, Status
from govflex.core.eservice.flow import next_status as flow_next
from govflex.core.sla import due_after_pause
from govflex.eservice.clock import clock_context
from govflex.eservice.mail import email_on_commit
from govflex.eservice.models import RequestEvent, RequestFile, ServiceRequest
from govflex.org.access import Access, access_for
from govflex.org.models import Person, Role

MAX_TEXT = 5000
EVENT_OF = {
    Action.ACCEPT: RequestEvent.Kind.ACCEPTED,
    Action.ASK_INFO: RequestEvent.Kind.INFO_REQUESTED,
    Action.COMPLETE: RequestEvent.Kind.COMPLETED,
    Action.REJECT: RequestEvent.Kind.REJECTED,
}


def _own_unit_ids(access: Access) -> list[int]:
    """The units whose queues a person works: their own unit and every unit above it."""
    if access.person_id is None:
        return []
    path = Person.objects.filter(pk=access.person_id).values_list("unit__path", flat=True).first()
    return [int(part) for part in (path or "").strip("/").split("/") if part]


def scope(access: Access) -> Q:
    """Q over ServiceRequest for the queues the user works."""
    if access.is_admin:
        return Q()
    condition = Q(pk__in=[])
    agencies = [a for a in access.roles if access.has_role(a, Role.HR, Role.EXECUTIVE)]
    if agencies:
        condition |= Q(agency_id__in=agencies)
    for agency_id, paths in access.supervised_paths.items():
        for path in paths:
            condition |= Q(agency_id=agency_id, unit__path__startswith=path)
    units = _own_unit_ids(access)
    if units:
        condition |= Q(agency_id=access.home_agency_id, unit_id__in=units)
    return condition


def queue(
    *,
    actor: Any,
    status: str = "",
    service_id: int | None = None,
    overdue: bool = False,
    now: dt.datetime | None = None,
) -> QuerySet[ServiceRequest]:
    """Requests in the user's queues, soonest due first; ``overdue``: open, clock running, late."""
    rows = ServiceRequest.objects.filter(scope(access_for(actor))).select_related("service", "unit")
    if status == "open":
        rows = rows.filter(status__in=[s.value for s in OPEN])
    elif status:
        rows = rows.filter(status=status)
    if service_id is not None:
        rows = rows.filter(service_id=service_id)
    if overdue:
        rows = rows.filter(
            status__in=[s.value for s in CLOCK_RUNS], due_at__lt=now or timezone.now()
        )
    return rows.order_by("due_at", "pk")


def request_for_staff(*, actor: Any, request_id: int) -> ServiceRequest:
    found = (
        ServiceRequest.objects.filter(scope(access_for(actor)), pk=request_id)
        .select_related("service", "unit", "agency")
        .first()
    )
    if found is None:
        raise NotFound
    return found


def request_history(request: ServiceRequest) -> QuerySet[RequestEvent]:
    return request.events.select_related("actor").prefetch_related("files").order_by("at", "pk")


def file_for_staff(*, actor: Any, file_id: int) -> RequestFile:
    row = RequestFile.objects.select_related("request").filter(pk=file_id).first()
    if row is None:
        raise NotFound
    request_for_staff(actor=actor, request_id=row.request_id)
    return row


def _text_required(action: Action, message: str) -> None:
    if action is Action.ASK_INFO and not message:
        raise field_error("message", _("Say what the citizen should send or explain."))
    if action is Action.REJECT and not message:
        raise field_error("message", _("Give the reason for rejecting the request."))
    if len(message) > MAX_TEXT:
        raise field_error("message", _("The message is at most 5,000 characters."))


@transaction.atomic
def request_act(
    *,
    actor: Any,
    request_id: int,
    action: Action,
    message: str = "",
    now: dt.datetime | None = None,
) -> ServiceRequest:
    """Accept (or start again after a question), ask for information, complete, or reject.

    ``message`` is shown to the citizen (required to ask and to reject).
    """
    if action is Action.CITIZEN_REPLY:
        raise NotFound
    visible = request_for_staff(actor=actor, request_id=request_id)
    request = (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("service")
        .get(pk=visible.pk)
    )
    message = message.strip()
    _text_required(action, message)
    current = Status(request.status)
    try:
        status = flow_next(current, action, was_accepted=request.accepted_at is not None)
    except FlowRefused as refused:
        raise ValidationFailed(
            in_language(refused.reason), details={"status": current.value}
        ) from refused
    now = now or timezone.now()
    before = {"status": current.value, "due_at": request.due_at}
    if current is Status.INFO_REQUESTED and request.paused_at is not None:
        context = clock_context(
            agency_id=request.agency_id, unit_id=request.unit_id, day=timezone.localdate(now)
        )
        request.due_at = due_after_pause(
            request.due_at, request.paused_at, now, context.calendar, context.office
        )
        request.paused_at = None
    if status is Status.INFO_REQUESTED:
        request.paused_at = now
    if action is Action.ACCEPT and request.accepted_at is None:
        request.accepted_at = now
    if status in CLOSED:
        request.closed_at = now
        request.sla_met = now <= request.due_at
    request.status = status
    request.save()
    event = RequestEvent.objects.create(
        request=request,
        kind=EVENT_OF[action],
        actor=actor,
        at=now,
        status_after=status,
        public_message=message,
    )
    audit_record(
        actor=actor,
        action=f"eservice.request_{action.value}",
        target=request,
        agency_id=request.agency_id,
        before=before,
        after={"status": status.value, "due_at": request.due_at, "sla_met": request.sla_met},
        note=message,
    )
    email_on_commit(event)
    return request


@transaction.atomic
def request_note(*, actor: Any, request_id: int, text: str) -> RequestEvent:
    """A note for colleagues; the citizen never sees it."""
    request = request_for_staff(actor=actor, request_id=request_id)
    text = text.strip()
    if not text:
        raise field_error("text", _("Write the note."))
    if len(text) > MAX_TEXT:
        raise field_error("text", _("The note is at most 5,000 characters."))
    event = RequestEvent.objects.create(
        request=request,
        kind=RequestEvent.Kind.NOTE,
        actor=actor,
        at=timezone.now(),
        status_after=request.status,
        note=text,
    )
    audit_record(
        actor=actor, action="eservice.request_note", target=request, agency_id=request.agency_id
    )
    return event
