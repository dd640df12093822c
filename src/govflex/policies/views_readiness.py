"""Web pages for readiness: a person's own record (or HR's), and the gaps per unit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govflex.common.errors import AccessDenied, DomainError, NotFound
from govflex.org.access import access_for
from govflex.org.selectors import person_get, units_reportable
from govflex.org.views.helpers import domain_errors, form_errors
from govflex.policies.models import Readiness
from govflex.policies.readiness import ITEMS, gaps_by_unit, gaps_xlsx, may_record, readiness_set


class ReadinessForm(forms.Form):
    device = forms.ChoiceField(label=gettext_lazy("Device"), choices=Readiness.Device.choices)
    remote_access = forms.BooleanField(label=gettext_lazy("Remote access / VPN"), required=False)
    e_signature = forms.BooleanField(label=gettext_lazy("Electronic signature"), required=False)
    e_saraban = forms.BooleanField(
        label=gettext_lazy("E-document (e-saraban) account"), required=False
    )
    secure_storage = forms.BooleanField(label=gettext_lazy("Secure storage"), required=False)
    training = forms.BooleanField(
        label=gettext_lazy("Training for the new ways of working"), required=False
    )


@login_required
@domain_errors
def readiness_person(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    access = access_for(request.user)
    if person_id is None:
        if access.person_id is None:
            raise NotFound
        person_id = access.person_id
    person = person_get(access=access, person_id=person_id)
    if not may_record(request.user, person):
        raise AccessDenied
    current = Readiness.objects.filter(person=person).first()
    initial = (
        {field: getattr(current, field) for field in ReadinessForm.base_fields}
        if current
        else {"device": Readiness.Device.NONE}
    )
    form = ReadinessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            readiness_set(actor=request.user, person=person, **form.cleaned_data)
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.path)
    return render(
        request,
        "policies/readiness_person.html",
        {
            "form": form,
            "person": person,
            "gaps": [ITEMS[k] for k in current.gaps()] if current else None,
        },
    )


@login_required
@domain_errors
def readiness_gaps(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    units = units_reportable(access=access)
    raw = request.GET.get("unit", "")
    unit = units.filter(pk=int(raw)).first() if raw.isdigit() else units.first()
    if unit is None:
        raise NotFound
    rows = gaps_by_unit(access=access, unit=unit)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            gaps_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="readiness-{unit.code}.xlsx"'
        return response
    totals = [sum(row["cells"][n] for row in rows) for n in range(len(ITEMS))]
    return render(
        request,
        "policies/readiness_gaps.html",
        {
            "unit": unit,
            "units": units,
            "rows": rows,
            "items": list(ITEMS.values()),
            "totals": totals,
        },
    )
