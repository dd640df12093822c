"""Report screens: choose a report, read it on screen, export XLSX/PDF (large ones queued)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govflex.attendance import exports
from govflex.attendance.models import ExportJob
from govflex.attendance.report_requests import (
    BACKGROUND_PERSON_DAYS,
    CONTENT_TYPES,
    FORMATS,
    ReportRequest,
    build,
    export_job_create,
    file_name,
    render_file,
    size,
)
from govflex.common.errors import NotFound, ValidationFailed
from govflex.common.forms import BEDateField
from govflex.org.access import access_for
from govflex.org.models import Person, Unit
from govflex.org.selectors import person_list, units_reportable
from govflex.org.views.helpers import domain_errors, form_errors
from govflex.privacy.exportlog import log_personal_export

KIND_CHOICES = [
    ("day_sheet", _("Unit day sheet")),
    ("person_month", _("Person's month")),
    ("unit_month", _("Unit's month")),
]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=KIND_CHOICES)
    unit = forms.ModelChoiceField(
        label=_("Unit (with sub-units)"), queryset=Unit.objects.none(), required=False
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )
    day = BEDateField(label=_("Date"), required=False)
    month = forms.CharField(
        label=_("Month"), required=False, help_text=_("Month/year, e.g. 03/2569"), max_length=7
    )

    def clean_month(self) -> tuple[int, int] | None:
        raw = self.cleaned_data.get("month", "").strip()
        if not raw:
            return None
        try:
            month_text, year_text = raw.replace("-", "/").split("/")
            month, year = int(month_text), int(year_text)
        except ValueError as exc:
            raise forms.ValidationError(_("Use month/year, e.g. 03/2569.")) from exc
        year = year - 543 if year > 2400 else year  # Buddhist Era typed, as Thai users do
        if not 1 <= month <= 12:
            raise forms.ValidationError(_("Use month/year, e.g. 03/2569."))
        return year, month


def _form(request: HttpRequest) -> ReportForm:
    access = access_for(request.user)
    form = ReportForm(request.GET or None)
    form.fields["unit"].queryset = units_reportable(access=access)  # type: ignore[attr-defined]
    form.fields["person"].queryset = person_list(access=access)  # type: ignore[attr-defined]
    return form


def _request(form: ReportForm) -> ReportRequest:
    data: dict[str, Any] = form.cleaned_data
    year_month = data.get("month") or (None, None)
    return ReportRequest(
        kind=data["kind"],
        unit_id=data["unit"].pk if data.get("unit") else None,
        person_id=data["person"].pk if data.get("person") else None,
        day=data.get("day") or timezone.localdate(),
        year=year_month[0],
        month=year_month[1],
    )


@login_required
@domain_errors
def report(request: HttpRequest) -> HttpResponseBase:
    form = _form(request)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        access = access_for(request.user)
        wanted = _request(form)
        fmt = request.GET.get("format", "")
        try:
            if fmt in FORMATS:
                if size(access=access, request=wanted) > BACKGROUND_PERSON_DAYS:
                    job = export_job_create(actor=request.user, request=wanted, fmt=fmt)
                    return redirect("attendance:export_job", job_id=job.pk)
                built = build(access=access, request=wanted)
                subject = built.unit or built.person
                log_personal_export(
                    request.user,
                    f"attendance.{built.kind}",
                    getattr(subject, "agency_id", None),
                    len(built.totals or built.rows),
                    {**wanted.as_params(), "format": fmt},
                )
                response = HttpResponse(render_file(built, fmt), content_type=CONTENT_TYPES[fmt])
                response["Content-Disposition"] = f'attachment; filename="{file_name(built, fmt)}"'
                return response
            built = build(access=access, request=wanted)
            header, rows = exports.report_table(built)
            query = request.GET.copy()
            query.pop("format", None)
            context |= {
                "report": built,
                "period": exports.period_label(built),
                "header": header,
                "rows": rows,
                "query": query.urlencode(),
            }
        except ValidationFailed as exc:
            form_errors(form, exc)
    return render(request, "attendance/report.html", context)


@login_required
@domain_errors
def export_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = ExportJob.objects.filter(pk=job_id, created_by_id=request.user.pk).first()
    if job is None:
        raise NotFound
    template = (
        "attendance/export_status.html"
        if request.headers.get("HX-Request")
        else "attendance/export_job.html"
    )
    return render(request, template, {"job": job})


@login_required
@domain_errors
def export_download(request: HttpRequest, job_id: int) -> HttpResponseBase:
    job = ExportJob.objects.filter(
        pk=job_id, created_by_id=request.user.pk, status=ExportJob.Status.DONE
    ).first()
    if job is None or not job.file:
        raise NotFound
    log_personal_export(
        request.user, "attendance.export", None, None, {**job.params, "job": job.pk}
    )
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
