"""The auditor's screen: filter the audit log; administrators can verify the hash chain."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from govflex.common.audit import audit_verify
from govflex.org.audit_export import FORMATS, audit_download, target_type_choices
from govflex.org.audit_selectors import audit_entries
from govflex.org.forms import AuditFilterForm
from govflex.org.views.helpers import access_of, domain_errors, paginate


@login_required
@domain_errors
def audit_list(request: HttpRequest) -> HttpResponseBase:
    access = access_of(request)
    form = AuditFilterForm(request.GET or None)
    form.fields["target_type"].choices = target_type_choices()  # type: ignore[attr-defined]
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(access=access, **{k: v for k, v in filters.items() if v})
    if request.GET.get("format") in FORMATS and form.is_valid():  # the filtered entries
        return audit_download(request, entries, request.GET["format"], filters)
    verify = audit_verify() if request.GET.get("verify") and access.is_admin else None
    return render(
        request,
        "org/audit_list.html",
        {"form": form, "verify": verify, **paginate(request, entries)},
    )
