"""Suitability assessments in the shell: HR answers the Guideline's questions for a position
(or one person in it), the rules core recommends per mode with reasons, HR accepts or decides
differently with a recorded reason. Bulk by position type; an agency summary, exportable."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.common.audit import AuditItem, audit_record, audit_record_many
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed, refusal
from govflex.core.enums import PositionType, WorkMode
from govflex.core.suitability import (
    DEFAULT_MATRIX,
    Answers,
    Matrix,
    MatrixError,
    MissionType,
    Suitability,
    assess,
    matrix_from_mapping,
    matrix_to_mapping,
)
from govflex.org.access import access_for
from govflex.org.models import Agency, Person, Position, Role
from govflex.policies.models import Assessment, Readiness, SuitabilityMatrix

QUESTIONS = (
    "face_to_face_service",
    "service_fully_online",
    "on_site_equipment",
    "confidential_information",
    "supervises_others",
    "output_measurable",
    "digital_tools",
    "field_work",
)
# Readiness record fields → the core's readiness item names.
READINESS_ITEMS = {"device": "laptop", "remote_access": "vpn"}


def may_assess(actor: Any, agency_id: int) -> bool:
    return access_for(actor).has_role(agency_id, Role.HR)


def matrix_for(agency_id: int) -> Matrix:
    stored = SuitabilityMatrix.objects.filter(agency_id=agency_id).first()
    return matrix_from_mapping(stored.values) if stored else DEFAULT_MATRIX


@transaction.atomic
def matrix_set(*, actor: Any, agency: Agency, values: Any) -> SuitabilityMatrix:
    if not may_assess(actor, agency.pk):
        raise AccessDenied(_("Only HR can assess positions."))
    try:
        matrix = matrix_from_mapping(values)
    except MatrixError as exc:
        raise refusal(exc.messages, prefix="matrix") from exc
    stored, _created = SuitabilityMatrix.objects.update_or_create(
        agency=agency, defaults={"values": matrix_to_mapping(matrix), "updated_by": actor}
    )
    audit_record(
        actor=actor,
        action="suitability.matrix_set",
        target=stored,
        agency_id=agency.pk,
        after=stored.values,
    )
    return stored


def _answers(position: Position, answers: dict[str, Any], person: Person | None) -> Answers:
    gaps: tuple[str, ...] = ()
    if person is not None:
        readiness = Readiness.objects.filter(person=person).first()
        if readiness is not None:
            gaps = tuple(READINESS_ITEMS.get(item, item) for item in readiness.gaps())
    return Answers(
        mission_type=MissionType(position.mission_type),
        position_type=PositionType(position.position_type),
        readiness_gaps=gaps,
        **{key: bool(answers.get(key, False)) for key in QUESTIONS},
    )


def _verdicts(answers: Answers, matrix: Matrix) -> dict[str, Any]:
    return {
        verdict.mode.value: {
            "suitability": verdict.suitability.value,
            "reasons": [{"code": m.code, "th": m.th, "en": m.en} for m in verdict.reasons],
        }
        for verdict in assess(answers, matrix)
    }


@transaction.atomic
def assessment_record(
    *, actor: Any, position: Position, answers: dict[str, Any], person: Person | None = None
) -> Assessment:
    """Assess a position (or one person in it, whose readiness gaps are taken into account)."""
    if not may_assess(actor, position.agency_id):
        raise AccessDenied(_("Only HR can assess positions."))
    if person is not None and person.position_id != position.pk:
        raise ValidationFailed(
            details={"fields": {"person": [_("The person does not hold this position.")]}}
        )
    core = _answers(position, answers, person)
    assessment = Assessment.objects.create(
        agency_id=position.agency_id,
        position=position,
        person=person,
        answers={key: getattr(core, key) for key in QUESTIONS}
        | {"readiness_gaps": list(core.readiness_gaps)},
        verdicts=_verdicts(core, matrix_for(position.agency_id)),
        assessed_by=actor,
    )
    audit_record(
        actor=actor,
        action="suitability.assessed",
        target=assessment,
        agency_id=position.agency_id,
        after={"answers": assessment.answers, "verdicts": _plain(assessment.verdicts)},
    )
    return assessment


def _plain(verdicts: dict[str, Any]) -> dict[str, str]:
    return {mode: value["suitability"] for mode, value in verdicts.items()}


@transaction.atomic
def assessment_bulk(
    *, actor: Any, agency: Agency, position_type: str, answers: dict[str, Any]
) -> int:
    """The same answers for every position of a position type (one assessment each)."""
    if not may_assess(actor, agency.pk):
        raise AccessDenied(_("Only HR can assess positions."))
    if position_type not in PositionType.__members__.values():
        raise ValidationFailed(
            details={"fields": {"position_type": [_("Choose a position type.")]}}
        )
    matrix = matrix_for(agency.pk)
    made = []
    for position in Position.objects.filter(agency=agency, position_type=position_type):
        core = _answers(position, answers, None)
        made.append(
            Assessment(
                agency=agency,
                position=position,
                answers={key: getattr(core, key) for key in QUESTIONS} | {"readiness_gaps": []},
                verdicts=_verdicts(core, matrix),
                assessed_by=actor,
            )
        )
    Assessment.objects.bulk_create(made)
    audit_record_many(
        actor=actor,
        agency_id=agency.pk,
        items=[
            AuditItem(
                action="suitability.assessed",
                target=item,
                after={"bulk": position_type, "verdicts": _plain(item.verdicts)},
            )
            for item in Assessment.objects.filter(pk__in=[m.pk for m in made])
        ],
    )
    return len(made)


@transaction.atomic
def assessment_decide(
    *,
    actor: Any,
    assessment_id: int,
    decision: dict[str, str] | None = None,
    reason: str = "",
) -> Assessment:
    """HR accepts the recommendation (``decision`` None) or decides differently with a reason."""
    assessment = Assessment.objects.select_for_update().filter(pk=assessment_id).first()
    if assessment is None or not access_for(actor).can_view_structure(assessment.agency_id):
        raise NotFound
    if not may_assess(actor, assessment.agency_id):
        raise AccessDenied(_("Only HR can assess positions."))
    proposed = _plain(assessment.verdicts)
    chosen = dict(proposed) if decision is None else {**proposed, **decision}
    if any(
        mode not in WorkMode.__members__.values() or value not in Suitability.__members__.values()
        for mode, value in chosen.items()
    ):
        raise ValidationFailed(details={"fields": {"decision": [_("Not a mode or a verdict.")]}})
    overridden = chosen != proposed
    if overridden and not reason.strip():
        raise ValidationFailed(
            details={"fields": {"reason": [_("Give the reason for deciding differently.")]}}
        )
    assessment.decision = chosen
    assessment.status = Assessment.Status.OVERRIDDEN if overridden else Assessment.Status.ACCEPTED
    assessment.override_reason = reason.strip() if overridden else ""
    assessment.decided_by, assessment.decided_at = actor, timezone.now()
    assessment.save()
    audit_record(
        actor=actor,
        action="suitability.decided",
        target=assessment,
        agency_id=assessment.agency_id,
        before=proposed,
        after=chosen,
        note=assessment.override_reason,
    )
    return assessment


@dataclass(frozen=True)
class SummaryRow:
    position: Position
    assessment: Assessment | None
    cells: tuple[str, ...]  # suitability per mode ("" when not assessed)


def summary_rows(*, agency_id: int) -> list[SummaryRow]:
    """Positions × modes: the decision if HR decided, else the recommendation."""
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(agency_id=agency_id, person__isnull=True).order_by(
        "position_id", "-assessed_at", "-pk"
    ):
        latest.setdefault(assessment.position_id, assessment)
    rows = []
    for position in Position.objects.filter(agency_id=agency_id).order_by("code"):
        found = latest.get(position.pk)
        values = (found.decision or _plain(found.verdicts)) if found else {}
        rows.append(
            SummaryRow(position, found, tuple(values.get(mode.value, "") for mode in WorkMode))
        )
    return rows


def summary_xlsx(rows: list[SummaryRow], labels: dict[str, str], modes: list[str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has a sheet
    sheet.title = "suitability"
    sheet.append([_("Code"), _("Position"), _("Position type"), *modes, _("Status")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [
                row.position.code,
                row.position.title_th,
                row.position.get_position_type_display(),
                *[labels.get(value, "") for value in row.cells],
                row.assessment.get_status_display() if row.assessment else "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
