"""HR screens for terminal logs: upload, report, and the terminal-user map."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govflex.attendance.models import TerminalImport
from govflex.attendance.terminal import (
    terminal_import_create,
    terminal_import_get,
    terminal_map_save,
)
from govflex.common.errors import AccessDenied, DomainError
from govflex.core.tabular import UnreadableText, decode_text
from govflex.org.access import access_for
from govflex.org.models import Role
from govflex.org.views.helpers import chosen_agency, domain_errors


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Terminal log (attlog .dat/.txt or CSV)"),
        help_text=gettext_lazy("Importing the same file again adds nothing."),
    )
    device = forms.CharField(label=gettext_lazy("Terminal name"), required=False, max_length=60)


class MapForm(forms.Form):
    mapping = forms.FileField(
        label=gettext_lazy("Mapping CSV: terminal_user_id, staff_id"),
        help_text=gettext_lazy("Only needed where the terminal ID is not the staff ID."),
    )


@login_required
@domain_errors
def terminal(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    access.require(access.has_role(agency.pk, Role.HR))
    upload = UploadForm(prefix="log")
    mapping = MapForm(prefix="map")
    if request.method == "POST" and "log-file" in request.FILES:
        upload = UploadForm(request.POST, request.FILES, prefix="log")
        if upload.is_valid():
            try:
                job = terminal_import_create(
                    actor=request.user,
                    agency=agency,
                    filename=upload.cleaned_data["file"].name,
                    content=upload.cleaned_data["file"].read(),
                    device=upload.cleaned_data["device"],
                )
            except AccessDenied:
                raise
            except DomainError as exc:
                upload.add_error("file", str(exc.message))
            else:
                return redirect("attendance:terminal_job", job_id=job.pk)
    elif request.method == "POST" and "map-mapping" in request.FILES:
        mapping = MapForm(request.POST, request.FILES, prefix="map")
        if mapping.is_valid():
            try:
                text, _encoding = decode_text(mapping.cleaned_data["mapping"].read())
                rows = [
                    (row[0].strip(), row[1].strip())
                    for row in csv.reader(io.StringIO(text))
                    if len(row) >= 2 and row[0].strip() and row[0].strip() != "terminal_user_id"
                ]
                count = terminal_map_save(actor=request.user, agency=agency, rows=rows)
            except UnreadableText:
                mapping.add_error("mapping", _("The file is not a readable CSV."))
            except AccessDenied:
                raise
            except DomainError as exc:
                mapping.add_error("mapping", str(exc.message))
            else:
                messages.success(request, _("%(n)s mappings saved.") % {"n": count})
                return redirect("attendance:terminal")
    return render(
        request,
        "attendance/terminal.html",
        {
            "agency": agency,
            "upload": upload,
            "mapping": mapping,
            "jobs": TerminalImport.objects.filter(agency=agency)[:10],
        },
    )


@login_required
@domain_errors
def terminal_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = terminal_import_get(access=access_for(request.user), job_id=job_id)
    template = (
        "attendance/terminal_status.html"
        if request.headers.get("HX-Request")
        else "attendance/terminal_job.html"
    )
    return render(request, template, {"job": job})
