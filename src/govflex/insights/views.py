"""Dashboard pages: the agency (or a supervisor's subtree) today and over a period, drill-down to
units and people, policy evaluation, the national view; each exports XLSX and PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.errors import NotFound
from govflex.core.thaidate import be_year
from govflex.insights import exports
from govflex.insights.dashboard import build, indicator_labels, mode_labels
from govflex.insights.evaluation import change_of, changes, evaluate
from govflex.insights.national import national
from govflex.insights.selectors import GRANULARITIES, Filters, check_scope
from govflex.insights.today import today_figures
from govflex.org.access import access_for
from govflex.org.models import Agency, PositionType, StaffCategory, Unit
from govflex.org.views.helpers import domain_errors
from govflex.privacy.exportlog import log_personal_export

PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _agency(request: HttpRequest) -> Agency:
    access = access_for(request.user)
    ids = sorted(
        a for a in access.agencies() if access.is_agency_reader(a) or access.supervised_paths.get(a)
    )
    raw = request.GET.get("agency", "")
    chosen = int(raw) if raw.isdigit() and int(raw) in ids else (ids[0] if ids else None)
    if access.is_admin and raw.isdigit():
        chosen = int(raw)
    agency = Agency.objects.filter(pk=chosen).first() if chosen else None
    if agency is None and access.is_admin:
        agency = Agency.objects.order_by("pk").first()
    if agency is None:
        raise NotFound
    return agency


def _date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def filters_from(request: HttpRequest, agency: Agency) -> Filters:
    """The dashboard's filters from the query string (a bad value falls back, with a note)."""
    today = timezone.localdate()
    days = PERIODS.get(request.GET.get("days", "30"), 30)
    start = _date(request.GET.get("start")) or today - dt.timedelta(days=days - 1)
    end = _date(request.GET.get("end")) or today
    if start > end or (end - start).days > 731:
        messages.error(request, _("Choose a period of at most two years, start before end."))
        start, end = today - dt.timedelta(days=29), today
    raw_unit = request.GET.get("unit", "")
    unit = None
    if raw_unit.isdigit():
        unit = Unit.objects.filter(pk=int(raw_unit), agency=agency).first()
        if unit is None:
            raise NotFound
    position_type = request.GET.get("position_type", "")
    category = request.GET.get("staff_category", "")
    return check_scope(
        request.user,
        Filters(
            agency.pk,
            start,
            end,
            unit,
            position_type if position_type in PositionType.values else "",
            category if category in StaffCategory.values else "",
        ),
    )


def _download(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _breadcrumbs(filters: Filters) -> list[Unit]:
    if filters.unit is None:
        return []
    ids = [int(p) for p in filters.unit.path.strip("/").split("/") if p]
    found = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


@login_required
@domain_errors
def dashboard(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    filters = filters_from(request, agency)
    granularity = request.GET.get("by", "day")
    if granularity not in GRANULARITIES:
        granularity = "day"
    board = build(filters, granularity, actor=request.user)
    title = filters.unit.name_th if filters.unit else agency.name_th
    fmt = request.GET.get("format", "")
    if fmt in CONTENT_TYPES:
        heading = _("Dashboard: %(name)s") % {"name": title}
        body = (
            exports.dashboard_xlsx(board, heading)
            if fmt == "xlsx"
            else exports.dashboard_pdf(board, heading)
        )
        scope = {"unit": getattr(filters.unit, "code", ""), "to": filters.end, "format": fmt}
        log_personal_export(request.user, "insights.dashboard", agency.pk, len(board.people), scope)
        return _download(body, fmt, f"dashboard-{agency.code}-{filters.end:%Y%m%d}")
    today = today_figures(filters, timezone.localdate(), request.user)
    query = request.GET.copy()
    context: dict[str, Any] = {
        "agency": agency,
        "title": title,
        "filters": filters,
        "board": board,
        "today": today,
        "modes": mode_labels(),
        "labels": indicator_labels(),
        "crumbs": _breadcrumbs(filters),
        "granularity": granularity,
        "position_types": PositionType.choices,
        "staff_categories": StaffCategory.choices,
        "period_days": request.GET.get("days", "30"),
        "period_options": [
            ("7", _("7 days")),
            ("30", _("30 days")),
            ("90", _("90 days")),
            ("365", _("one year")),
        ],
        "query_base": _without(query, "unit", "format"),
        "query_all": _without(query, "format"),
        "charts": {
            "modes": board.trend_chart("modes"),
            "compliance": board.trend_chart("compliance"),
            "reporting": board.trend_chart("reporting"),
        },
    }
    return render(request, "insights/dashboard.html", context)


def _without(query: Any, *keys: str) -> str:
    query = query.copy()
    for key in keys:
        query.pop(key, None)
    return str(query.urlencode())


@login_required
@domain_errors
def evaluation(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    options = changes(actor=request.user, agency_id=agency.pk)
    result = None
    chosen = request.GET.get("change", "")
    kind, _sep, pk = chosen.partition(":")
    if pk.isdigit():
        change = change_of(actor=request.user, agency_id=agency.pk, kind=kind, pk=int(pk))
        window = request.GET.get("window", "28")
        result = evaluate(
            actor=request.user,
            agency_id=agency.pk,
            change=change,
            today=timezone.localdate(),
            window=int(window) if window.isdigit() else 28,
        )
    return render(
        request,
        "insights/evaluation.html",
        {
            "agency": agency,
            "options": options,
            "chosen": chosen,
            "result": result,
            "labels": indicator_labels(),
        },
    )


@login_required
@domain_errors
def national_view(request: HttpRequest) -> HttpResponse:
    day = _date(request.GET.get("day")) or timezone.localdate()
    view = national(actor=request.user, day=day)
    fmt = request.GET.get("format", "")
    if fmt in CONTENT_TYPES:
        title = _("National report on new-normal work")
        body = (
            exports.national_xlsx(view, title)
            if fmt == "xlsx"
            else exports.national_pdf(view, title)
        )
        return _download(body, fmt, f"national-{day:%Y%m%d}")
    return render(
        request,
        "insights/national.html",
        {
            "view": view,
            "tables": exports.national_tables(view),
            "day_be": f"{day:%d/%m/}{be_year(day.year)}",
        },
    )
