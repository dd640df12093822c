"""Evidence summaries for the half-yearly evaluation: a unit's people, one person; XLSX and PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from govflex.common.errors import NotFound
from govflex.core import evidence as core
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import own_person, units_reportable
from govflex.org.views.helpers import domain_errors
from govflex.privacy.exportlog import log_personal_export
from govflex.work import evidence_export as export
from govflex.work.evidence import (
    Period,
    load,
    period_of,
    person_evidence,
    recent_periods,
    unit_people,
)

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _period(request: HttpRequest) -> Period:
    """The half asked for; a malformed one is said so, and the current half is shown."""
    try:
        return period_of(request.GET.get("period"))
    except ValueError:
        messages.error(request, _("Choose an evaluation half."))
        return period_of(None)


def _lang() -> str:
    return "th" if (translation.get_language() or "th").startswith("th") else "en"


def _download(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@domain_errors
def evidence_home(request: HttpRequest) -> HttpResponse:
    """Supervisors and HR start at their first unit; everyone else at their own summary."""
    units = units_reportable(access=access_for(request.user))
    unit = units.first()
    if unit is not None:
        return redirect("work:evidence_unit", unit_id=unit.pk)
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    return redirect("work:evidence_person", person_id=me.pk)


@login_required
@domain_errors
def evidence_pick(request: HttpRequest) -> HttpResponse:
    """The unit-and-half picker's target (works without JavaScript)."""
    raw = request.GET.get("unit", "")
    if not raw.isdigit():
        raise NotFound
    period = _period(request)
    target = redirect("work:evidence_unit", unit_id=int(raw))
    target["Location"] += f"?period={period.key}"
    return target


@login_required
@domain_errors
def evidence_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    units = units_reportable(access=access_for(request.user))
    unit = units.filter(pk=unit_id).first()
    if unit is None:
        raise NotFound
    period = _period(request)
    people = unit_people(actor=request.user, unit=unit, period=period)
    evidence = load(people, period)
    group = core.combine(evidence)
    summary = export.summary_table(group)
    table = export.people_table(people, evidence)
    title = _("Evidence for evaluation: %(unit)s") % {"unit": unit.name_th}
    fmt = request.GET.get("format", "")
    if fmt in CONTENT_TYPES:
        period_text = export.period_text(period, _lang())
        body = (
            export.to_xlsx(title=title, period=period_text, summary=summary, people=table)
            if fmt == "xlsx"
            else export.to_pdf(title=title, period=period_text, summary=summary, people=table)
        )
        scope = {"unit": unit.code, "period": period.key, "format": fmt}
        log_personal_export(request.user, "work.evidence", unit.agency_id, len(people), scope)
        return _download(body, fmt, f"evidence-{unit.code}-{period.key}")
    context: dict[str, Any] = {
        "title": title,
        "period": period,
        "periods": recent_periods(timezone.localdate()),
        "period_text": export.period_text(period, _lang()),
        "summary": summary,
        "people": list(zip(people, table[1], strict=True)),
        "people_header": table[0],
        "units": units,
        "unit": unit,
        "note": export.note(),
    }
    return render(request, "work/evidence.html", context)


@login_required
@domain_errors
def evidence_person(request: HttpRequest, person_id: int) -> HttpResponse:
    person = Person.objects.select_related("unit").filter(pk=person_id).first()
    if person is None:
        raise NotFound
    period = _period(request)
    evidence = person_evidence(actor=request.user, person=person, period=period)
    summary = export.summary_table(evidence)
    title = _("Evidence for evaluation: %(name)s") % {"name": person.full_name_th}
    fmt = request.GET.get("format", "")
    if fmt in CONTENT_TYPES:
        period_text = export.period_text(period, _lang())
        body = (
            export.to_xlsx(title=title, period=period_text, summary=summary)
            if fmt == "xlsx"
            else export.to_pdf(title=title, period=period_text, summary=summary)
        )
        scope = {"person": person.staff_id, "period": period.key, "format": fmt}
        log_personal_export(request.user, "work.evidence", person.agency_id, 1, scope)
        return _download(body, fmt, f"evidence-{person.staff_id}-{period.key}")
    context = {
        "title": title,
        "person": person,
        "period": period,
        "periods": recent_periods(timezone.localdate()),
        "period_text": export.period_text(period, _lang()),
        "summary": summary,
        "note": export.note(),
    }
    return render(request, "work/evidence.html", context)
