"""Web pages for the roster optimiser (start a run, watch it, review, edit, publish) and for a
person's roster preferences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from govflex.arrangements.book import days_between, entry_text
from govflex.arrangements.forms import plan_choices, plan_value
from govflex.arrangements.models import MODES, PLACES, RosterPreference, RosterProposal
from govflex.arrangements.optimiser import (
    may_propose,
    proposal_discard,
    proposal_edit,
    proposal_publish,
    proposal_start,
)
from govflex.arrangements.preferences import preference_set
from govflex.common.errors import AccessDenied, DomainError, NotFound, error_text
from govflex.common.forms import BEDateField
from govflex.core.enums import PositionType
from govflex.core.thaidate import ENGLISH_WEEKDAYS_SHORT, THAI_WEEKDAYS_SHORT
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import own_person, units_reportable
from govflex.org.views.helpers import domain_errors, form_errors
from govflex.policies.selectors import policy_for

LABELS = dict(MODES) | dict(PLACES)


def _next_monday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


class StartForm(forms.Form):
    unit = forms.TypedChoiceField(label=gettext_lazy("Unit (with sub-units)"), coerce=int)
    start = BEDateField(label=gettext_lazy("First day (a Monday is best)"))
    weeks = forms.IntegerField(label=gettext_lazy("Weeks"), min_value=1, max_value=6, initial=4)
    time_limit_s = forms.IntegerField(
        label=gettext_lazy("Time limit (seconds)"), min_value=2, max_value=120, initial=10
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]


@login_required
@domain_errors
def optimiser(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    units = [u for u in units_reportable(access=access) if may_propose(request.user, u)]
    if not units:
        raise AccessDenied
    unit_id = request.GET.get("unit", "")
    form = StartForm(
        request.POST or None,
        units=[(u.pk, u.name_th) for u in units],
        initial={
            "unit": int(unit_id) if unit_id.isdigit() else units[0].pk,
            "start": _next_monday(),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next((u for u in units if u.pk == data["unit"]), None)
        if unit is None:
            raise NotFound
        try:
            proposal = proposal_start(
                actor=request.user,
                unit=unit,
                start=data["start"],
                weeks=data["weeks"],
                time_limit_s=data["time_limit_s"],
            )
        except DomainError as exc:
            form_errors(form, exc)
        else:
            return redirect("arrangements:proposal", proposal_id=proposal.pk)
    recent = RosterProposal.objects.filter(unit__in=units).select_related("unit")[:20]
    return render(request, "arrangements/optimiser.html", {"form": form, "recent": recent})


def _proposal(request: HttpRequest, proposal_id: int) -> RosterProposal:
    proposal = RosterProposal.objects.select_related("unit").filter(pk=proposal_id).first()
    if proposal is None or not may_propose(request.user, proposal.unit):
        raise NotFound
    return proposal


@login_required
@domain_errors
def proposal_detail(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    if request.method == "POST":
        _act(request, proposal)
        return redirect("arrangements:proposal", proposal_id=proposal.pk)
    thai = (get_language() or "th").startswith("th")
    policy = policy_for(agency_id=proposal.agency_id, day=proposal.start, unit_id=proposal.unit_id)
    standard = policy.standard_day.hours.label()
    days = days_between(proposal.start, proposal.end)
    people = {
        str(p.pk): p
        for p in Person.objects.filter(pk__in=[int(k) for k in proposal.plans]).select_related(
            "position"
        )
    }
    names = THAI_WEEKDAYS_SHORT if thai else ENGLISH_WEEKDAYS_SHORT
    rows = []
    for person_id, plans in sorted(
        proposal.plans.items(),
        key=lambda item: people[item[0]].full_name_th if item[0] in people else "",
    ):
        person = people.get(person_id)
        if person is None:
            continue
        cells = []
        for day in days:
            key = day.isoformat()
            value = plans.get(key)
            cells.append(
                {
                    "day": day,
                    "key": key,
                    "planned": value is not None,
                    "mode": (value or {}).get("mode", ""),
                    "text": entry_text(value, LABELS, standard) if value is not None else "",
                    "fixed": f"{person_id}:{key}" in proposal.fixed,
                    "edited": f"{person_id}:{key}" in proposal.edited,
                    "value": "|".join((value or {}).get(f, "") for f in ("mode", "slot", "place")),
                }
            )
        rows.append(
            {
                "person": person,
                "cells": cells,
                "off_site": sum(1 for c in cells if c["mode"] == "off_site"),
                "choices": plan_choices(
                    policy, PositionType(person.position.position_type), thai=thai
                ),
            }
        )
    running = proposal.status in {RosterProposal.Status.QUEUED, RosterProposal.Status.RUNNING}
    return render(
        request,
        "arrangements/proposal.html",
        {
            "proposal": proposal,
            "days": [(d, names[d.weekday()]) for d in days],
            "rows": rows,
            "running": running,
            "problems": [p["th"] if thai else p["en"] for p in proposal.problems],
            "editable": proposal.status == RosterProposal.Status.PROPOSED,
        },
    )


def _act(request: HttpRequest, proposal: RosterProposal) -> None:
    action = request.POST.get("action", "")
    try:
        if action == "edit":
            proposal_edit(
                actor=request.user,
                proposal_id=proposal.pk,
                person_id=int(request.POST.get("person", "0") or 0),
                day=dt.date.fromisoformat(request.POST.get("day", "")),
                value=plan_value(request.POST.get("plan", "")),
            )
            messages.success(request, _("The day was changed in the proposal."))
        elif action == "publish":
            count = proposal_publish(actor=request.user, proposal_id=proposal.pk)
            messages.success(
                request,
                _("Published: %(n)d days changed; the people were notified.") % {"n": count},
            )
        elif action == "discard":
            proposal_discard(actor=request.user, proposal_id=proposal.pk)
            messages.success(request, _("The proposal was discarded."))
    except ValueError:
        messages.error(request, _("Enter the date as day/month/year, e.g. 05/03/2569."))
    except DomainError as exc:
        messages.error(request, error_text(exc))


class PreferenceForm(forms.Form):
    slot_ranks = forms.MultipleChoiceField(
        label=gettext_lazy("Preferred slots"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    off_site_weekdays = forms.MultipleChoiceField(
        label=gettext_lazy("Preferred off-site weekdays"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wants_counted_hours = forms.BooleanField(
        label=gettext_lazy("I prefer counted hours (mode 2)"), required=False
    )


@login_required
@domain_errors
def preferences(request: HttpRequest) -> HttpResponse:
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    policy = policy_for(agency_id=me.agency_id, day=timezone.localdate(), unit_id=me.unit_id)
    current = RosterPreference.objects.filter(person=me).first()
    thai = (get_language() or "th").startswith("th")
    weekday_names = THAI_WEEKDAYS_SHORT if thai else ENGLISH_WEEKDAYS_SHORT
    form = PreferenceForm(
        request.POST or None,
        initial={
            "slot_ranks": current.slot_ranks if current else [],
            "off_site_weekdays": [str(n) for n in current.off_site_weekdays] if current else [],
            "wants_counted_hours": current.wants_counted_hours if current else False,
        },
    )
    form.fields["slot_ranks"].choices = [(s.label(), s.label()) for s in policy.staggered.slots]  # type: ignore[attr-defined]
    form.fields["off_site_weekdays"].choices = [(str(n), weekday_names[n]) for n in range(5)]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            preference_set(
                actor=request.user,
                person=me,
                slot_ranks=list(data["slot_ranks"]),
                off_site_weekdays=[int(n) for n in data["off_site_weekdays"]],
                wants_counted_hours=data["wants_counted_hours"],
            )
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Your preferences were saved."))
            return redirect("arrangements:preferences")
    return render(request, "arrangements/preferences.html", {"form": form})
