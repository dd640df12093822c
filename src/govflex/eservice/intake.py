"""The public side: citizens file requests, look them up by tracking code, and answer a
question from the agency. No sign-in; abuse is held off by the caller's rate limit
(``throttle``), a honeypot field and the file checks.

Citizen submissions are recorded in the request's own history, not in the hash-chained audit
log: the audit chain takes one lock per entry, and anonymous traffic must not be able to stall
the audited writes of the whole system. Every staff action on a request is audited.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govflex.common.errors import NotFound, ValidationFailed, in_language
from govflex.core.eservice.flow import Action, FlowRefused, Status, next_status
from govflex.core.eservice.forms import APPLICANT_FIELDS, clean_answers
from govflex.core.eservice.tracking import ALPHABET, BODY_LENGTH, check_typed, make_code
from govflex.core.sla import due_after_pause
from govflex.eservice.catalogue import fields_of, notice_current
from govflex.eservice.clock import clock_context, due_for, intake_clock_context
from govflex.eservice.mail import email_on_commit
from govflex.eservice.models import RequestEvent, RequestFile, ServiceRequest
from govflex.eservice.uploads import CheckedFile, check_files

Throttle = Callable[[], None]


class TrackingCodeInvalid(ValidationFailed):
    code = "tracking_code_invalid"
    default_message = gettext_lazy("Check the tracking code.")


class RequestNotFound(NotFound):
    # One answer for every well-formed code that matches nothing: it tells nothing more.
    default_message = gettext_lazy(
        "No request was found with this tracking code. Check the code, or contact the agency."
    )


def new_tracking_code() -> str:
    return make_code("".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH)))


@dataclass(frozen=True)
class Submission:
    request: ServiceRequest
    created: bool


def _refuse(problems: Any) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for problem in problems:
        fields.setdefault(problem.path or "__all__", []).append(in_language(problem))
    return fields


def _store_files(request: ServiceRequest, files: list[CheckedFile], event: RequestEvent) -> None:
    for checked in files:
        row = RequestFile(
            request=request,
            event=event,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
        )
        row.file.save(checked.stored_name(), checked.upload, save=False)
        row.save()


def request_submit(
    *,
    service: Any,
    client_token: uuid.UUID,
    applicant: Mapping[str, str],
    answers: Mapping[str, str],
    privacy_accepted: bool,
    privacy_version: int,
    files: list[Any],
    language: str = "th",
    honeypot: str = "",
    throttle: Throttle | None = None,
    now: dt.datetime | None = None,
) -> Submission:
    """File a request; the same client token always gives back the same request."""
    existing = ServiceRequest.objects.filter(client_token=client_token).first()
    if existing is not None:
        return Submission(existing, created=False)
    if throttle is not None:
        throttle()
    if honeypot.strip():
        # Filled by a robot (people never see the field): refuse without saying why.
        raise ValidationFailed(_("The form could not be accepted. Please try again."))
    person, problems = clean_answers(APPLICANT_FIELDS, applicant)
    errors = _refuse(problems)
    cleaned, problems = clean_answers(fields_of(service), answers)
    errors.update(_refuse(problems))
    notice = notice_current(agency_id=service.agency_id)
    if not privacy_accepted:
        errors["privacy"] = [_("Read the privacy notice and accept it to send the request.")]
    elif privacy_version != notice.version:
        errors["privacy"] = [
            _("The privacy notice changed after you opened the form: read it again and accept it.")
        ]
    try:
        checked = check_files(
            files,
            max_files=service.max_files,
            max_file_mb=service.max_file_mb,
            required=service.files_required,
        )
    except ValidationFailed as exc:
        errors.update(exc.details["fields"])
        checked = []
    if errors:
        raise ValidationFailed(details={"fields": errors})
    now = now or timezone.now()
    context = intake_clock_context(
        agency_id=service.agency_id, unit_id=service.unit_id, day=timezone.localdate(now)
    )
    values = {
        "agency_id": service.agency_id,
        "service": service,
        "unit_id": service.unit_id,
        "client_token": client_token,
        "applicant_name": person["applicant_name"],
        "applicant_email": person.get("applicant_email", ""),
        "applicant_phone": person.get("applicant_phone", ""),
        "language": "en" if language.startswith("en") else "th",
        "form_snapshot": service.form_fields,
        "answers": cleaned,
        "privacy_version": notice.version,
        "privacy_accepted_at": now,
        "submitted_at": now,
        "due_at": due_for(service, now, context),
    }
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request = ServiceRequest.objects.create(tracking_code=new_tracking_code(), **values)
                event = RequestEvent.objects.create(
                    request=request,
                    kind=RequestEvent.Kind.SUBMITTED,
                    at=now,
                    status_after=request.status,
                )
                _store_files(request, checked, event)
                email_on_commit(event)
        except IntegrityError:
            # The same form sent twice at once (the first one won), or, once in a blue moon,
            # a tracking code drawn twice: then draw again.
            existing = ServiceRequest.objects.filter(client_token=client_token).first()
            if existing is not None:
                return Submission(existing, created=False)
            continue
        return Submission(request, created=True)
    raise RuntimeError("could not draw a free tracking code")  # pragma: no cover


def _by_code(raw_code: str) -> ServiceRequest:
    check = check_typed(raw_code)
    if check.problem is not None:
        raise TrackingCodeInvalid(details={"fields": {"code": [in_language(check.problem)]}})
    found = (
        ServiceRequest.objects.select_related("service", "agency")
        .filter(tracking_code=check.code)
        .first()
    )
    if found is None:
        raise RequestNotFound
    return found


@dataclass(frozen=True)
class PublicMessage:
    at: dt.datetime
    kind: str
    label: str
    text: str


@dataclass(frozen=True)
class PublicStatus:
    """What anyone holding the code may see: never the citizen's data or internal notes."""

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
    question: str  # the agency's latest question, while it waits for the citizen
    max_files: int
    max_file_mb: int
    history: list[PublicMessage]


