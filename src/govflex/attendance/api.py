"""REST endpoints for punches and day results.

``POST /punches`` is safe to retry: the idempotency key makes a punch stored exactly once.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from govflex.attendance import selectors
from govflex.attendance.services import PunchInput, punch_record
from govflex.attendance.terminal import terminal_import_create, terminal_import_get
from govflex.common.api_types import ErrorOut
from govflex.common.errors import DomainError, NotFound, ValidationFailed
from govflex.common.pagination import Pagination
from govflex.core.enums import PunchSource
from govflex.org.access import Access, access_for
from govflex.org.models import Person
from govflex.org.selectors import agency_or_default, own_person, person_get, unit_get

router = Router(tags=["attendance"])


class PunchIn(Schema):
    idempotency_key: str = Field(
        ..., min_length=8, max_length=100, description="Unique per punch; resend the same on retry."
    )
    staff_id: str | None = Field(
        None, description="Whose punch (HR and integrations); omit to punch for yourself."
    )
    agency_id: int | None = None
    source: PunchSource = PunchSource.WEB
    at: dt.datetime | None = Field(None, description="When it happened (terminals, imports).")
    device_time: dt.datetime | None = Field(None, description="Phone clock when punched.")
    device_now: dt.datetime | None = Field(None, description="Phone clock when sent.")
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    accuracy_m: float | None = Field(None, ge=0)
    on_site: bool | None = None
    terminal_user_id: str = ""

    model_config = {  # noqa: RUF012 - pydantic configuration
        "json_schema_extra": {
            "examples": [
                {
                    "idempotency_key": "5f0c2d9e-0d7b-4d0e-9a57-1b2c3d4e5f60",
                    "device_time": "2026-03-05T08:29:41+07:00",
                    "device_now": "2026-03-05T08:29:42+07:00",
                    "latitude": 13.7649,
                    "longitude": 100.5383,
                    "accuracy_m": 25,
                },
                {
                    "idempotency_key": "terminal-7-100231-20260305T083012",
                    "staff_id": "100231",
                    "source": "terminal",
                    "at": "2026-03-05T08:30:12+07:00",
                },
            ]
        }
    }


class PunchOut(Schema):
    id: int
    person_id: int
    at: dt.datetime
    source: str
    on_site: bool
    site_id: int | None
    location_checked: bool
    clock_drift_seconds: int | None
    clock_flagged: bool
    idempotency_key: str
    created: bool = False


class PunchBulkIn(Schema):
    items: list[PunchIn] = Field(..., min_length=1, max_length=5000)
    store_valid: bool = Field(
        default=False,
        description="Store the valid items even if some are refused (default: all or none).",
    )


class BulkItemOut(Schema):
    index: int
    ok: bool
    created: bool = False
    punch_id: int | None = None
    code: str = ""
    message: str = ""
    details: dict[str, Any] = {}  # noqa: RUF012 - pydantic default


class PunchBulkOut(Schema):
    stored: int
    duplicates: int
    refused: int
    items: list[BulkItemOut]


class DayResultOut(Schema):
    person_id: int
    staff_id: str = Field(..., alias="person.staff_id")
    day: dt.date
    status: str
    mode: str
    worked_minutes: int
    late_minutes: int
    early_minutes: int
    punch_count: int
    first_punch: dt.datetime | None
    last_punch: dt.datetime | None
    exceptions: list[dict[str, str]]
    final: bool
    computed_at: dt.datetime


def _person_for(access: Access, actor: Any, item: PunchIn) -> Person:
    if item.staff_id is None:
        found = own_person(access=access)
        if found is None:
            raise ValidationFailed(
                details={
                    "fields": {
                        "staff_id": [_("Your login has no staff record; say whose punch it is.")]
                    }
                }
            )
        return found
    agency_id = item.agency_id or access.home_agency_id
    if agency_id is None and len(access.roles) == 1:
        agency_id = next(iter(access.roles))
    person = (
        Person.objects.filter(agency_id=agency_id, staff_id=item.staff_id).first()
        if agency_id is not None
        else None
    )
    if person is None or not access.can_view_person(person):
        raise ValidationFailed(
            details={
                "fields": {"staff_id": [_("Unknown staff ID “%(id)s”.") % {"id": item.staff_id}]}
            }
        )
    return person


def _record(request: HttpRequest, item: PunchIn) -> tuple[Any, bool]:
    access = access_for(request.user)
    person = _person_for(access, request.user, item)
    data = PunchInput(**item.dict(exclude={"staff_id", "agency_id"}))
    return punch_record(actor=request.user, person=person, data=data)


@router.post(
    "/punches",
    response={201: PunchOut, 200: PunchOut},
    url_name="punch_create",
    summary="Record a punch (exactly once per idempotency key)",
)
def create_punch(request: HttpRequest, payload: PunchIn) -> Any:
    punch, created = _record(request, payload)
    punch.created = created
    return Status(201 if created else 200, punch)


@router.post(
    "/punches/bulk",
    # 422 is either the item report (all or none refused) or the request's validation error.
    response={200: PunchBulkOut, 422: PunchBulkOut | ErrorOut},
    summary="Record many punches",
)
def create_punches(request: HttpRequest, payload: PunchBulkIn) -> Any:
    """Each item is reported. Without ``store_valid`` nothing is stored unless all items pass."""
    results: list[BulkItemOut] = []
    with transaction.atomic():
        for index, item in enumerate(payload.items):
            try:
                with transaction.atomic():
                    punch, created = _record(request, item)
            except DomainError as exc:
                results.append(
                    BulkItemOut(
                        index=index,
                        ok=False,
                        code=exc.code,
                        message=str(exc.message),
                        details=exc.details,
                    )
                )
            else:
                results.append(
                    BulkItemOut(index=index, ok=True, created=created, punch_id=punch.pk)
                )
        refused = sum(1 for r in results if not r.ok)
        if refused and not payload.store_valid:
            transaction.set_rollback(True)
            for result in results:
                if result.ok:
                    result.ok, result.created, result.punch_id = False, False, None
                    result.code, result.message = (
                        "not_stored",
                        _("Not stored: other items were refused."),
                    )
            return Status(422, PunchBulkOut(stored=0, duplicates=0, refused=refused, items=results))
    stored = sum(1 for r in results if r.ok and r.created)
    duplicates = sum(1 for r in results if r.ok and not r.created)
    return PunchBulkOut(stored=stored, duplicates=duplicates, refused=refused, items=results)


class PeriodFilter(Schema):
    person: int | None = None
    unit: int | None = None
    date_from: dt.date | None = Field(None, alias="from")
    date_to: dt.date | None = Field(None, alias="to")
    status: str = ""


@router.get("/punches", response=list[PunchOut], summary="Punches in scope")
@paginate(Pagination)
def list_punches(request: HttpRequest, filters: Query[PeriodFilter]) -> Any:
    access = access_for(request.user)
    if filters.person is not None:
        person_get(access=access, person_id=filters.person)  # 404 when out of scope
    return selectors.punch_list(
        access=access, person_id=filters.person, start=filters.date_from, end=filters.date_to
    )


@router.get("/day-results", response=list[DayResultOut], summary="Day results in scope")
@paginate(Pagination)
def list_day_results(request: HttpRequest, filters: Query[PeriodFilter]) -> Any:
    access = access_for(request.user)
    if filters.person is not None:
        person_get(access=access, person_id=filters.person)  # 404 when out of scope
    within = unit_get(access=access, unit_id=filters.unit) if filters.unit else None
    return selectors.day_result_list(
        access=access,
        person_id=filters.person,
        within=within,
        start=filters.date_from,
        end=filters.date_to,
        status=filters.status,
    )


@router.get("/me/today", response=DayResultOut, summary="My day so far (live)")
def my_today(request: HttpRequest) -> Any:
    access = access_for(request.user)
    person = own_person(access=access)
    if person is None:
        raise NotFound
    return selectors.today_for(person=person).result


class TerminalImportOut(Schema):
    id: int
    agency_id: int
    filename: str
    device: str
    status: str
    created_at: dt.datetime
    report: dict[str, Any]


@router.post(
    "/terminal-logs",
    response={201: TerminalImportOut, 202: TerminalImportOut},
    summary="Upload a terminal punch log (ZKTeco attlog or CSV); idempotent",
)
def upload_terminal_log(
    request: HttpRequest,
    file: File[UploadedFile],
    device: Form[str] = "",
    agency_id: Form[int | None] = None,
) -> Any:
    access = access_for(request.user)
    agency = agency_or_default(access=access, agency_id=agency_id)
    job = terminal_import_create(
        actor=request.user,
        agency=agency,
        filename=file.name or "terminal.log",
        content=file.read(),
        device=device,
    )
    job.refresh_from_db()
    return Status(202 if job.status in {"queued", "running"} else 201, job)


@router.get("/terminal-logs/{job_id}", response=TerminalImportOut)
def get_terminal_log(request: HttpRequest, job_id: int) -> Any:
    return terminal_import_get(access=access_for(request.user), job_id=job_id)
