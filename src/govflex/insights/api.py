"""REST endpoints for every figure on the dashboards, the policy evaluation and the national
view (and for agencies sending their daily figures to it)."""

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from govflex.common.errors import NotFound, field_error
from govflex.core.insights import Counts, Indicators
from govflex.insights.dashboard import service_and_pulse
from govflex.insights.evaluation import change_of, changes, evaluate
from govflex.insights.national import national, report_agency_day
from govflex.insights.selectors import (
    GRANULARITIES,
    Filters,
    check_scope,
    children,
    people,
    totals,
    trend,
)
from govflex.insights.today import today_figures
from govflex.org.models import Unit

router = Router(tags=["monitoring and evaluation"])


class FilterIn(Schema):
    unit_id: int | None = Field(None, description="a unit and its sub-units; blank: the agency")
    start: dt.date | None = Field(None, description="default: 29 days before the end")
    end: dt.date | None = Field(None, description="default: today")
    position_type: str = ""
    staff_category: str = ""


def _filters(request: HttpRequest, agency_id: int, given: FilterIn) -> Filters:
    end = given.end or timezone.localdate()
    start = given.start or end - dt.timedelta(days=29)
    if start > end or (end - start).days > 731:
        raise field_error("start", _("Choose a period of at most two years, start before end."))
    unit = None
    if given.unit_id is not None:
        unit = Unit.objects.filter(pk=given.unit_id, agency_id=agency_id).first()
        if unit is None:
            raise NotFound
    return check_scope(
        request.user,
        Filters(agency_id, start, end, unit, given.position_type, given.staff_category),
    )


def _figures(counts: Counts) -> dict[str, Any]:
    return {"counts": counts.as_dict(), "indicators": asdict(Indicators.of(counts))}


class FiguresOut(Schema):
    counts: dict[str, int]
    indicators: dict[str, Any] = Field(description="ratios 0–1; mean_response_minutes in minutes")


class DashboardOut(FiguresOut):
    start: dt.date
    end: dt.date
    unit_id: int | None
    eservice: dict[str, Any]
    pulse: list[dict[str, Any]]


@router.get("/agencies/{agency_id}/dashboard", response=DashboardOut)
def dashboard(request: HttpRequest, agency_id: int, given: Query[FilterIn]) -> Any:
    """Counts and indicators for the period and scope (also e-service and pulse figures)."""
    filters = _filters(request, agency_id, given)
    extra = service_and_pulse(request.user, filters)
    return {
        **_figures(totals(filters)),
        "start": filters.start,
        "end": filters.end,
        "unit_id": filters.unit.pk if filters.unit else None,
        "eservice": asdict(extra["eservice"]),
        "pulse": [asdict(p) for p in extra["pulse"]],
    }


class TodayOut(FiguresOut):
    day: dt.date
    pending_approvals: int
    emergencies: list[dict[str, Any]]
    service_points: list[dict[str, Any]]


@router.get("/agencies/{agency_id}/dashboard/today", response=TodayOut)
def today(request: HttpRequest, agency_id: int, given: Query[FilterIn]) -> Any:
    filters = _filters(request, agency_id, given)
    figures = today_figures(filters, timezone.localdate(), request.user)
    return {
        **_figures(figures.counts),
        "day": figures.day,
        "pending_approvals": figures.pending_approvals,
        "emergencies": [
            {
                "id": e.emergency.pk,
                "title": e.emergency.title,
                "kind": e.emergency.kind,
                "people": e.total,
                "off_site": e.off_site,
                "essential": e.essential,
                "recalled": e.recalled,
                "on_leave": e.on_leave,
            }
            for e in figures.emergencies
        ],
        "service_points": [
            {
                "unit_id": p.unit.pk,
                "name": p.unit.name_th,
                "required": p.required,
                "planned": p.planned,
                "covered": p.covered,
                "short": list(p.shortfalls),
            }
            for p in figures.points
        ],
    }


class TrendPointOut(FiguresOut):
    period: dt.date


@router.get("/agencies/{agency_id}/dashboard/trend", response=list[TrendPointOut])
def trend_of(request: HttpRequest, agency_id: int, given: Query[FilterIn], by: str = "day") -> Any:
    """Per day, week (from Monday) or month."""
    if by not in GRANULARITIES:
        raise field_error("by", _("Trend by day, week or month."))
    filters = _filters(request, agency_id, given)
    return [{"period": day, **_figures(counts)} for day, counts in trend(filters, by)]


class UnitFiguresOut(FiguresOut):
    unit_id: int
    name: str