def request_track(*, raw_code: str, throttle: Throttle | None = None) -> PublicStatus:
    """The public status of a request. A malformed code is told to check it; any well-formed
    code that matches nothing gets the one same "not found" answer."""
    if throttle is not None:
        throttle()
    request = _by_code(raw_code)
    events = request.events.exclude(kind=RequestEvent.Kind.NOTE).order_by("at", "pk")
    history = [
        PublicMessage(e.at, e.kind, str(RequestEvent.Kind(e.kind).label), e.public_message)
        for e in events
    ]
    return PublicStatus(
        tracking_code=request.tracking_code,
        agency_name_th=request.agency.name_th,
        agency_name_en=request.agency.name_en or request.agency.name_th,
        service_name_th=request.service.name_th,
        service_name_en=request.service.name_en or request.service.name_th,
        status=request.status,
        status_label=request.get_status_display(),
        submitted_at=request.submitted_at,
        due_at=request.due_at,
        closed_at=request.closed_at,
        waiting_for_citizen=request.status == Status.INFO_REQUESTED,
        question=next(
            (m.text for m in reversed(history) if m.kind == RequestEvent.Kind.INFO_REQUESTED), ""
        ),
        max_files=request.service.max_files,
        max_file_mb=request.service.max_file_mb,
        history=history,
    )


def request_reply(
    *,
    raw_code: str,
    client_token: uuid.UUID,
    message: str,
    files: list[Any],
    throttle: Throttle | None = None,
    now: dt.datetime | None = None,
) -> RequestEvent:
    """The citizen answers the agency's question; the SLA clock runs again."""
    done = RequestEvent.objects.filter(client_token=client_token).first()
    if done is not None:
        return done
    if throttle is not None:
        throttle()
    found = _by_code(raw_code)
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if not message.strip() and not [f for f in files if f is not None]:
        errors["message"] = [_("Write your answer or attach a document.")]
    if len(message) > 5000:
        errors["message"] = [_("The answer is at most 5,000 characters.")]
    try:
        checked = check_files(
            files,
            max_files=found.service.max_files,
            max_file_mb=found.service.max_file_mb,
            required=False,
        )
    except ValidationFailed as exc:
        errors.update(exc.details["fields"])
        checked = []
    if errors:
        raise ValidationFailed(details={"fields": errors})
    with transaction.atomic():
        request = (
            ServiceRequest.objects.select_for_update().select_related("service").get(pk=found.pk)
        )
        done = RequestEvent.objects.filter(client_token=client_token).first()
        if done is not None:  # the same answer sent twice at once: the first one stands
            return done
        try:
            status = next_status(
                Status(request.status),
                Action.CITIZEN_REPLY,
                was_accepted=request.accepted_at is not None,
            )
        except FlowRefused as refused:
            raise ValidationFailed(in_language(refused.reason)) from refused
        if request.paused_at is not None:
            context = clock_context(
                agency_id=request.agency_id, unit_id=request.unit_id, day=timezone.localdate(now)
            )
            request.due_at = due_after_pause(
                request.due_at, request.paused_at, now, context.calendar, context.office
            )
        request.status, request.paused_at = status, None
        request.save(update_fields=["status", "paused_at", "due_at", "updated_at"])
        event = RequestEvent.objects.create(
            request=request,
            kind=RequestEvent.Kind.CITIZEN_REPLIED,
            at=now,
            status_after=status,
            note=message.strip(),
            client_token=client_token,
        )
        _store_files(request, checked, event)
    return event
