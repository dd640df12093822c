"""Leave screens: my balances and requests, the request form, HR import; decisions share the
approvals page with corrections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from govflex.attendance.leave import (
    balances,
    leave_cancel,
    leave_decide,
    leave_request,
    leaves_to_decide,
)
from govflex.attendance.leave_import import leave_import
from govflex.attendance.models import LEAVE_PARTS, LEAVE_TYPES, Leave
from govflex.attendance.views_corrections import record_decision
from govflex.common.errors import AccessDenied, DomainError, NotFound
from govflex.common.forms import BEDateField
from govflex.core.calendar import fiscal_year_of
from govflex.org.access import access_for
from govflex.org.models import Role
from govflex.org.selectors import own_person
from govflex.org.views.helpers import chosen_agency, domain_errors


class LeaveForm(forms.Form):
    leave_type = forms.ChoiceField(label=gettext_lazy("Leave type"), choices=LEAVE_TYPES)
    start = BEDateField(label=gettext_lazy("From"))
    end = BEDateField(label=gettext_lazy("To"))
    part = forms.ChoiceField(
        label=gettext_lazy("Part of day"),
        choices=LEAVE_PARTS,
        initial="full_day",
        help_text=gettext_lazy("Half days are for a one-day leave."),
    )
    child_birth = BEDateField(
        label=gettext_lazy("Date of birth of the child"),
        required=False,
        help_text=gettext_lazy("For leave to help a wife after birth."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def _add_errors(form: forms.Form, exc: DomainError) -> None:
    fields = exc.details.get("fields", {})
    for field, errors in fields.items():
        target = field if field in form.fields else None
        for error in errors:
            form.add_error(target, error)
    if not fields:
        form.add_error(None, str(exc.message))


@login_required
@domain_errors
def leave_home(request: HttpRequest) -> HttpResponse:
    person = own_person(access=access_for(request.user))
    if person is None:
        raise NotFound
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            leave = leave_request(
                actor=request.user,
                person=person,
                leave_type=data["leave_type"],
                start=data["start"],
                end=data["end"],
                part=data["part"],
                reason=data["reason"],
                child_birth=data["child_birth"],
            )
        except AccessDenied:
            raise
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Your leave request was sent for approval."))
            for warning in leave.warnings:
                messages.warning(request, warning["th" if request.LANGUAGE_CODE == "th" else "en"])
            return redirect("attendance:leave")
    fiscal_year = fiscal_year_of(timezone.localdate())
    return render(
        request,
        "attendance/leave.html",
        {
            "form": form,
            "fiscal_year": fiscal_year,
            "balances": [
                {
                    "label": dict(LEAVE_TYPES)[b.leave_type.value],
                    "entitled": b.entitled,
                    "carried_in": b.carried_in,
                    "taken": b.taken,
                    "remaining": b.remaining,
                }
                for b in balances(person=person, fiscal_year=fiscal_year)
            ],
            "leaves": Leave.objects.filter(person=person)[:50],
        },
    )


@login_required
@require_POST
@domain_errors
def leave_cancel_view(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = Leave.objects.filter(pk=leave_id).first()
    if leave is None:
        raise NotFound
    try:
        leave_cancel(actor=request.user, leave=leave)
    except (AccessDenied, NotFound) as exc:
        raise NotFound from exc
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The leave was cancelled."))
    return redirect("attendance:leave")


@login_required
@require_POST
@domain_errors
def leave_decide_view(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = leaves_to_decide(access=access_for(request.user)).filter(pk=leave_id).first()
    if leave is None:
        raise NotFound
    return record_decision(
        request,
        lambda approve, note: leave_decide(
            actor=request.user, leave=leave, approve=approve, note=note
        ),
    )


class LeaveImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Leave CSV"),
        help_text=gettext_lazy("Columns: staff_id, leave_type, start, end, part, external_id"),
    )


@login_required
@domain_errors
def leave_import_view(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    access.require(access.has_role(agency.pk, Role.HR))
    form = LeaveImportForm(request.POST or None, request.FILES or None)
    outcome, rows = None, []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = leave_import(
                actor=request.user, agency=agency, content=form.cleaned_data["file"].read()
            )
        except AccessDenied:
            raise
        except DomainError as exc:
            form.add_error("file", str(exc.message))
            rows = exc.details.get("rows", [])
    return render(
        request,
        "attendance/leave_import.html",
        {"form": form, "outcome": outcome, "rows": rows, "agency": agency},
    )
