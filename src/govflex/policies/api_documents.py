"""REST endpoints for orders and announcements, their files and acknowledgements."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from govflex.common.errors import NotFound
from govflex.org.access import access_for
from govflex.org.models import Unit
from govflex.org.selectors import agency_get
from govflex.policies.documents import (
    acknowledgement_by_unit,
    document_acknowledge,
    document_get,
    document_publish,
    document_remind,
    document_save,
    document_sign,
    document_submit,
    documents_visible,
)
from govflex.policies.documents_render import document_docx, document_pdf
from govflex.policies.documents_view import view_of
from govflex.policies.models import PolicyVersion

router = Router(tags=["orders and announcements"])


class DocumentIn(Schema):
    kind: str
    subject: str
    body: str
    effective_date: dt.date
    unit_id: int | None = None
    policy_version_id: int | None = None


class DocumentOut(Schema):
    id: int
    kind: str
    status: str
    number: int | None
    year_be: int | None
    subject: str
    body: str
    effective_date: dt.date
    unit_id: int | None
    policy_version_id: int | None
    signer_name: str
    signer_position: str
    signed_on: dt.date | None
    published_at: dt.datetime | None


class PublishIn(Schema):
    backdate_reason: str = ""


class UnitAckOut(Schema):
    unit_id: int
    unit: str
    total: int
    acknowledged: int
    waiting: list[str]


@router.get("/agencies/{agency_id}/documents", response=list[DocumentOut])
def list_documents(request: HttpRequest, agency_id: int) -> Any:
    return list(documents_visible(actor=request.user, agency_id=agency_id)[:500])


@router.post("/agencies/{agency_id}/documents", response={201: DocumentOut})
def create_document(request: HttpRequest, agency_id: int, payload: DocumentIn) -> Any:
    agency = agency_get(access=access_for(request.user), agency_id=agency_id)
    unit = version = None
    if payload.unit_id is not None:
        unit = Unit.objects.filter(pk=payload.unit_id, agency=agency).first()
        if unit is None:
            raise NotFound
    if payload.policy_version_id is not None:
        version = PolicyVersion.objects.filter(pk=payload.policy_version_id, agency=agency).first()
        if version is None:
            raise NotFound
    document = document_save(
        actor=request.user,
        agency=agency,
        kind=payload.kind,
        subject=payload.subject,
        body=payload.body,
        effective_date=payload.effective_date,
        unit=unit,
        policy_version=version,
    )
    return Status(201, document)


@router.get("/documents/{document_id}", response=DocumentOut)
def get_document(request: HttpRequest, document_id: int) -> Any:
    return document_get(actor=request.user, document_id=document_id)


@router.post("/documents/{document_id}/submit", response=DocumentOut)
def submit(request: HttpRequest, document_id: int) -> Any:
    document = document_get(actor=request.user, document_id=document_id)
    return document_submit(actor=request.user, agency=document.agency, document_id=document.pk)


@router.post("/documents/{document_id}/sign", response=DocumentOut)
def sign(request: HttpRequest, document_id: int) -> Any:
    document = document_get(actor=request.user, document_id=document_id)
    return document_sign(actor=request.user, agency=document.agency, document_id=document.pk)


@router.post("/documents/{document_id}/publish", response=DocumentOut)
def publish(request: HttpRequest, document_id: int, payload: PublishIn) -> Any:
    """Number (running per year and kind), publish, notify; an enacted policy is issued."""
    document = document_get(actor=request.user, document_id=document_id)
    return document_publish(
        actor=request.user,
        agency=document.agency,
        document_id=document.pk,
        backdate_reason=payload.backdate_reason,
    )


@router.post("/documents/{document_id}/acknowledge", response=DocumentOut)
def acknowledge(request: HttpRequest, document_id: int) -> Any:
    document = document_get(actor=request.user, document_id=document_id)
    document_acknowledge(actor=request.user, document=document)
    return document


@router.post("/documents/{document_id}/remind", response=dict[str, int])
def remind(request: HttpRequest, document_id: int) -> Any:
    document = document_get(actor=request.user, document_id=document_id)
    return {"reminded": document_remind(actor=request.user, document=document)}


@router.get("/documents/{document_id}/acknowledgements", response=list[UnitAckOut])
def acknowledgements(request: HttpRequest, document_id: int) -> Any:
    document = document_get(actor=request.user, document_id=document_id)
    return [
        {
            "unit_id": row["unit"].pk,
            "unit": row["unit"].name_th,
            "total": row["total"],
            "acknowledged": row["done"],
            "waiting": [p.staff_id for p in row["waiting"]],
        }
        for row in acknowledgement_by_unit(document)
    ]


@router.get("/documents/{document_id}/file.{suffix}")
def download(request: HttpRequest, document_id: int, suffix: str) -> HttpResponse:
    """The document as PDF (``file.pdf``) or Word (``file.docx``)."""
    if suffix not in {"pdf", "docx"}:
        raise NotFound
    document = document_get(actor=request.user, document_id=document_id)
    view = view_of(document)
    if suffix == "pdf":
        return HttpResponse(document_pdf(view), content_type="application/pdf")
    return HttpResponse(
        document_docx(view),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
