"""REST endpoints for suitability assessments, the matrix and readiness."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Body, Field, Router, Schema, Status

from govflex.common.errors import NotFound
from govflex.core.suitability import matrix_to_mapping
from govflex.org.access import access_for
from govflex.org.models import Person, Position
from govflex.org.selectors import agency_get, person_get
from govflex.policies.assessments import (
    assessment_bulk,
    assessment_decide,
    assessment_record,
    matrix_for,
    matrix_set,
    summary_rows,
)
from govflex.policies.models import Assessment, Readiness
from govflex.policies.readiness import readiness_set

router = Router(tags=["suitability and readiness"])


class AnswersIn(Schema):
    face_to_face_service: bool = False
    service_fully_online: bool = False
    on_site_equipment: bool = False
    confidential_information: bool = False
    supervises_others: bool = False
    output_measurable: bool = False
    digital_tools: bool = False
    field_work: bool = False


class AssessIn(AnswersIn):
    person_id: int | None = None


class AssessmentBulkIn(AnswersIn):
    position_type: str


class AssessmentOut(Schema):
    id: int
    position_id: int
    person_id: int | None
    answers: dict[str, Any]
    verdicts: dict[str, Any]
    decision: dict[str, Any]
    status: str
    override_reason: str
    assessed_at: dt.datetime


class AssessmentDecideIn(Schema):
    decision: dict[str, str] | None = None
    reason: str = ""


class SummaryOut(Schema):
    position_id: int
    code: str
    title: str
    position_type: str
    modes: dict[str, str]
    status: str


class ReadinessIO(Schema):
    device: str = "none"
    remote_access: bool = False
    e_signature: bool = False
    e_saraban: bool = False
    secure_storage: bool = False
    training: bool = False
    gaps: list[str] = Field(default_factory=list)


def _position(request: HttpRequest, position_id: int) -> Position:
    position = Position.objects.filter(pk=position_id).first()
    if position is None or not access_for(request.user).can_view_structure(position.agency_id):
        raise NotFound
    return position


@router.post("/positions/{position_id}/assessments", response={201: AssessmentOut})
def assess(request: HttpRequest, position_id: int, payload: AssessIn) -> Any:
    """Assess a position (or one person in it: ``person_id``; their readiness counts)."""
    position = _position(request, position_id)
    person = None
    if payload.person_id is not None:
        person = Person.objects.filter(pk=payload.person_id, agency_id=position.agency_id).first()
        if person is None:
            raise NotFound
    answers = payload.dict(exclude={"person_id"})
    item = assessment_record(actor=request.user, position=position, answers=answers, person=person)
    return Status(201, item)


@router.get("/positions/{position_id}/assessments", response=list[AssessmentOut])
def list_assessments(request: HttpRequest, position_id: int) -> Any:
    position = _position(request, position_id)
    return list(Assessment.objects.filter(position=position)[:100])


@router.post("/assessments/{assessment_id}/decide", response=AssessmentOut)
def decide(request: HttpRequest, assessment_id: int, payload: AssessmentDecideIn) -> Any:
    """Accept (no ``decision``) or decide differently with a ``reason``."""
    return assessment_decide(
        actor=request.user,
        assessment_id=assessment_id,
        decision=payload.decision,
        reason=payload.reason,
    )


@router.post("/agencies/{agency_id}/assessments/bulk", response=dict[str, int])
def bulk(request: HttpRequest, agency_id: int, payload: AssessmentBulkIn) -> Any:
    agency = agency_get(access=access_for(request.user), agency_id=agency_id)
    count = assessment_bulk(
        actor=request.user,
        agency=agency,
        position_type=payload.position_type,
        answers=payload.dict(exclude={"position_type"}),
    )
    return {"assessed": count}


@router.get("/agencies/{agency_id}/assessments/summary", response=list[SummaryOut])
def summary(request: HttpRequest, agency_id: int) -> Any:
    agency = agency_get(access=access_for(request.user), agency_id=agency_id)
    return [
        {
            "position_id": row.position.pk,
            "code": row.position.code,
            "title": row.position.title_th,
            "position_type": row.position.position_type,
            "modes": dict(zip(("staggered", "counted_hours", "off_site"), row.cells, strict=True)),
            "status": row.assessment.status if row.assessment else "",
        }
        for row in summary_rows(agency_id=agency.pk)
    ]


@router.get("/agencies/{agency_id}/suitability-matrix", response=dict[str, Any])
def get_matrix(request: HttpRequest, agency_id: int) -> Any:
    agency = agency_get(access=access_for(request.user), agency_id=agency_id)
    return matrix_to_mapping(matrix_for(agency.pk))


@router.put("/agencies/{agency_id}/suitability-matrix", response=dict[str, Any])
def put_matrix(request: HttpRequest, agency_id: int, payload: Body[dict[str, Any]]) -> Any:
    """The whole matrix as a JSON object (the same shape GET answers)."""
    agency = agency_get(access=access_for(request.user), agency_id=agency_id)
    return matrix_set(actor=request.user, agency=agency, values=payload).values


def _readiness_out(person: Person) -> dict[str, Any]:
    found = Readiness.objects.filter(person=person).first() or Readiness(person=person)
    fields = ("device", "remote_access", "e_signature", "e_saraban", "secure_storage", "training")
    return {**{name: getattr(found, name) for name in fields}, "gaps": found.gaps()}


@router.get("/people/{person_id}/readiness", response=ReadinessIO)
def get_readiness(request: HttpRequest, person_id: int) -> Any:
    return _readiness_out(person_get(access=access_for(request.user), person_id=person_id))


@router.put("/people/{person_id}/readiness", response=ReadinessIO)
def put_readiness(request: HttpRequest, person_id: int, payload: ReadinessIO) -> Any:
    person = person_get(access=access_for(request.user), person_id=person_id)
    readiness_set(actor=request.user, person=person, **payload.dict(exclude={"gaps"}))
    return _readiness_out(person)
