"""REST endpoints for searching work, checklist templates and evaluation evidence."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from govflex.common.errors import NotFound, field_error
from govflex.core import evidence as core
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import unit_get
from govflex.work.checklists import template_save, templates_for, templates_managed
from govflex.work.evidence import Period, load, period_of, person_evidence, unit_people
from govflex.work.search import KINDS, search

router = Router(tags=["work evidence and search"])


class HitOut(Schema):
    kind: str = Field(description="item, report or comment")
    id: int
    title: str
    url: str
    day: dt.date
    snippet: str
    match: str


@router.get("/work-search", response=list[HitOut])
def search_work(request: HttpRequest, q: str, kind: str = "", limit: int = 50) -> Any:
    """Work items, off-site reports and comments containing every word of ``q`` (Thai words
    are found inside sentences), among what the user may see; whole-phrase matches first."""
    kinds = [k for k in kind.split(",") if k in KINDS] or list(KINDS)
    hits = search(actor=request.user, query=q[:200], kinds=kinds, limit=max(1, min(limit, 200)))
    return [
        {
            "kind": h.kind,
            "id": h.pk,
            "title": h.title,
            "url": h.url,
            "day": h.day,
            "snippet": f"{h.before}{h.match}{h.after}",
            "match": h.match,
        }
        for h in hits
    ]


class TemplateIn(Schema):
    name: str
    steps: list[str]
    unit_id: int | None = Field(None, description="blank: offered across the agency (HR only)")
    agency_id: int | None = Field(None, description="needed when unit_id is blank")
    active: bool = True


class TemplateOut(Schema):
    id: int
    agency_id: int
    unit_id: int | None
    name: str
    steps: list[str]
    active: bool


def _template_out(template: Any) -> dict[str, Any]:
    return {f: getattr(template, f) for f in TemplateOut.model_fields}


@router.get("/checklist-templates", response=list[TemplateOut])
def list_templates(request: HttpRequest, unit_id: int | None = None) -> Any:
    """With ``unit_id``: the active templates offered to that unit; else those you keep."""
    if unit_id is not None:
        unit = unit_get(access=access_for(request.user), unit_id=unit_id)
        return [_template_out(t) for t in templates_for(units=[unit])]
    return [_template_out(t) for t in templates_managed(actor=request.user)[:500]]


def _save(request: HttpRequest, payload: TemplateIn, template_id: int | None) -> Any:
    access = access_for(request.user)
    unit = unit_get(access=access, unit_id=payload.unit_id) if payload.unit_id else None
    agency_id = unit.agency_id if unit else payload.agency_id
    if agency_id is None and template_id is None:
        raise field_error("agency_id", _("Give the agency or a unit."))
    return template_save(
        actor=request.user,
        agency_id=agency_id or 0,
        name=payload.name,
        steps=payload.steps,
        unit=unit,
        template_id=template_id,
        active=payload.active,
    )


@router.post("/checklist-templates", response={201: TemplateOut})
def create_template(request: HttpRequest, payload: TemplateIn) -> Any:
    return Status(201, _template_out(_save(request, payload, None)))


@router.put("/checklist-templates/{template_id}", response=TemplateOut)
def update_template(request: HttpRequest, template_id: int, payload: TemplateIn) -> Any:
    return _template_out(_save(request, payload, template_id))


class FiguresOut(Schema):
    working_days: int
    compliant_days: int
    compliance_share: float | None
    late_days: int
    absent_days: int
    leave_days: int
    items_due: int
    items_completed: int
    items_on_time: int
    on_time_share: float | None
    items_overdue_open: int
    outputs: int
    off_site_days: int
    plans_filed: int
    reports_filed: int
    report_completeness: float | None
    reports_accepted: int
    reports_more_requested: int
    contact_checks: int
    contact_answered: int
    answered_share: float | None
    median_response_seconds: float | None


class EvidenceOut(Schema):
    fiscal_year: int = Field(
        description="the fiscal year, named in B.E. (2570 = Oct 2026 – Sep 2027)"
    )
    half: int
    start: dt.date
    end: dt.date
    total: FiguresOut
    by_mode: dict[str, FiguresOut] = Field(
        description="standard, staggered, counted_hours, off_site, none (days without a result)"
    )


class PersonEvidenceOut(EvidenceOut):
    person_id: int
    staff_id: str


class UnitEvidenceOut(EvidenceOut):
    unit_id: int
    people: list[PersonEvidenceOut]


def _figures(figures: core.Figures) -> dict[str, Any]:
    return {f: getattr(figures, f) for f in FiguresOut.model_fields}


def _evidence(evidence: core.Evidence, period: Period) -> dict[str, Any]:
    return {
        "fiscal_year": period.half.fiscal_year,
        "half": period.half.half,
        "start": period.start,
        "end": period.end,
        "total": _figures(evidence.total),
        "by_mode": {k: _figures(v) for k, v in evidence.by_mode.items() if not v.empty},
    }


def _period(value: str) -> Period:
    try:
        return period_of(value)
    except ValueError:
        raise field_error("period", _("Choose an evaluation half, e.g. 2570-1.")) from None


@router.get("/people/{person_id}/evidence", response=PersonEvidenceOut)
def evidence_of_person(request: HttpRequest, person_id: int, period: str = "") -> Any:
    """Counts for the half-yearly evaluation (``period``: e.g. 2570-1; blank: the current
    half). Evidence only: no grade is computed."""
    person = Person.objects.select_related("unit").filter(pk=person_id).first()
    if person is None:
        raise NotFound
    chosen = _period(period)
    evidence = person_evidence(actor=request.user, person=person, period=chosen)
    return {**_evidence(evidence, chosen), "person_id": person.pk, "staff_id": person.staff_id}


@router.get("/units/{unit_id}/evidence", response=UnitEvidenceOut)
def evidence_of_unit(request: HttpRequest, unit_id: int, period: str = "") -> Any:
    """The unit subtree's counts, and each person's (supervisors, HR, executives)."""
    unit = unit_get(access=access_for(request.user), unit_id=unit_id)
    chosen = _period(period)
    people = unit_people(actor=request.user, unit=unit, period=chosen)
    evidence = load(people, chosen)
    return {
        **_evidence(core.combine(evidence), chosen),
        "unit_id": unit.pk,
        "people": [
            {**_evidence(evidence[p.pk], chosen), "person_id": p.pk, "staff_id": p.staff_id}
            for p in people
        ],
    }
