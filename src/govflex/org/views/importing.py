"""Import screens: upload, progress, per-row report, templates."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from govflex.common.errors import ValidationFailed
from govflex.org.importing.columns import COLUMNS, KIND_LABELS, Kind
from govflex.org.importing.jobs import (
    import_job_create,
    import_job_get,
    import_job_retry_valid_only,
)
from govflex.org.importing.templates import template_csv, template_xlsx
from govflex.org.models import ImportJob
from govflex.org.views.helpers import access_of, chosen_agency, domain_errors, form_errors

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file contains"), choices=[(k.value, KIND_LABELS[k]) for k in Kind]
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("CSV in UTF-8 or Thai Windows-874, or an Excel .xlsx workbook."),
    )
    valid_only = forms.BooleanField(
        label=_("Import the valid rows even if some rows have errors"),
        required=False,
        help_text=_("Leave unticked to import nothing while any row has an error."),
    )


@login_required
@domain_errors
def import_start(request: HttpRequest) -> HttpResponse:
    access = access_of(request)
    agency = chosen_agency(request)
    access.require(access.can_manage_org(agency.pk))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_job_create(
                actor=request.user,
                agency=agency,
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                content=upload.read(),
                valid_only=form.cleaned_data["valid_only"],
            )
        except ValidationFailed as exc:
            form_errors(form, exc)
        else:
            return redirect("org:import_job", job_id=job.pk)
    jobs = ImportJob.objects.filter(agency=agency).defer("content")[:10]
    return render(
        request,
        "org/import.html",
        {
            "form": form,
            "agency": agency,
            "jobs": jobs,
            "columns": {k: COLUMNS[k] for k in Kind},
            "kind_labels": KIND_LABELS,
        },
    )


@login_required
@domain_errors
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = import_job_get(access=access_of(request), job_id=job_id)
    template = (
        "org/import_job_status.html" if request.headers.get("HX-Request") else "org/import_job.html"
    )
    return render(request, template, {"job": job})


@login_required
@require_POST
@domain_errors
def import_job_valid_only(request: HttpRequest, job_id: int) -> HttpResponse:
    job = import_job_get(access=access_of(request), job_id=job_id)
    new_job = import_job_retry_valid_only(actor=request.user, job=job)
    return redirect("org:import_job", job_id=new_job.pk)


@login_required
def import_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    try:
        chosen = Kind(kind)
    except ValueError as exc:
        raise Http404 from exc
    if fmt == "csv":
        response = HttpResponse(template_csv(chosen), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(template_xlsx(chosen), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = (
        f'attachment; filename="govflex-{chosen.value}-template.{fmt}"'
    )
    return response
