"""REST endpoints for corrections: file (with optional evidence), list, decide, withdraw."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.params.functions import File as FileParam
from pydantic import WithJsonSchema

from govflex.attendance.corrections import (
    correction_decide,
    correction_file,
    correction_withdraw,
    corrections_to_decide,
)
from govflex.attendance.models import Correction
from govflex.common.errors import NotFound
from govflex.common.pagination import Pagination
from govflex.org.access import access_for
from govflex.org.selectors import own_person

router = Router(tags=["attendance"])

# Inline in the schema: a shared component named "Kind" was overwritten by the import kinds.
CorrectionKind = Annotated[
    Correction.Kind, WithJsonSchema({"type": "string", "enum": list(Correction.Kind.values)})
]


class CorrectionOut(Schema):
    id: int
    person_id: int
    day: dt.date
    kind: str
    times: list[str]
    reason: str
    has_evidence: bool
    status: str
    created_at: dt.datetime
    decided_at: dt.datetime | None
    decision_note: str

    @staticmethod
    def resolve_has_evidence(obj: Correction) -> bool:
        return bool(obj.evidence)


class DecisionIn(Schema):
    approve: bool
    note: str = ""


@router.post("/corrections", response={201: CorrectionOut}, summary="File a correction for my day")
def file_correction(
    request: HttpRequest,
    day: Form[dt.date],
    kind: Form[CorrectionKind],
    reason: Form[str],
    times: Form[str] = "",
    evidence: UploadedFile | None = FileParam(None),  # noqa: B008 - ninja's way to declare a file
) -> Any:
    access = access_for(request.user)
    person = own_person(access=access)
    if person is None:
        raise NotFound
    correction = correction_file(
        actor=request.user,
        person=person,
        day=day,
        kind=kind.value,
        reason=reason,
        times=[t for t in times.replace(" ", ",").split(",") if t],
        evidence=evidence,
    )
    return Status(201, correction)


@router.get("/corrections", response=list[CorrectionOut], summary="My corrections")
@paginate(Pagination)
def my_corrections(request: HttpRequest) -> Any:
    access = access_for(request.user)
    return Correction.objects.filter(person_id=access.person_id or 0)


@router.get("/corrections/pending", response=list[CorrectionOut], summary="Waiting for my decision")
@paginate(Pagination)
def pending(request: HttpRequest) -> Any:
    return corrections_to_decide(access=access_for(request.user))


@router.post("/corrections/{correction_id}/decision", response=CorrectionOut)
def decide(request: HttpRequest, correction_id: int, payload: DecisionIn) -> Any:
    access = access_for(request.user)
    correction = corrections_to_decide(access=access).filter(pk=correction_id).first()
    if correction is None:
        raise NotFound
    return correction_decide(
        actor=request.user, correction=correction, approve=payload.approve, note=payload.note
    )


@router.post("/corrections/{correction_id}/withdraw", response=CorrectionOut)
def withdraw(request: HttpRequest, correction_id: int) -> Any:
    access = access_for(request.user)
    correction = Correction.objects.filter(
        pk=correction_id, person_id=access.person_id or 0
    ).first()
    if correction is None:
        raise NotFound
    return correction_withdraw(actor=request.user, correction=correction)
