"""Web pages for work-mode policy versions: list, read, draft, edit, issue, compare."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from govflex.common.errors import DomainError, NotFound, error_text
from govflex.common.forms import BEDateField
from govflex.org.access import access_for
from govflex.org.models import Unit
from govflex.org.views.helpers import chosen_agency, domain_errors, form_errors
from govflex.policies.models import PolicyVersion
from govflex.policies.presentation import (
    MODE_LABELS,
    coverage_rows,
    differences,
    field_rows,
    mode_rows,
)
from govflex.policies.selectors import (
    policy_values_in_force,
    policy_version_get,
    policy_versions,
)
from govflex.policies.services import (
    may_draft,
    may_issue,
    policy_draft_delete,
    policy_draft_save,
    policy_issue,
    values_from_text,
)


class PolicyForm(forms.Form):
    effective_from = BEDateField(label=gettext_lazy("Effective from"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    units = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Only for these units (and their sub-units); none: the whole agency"),
        coerce=int,
        required=False,
    )
    values = forms.CharField(
        label=gettext_lazy("Policy values (YAML)"),
        widget=forms.Textarea(attrs={"rows": 28, "spellcheck": "false", "class": "code"}),
        help_text=gettext_lazy(
            "Sections: standard_day, staggered, counted_hours, off_site, coverage, "
            'position_modes, punches. Times as "08:30", windows as "08:30-16:30". '
            "See docs/domain for every field."
        ),
    )

    def __init__(self, *args: Any, agency: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(agency=agency, active=True).order_by("path")
        self.fields["units"].choices = [(u.pk, u.name_th) for u in units]  # type: ignore[attr-defined]


def _yaml(values: Any) -> str:
    return yaml.safe_dump(values, allow_unicode=True, sort_keys=False)


@login_required
@domain_errors
def policy_list(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    versions = list(policy_versions(access=access, agency_id=agency.pk))
    today = timezone.localdate()
    issued = [v for v in versions if v.status == PolicyVersion.Status.ISSUED]
    in_force = next((v for v in issued if v.effective_from <= today), None)
    return render(
        request,
        "policies/list.html",
        {
            "agency": agency,
            "versions": versions,
            "in_force": in_force,
            "can_draft": may_draft(request.user, agency.pk),
        },
    )


@login_required
@domain_errors
def policy_detail(request: HttpRequest, version_id: int) -> HttpResponse:
    version = policy_version_get(access=access_for(request.user), version_id=version_id)
    values = version.values
    return render(
        request,
        "policies/detail.html",
        {
            "version": version,
            "fields": field_rows(values),
            "modes": mode_rows(values),
            "mode_labels": [MODE_LABELS[m] for m in ("staggered", "counted_hours", "off_site")],
            "coverage": coverage_rows(values),
            "yaml": _yaml(values),
            "can_draft": may_draft(request.user, version.agency_id),
            "can_issue": may_issue(request.user, version.agency_id)
            and version.status == PolicyVersion.Status.DRAFT,
            "past": version.effective_from < timezone.localdate(),
        },
    )


def _save(
    request: HttpRequest, form: PolicyForm, agency: Any, version_id: int | None
) -> HttpResponse | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        saved = policy_draft_save(
            actor=request.user,
            agency=agency,
            effective_from=data["effective_from"],
            values=values_from_text(data["values"]),
            name=data["name"],
            note=data["note"],
            version_id=version_id,
            units=list(Unit.objects.filter(agency=agency, pk__in=data["units"])),
        )
    except DomainError as exc:
        form_errors(form, exc)
        return None
    messages.success(request, _("The draft was saved."))
    return redirect("policies:detail", version_id=saved.pk)


@login_required
@domain_errors
def policy_new(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    source = request.GET.get("from", "")
    if source.isdigit():
        values = policy_version_get(access=access, version_id=int(source)).values
    else:
        values = policy_values_in_force(agency_id=agency.pk, day=timezone.localdate())
    start = timezone.localdate() + dt.timedelta(days=1)
    form = PolicyForm(
        request.POST or None,
        agency=agency,
        initial={"effective_from": start, "values": _yaml(values), "name": values.get("name")},
    )
    if request.method == "POST":
        saved = _save(request, form, agency, None)
        if saved is not None:
            return saved
    return render(request, "policies/form.html", {"form": form, "agency": agency})


@login_required
@domain_errors
def policy_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = policy_version_get(access=access_for(request.user), version_id=version_id)
    if version.status != PolicyVersion.Status.DRAFT:
        raise NotFound
    form = PolicyForm(
        request.POST or None,
        agency=version.agency,
        initial={
            "effective_from": version.effective_from,
            "name": version.name,
            "note": version.note,
            "units": [unit.pk for unit in version.units.all()],
            "values": _yaml(version.values),
        },
    )
    if request.method == "POST":
        saved = _save(request, form, version.agency, version.pk)
        if saved is not None:
            return saved
    return render(
        request, "policies/form.html", {"form": form, "agency": version.agency, "version": version}
    )


@login_required
@require_POST
@domain_errors
def policy_action(request: HttpRequest, version_id: int) -> HttpResponse:
    version = policy_version_get(access=access_for(request.user), version_id=version_id)
    action = request.POST.get("action", "")
    if action not in {"issue", "delete"}:
        raise NotFound
    try:
        if action == "issue":
            policy_issue(
                actor=request.user,
                agency=version.agency,
                version_id=version.pk,
                backdate_reason=request.POST.get("backdate_reason", ""),
            )
            messages.success(request, _("The policy was issued."))
        elif action == "delete":
            policy_draft_delete(actor=request.user, agency=version.agency, version_id=version.pk)
            messages.success(request, _("The draft was deleted."))
            return redirect("policies:list")
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("policies:detail", version_id=version.pk)


@login_required
@domain_errors
def policy_compare(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    first, second = request.GET.get("a", ""), request.GET.get("b", "")
    if not (first.isdigit() and second.isdigit()):
        raise NotFound
    before = policy_version_get(access=access, version_id=int(first))
    after = policy_version_get(access=access, version_id=int(second))
    if before.agency_id != after.agency_id:
        raise NotFound
    return render(
        request,
        "policies/compare.html",
        {
            "before": before,
            "after": after,
            "rows": differences(
                {**before.values, "effective_from": str(before.effective_from)},
                {**after.values, "effective_from": str(after.effective_from)},
            ),
        },
    )
