"""Web pages for recalls to the office, delegation of approvals and the approval settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govflex.arrangements.approvals.chain import approval_settings
from govflex.arrangements.approvals.recall import recall_issue
from govflex.arrangements.approvals.selectors import delegations_of, recalls_visible
from govflex.arrangements.approvals.upkeep import (
    approval_settings_set,
    delegation_add,
    delegation_revoke,
)
from govflex.arrangements.forms import ApprovalSettingsForm, DelegationForm, RecallForm
from govflex.common.errors import AccessDenied, DomainError, NotFound
from govflex.org.access import access_for
from govflex.org.models import Role
from govflex.org.selectors import person_get, units_reportable
from govflex.org.views.helpers import chosen_agency, domain_errors, form_errors, paginate


@login_required
@domain_errors
def recalls(request: HttpRequest) -> HttpResponse:
    """Recalls I can see; supervisors and executives issue new ones here."""
    access = access_for(request.user)
    units = units_reportable(access=access)
    may_issue = bool(access.supervised_paths) or any(
        access.has_role(agency, Role.EXECUTIVE) for agency in access.agencies()
    )
    form = RecallForm(request.POST or None, units=[(u.pk, u.name_th) for u in units])
    if request.method == "POST":
        if not may_issue:
            raise AccessDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                unit = units.filter(pk=data["unit"]).first() if data["unit"] else None
                person = (
                    person_get(access=access, person_id=data["person"]) if data["person"] else None
                )
                recall = recall_issue(
                    actor=request.user,
                    unit=unit,
                    person=person,
                    include_subunits=data["include_subunits"],
                    start=data["start"],
                    end=data["end"],
                    reason=data["reason"],
                )
            except NotFound:
                form.add_error("person", _("No such person in your scope."))
            except DomainError as exc:
                form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Recall issued: %(days)d days of %(people)d people changed to on site.")
                    % {"days": recall.days_changed, "people": recall.people_affected},
                )
                return redirect("arrangements:recalls")
    return render(
        request,
        "arrangements/recalls.html",
        {
            "form": form,
            "may_issue": may_issue,
            **paginate(request, recalls_visible(actor=request.user), 30),
        },
    )


@login_required
@domain_errors
def delegations(request: HttpRequest) -> HttpResponse:
    form = DelegationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        delegate = get_user_model().objects.filter(username=data["delegate"].strip()).first()
        try:
            delegation_add(
                actor=request.user,
                delegate=delegate,
                start=data["start"],
                end=data["end"],
                note=data["note"],
            )
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Delegation saved."))
            return redirect("arrangements:delegations")
    return render(
        request,
        "arrangements/delegations.html",
        {"form": form, "items": delegations_of(actor=request.user)[:50]},
    )


@login_required
@require_POST
@domain_errors
def delegation_end(request: HttpRequest, delegation_id: int) -> HttpResponse:
    delegation_revoke(actor=request.user, delegation_id=delegation_id)
    messages.success(request, _("Delegation ended."))
    return redirect("arrangements:delegations")


@login_required
@domain_errors
def settings_page(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    if not access.has_role(agency.pk, Role.HR, Role.EXECUTIVE):
        raise AccessDenied
    current = approval_settings(agency)
    form = ApprovalSettingsForm(
        request.POST or None,
        initial={
            "on_site_chain": ", ".join(current.on_site_chain),
            "off_site_chain": ", ".join(current.off_site_chain),
            "remind_after_days": current.remind_after_days,
            "escalate_after_days": current.escalate_after_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            approval_settings_set(
                actor=request.user,
                agency_id=agency.pk,
                on_site_chain=form.steps(data["on_site_chain"]),
                off_site_chain=form.steps(data["off_site_chain"]),
                remind_after_days=data["remind_after_days"],
                escalate_after_days=data["escalate_after_days"],
            )
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The approval settings were saved."))
            return redirect("arrangements:settings")
    return render(request, "arrangements/settings.html", {"form": form, "agency": agency})
