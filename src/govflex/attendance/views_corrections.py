"""Corrections: staff see their exceptions and file; supervisors decide from a queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from govflex.attendance.corrections import (
    correction_decide,
    correction_file,
    correction_withdraw,
    corrections_to_decide,
    may_decide,
    my_exceptions,
)
from govflex.attendance.models import Correction
from govflex.attendance.services import settings_for
from govflex.common.errors import AccessDenied, DomainError, NotFound, error_text
from govflex.common.forms import BEDateField
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import own_person
from govflex.org.views.helpers import domain_errors, form_errors


class CorrectionForm(forms.Form):
    day = BEDateField(label=gettext_lazy("Date"))
    kind = forms.ChoiceField(label=gettext_lazy("What happened"), choices=Correction.Kind.choices)
    times = forms.CharField(
        label=gettext_lazy("Times to add"),
        required=False,
        help_text=gettext_lazy("For a forgotten punch or an outage: e.g. 08:25, 16:40"),
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(
        label=gettext_lazy("Evidence (optional)"),
        required=False,
        help_text=gettext_lazy("PDF, JPEG or PNG, at most 5 MB."),
    )


def _me(request: HttpRequest) -> Person:
    person = own_person(access=access_for(request.user))
    if person is None:
        raise NotFound
    return person


@login_required
@domain_errors
def corrections(request: HttpRequest) -> HttpResponse:
    person = _me(request)
    window = settings_for(person.agency_id).correction_window_days
    since = timezone.localdate() - dt.timedelta(days=window)
    initial = {"day": request.GET.get("day")} if request.GET.get("day") else None
    form = CorrectionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            correction_file(
                actor=request.user,
                person=person,
                day=data["day"],
                kind=data["kind"],
                reason=data["reason"],
                times=[t for t in data["times"].replace(" ", ",").split(",") if t],
                evidence=data["evidence"],
            )
        except AccessDenied:
            raise
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Your correction was sent for approval."))
            return redirect("attendance:corrections")
    return render(
        request,
        "attendance/corrections.html",
        {
            "form": form,
            "exceptions": my_exceptions(person=person, since=since),
            "mine": Correction.objects.filter(person=person)[:50],
            "window": window,
        },
    )


@login_required
@require_POST
@domain_errors
def withdraw(request: HttpRequest, correction_id: int) -> HttpResponse:
    correction = Correction.objects.filter(pk=correction_id).first()
    if correction is None:
        raise NotFound
    try:
        correction_withdraw(actor=request.user, correction=correction)
    except DomainError as exc:
        if isinstance(exc, AccessDenied):
            raise NotFound from exc
        messages.error(request, str(exc.message))
    return redirect("attendance:corrections")


@login_required
@domain_errors
def approvals(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    from govflex.attendance.leave import leaves_to_decide  # noqa: PLC0415 - keeps views light

    return render(
        request,
        "attendance/approvals.html",
        {
            "pending": corrections_to_decide(access=access),
            "leaves": leaves_to_decide(access=access),
        },
    )


def record_decision(request: HttpRequest, decide: Callable[[bool, str], object]) -> HttpResponse:
    """Run a decision service with the posted choice and note; report back on the queue."""
    try:
        decide(request.POST.get("decision") == "approve", request.POST.get("note", ""))
    except AccessDenied:
        raise
    except DomainError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The decision was recorded."))
    return redirect("attendance:approvals")


@login_required
@require_POST
@domain_errors
def decide(request: HttpRequest, correction_id: int) -> HttpResponse:
    access = access_for(request.user)
    correction = corrections_to_decide(access=access).filter(pk=correction_id).first()
    if correction is None:
        raise NotFound
    return record_decision(
        request,
        lambda approve, note: correction_decide(
            actor=request.user, correction=correction, approve=approve, note=note
        ),
    )


@login_required
@domain_errors
def evidence(request: HttpRequest, correction_id: int) -> HttpResponseBase:
    """Only the person and those who may decide see the file."""
    correction = Correction.objects.select_related("person__unit").filter(pk=correction_id).first()
    access = access_for(request.user)
    allowed = correction is not None and (
        access.person_id == correction.person_id or may_decide(access, correction)
    )
    if not allowed or correction is None or not correction.evidence:
        raise NotFound
    return FileResponse(correction.evidence.open("rb"), as_attachment=True)
