"""Privacy pages: “My privacy” (consents, notices, download my data), the agency's notices and
retention periods (HR officers change them; everyone in the agency may read them)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from govflex.common.errors import AccessDenied, DomainError, NotFound, error_text
from govflex.core import retention as core
from govflex.eservice.catalogue import notice_current as eservice_notice
from govflex.org.access import access_for
from govflex.org.selectors import default_agency
from govflex.org.views.helpers import chosen_agency, domain_errors, form_errors
from govflex.privacy.consents import consent_give, consent_withdraw, consents_of
from govflex.privacy.forms import NoticeForm, RetentionForm
from govflex.privacy.models import STAFF_NOTICE_KINDS, ConsentKind, NoticeKind
from govflex.privacy.mydata.service import my_data_file
from govflex.privacy.notices import may_manage, notice_current, notice_publish, notice_versions
from govflex.privacy.retention import retention_get, retention_save


@login_required
@never_cache
@domain_errors
def my_privacy(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    agency = default_agency(access=access)
    notices = (
        [notice_current(agency_id=agency.pk, kind=k) for k in STAFF_NOTICE_KINDS] if agency else []
    )
    return render(
        request,
        "privacy/mine.html",
        {
            "consents": consents_of(user=request.user),
            "location_on": getattr(request.user, "location_consent_at", None) is not None,
            "notices": notices,
            "agency": agency,
            "periods": retention_get(actor=request.user, agency=agency) if agency else None,
            "manager": agency is not None and may_manage(access, agency.pk),
        },
    )


@login_required
@require_POST
@domain_errors
def consent(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", ConsentKind.LOCATION)
    raw = request.POST.get("notice_version", "")
    try:
        if request.POST.get("consent") == "yes":
            consent_give(
                user=request.user, kind=kind, notice_version=int(raw) if raw.isdigit() else None
            )
            messages.success(request, _("Your consent was recorded."))
        else:
            consent_withdraw(user=request.user, kind=kind)
            messages.success(request, _("Your consent was withdrawn."))
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("privacy:mine")


@login_required
@domain_errors
def my_data(request: HttpRequest, fmt: str) -> HttpResponse:
    body, content_type, name = my_data_file(actor=request.user, fmt=fmt)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@domain_errors
def notices(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    manager = may_manage(access, agency.pk)
    form = NoticeForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST":
        if not manager:
            raise AccessDenied
        if form.is_valid():
            try:
                published = notice_publish(actor=request.user, agency=agency, **form.cleaned_data)
            except DomainError as exc:
                form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Version %(version)d of the notice is published.")
                    % {"version": published.version},
                )
                return redirect(f"{reverse('privacy:notices')}?agency={agency.pk}")
    kinds = [
        {
            "kind": NoticeKind(k),
            "current": notice_current(agency_id=agency.pk, kind=k),
            "versions": notice_versions(access=access, agency_id=agency.pk, kind=k),
        }
        for k in STAFF_NOTICE_KINDS
    ]
    context: dict[str, Any] = {
        "agency": agency,
        "kinds": kinds,
        "eservice": eservice_notice(agency_id=agency.pk),
        "form": form,
        "manager": manager,
    }
    return render(request, "privacy/notices.html", context)


@login_required
@domain_errors
def retention(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    if not access.can_view_structure(agency.pk):
        raise NotFound
    manager = may_manage(access, agency.pk)
    periods = retention_get(actor=request.user, agency=agency)
    initial = {
        "punch_coordinate_days": periods.punch_coordinates,
        "roll_call_location_days": periods.roll_call_locations,
        "evidence_file_days": periods.evidence_files,
        "eservice_closed_days": periods.eservice_requests,
    }
    form = RetentionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not manager:
            raise AccessDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                retention_save(
                    actor=request.user,
                    agency=agency,
                    periods=core.Periods(
                        punch_coordinates=data["punch_coordinate_days"],
                        roll_call_locations=data["roll_call_location_days"],
                        evidence_files=data["evidence_file_days"],
                        eservice_requests=data["eservice_closed_days"],
                    ),
                )
            except DomainError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("The retention periods were saved."))
                return redirect(f"{reverse('privacy:retention')}?agency={agency.pk}")
    return render(
        request,
        "privacy/retention.html",
        {"agency": agency, "form": form, "periods": periods, "manager": manager},
    )