@router.get("/agencies/{agency_id}/dashboard/units", response=list[UnitFiguresOut])
def units_of(request: HttpRequest, agency_id: int, given: Query[FilterIn]) -> Any:
    """The child units of the chosen unit (or the top units), each with its subtree."""
    filters = _filters(request, agency_id, given)
    return [{"unit_id": u.pk, "name": u.name_th, **_figures(c)} for u, c in children(filters)]


class PersonFiguresOut(Schema):
    person_id: int
    staff_id: str
    name: str
    days: dict[str, int]


@router.get("/agencies/{agency_id}/dashboard/people", response=list[PersonFiguresOut])
def people_of(request: HttpRequest, agency_id: int, given: Query[FilterIn]) -> Any:
    """The people directly in the chosen unit (``unit_id`` required)."""
    if given.unit_id is None:
        raise field_error("unit_id", _("Choose a unit."))
    filters = _filters(request, agency_id, given)
    return [
        {"person_id": p.pk, "staff_id": p.staff_id, "name": p.full_name_th, "days": c}
        for p, c in people(filters)
    ]


class ChangeOut(Schema):
    key: str
    label: str
    day: dt.date
    whole_agency: bool


@router.get("/agencies/{agency_id}/evaluation/changes", response=list[ChangeOut])
def evaluation_changes(request: HttpRequest, agency_id: int) -> Any:
    return [
        {"key": c.key, "label": c.label, "day": c.day, "whole_agency": not c.affected_paths}
        for c in changes(actor=request.user, agency_id=agency_id)
    ]


class EstimateOut(Schema):
    indicator: str
    treated_before: float | None
    treated_after: float | None
    control_before: float | None
    control_after: float | None
    effect: float | None
    low: float | None
    high: float | None
    treated_units: int
    control_units: int
    statement: str


class EvaluationOut(Schema):
    change: ChangeOut
    before: list[dt.date]
    after: list[dt.date]
    estimates: list[EstimateOut]
    notes: list[str]


@router.get("/agencies/{agency_id}/evaluation", response=EvaluationOut)
def evaluation(request: HttpRequest, agency_id: int, change: str, window: int = 28) -> Any:
    """``change``: a key from /evaluation/changes, e.g. ``order:12`` or ``policy:3``."""
    kind, _sep, pk = change.partition(":")
    if not pk.isdigit():
        raise field_error("change", _("Name the change, e.g. order:12 or policy:3."))
    found = change_of(actor=request.user, agency_id=agency_id, kind=kind, pk=int(pk))
    result = evaluate(
        actor=request.user,
        agency_id=agency_id,
        change=found,
        today=timezone.localdate(),
        window=window,
    )
    return {
        "change": {
            "key": found.key,
            "label": found.label,
            "day": found.day,
            "whole_agency": not found.affected_paths,
        },
        "before": list(result.before),
        "after": list(result.after),
        "estimates": [
            {**asdict(e), "statement": result.statements[e.indicator]} for e in result.estimates
        ],
        "notes": result.notes,
    }


class NationalOut(Schema):
    day: dt.date
    agencies_total: int
    agencies_reporting: int
    reporting_share: float | None
    agencies_using: dict[str, int]
    staff: int
    staff_share: dict[str, float | None]
    agencies_half_off_site: int
    compliance: float | None
    agencies: list[dict[str, Any]]


@router.get("/national", response=NationalOut)
def national_figures(request: HttpRequest, day: dt.date | None = None) -> Any:
    """The central view for one day (needs the national-view permission)."""
    view = national(actor=request.user, day=day or timezone.localdate())
    f = view.figures
    return {
        "day": view.day,
        **asdict(f),
        "reporting_share": f.reporting_share,
        "agencies": [{"code": code, "name": name, **asdict(a)} for code, name, a in view.agencies],
    }


class AgencyDayIn(Schema):
    code: str
    name: str = ""
    day: dt.date
    staff: int = Field(description="people expected to work that day")
    mode_standard: int = 0
    mode_staggered: int = 0
    mode_counted_hours: int = 0
    mode_off_site: int = 0
    working: int = 0
    compliant: int = 0


@router.put("/national/agency-days", response=dict[str, Any])
def send_agency_day(request: HttpRequest, payload: AgencyDayIn) -> Any:
    """An agency not on this deployment sends one day's figures (sending again replaces them)."""
    row = report_agency_day(
        actor=request.user,
        code=payload.code,
        name=payload.name,
        day=payload.day,
        figures=payload.dict(),
    )
    return {"code": row.code, "day": row.day, "staff": row.staff}
