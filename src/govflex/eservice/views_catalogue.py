"""Staff pages of the catalogue: the agency's services and its privacy notice (kept by HR
officers and executives; everyone in the agency can read them)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from govflex.common.errors import AccessDenied, DomainError, NotFound
from govflex.eservice.catalogue import (
    SERVICE_FIELDS,
    may_manage,
    notice_current,
    notice_publish,
    notices,
    service_for_staff,
    service_save,
    services_for_staff,
)
from govflex.eservice.forms import NoticeForm, ServiceForm
from govflex.org.access import access_for
from govflex.org.models import Unit
from govflex.org.views.helpers import chosen_agency, domain_errors, form_errors


@login_required
@domain_errors
def catalogue_page(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    return render(
        request,
        "eservice/catalogue.html",
        {
            "agency": agency,
            "services": services_for_staff(access=access, agency_id=agency.pk),
            "can_manage": may_manage(access, agency.pk),
            "notice": notice_current(agency_id=agency.pk),
        },
    )


@login_required
@domain_errors
def service_edit(request: HttpRequest, service_id: int | None = None) -> HttpResponse:
    access = access_for(request.user)
    service = service_for_staff(access=access, service_id=service_id) if service_id else None
    agency = service.agency if service else chosen_agency(request)
    if not may_manage(access, agency.pk):
        raise AccessDenied
    units = list(Unit.objects.filter(agency=agency, active=True).order_by("path"))
    initial = {
        "sla_amount": 3,
        "sla_unit": "working_days",
        "max_files": 3,
        "max_file_mb": 5,
        "active": True,
        "form_fields": "[]",
    }
    if service is not None:
        initial = {
            **{f: getattr(service, f) for f in SERVICE_FIELDS},
            "unit": service.unit_id,
            "form_fields": json.dumps(service.form_fields, ensure_ascii=False, indent=2),
        }
    form = ServiceForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = service_save(
                actor=request.user,
                agency=agency,
                service_id=service.pk if service else None,
                unit=next((u for u in units if u.pk == data["unit"]), None),
                code=data["code"],
                name_th=data["name_th"],
                name_en=data["name_en"],
                description_th=data["description_th"],
                description_en=data["description_en"],
                sla_amount=data["sla_amount"],
                sla_unit=data["sla_unit"],
                form_fields=data["form_fields"],
                max_files=data["max_files"],
                max_file_mb=data["max_file_mb"],
                files_required=data["files_required"],
                active=data["active"],
            )
        except NotFound:
            raise
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The service was saved."))
            return redirect(f"{reverse('eservice:catalogue')}?agency={saved.agency_id}")
    return render(
        request, "eservice/service_form.html", {"form": form, "service": service, "agency": agency}
    )


@login_required
@domain_errors
def notice_page(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    versions = notices(access=access, agency_id=agency.pk)
    can_manage = may_manage(access, agency.pk)
    current = notice_current(agency_id=agency.pk)
    form = NoticeForm(
        request.POST or None, initial={"text_th": current.text_th, "text_en": current.text_en}
    )
    if request.method == "POST":
        if not can_manage:
            raise AccessDenied
        if form.is_valid():
            try:
                published = notice_publish(
                    actor=request.user,
                    agency=agency,
                    text_th=form.cleaned_data["text_th"],
                    text_en=form.cleaned_data["text_en"],
                )
            except DomainError as exc:
                form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Version %(version)d of the privacy notice is published.")
                    % {"version": published.version},
                )
                return redirect(f"{reverse('eservice:notice')}?agency={agency.pk}")
    return render(
        request,
        "eservice/notice.html",
        {
            "agency": agency,
            "versions": versions,
            "current": current,
            "form": form,
            "can_manage": can_manage,
        },
    )
